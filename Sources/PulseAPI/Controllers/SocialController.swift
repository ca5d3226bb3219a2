import Foundation
import Hummingbird
import Logging
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
    /// Where the provider should deliver webhooks, when this service registers them itself.
    let webhookURL: String?

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
        let accountId = context.accountId
        let (ayrshare, secrets, logger) = (self.ayrshare, self.secrets, context.logger)
        let (profile, created) = try await self.social.providerProfileCreatingOnce(accountId: accountId, actor: context.userId) {
            // A fresh title per attempt: if an answer is lost, the next attempt is not refused as
            // a duplicate forever (the orphan is logged for clean-up).
            let title = "pulseworks-" + accountId.text + "-" + RandomToken.make(byteCount: 4)
            let made: AyrshareCreatedProfile
            do throws(AyrshareFailure) {
                made = try await ayrshare.createProfile(title: title)
            } catch {
                if case .ambiguous = error {
                    logger.warning("provider profile creation unanswered; a profile titled \(title) may be orphaned")
                }
                throw error.apiError
            }
            let sealed = try secrets.seal(made.profileKey, context: ConnectionSync.sealingContext(accountId))
            if let webhookURL = self.webhookURL {
                await self.registerWebhooks(url: webhookURL, profileKey: Secret(made.profileKey), logger: logger)
            }
            return NewProviderProfile(refId: made.refId, title: made.title, sealedKey: sealed.combined, keyID: sealed.keyID)
        }
        if created {
            context.logger.info("provider profile created", metadata: ["ref_id": .string(profile.refId)])
        }
        return EditedResponse(status: created ? .created : .ok, response: ProfileResponse(providerProfileId: profile.refId, linkUrl: nil))
    }

    /// Registers this service for `social` and `scheduled` deliveries of one profile; a failure
    /// is logged (verification registers again), never fatal to the caller.
    func registerWebhooks(url: String, profileKey: Secret, logger: Logger) async {
        for action in ["social", "scheduled"] {
            do {
                try await self.ayrshare.registerWebhook(action: action, url: url, profileKey: profileKey)
            } catch {
                logger.warning("webhook registration failed", metadata: ["action": .string(action), "failure": .string("\(error)")])
            }
        }
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

    /// Syncs from the provider (unless synced in the last few seconds; `?refresh=true` forces
    /// it), then lists; when the provider is down, lists what is stored.
    @Sendable func connections(_ request: Request, context: AccountContext) async throws -> ConnectionsResponse {
        let refresh = request.uri.queryParameters.get("refresh") == "true"
        if !refresh, self.sync.isFresh(context.accountId) {
            let stored = try await self.social.connections(accountId: context.accountId)
            return ConnectionsResponse(connections: stored.map(ConnectionResponse.init), stale: false)
        }
        do {
            let synced = try await self.sync.sync(accountId: context.accountId, actor: context.userId) ?? []
            return ConnectionsResponse(connections: synced.map(ConnectionResponse.init), stale: false)
        } catch let error as PulseError where error.status == 503 {
            context.logger.warning("connections shown from storage: provider unavailable")
            let stored = try await self.social.connections(accountId: context.accountId)
            return ConnectionsResponse(connections: stored.map(ConnectionResponse.init), stale: true)
        }
    }

    /// Unlinks the account at the provider, then records it disconnected here (otherwise the
    /// next sync would find it linked and connect it again).
    @Sendable func disconnect(_ request: Request, context: AccountContext) async throws -> HTTPResponse.Status {
        try context.require(.managePublishing)
        let connectionId = try context.parameters.uuid("connectionId")
        guard let connection = try await self.social.connections(accountId: context.accountId)
            .first(where: { $0.id == connectionId && $0.status == "CONNECTED" }),
            let key = try await self.sync.profileKey(accountId: context.accountId)
        else { throw PulseError.notFound }
        do {
            try await self.ayrshare.unlinkSocial(platform: connection.platform.providerName, profileKey: key)
        } catch {
            throw error.apiError
        }
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
        let facebookAccountId: String?
        let instagramAccountId: String?
    }

    /// Confirms exactly which Facebook Page and Instagram account this account publishes to: a
    /// Page, an Instagram account or both, each linked to the account's own provider profile right
    /// now. A platform given no account is not published to.
    @Sendable func verify(_ request: Request, context: AccountContext) async throws -> PublishingProfileResponse {
        try context.require(.managePublishing)
        let input = try await request.decodeJSON(as: VerifyRequest.self, context: context)
        var validator = Validator()
        for (field, value) in [("facebookAccountId", input.facebookAccountId), ("instagramAccountId", input.instagramAccountId)] {
            guard let value else { continue }
            if value.trimmingWhitespace().isEmpty || value.utf8.count > 128 {
                validator.add(FieldIssue(field: field, message: "must be an account id of 1 to 128 characters"))
            }
        }
        if input.facebookAccountId == nil && input.instagramAccountId == nil {
            validator.add(FieldIssue(field: "facebookAccountId", message: "name a linked Facebook Page, an Instagram account, or both"))
        }
        try validator.finish()
        // Verify against what the provider says now, not against an old sync.
        guard try await self.sync.sync(accountId: context.accountId, actor: context.userId) != nil else {
            throw PulseError.conflict(code: "no_provider_profile", message: "Create the social profile and link accounts first.")
        }
        if let webhookURL = self.webhookURL, let key = try await self.sync.profileKey(accountId: context.accountId) {
            // Again here, so a registration that failed at creation is repaired before publishing starts.
            await self.registerWebhooks(url: webhookURL, profileKey: key, logger: context.logger)
        }
        let profile = try await self.social.verifyPublishingProfile(
            accountId: context.accountId, actor: context.userId,
            facebookAccountId: input.facebookAccountId?.trimmingWhitespace(), instagramAccountId: input.instagramAccountId?.trimmingWhitespace()
        )
        return PublishingProfileResponse(profile)
    }
}
