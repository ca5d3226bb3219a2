extension StripeStubStore {
    /// Records a delivery of event `eventId` and returns its id with the URL to deliver to; with
    /// no URL configured it is recorded as skipped.
    func beginDelivery(eventId: String) -> (id: Int, url: String?) {
        let id = self.nextDeliveryId
        self.nextDeliveryId += 1
        let url = self.webhookURL
        if let index = self.events.firstIndex(where: { $0.event.id == eventId }) {
            self.events[index].deliveries.append(.init(id: id, url: url, status: url == nil ? .skipped : .pending))
        }
        return (id, url)
    }

    /// Records one attempt of delivery `id` (ignored when a reset forgot its event).
    func recordAttempt(id: Int, status: WebhookDeliveryRecord.Outcome, responseStatus: Int?, error: String?) {
        for index in self.events.indices {
            guard let delivery = self.events[index].deliveries.firstIndex(where: { $0.id == id }) else { continue }
            self.events[index].deliveries[delivery].attempts += 1
            self.events[index].deliveries[delivery].status = status
            self.events[index].deliveries[delivery].responseStatus = responseStatus
            self.events[index].deliveries[delivery].lastError = error
            return
        }
    }

    /// Every event, oldest first, with its deliveries.
    func allEvents() -> [StubEventRecord] {
        self.events
    }
}
