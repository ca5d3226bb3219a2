/// Where and how to reach Redis, parsed from a `redis://` URL.
///
/// The password is kept out of every description, mirror and error so the configuration can
/// be logged freely.
public struct RedisConfiguration: Sendable {
    /// Host name or IP address (IPv6 without brackets).
    public var host: String
    /// TCP port.
    public var port: Int
    /// Logical database selected after connecting (`SELECT`), 0 by default.
    public var database: Int
    /// ACL user name (Redis 6+); when set, `AUTH user password` is sent instead of `AUTH password`.
    public var username: String?
    /// Kept internal so that the secret cannot be read back and logged by accident.
    var password: String?
    /// How long to wait for the TCP connection to Redis.
    public var connectTimeout: Duration = .milliseconds(500)
    /// How long to wait for each reply before failing with ``RedisError/timeout``.
    public var commandTimeout: Duration = .seconds(2)
    /// Number of blocking threads, and so the maximum number of connections.
    public var poolSize: Int = 4
    /// After a failed connect, how long commands fail fast before another connect is tried.
    public var reconnectBackoff: Duration = .seconds(1)

    /// Creates a configuration from its parts.
    public init(host: String, port: Int = 6379, database: Int = 0, username: String? = nil, password: String? = nil) {
        self.host = host
        self.port = port
        self.database = database
        self.username = username
        self.password = password
    }

    /// Parses `redis://[[user]:password@]host[:port][/db]`.
    ///
    /// The password (and user) may be percent-encoded. Errors never quote the URL, since it may
    /// hold the password.
    public init(url: String) throws(RedisError) {
        let parsed = try RedisURLParser.parse(url)
        self.init(
            host: parsed.host,
            port: parsed.port,
            database: parsed.database,
            username: parsed.username,
            password: parsed.password
        )
    }

    /// Whether a password is configured (the password itself is never exposed).
    public var hasPassword: Bool {
        self.password != nil
    }

    /// `host:port/db`, used as the `redis` logging metadata.
    public var address: String {
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        return "\(host):\(self.port)/\(self.database)"
    }

    /// The URL with the password replaced by `***`, safe to log.
    public var redactedURL: String {
        var credentials = ""
        if self.username != nil || self.password != nil {
            let user = self.username.map(RedisURLParser.percentEncode) ?? ""
            credentials = self.password == nil ? "\(user)@" : "\(user):***@"
        }
        return "redis://\(credentials)\(self.address)"
    }
}

extension RedisConfiguration: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The redacted URL.
    public var description: String {
        self.redactedURL
    }

    /// The redacted URL.
    public var debugDescription: String {
        "RedisConfiguration(\(self.redactedURL))"
    }

    /// A mirror without the password, so `dump` cannot leak it either.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "url": self.redactedURL,
                "connectTimeout": self.connectTimeout,
                "commandTimeout": self.commandTimeout,
                "poolSize": self.poolSize,
                "reconnectBackoff": self.reconnectBackoff,
            ]
        )
    }
}
