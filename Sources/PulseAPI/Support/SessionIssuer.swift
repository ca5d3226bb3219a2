import Foundation
import PulseSecurity
import PulseStore

/// Mints token pairs: a refresh token stored hashed and an access token naming its session.
struct SessionIssuer: Sendable {
    struct TokenPair {
        let accessToken: String
        let refreshToken: String
        /// Seconds until the access token expires.
        let expiresIn: Int
    }

    let auth: any AuthRepository
    let tokens: AccessTokens
    let refreshLifetime: Duration

    /// A new refresh token and the form to store.
    func newRefreshToken() -> (token: String, stored: IssuedRefreshToken) {
        let (token, hash) = RefreshTokens.make()
        let seconds = Double(self.refreshLifetime.components.seconds)
        return (token, IssuedRefreshToken(hash: hash, expiresAt: Date().addingTimeInterval(seconds)))
    }

    /// Starts a new session for `userId`, recording `audit` with it.
    func start(userId: UUID, audit: AuditEntry?) async throws -> TokenPair {
        let refresh = self.newRefreshToken()
        let sessionId = try await self.auth.startSession(userId: userId, refreshToken: refresh.stored, audit: audit)
        return try await self.pair(userId: userId, sessionId: sessionId, refreshToken: refresh.token)
    }

    /// The pair for an existing session whose refresh token was just stored.
    func pair(userId: UUID, sessionId: UUID, refreshToken: String) async throws -> TokenPair {
        let access = try await self.tokens.issue(for: AccessTokenIdentity(userId: userId, sessionId: sessionId))
        return TokenPair(accessToken: access, refreshToken: refreshToken, expiresIn: Int(self.tokens.lifetime.components.seconds))
    }
}
