import AsyncHTTPClient

/// A time limit on a whole exchange with an outside service (connect, send, read the body),
/// which AsyncHTTPClient's per-request timeouts do not cover on their own.
enum Deadline {
    /// Runs `body`, or throws `HTTPClientError.deadlineExceeded` once `limit` has passed (the
    /// request is then cancelled).
    static func within<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await Self.within(until: ContinuousClock.now + limit, body)
    }

    /// Runs `body`, or throws `HTTPClientError.deadlineExceeded` at `deadline`.
    static func within<T: Sendable>(until deadline: ContinuousClock.Instant, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(until: deadline)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else { throw HTTPClientError.deadlineExceeded }
            return value
        }
    }
}
