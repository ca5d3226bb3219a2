import Foundation
import Hummingbird
import PulseCore
import PulseStore

/// The caller's accounts, creating accounts (an agency adds a client), reading and editing one.
struct AccountController {
    let accounts: any AccountRepository

    func addRoutes(to group: RouterGroup<AuthenticatedContext>) {
        group.get(use: self.list)
        group.post(use: self.create)
    }

    func addAccountRoutes(to group: RouterGroup<AccountContext>) {
        group.get(use: self.show)
        group.patch(use: self.update)
    }

    struct AccountListResponse: ResponseEncodable {
        let accounts: [AccountSummaryResponse]
    }

    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> AccountListResponse {
        AccountListResponse(accounts: try await self.accounts.accounts(userId: context.identity.userId).map(AccountSummaryResponse.init))
    }

    struct CreateRequest: Decodable {
        let name: String
        let timezone: String?
        let websiteUrl: String?
    }

    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> EditedResponse<AccountResponse> {
        let input = try await request.decodeJSON(as: CreateRequest.self, context: context)
        var validator = Validator()
        let name = validator.check(AccountProfileRules.name(input.name))
        let timezone = validator.check(AccountProfileRules.timezone(input.timezone ?? AccountProfileRules.defaultTimezone))
        let website = input.websiteUrl.flatMap { validator.check(AccountProfileRules.websiteURL($0)) }
        try validator.finish()
        guard let name, let timezone else { throw PulseError.internalError }
        let created = try await self.accounts.create(
            accountId: UUID(), owner: context.identity.userId, name: name, timezone: timezone, websiteURL: website
        )
        return AccountResponse(created.account, role: created.role).created()
    }

    @Sendable func show(_ request: Request, context: AccountContext) async throws -> AccountResponse {
        guard let account = try await self.accounts.account(accountId: context.accountId) else { throw PulseError.notFound }
        return AccountResponse(account, role: context.role)
    }

    /// A partial update: absent keys are left alone; `websiteUrl: null` clears the website.
    struct UpdateRequest: Decodable {
        struct Settings: Decodable {
            let adminsCanApprove: Bool?
        }

        let name: String?
        let timezone: String?
        let websiteUrl: String??
        let settings: Settings?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.name = try container.decodeIfPresent(String.self, forKey: .name)
            self.timezone = try container.decodeIfPresent(String.self, forKey: .timezone)
            self.websiteUrl = container.contains(.websiteUrl)
                ? .some(try container.decodeIfPresent(String.self, forKey: .websiteUrl)) : nil
            self.settings = try container.decodeIfPresent(Settings.self, forKey: .settings)
        }

        private enum CodingKeys: String, CodingKey { case name, timezone, websiteUrl, settings }
    }

    @Sendable func update(_ request: Request, context: AccountContext) async throws -> AccountResponse {
        let input = try await request.decodeJSON(as: UpdateRequest.self, context: context)
        var validator = Validator()
        var changes = AccountChanges()
        changes.name = input.name.flatMap { validator.check(AccountProfileRules.name($0)) }
        changes.timezone = input.timezone.flatMap { validator.check(AccountProfileRules.timezone($0)) }
        if let website = input.websiteUrl {
            changes.websiteURL = .some(website.flatMap { validator.check(AccountProfileRules.websiteURL($0)) })
        }
        changes.adminsCanApprove = input.settings?.adminsCanApprove
        var actions: [AccountAction] = []
        if input.name != nil || input.timezone != nil || input.websiteUrl != nil { actions.append(.editAccountProfile) }
        if input.settings != nil { actions.append(.editAccountSettings) }
        let authorize = context.check(actions)
        try authorize(context.role, context.settings)
        try validator.finish()
        let account = try await self.accounts.update(
            accountId: context.accountId, actor: context.userId, changes: changes, authorize: authorize
        )
        return AccountResponse(account, role: context.role)
    }
}
