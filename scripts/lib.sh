# Shared shell functions for scripts/run, scripts/test and the benchmarks. Source, don't run.
# Postgres refuses to run as root, so as root the server runs as the `postgres` user on a
# directory it owns; as anyone else it runs as that user.

pw_root() { cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd; }

pw_log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

pw_die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# A free TCP port on the loopback interface.
pw_free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# The directory of the newest PostgreSQL server binaries.
pw_pg_bindir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -z "$dir" ] && command -v pg_config >/dev/null; then dir=$(pg_config --bindir); fi
    [ -x "$dir/initdb" ] || pw_die "PostgreSQL server binaries not found: run scripts/bootstrap"
    echo "$dir"
}

# Runs a command as the user that owns the Postgres data directory.
pw_as_pg() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# pw_pg_init DIR PASSWORD: a new cluster in DIR with superuser `pulseworks`, loopback only, password auth.
pw_pg_init() {
    local dir=$1 password=$2 bindir pwfile
    bindir=$(pw_pg_bindir)
    mkdir -p "$dir"
    pwfile=$(mktemp)
    printf '%s\n' "$password" >"$pwfile"
    if [ "$(id -u)" = 0 ]; then chown postgres "$dir" "$pwfile"; fi
    chmod 700 "$dir"
    pw_as_pg "$bindir/initdb" -D "$dir" -U pulseworks --pwfile="$pwfile" --auth-local=trust \
        --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
}

# pw_pg_start DIR PORT: starts the cluster in DIR on 127.0.0.1:PORT (TCP only: a Unix socket path
# would be limited to ~100 characters), waits until it accepts connections.
pw_pg_start() {
    local dir=$1 port=$2 bindir
    bindir=$(pw_pg_bindir)
    pw_as_pg "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c max_connections=200 -c fsync=${PW_PG_FSYNC:-on}" \
        start >/dev/null || { tail -n 20 "$dir/server.log" >&2; pw_die "Postgres did not start on port $port (log above)"; }
}

# pw_pg_stop DIR: stops the cluster if it runs.
pw_pg_stop() {
    local dir=$1 bindir
    [ -f "$dir/postmaster.pid" ] || return 0
    bindir=$(pw_pg_bindir)
    pw_as_pg "$bindir/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
}

# pw_pg_createdb PORT PASSWORD NAME: creates database NAME if it does not exist.
pw_pg_createdb() {
    local port=$1 password=$2 name=$3 bindir
    bindir=$(pw_pg_bindir)
    if ! PGPASSWORD=$password "$bindir/psql" -h 127.0.0.1 -p "$port" -U pulseworks -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
        PGPASSWORD=$password "$bindir/createdb" -h 127.0.0.1 -p "$port" -U pulseworks "$name"
    fi
}

# pw_pg_reachable DIR: whether the user that runs Postgres can reach DIR's parent (as root the
# server runs as `postgres`, which cannot enter e.g. /root).
pw_pg_reachable() {
    local parent
    parent=$(dirname "$1")
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- test -x "$parent" 2>/dev/null; else test -x "$parent"; fi
}

# pw_redis_start DIR PORT [extra redis-server args…]: a private redis-server on 127.0.0.1:PORT.
pw_redis_start() {
    local dir=$1 port=$2
    shift 2
    mkdir -p "$dir"
    redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" --daemonize yes \
        --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" "$@" >/dev/null
    for _ in $(seq 1 50); do
        redis-cli -p "$port" ping 2>/dev/null | grep -q PONG && return 0
        sleep 0.1
    done
    tail -n 20 "$dir/redis.log" >&2
    pw_die "Redis did not start (log above)"
}

# pw_redis_stop DIR: stops the redis-server started in DIR.
pw_redis_stop() {
    local dir=$1 pid
    [ -f "$dir/redis.pid" ] || return 0
    pid=$(cat "$dir/redis.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
}

# pw_moto_start LOG PORT [VAR=VALUE…]: moto_server (an S3-compatible mock, installed in the venv
# $PW_VENV) on 127.0.0.1:PORT with the given environment, logging to LOG; waits until it answers
# and leaves its pid in pw_moto_pid.
pw_moto_start() {
    local log=$1 port=$2
    shift 2
    env "$@" "$PW_VENV/bin/moto_server" -H 127.0.0.1 -p "$port" >"$log" 2>&1 &
    pw_moto_pid=$!
    for _ in $(seq 1 300); do
        curl -fsS "http://127.0.0.1:$port/moto-api/" >/dev/null 2>&1 && return 0
        kill -0 "$pw_moto_pid" 2>/dev/null || break
        sleep 0.1
    done
    tail -n 20 "$log" >&2
    pw_die "moto_server did not start on port $port (log above)"
}

# pw_moto_stop PID: stops a moto_server started by pw_moto_start.
pw_moto_stop() {
    local pid=$1
    [ -n "$pid" ] || return 0
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}
