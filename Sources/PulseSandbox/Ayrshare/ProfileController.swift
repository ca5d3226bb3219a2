import Foundation
import Hummingbird
import PulseCore

/// `POST /api/profiles` (also at `/profiles/create-profile`, where the official SDKs send it),
/// `GET /api/user` and `DELETE /api/profiles/social` (unlink one network).
struct ProfileController {
    let store: SandboxStore
    let webhooks: WebhookDeliverer

    func addRoutes(to group: RouterGroup<SandboxRequestContext>) {
        group.post("profiles", use: self.create)
        group.post("profiles/create-profile", use: self.create)
        group.get("user", use: self.user)
        group.delete("profiles/social", use: self.unlinkSocial)
    }

    /// `{platform}` with the profile's `Profile-Key`: unlinks that network from the profile.
    @Sendable func unlinkSocial(_ request: Request, context: SandboxRequestContext) async throws -> UnlinkResponse {
        let body = try await request.decodeBody(as: UnlinkBody.self, context: context)
        let profile = try await self.store.profile(key: request.profileKey)
        _ = try await SocialUnlink.unlink(body.platform, refId: profile.refId, store: self.store, webhooks: self.webhooks)
        return UnlinkResponse(status: "success", platform: body.platform?.lowercased() ?? "")
    }

    @Sendable func create(_ request: Request, context: SandboxRequestContext) async throws -> CreatedProfileResponse {
        let body = try await request.decodeBody(as: CreateProfileBody.self, context: context)
        guard let title = body.title?.trimmingCharacters(in: .whitespacesAndNewlines), !title.isEmpty else {
            throw SandboxError.missing("title")
        }
        let profile = try await self.store.createProfile(title: title)
        return CreatedProfileResponse(status: "success", title: profile.title, refId: profile.refId, profileKey: profile.profileKey)
    }

    @Sendable func user(_ request: Request, context: SandboxRequestContext) async throws -> UserResponse {
        UserResponse(try await self.store.profile(key: request.profileKey))
    }
}

/// `{platform}`.
struct UnlinkBody: Decodable {
    let platform: String?
}

/// `{status, platform}`.
struct UnlinkResponse: ResponseEncodable {
    let status: String
    let platform: String
}

/// `{title}`.
struct CreateProfileBody: Decodable {
    let title: String?
}

/// `{status, title, refId, profileKey}`: the only answer that reveals a profile key.
struct CreatedProfileResponse: ResponseEncodable {
    let status: String
    let title: String
    let refId: String
    let profileKey: String
}

/// The profile's linked accounts; `activeSocialAccounts` is left out when nothing is linked,
/// as Ayrshare does.
struct UserResponse: ResponseEncodable {
    struct DisplayName: Encodable {
        let platform: String
        let displayName: String
        let id: String
        let profileUrl: String
        let userImage: String
        let created: String
    }

    let activeSocialAccounts: [String]?
    let displayNames: [DisplayName]
    let refId: String
    let title: String

    init(_ profile: SandboxProfile) {
        self.activeSocialAccounts = profile.linked.isEmpty ? nil : profile.linked.map(\.platform)
        self.displayNames = profile.linked.map {
            DisplayName(
                platform: $0.platform, displayName: $0.displayName, id: $0.id,
                profileUrl: $0.profileURL, userImage: $0.userImage, created: Timestamp.text($0.created)
            )
        }
        self.refId = profile.refId
        self.title = profile.title
    }
}
