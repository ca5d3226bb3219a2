import Foundation
import Hummingbird
import PulseCore
import PulseIntegrations
import PulseSecurity
import PulseStore

/// The account's provider profile, its linked social accounts and its verified publishing profile.
struct SocialController {
    let social: any SocialRepository
    let ayrshare: AyrshareClient
    let secrets: SecretBox
    let sync: ConnectionSync

    func addRoutes(to account: RouterGroup<AccountContext>) {
        account.post("social/profile", use: self.createProfile)
        account.get("social/connections", use: self.connections)
        account.delete("social/connections/:connectionId", use: self.disconnect)
        account.get("publishing-profile", use: self.publishingProfile)
        account.post("publishing-profile/verify", use: self.verify)
    }

    struct ProfileResponse: ResponseEncodable {
        let providerProfileId: String
        let linkUrl: String?
    }

    /// Creates the provider profile once; calling again returns the same profile.
    @Sendable func createProfile(_ request: Request, context: AccountContext) async throws -> EditedResponse<ProfileResponse> {
        try context.require(.managePublishing)
        if let existing = try await self.social.providerProfile(accountId: context.accountId) {
            return EditedResponse(status: .ok, response: ProfileResponse(providerProfileId: existing.refId, linkUrl: nil))
        }
        // The title is derived from the account, so a retry after a lost answer is refused by the
        // provider as a duplicate instead of creating a second profile.
        let title = "pulseworks-" + context.accountId.text
        let created: AyrshareCreatedProfile
        do {
            created = try await self.ayrshare.createProfile(title: title)
        } catch {
            throw error.apiError
        }
        let sealed = try self.secrets.seal(created.profileKey, context: context.accountId.text)
        let saved = try await self.social.saveProviderProfile(
            accountId: context.accountId, actor: context.userId, refId: created.refId, title: created.title,
            sealedKey: sealed.combined, keyID: sealed.keyID
        )
        context.logger.info("provider profile created", metadata: ["ref_id": .string(saved.refId)])
        return EditedResponse(status: .created, response: ProfileResponse(providerProfileId: saved.refId, linkUrl: nil))
    }

    struct ConnectionResponse: Encodable {
        let id: String
        let platform: String
        let platformAccountId: String
        let displayName: String?
        let status: String

        init(_ record: SocialConnectionRecord) {
            self.id = record.id.text
            self.platform = record.platform.rawValue
            self.platformAccountId = record.platformAccountId
            self.displayName = record.displayName
            self.status = record.status
        }
    }

    struct ConnectionsResponse: ResponseEncodable {
        let connections: [ConnectionResponse]
        /// True when the provider could not be reached and the stored state is shown.
        let stale: Bool
    }

    /// Syncs from the provider, then lists; when the provider is down, lists what is stored.
    @Sendable func connections(_ request: Request, context: AccountContext) async throws -> ConnectionsResponse {
        do {
            let synced = try await self.sync.sync(accountId: context.accountId, actor: context.userId) ?? []
            return ConnectionsResponse(connections: synced.map(ConnectionResponse.init), stale: false)
        } catch let error as PulseError where error.status == 503 {
            context.logger.warning("connections shown from storage: provider unavailable")
            let stored = try await self.social.connections(accountId: context.accountId)
            return ConnectionsResponse(connections: stored.map(ConnectionResponse.init), stale: true)
        }
    }

    @Sendable func disconnect(_ request: Request, context: AccountContext) async throws -> HTTPResponse.Status {
        try context.require(.managePublishing)
        let connectionId = try context.parameters.uuid("connectionId")
        try await self.social.disconnect(accountId: context.accountId, actor: context.userId, connectionId: connectionId)
        return .noContent
    }

    struct PublishingProfileResponse: ResponseEncodable {
        let status: String
        let providerProfileId: String?
        let facebookAccountId: String?
        let instagramAccountId: String?
        let verifiedAt: Date?
        let verifiedBy: String?

        init(_ record: PublishingProfileRecord?) {
            self.status = record?.status ?? "UNVERIFIED"
            self.providerProfileId = record?.providerProfileId
            self.facebookAccountId = record?.facebookAccountId
            self.instagramAccountId = record?.instagramAccountId
            self.verifiedAt = record?.verifiedAt
            self.verifiedBy = record?.verifiedBy.text
        }
    }

    @Sendable func publishingProfile(_ request: Request, context: AccountContext) async throws -> PublishingProfileResponse {
        PublishingProfileResponse(try await self.social.publishingProfile(accountId: context.accountId))
    }

    struct VerifyRequest: Decodable {
        let facebookAccountId: String
        let instagramAccountId: String
    }

    /// Confirms exactly which Facebook Page and Instagram account this account publishes to;
    /// both must be linked to the account's own provider profile right now.
    @Sendable func verify(_ request: Request, context: AccountContext) async throws -> PublishingProfileResponse {
        try context.require(.managePublishing)
        let input = try await request.decodeJSON(as: VerifyRequest.self, context: context)
        var validator = Validator()
        for (field, value) in [("facebookAccountId", input.facebookAccountId), ("instagramAccountId", input.instagramAccountId)]
        where value.trimmingWhitespace().isEmpty || value.utf8.count > 128 {
            validator.add(FieldIssue(field: field, message: "must be an account id of 1 to 128 characters"))
        }
        try validator.finish()
        // Verify against what the provider says now, not against an old sync.
        guard try await self.sync.sync(accountId: context.accountId, actor: context.userId) != nil else {
            throw PulseError.conflict(code: "no_provider_profile", message: "Create the social profile and link accounts first.")
        }
        let profile = try await self.social.verifyPublishingProfile(
            accountId: context.accountId, actor: context.userId,
            facebookAccountId: input.facebookAccountId.trimmingWhitespace(), instagramAccountId: input.instagramAccountId.trimmingWhitespace()
        )
        return PublishingProfileResponse(profile)
    }
}
