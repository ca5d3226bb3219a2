import Foundation
import Hummingbird
import PulseCore
import PulseStore

/// `GET/PUT …/posting-rules`: how often, on which days and when in the day the account posts.
struct PostingRulesController {
    let rules: any PostingRuleRepository

    func addRoutes(to account: RouterGroup<AccountContext>) {
        account.get("posting-rules", use: self.show)
        account.put("posting-rules", use: self.replace)
    }

    struct RuleResponse: ResponseEncodable {
        let configured: Bool
        let frequency: String?
        let daysOfWeek: [Int]
        let timeWindow: String?

        init(_ rule: PostingRule?) {
            self.configured = rule != nil
            self.frequency = rule?.frequency.rawValue
            self.daysOfWeek = rule?.daysOfWeek ?? []
            self.timeWindow = rule?.timeWindow.rawValue
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(self.configured, forKey: .configured)
            try container.encode(self.frequency, forKey: .frequency)
            try container.encode(self.daysOfWeek, forKey: .daysOfWeek)
            try container.encode(self.timeWindow, forKey: .timeWindow)
        }

        private enum CodingKeys: String, CodingKey { case configured, frequency, daysOfWeek, timeWindow }
    }

    @Sendable func show(_ request: Request, context: AccountContext) async throws -> RuleResponse {
        RuleResponse(try await self.rules.rule(accountId: context.accountId))
    }

    struct RuleRequest: Decodable {
        let frequency: String
        let daysOfWeek: [Int]
        let timeWindow: String
    }

    @Sendable func replace(_ request: Request, context: AccountContext) async throws -> RuleResponse {
        try context.require(.managePublishing)
        let input = try await request.decodeJSON(as: RuleRequest.self, context: context)
        let rule = try PostingRule.make(frequency: input.frequency, daysOfWeek: input.daysOfWeek, timeWindow: input.timeWindow).get()
        let saved = try await self.rules.save(
            accountId: context.accountId, actor: context.userId, rule: rule, authorize: context.check(.managePublishing)
        )
        return RuleResponse(saved)
    }
}
