import Hummingbird
import PulseCore

/// What every `/api` request passes first: the injected latency, the API key, and the rate-limit
/// and error-rate faults, in that order.
struct AyrshareGateMiddleware: RouterMiddleware {
    typealias Context = SandboxRequestContext

    let apiKey: Secret?
    let store: SandboxStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let faults = await self.store.currentFaults()
        if let latency = faults.latencyMs, latency > 0 {
            try await Task.sleep(for: .milliseconds(latency))
        }
        try self.authenticate(request)
        let bucket = request.profileKey.map { "key:\($0)" } ?? "primary"
        switch await self.store.admit(bucket: bucket) {
        case .admitted:
            return try await next(request, context)
        case .rateLimited(let seconds):
            throw SandboxError(.tooManyRequests, code: 429, "Too many requests. Try again in \(seconds) seconds.", retryAfterSeconds: seconds)
        case .failed(let status):
            throw SandboxError(status, "Injected fault: the provider failed (sandbox errorRate).")
        }
    }

    /// Requires a bearer token; with an API key configured it must be that key.
    private func authenticate(_ request: Request) throws(SandboxError) {
        guard let authorization = request.headers[.authorization], authorization.hasPrefix("Bearer ") else {
            throw .unauthenticated
        }
        let token = authorization.dropFirst("Bearer ".count).trimmingCharacters(in: .whitespaces)
        guard !token.isEmpty else { throw .unauthenticated }
        if let apiKey = self.apiKey, token != apiKey.value {
            throw .unauthenticated
        }
    }
}
