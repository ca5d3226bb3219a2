import Logging
import NIOPosix
import ServiceLifecycle

/// A Redis client built on hiredis.
///
/// hiredis is blocking, so every call runs on a dedicated `NIOThreadPool` owned by the client,
/// never on Swift's cooperative pool. Each pool thread uses at most one connection at a time,
/// so the number of connections never exceeds ``RedisConfiguration/poolSize``.
///
/// Run it as a `Service` (or call ``shutdown()``) so that threads and sockets are released.
public final class RedisClient: Sendable, Service {
    /// The configuration the client was created with.
    public let configuration: RedisConfiguration
    let logger: Logger
    let pool: RedisConnectionPool
    private let threadPool: NIOThreadPool
    let scripts: RedisScriptCache

    /// Creates the client and starts its threads; connections are opened lazily.
    public init(configuration: RedisConfiguration, logger: Logger) {
        var logger = logger
        logger[metadataKey: "redis"] = .string(configuration.address)
        var configuration = configuration
        configuration.poolSize = max(1, configuration.poolSize)
        self.configuration = configuration
        self.logger = logger
        self.pool = RedisConnectionPool(configuration: configuration, logger: logger)
        self.threadPool = NIOThreadPool(numberOfThreads: configuration.poolSize)
        self.scripts = RedisScriptCache()
        self.threadPool.start()
    }

    deinit {
        // A forgotten shutdown must not leak sockets or trip NIOThreadPool's deinit assertion;
        // this path cannot await, so it only starts the thread pool's shutdown.
        if let idle = self.pool.beginShutdown() {
            for connection in idle {
                connection.close()
            }
            self.threadPool.shutdownGracefully { _ in }
        }
    }

    /// Sends one command; arguments are sent as UTF-8 bytes.
    public func command(_ arguments: [String]) async throws -> RedisValue {
        try await self.command(arguments.map { Array($0.utf8) })
    }

    /// Sends one binary-safe command.
    ///
    /// - Throws: ``RedisError``, or `CancellationError` if the task was cancelled before the
    ///   command was sent.
    public func command(_ arguments: [[UInt8]]) async throws -> RedisValue {
        try await self.withConnection { connection throws(RedisError) in
            try connection.command(arguments)
        }
    }

    /// Sends several commands in one round trip on one connection and returns their replies.
    ///
    /// If some replies are error replies, all replies are still read (keeping the connection in
    /// step) and then the first error is thrown as ``RedisError/server(_:)``.
    public func pipeline(_ commands: [[String]]) async throws -> [RedisValue] {
        guard !commands.isEmpty else {
            return []
        }
        let encoded = commands.map { $0.map { Array($0.utf8) } }
        let results = try await self.withConnection { connection throws(RedisError) in
            try connection.pipeline(encoded)
        }
        return try results.map { try $0.get() }
    }

    /// Checks that Redis answers `PING` with `PONG`.
    public func ping() async throws {
        let reply = try await self.command(["PING"])
        guard reply == .status("PONG") else {
            throw RedisError.protocolError("PING was not answered with PONG")
        }
    }

    /// The service body: waits for graceful shutdown, then shuts the client down.
    public func run() async throws {
        try? await gracefulShutdown()
        try await self.shutdown()
    }

    /// Closes all idle connections and stops the thread pool; later commands throw
    /// ``RedisError/shutDown``. Calling it again does nothing.
    public func shutdown() async throws {
        guard let idle = self.pool.beginShutdown() else {
            return
        }
        // Closing sockets is a hiredis call too, so it happens on the pool's own threads.
        _ = try? await self.threadPool.runIfActive {
            for connection in idle {
                connection.close()
            }
        }
        // Commands still queued are cancelled; running ones finish and close their connection.
        try await self.threadPool.shutdownGracefully()
        self.logger.debug("Redis client shut down")
    }

    /// Runs `body` with a leased connection on the thread pool and returns the connection after.
    func withConnection<T: Sendable>(
        _ body: @escaping @Sendable (RedisConnection) throws(RedisError) -> T
    ) async throws -> T {
        try self.pool.checkUsable()
        let pool = self.pool
        do {
            return try await self.threadPool.runIfActive {
                let connection = try pool.lease()
                defer { pool.release(connection) }
                return try body(connection)
            }
        } catch let error as RedisError {
            throw error
        } catch {
            // The pool cancels queued work when it shuts down; report that as what it is.
            if self.pool.isShutDown {
                throw RedisError.shutDown
            }
            throw error
        }
    }
}
