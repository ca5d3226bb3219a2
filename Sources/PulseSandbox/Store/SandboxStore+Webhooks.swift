import PulseCore

extension SandboxStore {
    /// Registers (or replaces) where `action`'s webhooks go.
    func register(action: String, url: String, secret: Secret?) {
        self.webhooks[action] = WebhookRegistration(url: url, secret: secret)
    }

    /// Forgets `action`'s registration; false when there was none.
    func unregister(action: String) -> Bool {
        self.webhooks.removeValue(forKey: action) != nil
    }

    /// Records a delivery of `body` for `action` and returns its id with the registration to
    /// deliver to; without a registration the delivery is recorded as skipped.
    func beginDelivery(action: String, body: String) -> (id: Int, registration: WebhookRegistration?) {
        let registration = self.webhooks[action]
        let id = self.nextDeliveryId
        self.nextDeliveryId += 1
        self.deliveries.append(WebhookDeliveryRecord(
            id: id, action: action, url: registration?.url, body: body, status: registration == nil ? .skipped : .pending
        ))
        return (id, registration)
    }

    /// Records one attempt of delivery `id` (ignored when a reset forgot the delivery).
    func recordAttempt(id: Int, status: WebhookDeliveryRecord.Outcome, responseStatus: Int?, error: String?) {
        guard let index = self.deliveries.firstIndex(where: { $0.id == id }) else { return }
        self.deliveries[index].attempts += 1
        self.deliveries[index].status = status
        self.deliveries[index].responseStatus = responseStatus
        self.deliveries[index].lastError = error
    }

    /// Every delivery, oldest first.
    func allDeliveries() -> [WebhookDeliveryRecord] {
        self.deliveries
    }
}
