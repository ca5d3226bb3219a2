import Foundation
import PulseCore

/// A user as other people may see it.
public struct UserRecord: Sendable, Equatable {
    public let id: UUID
    public let email: String
}

/// What login needs: never leaves the auth flow.
public struct UserCredentials: Sendable {
    public let id: UUID
    public let email: String
    public let passwordHash: String
}

/// An account (tenant).
public struct AccountRecord: Sendable, Equatable {
    public let id: UUID
    public let name: String
    public let websiteURL: String?
    public let timezone: String
    public let settings: AccountSettings
    public let plan: String?
    public let postingAddon: Bool
    public let billingStatus: String
    public let createdAt: Date
}

/// An account together with the caller's role in it.
public struct AccountMembership: Sendable, Equatable {
    public let account: AccountRecord
    public let role: Role
}

/// A member of an account.
public struct MemberRecord: Sendable, Equatable {
    public let userId: UUID
    public let email: String
    public let role: Role
    public let createdAt: Date
}

/// An audit event as read back.
public struct AuditEventRecord: Sendable, Equatable {
    public let id: UUID
    public let userId: UUID?
    public let eventType: String
    public let entityType: String?
    public let entityId: String?
    public let metadata: [String: JSONValue]
    public let createdAt: Date
}
