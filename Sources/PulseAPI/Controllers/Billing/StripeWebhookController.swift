import Foundation
import HTTPTypes
import Hummingbird
import PulseCore
import PulseIntegrations
import PulseStore

/// `POST /api/webhooks/stripe`: signed Stripe events, each recorded once (a duplicate is
/// acknowledged and changes nothing), applied from the subscription's state as Stripe reports it
/// now, so events in any order end in the right state. See docs/billing.md.
struct StripeWebhookController {
    let billing: any BillingRepository
    let stripe: StripeClient
    let secrets: [Secret]
    let configuration: BillingConfiguration

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("api/webhooks/stripe", use: self.receive)
    }

    /// The event types that move plans; others are recorded and acknowledged.
    static let handled: Set<String> = [
        "checkout.session.completed", "customer.subscription.created", "customer.subscription.updated",
        "customer.subscription.deleted", "invoice.paid", "invoice.payment_failed",
    ]

    struct Acknowledgement: ResponseEncodable {
        let status: String
    }

    @Sendable func receive(_ request: Request, context: AppRequestContext) async throws -> Acknowledgement {
        let body = try await request.collectBody(limit: 1 << 20)
        let bytes = Array(body.readableBytesView)
        do {
            try StripeSignature.verify(body: bytes, header: request.headers[HTTPField.Name(StripeSignature.header)!], secrets: self.secrets)
        } catch {
            context.logger.warning("stripe webhook refused", metadata: ["reason": .string("\(error)")])
            throw PulseError.badWebhookSignature
        }
        guard let event = Self.event(from: bytes) else {
            throw PulseError.malformedRequest("The body is not a Stripe event.")
        }
        var logger = context.logger
        logger[metadataKey: "stripe_event"] = .string(event.id)
        guard Self.handled.contains(event.type) else {
            let outcome = try await self.billing.apply(event.withoutSubscription) { _ in throw PulseError.internalError }
            return Acknowledgement(status: outcome == .duplicate ? "duplicate" : "ignored")
        }
        // A duplicate needs no call to Stripe; the insert in `apply` is what makes it exact.
        if try await self.billing.seen(eventId: event.id) {
            return Acknowledgement(status: "duplicate")
        }
        let outcome: BillingEventOutcome
        do {
            outcome = try await self.billing.apply(event) { id in try await self.state(of: id) }
        } catch let error as StripeError where !error.isRetryable {
            // Stripe does not know the subscription (or refuses to show it): retrying will not
            // help, so the delivery is acknowledged and nothing is stored.
            logger.warning("Stripe refused to show the event's subscription", metadata: ["error": .string(error.message)])
            return Acknowledgement(status: "ignored")
        } catch let error as StripeError {
            // Nothing was stored: Stripe delivers again later.
            logger.warning("could not fetch the subscription from Stripe", metadata: ["error": .string(error.message)])
            throw PulseError.unavailable("Stripe could not be reached; deliver again later.", retryAfterSeconds: 60)
        }
        switch outcome {
        case .duplicate: return Acknowledgement(status: "duplicate")
        case .applied(let accountId):
            logger.info("stripe event applied", metadata: ["type": .string(event.type), "account_id": .string(accountId.text)])
            return Acknowledgement(status: "ok")
        case .ignored(let reason):
            logger.notice("stripe event ignored", metadata: ["type": .string(event.type), "reason": .string(reason)])
            return Acknowledgement(status: "ignored")
        }
    }

    /// The subscription as Stripe reports it now.
    func state(of subscriptionId: String) async throws -> SubscriptionState {
        let subscription = try await self.stripe.subscription(id: subscriptionId)
        return SubscriptionState(
            subscriptionId: subscription.id, customerId: subscription.customer,
            status: BillingStatus(stripe: subscription.status) ?? .incomplete,
            plan: subscription.priceIds.lazy.compactMap { self.configuration.plan(forPrice: $0) }.first,
            postingAddon: subscription.priceIds.contains(self.configuration.postingAddonPrice),
            currentPeriodEnd: subscription.currentPeriodEnd, cancelAtPeriodEnd: subscription.cancelAtPeriodEnd
        )
    }

    static func invoiceSubscription(_ invoice: [String: JSONValue]) -> String? {
        if case .object(let parent)? = invoice["parent"], case .object(let details)? = parent["subscription_details"],
            let id = details["subscription"]?.stringValue
        {
            return id
        }
        return invoice["subscription"]?.stringValue
    }

    /// The event's id, type, time and the account, customer and subscription it names.
    static func event(from bytes: [UInt8]) -> BillingEvent? {
        guard let payload = try? JSONDecoder().decode([String: JSONValue].self, from: Data(bytes)),
            let id = payload["id"]?.stringValue, let type = payload["type"]?.stringValue,
            let created = payload["created"]?.numberValue,
            case .object(let data)? = payload["data"], case .object(let object)? = data["object"]
        else { return nil }
        let objectType = object["object"]?.stringValue
        let subscription: String? = switch objectType {
        case "subscription": object["id"]?.stringValue
        // Since API version 2025-03-31 an invoice names its subscription under
        // `parent.subscription_details`; older versions at the top level.
        case "invoice": Self.invoiceSubscription(object)
        default: object["subscription"]?.stringValue
        }
        var accountId = object["client_reference_id"]?.stringValue.flatMap(UUID.init(uuidString:))
        if accountId == nil, case .object(let metadata)? = object["metadata"] {
            accountId = metadata["account_id"]?.stringValue.flatMap(UUID.init(uuidString:))
        }
        return BillingEvent(
            id: id, type: type, created: Int64(created), payload: payload, accountId: accountId,
            customerId: object["customer"]?.stringValue, subscriptionId: subscription
        )
    }
}

extension BillingEvent {
    /// The same event, naming no subscription (for types that do not move plans).
    var withoutSubscription: BillingEvent {
        BillingEvent(id: self.id, type: self.type, created: self.created, payload: self.payload, accountId: self.accountId, customerId: self.customerId, subscriptionId: nil)
    }
}
