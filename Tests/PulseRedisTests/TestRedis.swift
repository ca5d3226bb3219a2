import Foundation
import Logging
import PulseRedis
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Shared helpers for tests that talk to the real Redis started by scripts/test.
enum TestRedis {
    /// The server under test; a missing variable fails the test instead of skipping it, so a
    /// misconfigured CI run cannot pass silently.
    static func url() throws -> String {
        let url = ProcessInfo.processInfo.environment["REDIS_URL"]
        return try #require(
            url.flatMap { $0.isEmpty ? nil : $0 },
            "REDIS_URL is not set: run the tests through scripts/test"
        )
    }

    static func configuration() throws -> RedisConfiguration {
        try RedisConfiguration(url: Self.url())
    }

    /// A key prefix no other test (or concurrent run) uses.
    static func uniquePrefix() -> String {
        "pulseredis-test:\(UUID().uuidString):"
    }

    static let logger = Logger(label: "PulseRedisTests")

    /// Runs `body` with a client and always shuts it down, so no thread pool outlives its test.
    static func withClient(
        _ configuration: RedisConfiguration,
        _ body: (RedisClient) async throws -> Void
    ) async throws {
        let client = RedisClient(configuration: configuration, logger: Self.logger)
        do {
            try await body(client)
            try await client.shutdown()
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// Runs `body` with a client for REDIS_URL.
    static func withClient(
        configure: (inout RedisConfiguration) -> Void = { _ in },
        _ body: (RedisClient) async throws -> Void
    ) async throws {
        var configuration = try Self.configuration()
        configure(&configuration)
        try await Self.withClient(configuration, body)
    }

    /// A localhost port nothing listens on: bound once to learn a free number, then released.
    static func closedPort() throws -> Int {
        #if canImport(Glibc)
        let socketType = Int32(SOCK_STREAM.rawValue)
        #else
        let socketType = SOCK_STREAM
        #endif
        let descriptor = socket(AF_INET, socketType, 0)
        try #require(descriptor >= 0, "cannot create a socket")
        defer { close(descriptor) }

        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        try #require(bound == 0, "cannot bind a socket")

        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getsockname(descriptor, $0, &length)
            }
        }
        try #require(named == 0, "cannot read the bound port")
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// A configuration pointing at a closed port, with a short backoff for fast tests.
    static func deadConfiguration(backoff: Duration = .seconds(1)) throws -> RedisConfiguration {
        var configuration = RedisConfiguration(host: "127.0.0.1", port: try Self.closedPort())
        configuration.reconnectBackoff = backoff
        configuration.connectTimeout = .milliseconds(300)
        return configuration
    }
}

/// A clock that only moves when a test says so.
///
/// `@unchecked Sendable` is safe because `current` is only read and written under `lock`.
final class ManualNow: @unchecked Sendable {
    private let lock = NSLock()
    private var current = ContinuousClock.now

    var now: @Sendable () -> ContinuousClock.Instant {
        { self.read() }
    }

    func advance(by duration: Duration) {
        self.lock.withLock { self.current = self.current.advanced(by: duration) }
    }

    private func read() -> ContinuousClock.Instant {
        self.lock.withLock { self.current }
    }
}
