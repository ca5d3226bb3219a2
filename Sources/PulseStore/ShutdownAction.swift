import ServiceLifecycle

/// A service that does nothing until graceful shutdown, then runs `action` (e.g. stopping a thread pool).
public struct ShutdownAction: Service {
    let action: @Sendable () async throws -> Void

    public init(_ action: @escaping @Sendable () async throws -> Void) {
        self.action = action
    }

    public func run() async throws {
        try? await gracefulShutdown()
        try await self.action()
    }
}
