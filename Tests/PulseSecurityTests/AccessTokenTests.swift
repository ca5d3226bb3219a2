import Foundation
import JWTKit
import PulseCore
import Testing

@testable import PulseSecurity

@Suite struct AccessTokenTests {
    let secret = Secret("unit-test-secret-unit-test-secret-0123456789")
    let identity = AccessTokenIdentity(userId: UUID(), sessionId: UUID())

    @Test func roundTrip() async throws {
        let tokens = await AccessTokens(secret: self.secret)
        let token = try await tokens.issue(for: self.identity)
        #expect(try await tokens.verify(token) == self.identity)
    }

    @Test func expiredTokensAreRefused() async throws {
        let tokens = await AccessTokens(secret: self.secret, lifetime: .seconds(60))
        let token = try await tokens.issue(for: self.identity, now: Date().addingTimeInterval(-120))
        await #expect(throws: PulseError.unauthenticated) { try await tokens.verify(token) }
    }

    @Test func lifetimeIsCappedAtFifteenMinutes() async throws {
        let tokens = await AccessTokens(secret: self.secret, lifetime: .seconds(3600))
        #expect(tokens.lifetime == .seconds(900))
    }

    @Test func anotherSecretIsRefused() async throws {
        let mine = await AccessTokens(secret: self.secret)
        let theirs = await AccessTokens(secret: Secret("another-secret-another-secret-0123456789"))
        let token = try await theirs.issue(for: self.identity)
        await #expect(throws: PulseError.unauthenticated) { try await mine.verify(token) }
    }

    @Test func tamperedPayloadIsRefused() async throws {
        let tokens = await AccessTokens(secret: self.secret)
        let token = try await tokens.issue(for: self.identity)
        var parts = token.split(separator: ".").map(String.init)
        let other = AccessTokenIdentity(userId: UUID(), sessionId: self.identity.sessionId)
        let forged = try await tokens.issue(for: other).split(separator: ".").map(String.init)
        parts[1] = forged[1]
        await #expect(throws: PulseError.unauthenticated) { try await tokens.verify(parts.joined(separator: ".")) }
    }

    @Test func algNoneIsRefused() async throws {
        let tokens = await AccessTokens(secret: self.secret)
        let token = try await tokens.issue(for: self.identity)
        let payload = token.split(separator: ".")[1]
        let header = Base64URL.encode(Array(#"{"alg":"none","typ":"JWT","kid":"\#(tokens.keyID)"}"#.utf8))
        await #expect(throws: PulseError.unauthenticated) { try await tokens.verify("\(header).\(payload).") }
    }

    @Test func unknownOrMissingKidIsRefusedEvenWithTheRightKey() async throws {
        let tokens = await AccessTokens(secret: self.secret)
        let claims = self.claims(issuer: AccessTokens.issuer, audience: AccessTokens.audience)
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: self.secret.value), digestAlgorithm: .sha256, kid: "other")
        let wrongKid = try await keys.sign(claims, kid: "other")
        await #expect(throws: PulseError.unauthenticated) { try await tokens.verify(wrongKid) }
        let noKid = JWTKeyCollection()
        await noKid.add(hmac: HMACKey(from: self.secret.value), digestAlgorithm: .sha256)
        await #expect(throws: PulseError.unauthenticated) { try await tokens.verify(try await noKid.sign(claims)) }
    }

    @Test func wrongIssuerOrAudienceIsRefused() async throws {
        let tokens = await AccessTokens(secret: self.secret)
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: self.secret.value), digestAlgorithm: .sha256, kid: JWKIdentifier(string: tokens.keyID))
        let good = try await keys.sign(self.claims(issuer: AccessTokens.issuer, audience: AccessTokens.audience), kid: JWKIdentifier(string: tokens.keyID))
        #expect(try await tokens.verify(good) == self.identity)
        for claims in [self.claims(issuer: "someone-else", audience: AccessTokens.audience), self.claims(issuer: AccessTokens.issuer, audience: "other-api")] {
            let token = try await keys.sign(claims, kid: JWKIdentifier(string: tokens.keyID))
            await #expect(throws: PulseError.unauthenticated) { try await tokens.verify(token) }
        }
        var longLived = self.claims(issuer: AccessTokens.issuer, audience: AccessTokens.audience)
        longLived.exp = ExpirationClaim(value: Date().addingTimeInterval(3600))
        let token = try await keys.sign(longLived, kid: JWKIdentifier(string: tokens.keyID))
        await #expect(throws: PulseError.unauthenticated) { try await tokens.verify(token) }
    }

    @Test(arguments: ["", "a.b", "a.b.c.d", "not-a-token", String(repeating: "x", count: 5000)])
    func garbageIsRefused(token: String) async {
        let tokens = await AccessTokens(secret: self.secret)
        await #expect(throws: PulseError.unauthenticated) { try await tokens.verify(token) }
    }

    private func claims(issuer: String, audience: String) -> AccessTokenClaims {
        AccessTokenClaims(
            sub: SubjectClaim(value: self.identity.userId.uuidString), sid: self.identity.sessionId.uuidString,
            iss: IssuerClaim(value: issuer), aud: AudienceClaim(value: audience),
            iat: IssuedAtClaim(value: Date()), exp: ExpirationClaim(value: Date().addingTimeInterval(300))
        )
    }
}
