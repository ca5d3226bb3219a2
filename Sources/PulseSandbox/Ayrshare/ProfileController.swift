import Foundation
import Hummingbird

/// `POST /api/profiles` (also at `/profiles/create-profile`, where the official SDKs send it) and
/// `GET /api/user`.
struct ProfileController {
    let store: SandboxStore

    func addRoutes(to group: RouterGroup<SandboxRequestContext>) {
        group.post("profiles", use: self.create)
        group.post("profiles/create-profile", use: self.create)
        group.get("user", use: self.user)
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
