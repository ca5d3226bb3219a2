import ServiceLifecycle

/// The `hangAfterAcceptRate` fault: the request was acted on, but its answer never comes, as when
/// a connection dies after the provider accepted a post.
enum UnansweredRequest {
    /// A bound on how long an abandoned handler lingers; far beyond any client's timeout.
    static let longest: Duration = .seconds(15 * 60)

    /// Suspends until the server shuts down (so a hanging request never holds up shutdown), the
    /// task is cancelled or `longest` passes, then throws the 503 nobody is waiting for.
    static func hang() async throws -> Never {
        try? await cancelWhenGracefulShutdown {
            try await Task.sleep(for: Self.longest)
        }
        throw SandboxError(.serviceUnavailable, "The sandbox never answered this request (hangAfterAcceptRate).")
    }
}
