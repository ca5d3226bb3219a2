import Foundation
import Logging
import PulseCore
import PulseIntegrations
import PulseSecurity
import PulseStore

/// Settles items whose outcome is unknown (an ambiguous answer, a lease that ran out) by asking
/// the provider, before any new attempt; and applies stored provider reports (webhooks).
public struct Reconciler: Sendable {
    let store: PublishingStore
    let ayrshare: AyrshareClient
    let secrets: SecretBox
    let settings: PublishingSettings
    let logger: Logger

    public init(store: PublishingStore, ayrshare: AyrshareClient, secrets: SecretBox, settings: PublishingSettings, logger: Logger) {
        self.store = store
        self.ayrshare = ayrshare
        self.secrets = secrets
        self.settings = settings
        self.logger = logger
    }

    /// One pass: up to `limit` UNKNOWN items, then the provider reports waiting (in batches of
    /// `limit`, while whole batches are being settled, so a steady stream of webhooks is kept up with).
    public func runOnce(limit: Int = 50) async throws {
        let claimed = try await self.store.claimUnknown(workerId: self.settings.workerId, lease: self.settings.lease, limit: limit)
        await withTaskGroup(of: Void.self) { group in
            for item in claimed {
                group.addTask { await self.reconcile(item) }
            }
        }
        try await self.applyReports(limit: 4 * limit)
    }

    /// Asks the provider what became of the item's post and records it.
    func reconcile(_ claimed: ClaimedItem) async {
        let item = claimed.item
        let started = Date()
        let outcome: ReconcileOutcome
        do {
            outcome = try await self.lookUp(item)
        } catch {
            outcome = .stillUnknown(
                reason: "The provider could not be asked yet; it will be asked again.",
                retryAt: started.addingTimeInterval(self.settings.reconcileRetry.seconds)
            )
            self.logger.warning("reconciliation lookup failed", metadata: ["item": .string(item.id.text), "error": .string(Publisher.describe(error))])
        }
        do {
            try await self.store.record(outcome, reconciling: claimed, startedAt: started)
            self.logger.info("reconciled", metadata: ["item": .string(item.id.text), "result": .string("\(outcome)")])
        } catch {
            self.logger.error("reconciliation could not be recorded", metadata: ["item": .string(item.id.text), "error": .string(Publisher.describe(error))])
        }
    }

    /// The provider's view of the item: by post id when known, else by idempotency key in the
    /// profile's history. Not found there means it was never sent.
    func lookUp(_ item: ScheduleItemRecord) async throws -> ReconcileOutcome {
        let payload = try await self.store.payload(for: item)
        guard let sealed = payload.sealedKey, let keyID = payload.keyID else {
            // Without a key nothing can have been sent for this account.
            return self.notSent(item)
        }
        let key = try self.secrets.open(
            SecretBox.Sealed(keyID: keyID, combined: sealed), context: ProviderProfileRecord.sealingContext(item.accountId)
        )
        let post: AyrsharePost?
        if let id = item.providerPostId {
            post = try await self.ayrshare.post(id: id, profileKey: key)
        } else {
            let history = try await self.ayrshare.history(profileKey: key, lastDays: 30, limit: 1000)
            post = history.first { $0.idempotencyKey == item.id.text }
        }
        guard let post else { return self.notSent(item) }
        switch ProviderReports.report(post).results[item.platform] {
        case .published(let platformPostId, let url):
            return .published(providerPostId: post.id, platformPostId: platformPostId, postURL: url)
        case .failed(let code, let message):
            return .failed(providerPostId: post.id, code: code, message: message)
        case .pending, nil:
            return .stillUnknown(
                reason: "The provider has the post but no result yet.", retryAt: Date().addingTimeInterval(self.settings.reconcileRetry.seconds)
            )
        }
    }

    /// Never sent: due again now, unless the attempts or the window are used up.
    func notSent(_ item: ScheduleItemRecord) -> ReconcileOutcome {
        .notSent(next: self.settings.retryPolicy.nextAttempt(after: item.attempt, now: Date(), slot: item.scheduledFor, retryAfter: nil, unit: 0))
    }

    /// Applies the stored `scheduled` webhooks to their items, `batch` at a time, oldest first,
    /// paging past the ones still waiting for their publish to be recorded: how many were looked
    /// at, and how many were settled.
    @discardableResult
    func applyReports(limit batch: Int, maximum: Int = 10_000) async throws -> (seen: Int, settled: Int) {
        let giveUpBefore = Date().addingTimeInterval(-self.settings.reportPatience.seconds)
        var cursor: (receivedAt: Date, eventId: String)?
        var (seen, settled) = (0, 0)
        while seen < maximum {
            let events = try await self.store.pendingReports(after: cursor, limit: batch)
            for event in events {
                let report = ProviderReports.report(webhookPayload: event.payload)
                guard let changed = try await self.store.apply(
                    report: report, eventId: event.eventId, accountId: event.accountId, receivedAt: event.receivedAt, giveUpBefore: giveUpBefore
                ) else { continue }
                settled += 1
                if changed > 0 {
                    self.logger.info("provider report applied", metadata: ["event": .string(event.eventId), "items": .stringConvertible(changed)])
                }
            }
            seen += events.count
            guard events.count == batch, let last = events.last else { break }
            cursor = (last.receivedAt, last.eventId)
        }
        return (seen, settled)
    }
}
