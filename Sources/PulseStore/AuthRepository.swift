import Foundation
import PulseCore

/// A new refresh token to store: its hash and when it stops working.
public struct IssuedRefreshToken: Sendable {
    public let hash: Data
    public let expiresAt: Date

    public init(hash: [UInt8], expiresAt: Date) {
        self.hash = Data(hash)
        self.expiresAt = expiresAt
    }
}

/// The claim an `Idempotency-Key` makes: same scope and key with the same fingerprint is a replay.
public struct IdempotencyClaim: Sendable {
    public let scope: String
    public let key: String
    public let fingerprint: Data

    public init(scope: String, key: String, fingerprint: [UInt8]) {
        self.scope = scope
        self.key = key
        self.fingerprint = Data(fingerprint)
    }
}

/// Everything signup writes.
public struct NewSignup: Sendable {
    public let userId: UUID
    public let email: EmailAddress
    public let passwordHash: String
    public let accountId: UUID
    public let accountName: String
    public let timezone: String
    public let websiteURL: String?
    public let refreshToken: IssuedRefreshToken
    public let idempotency: IdempotencyClaim?

    public init(
        userId: UUID = UUID(), email: EmailAddress, passwordHash: String, accountId: UUID = UUID(), accountName: String,
        timezone: String, websiteURL: String?, refreshToken: IssuedRefreshToken, idempotency: IdempotencyClaim?
    ) {
        self.userId = userId
        self.email = email
        self.passwordHash = passwordHash
        self.accountId = accountId
        self.accountName = accountName
        self.timezone = timezone
        self.websiteURL = websiteURL
        self.refreshToken = refreshToken
        self.idempotency = idempotency
    }
}

/// What signup did.
public enum SignupOutcome: Sendable, Equatable {
    /// A new user, account and session (`sessionId` is the refresh family).
    case created(userId: UUID, accountId: UUID, sessionId: UUID)
    /// The same `Idempotency-Key` and body were seen before: nothing was written.
    case replayed(userId: UUID, accountId: UUID)
}

/// What presenting a refresh token did.
public enum RefreshOutcome: Sendable, Equatable {
    /// The token was current: it is now spent and `IssuedRefreshToken` replaces it.
    case rotated(userId: UUID, sessionId: UUID)
    /// The token had already been rotated: its whole family is now revoked.
    case reused(userId: UUID, sessionId: UUID)
    /// Unknown, expired or revoked.
    case invalid
}

/// Users, credentials and sessions.
public protocol AuthRepository: Sendable {
    /// Creates user, account, OWNER membership, first session and audit events in one transaction.
    func signup(_ signup: NewSignup) async throws -> SignupOutcome
    /// The credentials for `email`, if such a user exists.
    func credentials(email: EmailAddress) async throws -> UserCredentials?
    /// The credentials of a user by id.
    func credentials(userId: UUID) async throws -> UserCredentials?
    /// The user and every account they belong to.
    func user(id: UUID) async throws -> UserRecord?
    /// Starts a new session (refresh family) and records `audit` with it.
    func startSession(userId: UUID, refreshToken: IssuedRefreshToken, audit: AuditEntry?) async throws -> UUID
    /// Replaces a stored hash after a login proved the password (parameters were raised).
    func replacePasswordHash(userId: UUID, old: String, new: String) async throws
    /// Spends `presentedHash` and stores `replacement` in the same family; detects reuse.
    func rotate(presentedHash: Data, replacement: IssuedRefreshToken) async throws -> RefreshOutcome
    /// Revokes the family of `presentedHash`; returns its user when one was revoked.
    func logout(presentedHash: Data) async throws -> UUID?
    /// Whether the session is live: not revoked, not expired.
    func isSessionActive(userId: UUID, sessionId: UUID) async throws -> Bool
    /// Sets a new password hash and revokes every session but `keepSessionId`.
    func changePassword(userId: UUID, newHash: String, keepSessionId: UUID) async throws
    /// Appends an event that changes nothing else (a failed login).
    func record(_ entry: AuditEntry) async throws
}
