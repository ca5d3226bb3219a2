import Crypto
import Foundation
import JWTKit
import PulseCore

/// Who an access token says the caller is: the user and the session (refresh family) it belongs to.
public struct AccessTokenIdentity: Sendable, Equatable {
    public let userId: UUID
    public let sessionId: UUID

    public init(userId: UUID, sessionId: UUID) {
        self.userId = userId
        self.sessionId = sessionId
    }
}

/// The claims of a PulseWorks access token.
struct AccessTokenClaims: JWTPayload, Equatable {
    var sub: SubjectClaim
    var sid: String
    var iss: IssuerClaim
    var aud: AudienceClaim
    var iat: IssuedAtClaim
    var exp: ExpirationClaim

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try self.exp.verifyNotExpired()
    }
}

/// Issues and verifies access tokens: HS256 JWTs with a pinned `kid`, issuer, audience and a
/// lifetime of at most 15 minutes.
///
/// jwt-kit falls back to its default key for an unknown `kid` and trusts the header's `alg`, so
/// the header is checked here first: exactly `HS256` and exactly this key's id.
public struct AccessTokens: Sendable {
    public static let issuer = "pulseworks"
    public static let audience = "pulseworks-api"
    public static let maximumLifetime: Duration = .seconds(15 * 60)

    /// The pinned key id, derived from the secret so a new secret never accepts old tokens.
    public let keyID: String
    public let lifetime: Duration
    private let keys: JWTKeyCollection

    public init(secret: Secret, lifetime: Duration = .seconds(15 * 60)) async {
        let digest = SHA256.hash(data: Array(secret.value.utf8))
        self.keyID = "hs256-" + digest.prefix(6).hex
        self.lifetime = min(lifetime, Self.maximumLifetime)
        self.keys = JWTKeyCollection()
        await self.keys.add(hmac: HMACKey(from: secret.value), digestAlgorithm: .sha256, kid: JWKIdentifier(string: self.keyID))
    }

    /// A signed token for `identity`, valid from `now` for the configured lifetime.
    public func issue(for identity: AccessTokenIdentity, now: Date = Date()) async throws -> String {
        // Whole seconds: NumericDate may be fractional, but many JWT consumers expect integers.
        let now = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        let claims = AccessTokenClaims(
            sub: SubjectClaim(value: identity.userId.text),
            sid: identity.sessionId.text,
            iss: IssuerClaim(value: Self.issuer),
            aud: AudienceClaim(value: Self.audience),
            iat: IssuedAtClaim(value: now),
            exp: ExpirationClaim(value: now.addingTimeInterval(self.lifetime.seconds))
        )
        return try await self.keys.sign(claims, kid: JWKIdentifier(string: self.keyID))
    }

    /// The identity in `token`, or `PulseError.unauthenticated` for anything not issued by us and still valid.
    public func verify(_ token: String, now: Date = Date()) async throws(PulseError) -> AccessTokenIdentity {
        guard TokenHeader.isPinned(token, keyID: self.keyID) else { throw .unauthenticated }
        let claims: AccessTokenClaims
        do {
            claims = try await self.keys.verify(token, as: AccessTokenClaims.self)
        } catch {
            throw .unauthenticated
        }
        guard claims.iss.value == Self.issuer,
            claims.aud.value.contains(Self.audience),
            claims.exp.value > now,
            claims.exp.value.timeIntervalSince(claims.iat.value) <= Self.maximumLifetime.seconds,
            claims.iat.value <= now.addingTimeInterval(60),
            let userId = UUID(uuidString: claims.sub.value),
            let sessionId = UUID(uuidString: claims.sid)
        else { throw .unauthenticated }
        return AccessTokenIdentity(userId: userId, sessionId: sessionId)
    }
}

/// Checks a JWT's header before any key is chosen.
enum TokenHeader {
    /// Whether the header says exactly HS256 and `keyID`.
    static func isPinned(_ token: String, keyID: String) -> Bool {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, token.utf8.count <= 4096,
            let bytes = Base64URL.decode(String(parts[0])),
            let header = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
        else { return false }
        guard header["alg"] as? String == "HS256", header["kid"] as? String == keyID else { return false }
        if let type = header["typ"], type as? String != "JWT" { return false }
        return header["crit"] == nil
    }
}
