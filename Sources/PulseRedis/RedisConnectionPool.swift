import Logging
import NIOConcurrencyHelpers

/// The free list of idle connections, the reconnect backoff and the shut-down flag.
///
/// Every method that may block (connect, close) is meant to be called on the client's thread
/// pool; the lock is only held for bookkeeping, never across a network call.
final class RedisConnectionPool: Sendable {
    private struct State {
        var idle: [RedisConnection] = []
        /// Idle plus leased connections.
        var openCount = 0
        /// Set after a failed connect: until then commands fail fast instead of reconnecting.
        var backoffUntil: ContinuousClock.Instant?
        var isShutDown = false
    }

    private let configuration: RedisConfiguration
    private let logger: Logger
    private let state = NIOLockedValueBox(State())

    init(configuration: RedisConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Throws when a command cannot possibly succeed right now, so callers skip the thread hop.
    func checkUsable() throws(RedisError) {
        let now = ContinuousClock.now
        let failure: RedisError? = self.state.withLockedValue { state in
            if state.isShutDown {
                return .shutDown
            }
            if let until = state.backoffUntil, now < until {
                return .unavailable("\(self.configuration.address) is in reconnect backoff after a failed connect")
            }
            return nil
        }
        if let failure {
            throw failure
        }
    }

    /// Whether ``shutdown()`` has been called.
    var isShutDown: Bool {
        self.state.withLockedValue { $0.isShutDown }
    }

    /// Takes an idle connection or opens a new one. Blocking; call on the thread pool.
    func lease() throws(RedisError) -> RedisConnection {
        try self.checkUsable()
        let reused: RedisConnection? = self.state.withLockedValue { state in
            if let connection = state.idle.popLast() {
                return connection
            }
            // Counted before connecting so that shutdown knows a connection may still arrive.
            state.openCount += 1
            return nil
        }
        if let reused {
            return reused
        }

        do {
            let connection = try RedisConnection.open(self.configuration)
            self.logger.debug("Opened a Redis connection")
            return connection
        } catch {
            let until = ContinuousClock.now.advanced(by: self.configuration.reconnectBackoff)
            self.state.withLockedValue { state in
                state.openCount -= 1
                state.backoffUntil = until
            }
            self.logger.warning(
                "Cannot connect to Redis; failing fast until the backoff ends",
                metadata: [
                    "error": "\(error)",
                    "backoff": "\(self.configuration.reconnectBackoff)",
                ]
            )
            throw error
        }
    }

    /// Returns a healthy connection to the free list and frees a broken one. Blocking.
    func release(_ connection: RedisConnection) {
        let keep = !connection.isBroken
        let kept = self.state.withLockedValue { state in
            guard keep, !state.isShutDown else {
                state.openCount -= 1
                return false
            }
            state.idle.append(connection)
            return true
        }
        if !kept {
            if !keep {
                self.logger.debug("Dropping a broken Redis connection")
            }
            connection.close()
        }
    }

    /// Marks the pool shut down and hands back the idle connections for closing.
    ///
    /// Returns nil when the pool was already shut down, which makes shutdown idempotent.
    func beginShutdown() -> [RedisConnection]? {
        self.state.withLockedValue { state in
            guard !state.isShutDown else {
                return nil
            }
            state.isShutDown = true
            let idle = state.idle
            state.openCount -= idle.count
            state.idle = []
            return idle
        }
    }
}
