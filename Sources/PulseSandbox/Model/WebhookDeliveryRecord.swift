import PulseCore

/// Where one action's webhooks go, and the secret that signs them.
struct WebhookRegistration: Sendable {
    let url: String
    /// Replaces the configured webhook secret for this action when set.
    let secret: Secret?
}

/// One webhook the sandbox sent (or tried to), for `GET /sandbox/webhooks`.
struct WebhookDeliveryRecord: Sendable {
    enum Outcome: String, Encodable, Sendable {
        /// Queued or being retried.
        case pending
        /// A 2xx answer arrived.
        case delivered
        /// Every attempt failed.
        case failed
        /// No URL was registered for the action.
        case skipped
    }

    let id: Int
    let action: String
    let url: String?
    let body: String
    var status: Outcome
    var attempts = 0
    /// The HTTP status of the last answer, if one arrived.
    var responseStatus: Int?
    /// Why the last attempt failed, without secrets.
    var lastError: String?
}
