import Foundation
import PulseCore

/// The account's profile at the social provider; the key stays sealed here.
public struct ProviderProfileRecord: Sendable, Equatable {
    public let accountId: UUID
    public let refId: String
    public let title: String
    public let sealedKey: Data
    public let keyID: String
}

/// A profile just created at the provider, its key sealed.
public struct NewProviderProfile: Sendable {
    public let refId: String
    public let title: String
    public let sealedKey: Data
    public let keyID: String

    public init(refId: String, title: String, sealedKey: Data, keyID: String) {
        self.refId = refId
        self.title = title
        self.sealedKey = sealedKey
        self.keyID = keyID
    }
}

extension ProviderProfileRecord {
    /// What a provider profile key is sealed with besides the key: its purpose and its account,
    /// so a ciphertext copied to another account or another column does not open. The API seals
    /// with it; the worker opens with it.
    public static func sealingContext(_ accountId: UUID) -> String {
        "provider_profiles.profile_key:" + accountId.text
    }
}

/// A social account linked to an account's provider profile.
public struct SocialConnectionRecord: Sendable, Equatable {
    public let id: UUID
    public let platform: SocialPlatform
    /// The provider profile (ref id) the account is linked through.
    public let providerProfileId: String
    public let platformAccountId: String
    public let displayName: String?
    /// `CONNECTED` or `DISCONNECTED`.
    public let status: String
}

/// Exactly which accounts an account publishes to: a Facebook Page, an Instagram account, or
/// both (never neither). A platform without an account here is not published to.
public struct PublishingProfileRecord: Sendable, Equatable {
    public let providerProfileId: String
    public let facebookAccountId: String?
    public let instagramAccountId: String?
    /// `VERIFIED` or `NEEDS_RECONNECT`.
    public let status: String
    public let verifiedAt: Date
    public let verifiedBy: UUID
    /// The account named for each platform the profile publishes to.
    public var accounts: [SocialPlatform: String] {
        var accounts: [SocialPlatform: String] = [:]
        accounts[.facebook] = self.facebookAccountId
        accounts[.instagram] = self.instagramAccountId
        return accounts
    }
}

/// Provider profiles, social connections, publishing profiles and provider webhook events.
/// Every method takes the account id first and scopes by it.
public protocol SocialRepository: Sendable {
    func providerProfile(accountId: UUID) async throws -> ProviderProfileRecord?
    /// Stores a newly created provider profile; audited. A second profile for the account is a 409.
    func saveProviderProfile(accountId: UUID, actor: UUID, refId: String, title: String, sealedKey: Data, keyID: String) async throws -> ProviderProfileRecord
    /// The account's provider profile, creating it with `create` when there is none. Concurrent
    /// callers for one account are serialised, so exactly one profile is created.
    func providerProfileCreatingOnce(
        accountId: UUID, actor: UUID, create: @Sendable () async throws -> NewProviderProfile
    ) async throws -> (profile: ProviderProfileRecord, created: Bool)
    /// The account whose provider profile has `refId`.
    func account(forRefId refId: String) async throws -> UUID?
    func connections(accountId: UUID) async throws -> [SocialConnectionRecord]
    /// Makes the stored connections match what the provider reports, auditing each change, and
    /// marks a verified publishing profile NEEDS_RECONNECT when its accounts are no longer linked.
    func syncConnections(accountId: UUID, actor: UUID?, refId: String, linked: [LinkedSocialAccount]) async throws -> [SocialConnectionRecord]
    /// Disconnects one connection; audited; may break the publishing profile.
    func disconnect(accountId: UUID, actor: UUID, connectionId: UUID) async throws
    func publishingProfile(accountId: UUID) async throws -> PublishingProfileRecord?
    /// Verifies the publishing profile against the connections stored now: each account given must
    /// be linked, and at least one must be given (422 otherwise). A platform given no account is
    /// not published to.
    func verifyPublishingProfile(accountId: UUID, actor: UUID, facebookAccountId: String?, instagramAccountId: String?) async throws -> PublishingProfileRecord
    /// Records a webhook delivery once and applies `platformUnlinked` (for `social` unlink events)
    /// in the same transaction. Returns false for a duplicate delivery, which changes nothing.
    func recordWebhook(_ event: WebhookEvent) async throws -> Bool
}

/// One signed provider webhook delivery.
public struct WebhookEvent: Sendable {
    public let source: String
    public let eventId: String
    public let accountId: UUID?
    public let eventType: String
    public let payload: String
    /// For a `social` unlink: the platform that was unlinked, applied now.
    public let unlinkedPlatform: SocialPlatform?
    /// Whether the event is fully applied on receipt (`social`) or left for another part (`scheduled`).
    public let appliedOnReceipt: Bool

    public init(
        source: String, eventId: String, accountId: UUID?, eventType: String, payload: String,
        unlinkedPlatform: SocialPlatform?, appliedOnReceipt: Bool
    ) {
        self.source = source
        self.eventId = eventId
        self.accountId = accountId
        self.eventType = eventType
        self.payload = payload
        self.unlinkedPlatform = unlinkedPlatform
        self.appliedOnReceipt = appliedOnReceipt
    }
}
