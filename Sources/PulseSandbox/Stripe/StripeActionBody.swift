import Foundation
import Hummingbird

/// The body of a Stripe admin action, as JSON or as a form (the hosted pages post forms); every
/// field optional, an empty body meaning all defaults.
struct StripeActionBody: Decodable, Sendable {
    /// Deliver every event twice, with the same event id.
    var duplicate: Bool?
    /// Deliver the action's events in reverse order.
    var reverse: Bool?
    /// `update` only: the new status.
    var status: String?
    /// `update` only: the new prices, one item each.
    var priceIds: [String]?
    /// Whether the body came from an HTML form (a browser), which is answered with a redirect.
    var fromForm = false

    private enum CodingKeys: String, CodingKey { case duplicate, reverse, status, priceIds }

    init() {}

    /// Reads the request's body; a 400 in the admin API's shape when it is neither.
    static func read(_ request: Request, context: SandboxRequestContext) async throws -> StripeActionBody {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { return StripeActionBody() }
        if request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true {
            let form: StripeFormBody
            do { form = try StripeFormBody(parsing: String(buffer: buffer)) } catch { throw SandboxError(.badRequest, error.message) }
            return Self(form: form)
        }
        do {
            return try JSONDecoder().decode(StripeActionBody.self, from: Data(buffer.readableBytesView))
        } catch {
            throw SandboxError(.badRequest, "The request body must be a JSON object like {\"duplicate\": false, \"reverse\": false}.")
        }
    }

    /// `duplicate=true|on|1`, `reverse=…`, `status=…`, `priceIds[]=…` or `priceIds=a,b`.
    private init(form: StripeFormBody) {
        let flag = { (name: String) -> Bool? in
            guard case .text(let text)? = form.fields[name] else { return nil }
            return ["true", "on", "1", "yes"].contains(text.lowercased())
        }
        self.duplicate = flag("duplicate")
        self.reverse = flag("reverse")
        if case .text(let status)? = form.fields["status"], !status.isEmpty { self.status = status }
        if case .text(let list)? = form.fields["priceIds"] {
            self.priceIds = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        } else if form.fields["priceIds"] != nil {
            self.priceIds = form.strings("priceIds")
        }
        self.fromForm = true
    }
}

/// `{events: [{id, type, created}], subscription}`: what an action emitted, in logical order.
struct StripeActionResponse: ResponseEncodable {
    struct Event: Encodable {
        let id: String
        let type: String
        let created: Int64
    }

    let events: [Event]
    let subscription: StubSubscription

    init(_ outcome: StripeActionOutcome) {
        self.events = outcome.events.map { Event(id: $0.id, type: $0.type, created: $0.created) }
        self.subscription = outcome.subscription
    }
}

/// An event as `GET /sandbox/stripe/events` lists it: `{id, type, created, status, deliveries, event}`.
struct StripeEventListing: ResponseEncodable {
    let id: String
    let type: String
    let created: Int64
    let status: WebhookDeliveryRecord.Outcome
    let deliveries: [StubEventRecord.Delivery]
    let event: StubEvent

    init(_ record: StubEventRecord) {
        self.id = record.event.id
        self.type = record.event.type
        self.created = record.event.created
        self.status = record.status
        self.deliveries = record.deliveries
        self.event = record.event
    }
}

/// `{url}`: where Stripe events are delivered (null: nowhere).
struct StripeWebhookSetting: Codable, ResponseEncodable {
    var url: String?

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.url, forKey: .url)
    }

    private enum CodingKeys: String, CodingKey { case url }
}
