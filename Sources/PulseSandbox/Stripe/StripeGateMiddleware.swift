import Hummingbird
import PulseCore

/// What every Stripe `/v1` request passes first: the secret key, and the translation of every
/// error into Stripe's error shape (the router's own middleware answers in Ayrshare's).
struct StripeGateMiddleware: RouterMiddleware {
    typealias Context = SandboxRequestContext

    /// When set, the bearer token must be this key; when nil any bearer token is accepted.
    let secretKey: Secret?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            try self.authenticate(request)
            return try await next(request, context)
        } catch let error as StripeStubError {
            return try error.response(from: request, context: context)
        } catch let error as HTTPError {
            let type = error.status.code >= 500 ? "api_error" : "invalid_request_error"
            let mapped = StripeStubError(error.status, type: type, error.body ?? error.status.reasonPhrase)
            return try mapped.response(from: request, context: context)
        } catch {
            context.logger.error("sandbox Stripe request failed", metadata: ["error": "\(String(describing: error).prefix(300))"])
            return try StripeStubError(.internalServerError, type: "api_error", "Internal error.").response(from: request, context: context)
        }
    }

    /// Requires a bearer token; with a secret key configured it must be that key.
    private func authenticate(_ request: Request) throws(StripeStubError) {
        guard let authorization = request.headers[.authorization], authorization.hasPrefix("Bearer ") else {
            throw .missingAPIKey
        }
        let token = authorization.dropFirst("Bearer ".count).trimmingWhitespace()
        guard !token.isEmpty else { throw .missingAPIKey }
        if let secretKey = self.secretKey, token != secretKey.value {
            throw .invalidAPIKey
        }
    }
}
