import Foundation
import Hummingbird
import PulseCore
import PulseStore

/// `{id, email}`.
struct UserResponse: ResponseEncodable {
    let id: String
    let email: String

    init(id: UUID, email: String) {
        self.id = id.text
        self.email = email
    }
}

/// An account as listed for a user: enough to render an account switcher.
struct AccountSummaryResponse: ResponseEncodable {
    let id: String
    let name: String
    let role: String
    let timezone: String
    let plan: String?

    init(_ membership: AccountMembership) {
        self.id = membership.account.id.text
        self.name = membership.account.name
        self.role = membership.role.rawValue
        self.timezone = membership.account.timezone
        self.plan = membership.account.plan
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.id, forKey: .id)
        try container.encode(self.name, forKey: .name)
        try container.encode(self.role, forKey: .role)
        try container.encode(self.timezone, forKey: .timezone)
        try container.encode(self.plan, forKey: .plan)
    }

    private enum CodingKeys: String, CodingKey { case id, name, role, timezone, plan }
}

/// The full account, for the account itself.
struct AccountResponse: ResponseEncodable {
    struct Settings: Encodable {
        let adminsCanApprove: Bool
    }

    let id: String
    let name: String
    let timezone: String
    let websiteUrl: String?
    let role: String
    let plan: String?
    let postingAddon: Bool
    let billingStatus: String
    let settings: Settings
    let createdAt: Date

    init(_ account: AccountRecord, role: Role) {
        self.id = account.id.text
        self.name = account.name
        self.timezone = account.timezone
        self.websiteUrl = account.websiteURL
        self.role = role.rawValue
        self.plan = account.plan
        self.postingAddon = account.postingAddon
        self.billingStatus = account.billingStatus
        self.settings = Settings(adminsCanApprove: account.settings.adminsCanApprove)
        self.createdAt = account.createdAt
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.id, forKey: .id)
        try container.encode(self.name, forKey: .name)
        try container.encode(self.timezone, forKey: .timezone)
        try container.encode(self.websiteUrl, forKey: .websiteUrl)
        try container.encode(self.role, forKey: .role)
        try container.encode(self.plan, forKey: .plan)
        try container.encode(self.postingAddon, forKey: .postingAddon)
        try container.encode(self.billingStatus, forKey: .billingStatus)
        try container.encode(self.settings, forKey: .settings)
        try container.encode(self.createdAt, forKey: .createdAt)
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, timezone, websiteUrl, role, plan, postingAddon, billingStatus, settings, createdAt
    }
}

/// A member of an account.
struct MemberResponse: ResponseEncodable {
    let userId: String
    let email: String
    let role: String
    let createdAt: Date

    init(_ member: MemberRecord) {
        self.userId = member.userId.text
        self.email = member.email
        self.role = member.role.rawValue
        self.createdAt = member.createdAt
    }
}

extension ResponseEncodable {
    /// This body with 201 Created.
    func created() -> EditedResponse<Self> {
        EditedResponse(status: .created, response: self)
    }
}
