import Foundation
import PulseCore

/// Changes to an account's profile and settings; nil leaves a field as it is.
public struct AccountChanges: Sendable, Equatable {
    public var name: String?
    public var timezone: String?
    /// `.some(nil)` clears the website.
    public var websiteURL: String??
    public var adminsCanApprove: Bool?

    public init(name: String? = nil, timezone: String? = nil, websiteURL: String?? = nil, adminsCanApprove: Bool? = nil) {
        self.name = name
        self.timezone = timezone
        self.websiteURL = websiteURL
        self.adminsCanApprove = adminsCanApprove
    }

    /// Whether the name, timezone or website change.
    public var touchesProfile: Bool { self.name != nil || self.timezone != nil || self.websiteURL != nil }
    /// Whether the settings change.
    public var touchesSettings: Bool { self.adminsCanApprove != nil }
}

/// Decides whether the acting member may make a change, given their role and the account's
/// settings as read inside the change's own transaction (so a role revoked, or an ADMIN's right
/// to approve withdrawn, meanwhile is honoured); throws to refuse.
public typealias ActorCheck = @Sendable (Role, AccountSettings) throws -> Void

/// Accounts and who belongs to them. Every method takes the account id first and scopes by it.
public protocol AccountRepository: Sendable {
    /// The caller's role and the account's settings, or nil when `userId` is not a member.
    func membership(accountId: UUID, userId: UUID) async throws -> (role: Role, settings: AccountSettings)?
    /// Every account `userId` belongs to, oldest first.
    func accounts(userId: UUID) async throws -> [AccountMembership]
    /// Creates an account owned by `owner`, with its audit event.
    func create(accountId: UUID, owner: UUID, name: String, timezone: String, websiteURL: String?) async throws -> AccountMembership
    /// One account.
    func account(accountId: UUID) async throws -> AccountRecord?
    /// Applies `changes` and records ACCOUNT_UPDATED with the changed fields.
    func update(accountId: UUID, actor: UUID, changes: AccountChanges, authorize: ActorCheck) async throws -> AccountRecord
    /// Members, oldest first.
    func members(accountId: UUID) async throws -> [MemberRecord]
    /// Adds an existing user by email.
    func addMember(accountId: UUID, actor: UUID, email: EmailAddress, role: Role, authorize: ActorCheck) async throws -> MemberRecord
    /// Changes a member's role; the last OWNER cannot be demoted.
    func changeRole(accountId: UUID, actor: UUID, userId: UUID, role: Role, authorize: ActorCheck) async throws -> MemberRecord
    /// Removes a member; the last OWNER cannot be removed.
    func removeMember(accountId: UUID, actor: UUID, userId: UUID, authorize: ActorCheck) async throws
}
