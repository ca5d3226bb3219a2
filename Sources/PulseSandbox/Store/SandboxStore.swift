import Foundation
import PulseCore

/// Everything the sandbox remembers, in memory: profiles, posts, webhook registrations and
/// deliveries, and the faults to inject. One actor, so that checking an idempotency key and
/// publishing happen as one step however many identical requests arrive at once.
actor SandboxStore {
    /// The registrations from the configuration; a reset restores them.
    let defaultWebhooks: [String: WebhookRegistration]

    /// In creation order; the first is the primary profile.
    var profiles: [SandboxProfile]
    /// In creation order.
    var posts: [SandboxPost] = []
    /// Post id → index in `posts`.
    var postIndex: [String: Int] = [:]
    /// (profile, idempotency key) → post id.
    var idempotentPosts: [IdempotencyScope: String] = [:]
    /// Real publishes per profile and idempotency key.
    var publishCounts: [IdempotencyScope: Int] = [:]
    /// Action → where its webhooks go.
    var webhooks: [String: WebhookRegistration]
    /// In the order they were queued.
    var deliveries: [WebhookDeliveryRecord] = []
    /// Never reset, so a delivery still running across a reset cannot update a newer record.
    var nextDeliveryId = 1
    var faults = FaultSettings()
    var dice = FaultDice(seed: nil)
    /// Rate-limit bucket → the times of its recent admitted requests.
    var recentRequests: [String: [ContinuousClock.Instant]] = [:]

    init(defaultWebhookURLs: [String: String]) {
        self.defaultWebhooks = defaultWebhookURLs.mapValues { WebhookRegistration(url: $0, secret: nil) }
        self.webhooks = self.defaultWebhooks
        self.profiles = [SandboxProfile(title: SandboxProfile.primaryTitle)]
    }

    /// Forgets everything: a fresh primary profile, no posts, no faults, no deliveries, and only
    /// the configured webhook registrations.
    func reset() {
        self.profiles = [SandboxProfile(title: SandboxProfile.primaryTitle)]
        self.posts = []
        self.postIndex = [:]
        self.idempotentPosts = [:]
        self.publishCounts = [:]
        self.webhooks = self.defaultWebhooks
        self.deliveries = []
        self.faults = FaultSettings()
        self.dice = FaultDice(seed: nil)
        self.recentRequests = [:]
    }
}

/// An idempotency key is scoped to the profile that used it.
struct IdempotencyScope: Hashable, Sendable {
    let refId: String
    let key: String
}
