import Hummingbird
import PulseCore
import PulseSecurity
import PulseStore

/// Accepts `Authorization: Bearer <access token>` when the token verifies and its session is
/// still live (not logged out, not ended by a password change or refresh-token reuse).
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let tokens: AccessTokens
    let auth: any AuthRepository

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.count > 7,
            header.prefix(7).lowercased() == "bearer "
        else { throw PulseError.unauthenticated }
        let identity = try await self.tokens.verify(String(header.dropFirst(7)).trimmingWhitespace())
        guard try await self.auth.isSessionActive(userId: identity.userId, sessionId: identity.sessionId) else {
            throw PulseError.unauthenticated
        }
        var context = context
        context.identity = identity
        context.logger[metadataKey: "user_id"] = .string(identity.userId.text)
        return try await next(request, context)
    }
}
