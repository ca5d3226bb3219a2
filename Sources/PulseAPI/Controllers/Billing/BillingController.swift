import Foundation
import Hummingbird
import PulseCore
import PulseIntegrations
import PulseStore

/// `…/billing` (OWNER only): the plan and its use, Stripe Checkout to subscribe, the Stripe
/// billing portal to change or cancel.
struct BillingController {
    let billing: any BillingRepository
    let accounts: any AccountRepository
    let auth: any AuthRepository
    let stripe: StripeClient
    let configuration: BillingConfiguration

    func addRoutes(to account: RouterGroup<AccountContext>) {
        account.get("billing", use: self.show)
        account.post("billing/checkout", use: self.checkout)
        account.post("billing/portal", use: self.portal)
    }

    struct Limits: Encodable {
        let postsPerMonth: Int
        let connectedPlatforms: Int
        let members: Int
        let aiSpendCapMicros: Int64
    }

    struct Usage: Encodable {
        let month: String
        let posts: Int
        let connectedPlatforms: Int
        let members: Int
        let aiSpendMicros: Int64
    }

    struct BillingResponse: ResponseEncodable {
        let summary: BillingSummary

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            let plan = self.summary.plan
            try container.encode(plan.rawValue, forKey: .plan)
            try container.encode(self.summary.postingAddon, forKey: .postingAddon)
            try container.encode(self.summary.status.rawValue, forKey: .status)
            try container.encode(
                PublishingEntitlement.allowsPublishing(postingAddon: self.summary.postingAddon, billingStatus: self.summary.status.rawValue),
                forKey: .publishingAllowed
            )
            try container.encode(self.summary.trialEndsAt, forKey: .trialEndsAt)
            try container.encode(self.summary.currentPeriodEnd, forKey: .periodEnd)
            try container.encode(self.summary.cancelAtPeriodEnd, forKey: .cancelAtPeriodEnd)
            try container.encode(self.summary.stripeCustomerId != nil, forKey: .hasBillingAccount)
            try container.encode(
                Limits(postsPerMonth: plan.postsPerMonth, connectedPlatforms: plan.connectedPlatforms, members: plan.members, aiSpendCapMicros: plan.aiSpendCapMicros),
                forKey: .limits
            )
            let usage = self.summary.usage
            try container.encode(
                Usage(month: usage.month.description, posts: usage.posts, connectedPlatforms: usage.connectedPlatforms, members: usage.members, aiSpendMicros: usage.aiSpendMicros),
                forKey: .usage
            )
        }

        private enum CodingKeys: String, CodingKey {
            case plan, postingAddon, status, publishingAllowed, trialEndsAt, periodEnd, cancelAtPeriodEnd, hasBillingAccount, limits, usage
        }
    }

    @Sendable func show(_ request: Request, context: AccountContext) async throws -> BillingResponse {
        try context.require(.manageBilling)
        return BillingResponse(summary: try await self.billing.summary(accountId: context.accountId, now: Date()))
    }

    struct CheckoutRequest: Decodable {
        let plan: String
        let postingAddon: Bool?
    }

    struct URLResponse: ResponseEncodable {
        let url: String
    }

    /// A Checkout session for `plan` (and the posting add-on). Creates the account's Stripe
    /// customer the first time; an account with a live subscription changes it in the portal.
    @Sendable func checkout(_ request: Request, context: AccountContext) async throws -> URLResponse {
        try context.require(.manageBilling)
        let input = try await request.decodeJSON(as: CheckoutRequest.self, context: context)
        guard let plan = Plan(rawValue: input.plan) else {
            throw PulseError.invalid("plan", "must be one of " + Plan.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let summary = try await self.billing.summary(accountId: context.accountId, now: Date())
        if summary.status == .active || summary.status == .pastDue || (summary.status == .trialing && summary.currentPeriodEnd != nil) {
            throw PulseError.conflict(
                code: "subscription_exists", message: "This account already has a subscription; change or cancel it in the billing portal."
            )
        }
        let customer = try await self.customer(context: context, existing: summary.stripeCustomerId)
        var prices = [self.configuration.planPrices[plan] ?? BillingConfiguration.sandboxPrice(plan)]
        if input.postingAddon ?? false { prices.append(self.configuration.postingAddonPrice) }
        let session = try await Self.call(context) {
            try await self.stripe.createCheckoutSession(
                CheckoutSessionRequest(
                    accountId: context.accountId, customer: customer, priceIds: prices,
                    successURL: self.configuration.returnURL + "?checkout=success", cancelURL: self.configuration.returnURL + "?checkout=cancelled",
                    metadata: ["plan": plan.rawValue, "posting_addon": (input.postingAddon ?? false) ? "true" : "false"]
                )
            )
        }
        return URLResponse(url: session.url)
    }

    /// A billing portal session for the account's Stripe customer.
    @Sendable func portal(_ request: Request, context: AccountContext) async throws -> URLResponse {
        try context.require(.manageBilling)
        guard let customer = try await self.billing.customer(accountId: context.accountId) else {
            throw PulseError.conflict(code: "no_billing_account", message: "This account has not subscribed yet; start with checkout.")
        }
        let session = try await Self.call(context) {
            try await self.stripe.createPortalSession(customer: customer, returnURL: self.configuration.returnURL)
        }
        return URLResponse(url: session.url)
    }

    /// The account's customer, created at Stripe (idempotently per account) and stored the first time.
    func customer(context: AccountContext, existing: String?) async throws -> String {
        if let existing { return existing }
        guard let account = try await self.accounts.account(accountId: context.accountId),
            let owner = try await self.auth.user(id: context.userId)
        else { throw PulseError.notFound }
        let created = try await Self.call(context) {
            try await self.stripe.createCustomer(accountId: context.accountId, email: owner.email, name: account.name)
        }
        return try await self.billing.saveCustomer(
            accountId: context.accountId, actor: context.userId, customerId: created.id, authorize: context.check(.manageBilling)
        )
    }

    /// Runs a Stripe call; its failures become 503 (worth retrying) or 502.
    static func call<T>(_ context: AccountContext, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as StripeError {
            context.logger.warning("Stripe call failed", metadata: ["error": .string(error.message)])
            if error.isRetryable {
                throw PulseError.unavailable("Billing is unavailable right now; try again in a minute.", retryAfterSeconds: 30)
            }
            throw PulseError.providerRejected("Billing refused the request: " + error.message)
        }
    }
}
