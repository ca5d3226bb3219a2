import Foundation
import Logging
import PulseCore
import PulseIntegrations
import PulseMedia
import PulseSecurity
import PulseStore

/// Publishes one claimed item: verify, send with the item id as idempotency key, record.
public struct Publisher: Sendable {
    let store: PublishingStore
    let ayrshare: AyrshareClient
    let secrets: SecretBox
    let settings: PublishingSettings
    let metrics: WorkerMetrics
    /// Signs the image URL handed to the provider.
    let media: MediaServices
    let logger: Logger

    public init(
        store: PublishingStore, ayrshare: AyrshareClient, secrets: SecretBox, settings: PublishingSettings, metrics: WorkerMetrics,
        media: MediaServices, logger: Logger
    ) {
        self.media = media
        self.store = store
        self.ayrshare = ayrshare
        self.secrets = secrets
        self.settings = settings
        self.metrics = metrics
        self.logger = logger
    }

    /// Claims the item and publishes it; does nothing when the claim fails (cancelled,
    /// rescheduled, or another worker has it).
    public func claimAndPublish(accountId: UUID, id: UUID) async {
        do {
            guard let claimed = try await self.store.claim(accountId: accountId, id: id, workerId: self.settings.workerId, lease: self.settings.lease) else {
                return
            }
            await self.publish(claimed)
        } catch {
            // The item stays SCHEDULED: the next tick puts it back on the queue.
            self.logger.warning("claim failed", metadata: ["item": .string(id.text), "error": .string(Self.describe(error))])
        }
    }

    /// Publishes an item this worker has claimed, and records the outcome. An error while
    /// recording leaves the item PUBLISHING; its lease runs out and reconciliation settles it.
    public func publish(_ claimed: ClaimedItem) async {
        let item = claimed.item
        let started = Date()
        self.metrics.lateness.record(Duration.seconds(max(0, started.timeIntervalSince(item.dueAt))))
        var logger = self.logger
        logger[metadataKey: "item"] = .string(item.id.text)
        logger[metadataKey: "account"] = .string(item.accountId.text)
        logger[metadataKey: "attempt"] = .stringConvertible(item.attempt)
        do {
            let outcome = try await self.attempt(claimed, logger: logger)
            let recorded = try await self.store.record(outcome, for: claimed, startedAt: started)
            guard recorded else {
                logger.warning("lease lost before the outcome was recorded; reconciliation settles the item")
                return
            }
            let label: String
            switch outcome {
            case .published: label = "published"
            case .retry: label = "retry"
            case .unknown: label = "unknown"
            case .failed(let code, _, _, _, _, _):
                label = PublishErrorCode(rawValue: code).map(Self.isRefusal) == true ? "refused" : "failed"
            }
            self.metrics.published(label)
            logger.info("publish attempt recorded", metadata: ["outcome": .string(label)])
        } catch is LeaseLost {
            logger.warning("the claim ran out before sending; nothing sent, reconciliation settles the item")
        } catch {
            logger.error("publish could not be recorded", metadata: ["error": .string(Self.describe(error))])
        }
    }

    /// Verifies, sends, and classifies the answer. Throws only for our own storage failures.
    func attempt(_ claimed: ClaimedItem, logger: Logger) async throws -> PublishOutcome {
        let item = claimed.item
        // Never later than the retry window after the slot (an outage may have held it back).
        guard Date() <= item.scheduledFor.addingTimeInterval(self.settings.retryPolicy.window.seconds) else {
            return .failed(
                code: PublishErrorCode.missedWindow.rawValue, message: Self.explain(.missedWindow), httpStatus: nil, providerCode: nil,
                needsReconnect: false
            )
        }
        let payload = try await self.store.payload(for: item)
        if let refusal = PublishVerification.refusal(payload.facts) {
            logger.warning("verification refused the publish; nothing sent", metadata: ["code": .string(refusal.rawValue)])
            return .failed(code: refusal.rawValue, message: Self.explain(refusal), httpStatus: nil, providerCode: nil, needsReconnect: false)
        }
        guard let sealed = payload.sealedKey, let keyID = payload.keyID else {
            return .failed(
                code: PublishErrorCode.connectionMissing.rawValue, message: Self.explain(.connectionMissing), httpStatus: nil,
                providerCode: nil, needsReconnect: false
            )
        }
        let key = try self.secrets.open(
            SecretBox.Sealed(keyID: keyID, combined: sealed), context: ProviderProfileRecord.sealingContext(item.accountId)
        )
        let request = AyrshareClient.PostRequest(
            post: PostText.compose(caption: payload.caption, hashtags: payload.hashtags), platforms: [item.platform.providerName],
            mediaUrls: self.media.url(for: payload.mediaURL, accountId: item.accountId, lifetime: self.media.configuration.publishURLLifetime)
                .map { [$0] },
            idempotencyKey: item.id.text
        )
        // The last check before sending: this worker must still hold the item, with enough of the
        // lease left for the whole call (so no rescue can happen during it). If not, the item
        // has been or is about to be handed to reconciliation: send nothing.
        // The provider call is limited to 15 s (AyrshareConfiguration.requestTimeout), plus a second.
        let requestLimit = Duration.seconds(16)
        // Within `lease − margin` of sending the claim, the lease cannot have run out: no query.
        let surelyHeld = ContinuousClock.now - claimed.claimedSince < self.settings.lease - requestLimit
        if !surelyHeld, !(try await self.store.holdsClaim(claimed, margin: requestLimit)) {
            throw LeaseLost()
        }
        do throws(AyrshareFailure) {
            let post = try await self.ayrshare.post(request, profileKey: key)
            switch ProviderReports.report(post).results[item.platform] {
            case .published(let platformPostId, let url):
                return .published(providerPostId: post.id, platformPostId: platformPostId, postURL: url, httpStatus: 200)
            case .failed(let code, let message):
                let reconnect = code.map(AyrshareFailure.reconnectCodes.contains) ?? false
                return .failed(
                    code: reconnect ? PublishErrorCode.needsReconnect.rawValue : Self.providerCode(code), message: message,
                    httpStatus: 200, providerCode: code, needsReconnect: reconnect, providerPostId: post.id
                )
            case .pending, nil:
                return .unknown(reason: "the provider accepted the post without a result yet", providerPostId: post.id)
            }
        } catch {
            return self.outcome(of: error, item: item)
        }
    }

    func outcome(of failure: AyrshareFailure, item: ScheduleItemRecord) -> PublishOutcome {
        switch failure {
        case .retryable(let reason, let retryAfter):
            let now = Date()
            guard let next = self.settings.retryPolicy.nextAttempt(
                after: item.attempt, now: now, slot: item.scheduledFor, retryAfter: retryAfter, unit: Double.random(in: 0..<1)
            ) else {
                return .failed(
                    code: PublishErrorCode.missedWindow.rawValue,
                    message: "Gave up after \(item.attempt) attempt(s): \(reason).", httpStatus: nil, providerCode: nil, needsReconnect: false
                )
            }
            return .retry(next: next, reason: reason, httpStatus: nil, providerCode: nil)
        case .permanent(let code, let message):
            return .failed(code: Self.providerCode(code), message: message, httpStatus: nil, providerCode: code, needsReconnect: false)
        case .needsReconnect(let code, _, let message):
            return .failed(
                code: PublishErrorCode.needsReconnect.rawValue, message: message, httpStatus: nil, providerCode: code, needsReconnect: true
            )
        case .ambiguous(let reason):
            return .unknown(reason: reason, providerPostId: nil)
        }
    }

    /// The claim ran out before the provider was called; nothing was sent.
    struct LeaseLost: Error {}

    /// Whether `code` is a verification refusal (nothing was sent).
    static func isRefusal(_ code: PublishErrorCode) -> Bool {
        switch code {
        case .accountMismatch, .profileMismatch, .publishingProfileNotVerified, .connectionMissing, .contentNotApproved,
            .contentChanged, .planDoesNotAllowPublishing:
            true
        case .missedWindow, .needsReconnect, .providerRejected:
            false
        }
    }

    /// `provider_<code>` when the provider gave a code, else `provider_rejected`.
    static func providerCode(_ code: Int?) -> String {
        code.map { "provider_\($0)" } ?? PublishErrorCode.providerRejected.rawValue
    }

    static func explain(_ code: PublishErrorCode) -> String {
        switch code {
        case .accountMismatch: "The item and its content belong to different accounts."
        case .profileMismatch: "The publishing profile changed after this post was scheduled; schedule it again."
        case .publishingProfileNotVerified: "The account's publishing profile is not verified (reconnect and verify it)."
        case .connectionMissing: "The account no longer has this social account connected."
        case .contentNotApproved: "The content is no longer approved."
        case .contentChanged: "The content changed after it was approved."
        case .planDoesNotAllowPublishing: "The account's plan does not include publishing."
        case .missedWindow: "The post could not be sent within the retry window after its slot."
        case .needsReconnect: "The social account must be reconnected."
        case .providerRejected: "The provider refused the post."
        }
    }

    /// An error as a log value: our own errors by name, never a provider body or a key.
    static func describe(_ error: any Error) -> String {
        if let failure = error as? AyrshareFailure { return failure.description }
        if let pulse = error as? PulseError { return pulse.code }
        return String(describing: type(of: error))
    }
}
