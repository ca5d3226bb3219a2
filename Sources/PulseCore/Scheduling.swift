import Foundation

/// Where a schedule item is in its life. See docs/publishing.md for the diagram.
///
/// `QUEUED` (waiting for its time) → `SCHEDULED` (on the dispatch queue, due within minutes) →
/// `PUBLISHING` (claimed by one worker under a lease) → `PUBLISHED` | `FAILED` | `UNKNOWN`
/// (the provider may have published: reconciled before anything else) or back to `QUEUED` for a
/// retry. `CANCELLED` only from `QUEUED` or `SCHEDULED`.
public enum ScheduleStatus: String, Sendable, Codable, CaseIterable {
    case queued = "QUEUED"
    case scheduled = "SCHEDULED"
    case publishing = "PUBLISHING"
    case published = "PUBLISHED"
    case failed = "FAILED"
    case unknown = "UNKNOWN"
    case cancelled = "CANCELLED"

    /// Nothing moves an item out of these, except a provider report that a FAILED item did publish.
    public var isTerminal: Bool {
        switch self {
        case .published, .failed, .cancelled: true
        case .queued, .scheduled, .publishing, .unknown: false
        }
    }

    /// Whether the owner may still reschedule or cancel: publishing has not started.
    public var isChangeable: Bool {
        self == .queued || self == .scheduled
    }

    /// Whether a provider report (a `scheduled` webhook or a reconciliation) that the post
    /// published may move an item in this state to `PUBLISHED`. It never moves a published or
    /// cancelled item; a FAILED item that the provider says did publish is corrected, because
    /// what went out must never be reported as not sent.
    public var acceptsPublishedReport: Bool {
        self != .published && self != .cancelled
    }

    /// Whether a provider report that the post failed may move an item in this state to `FAILED`:
    /// only while the outcome is open (never a published, failed or cancelled item, and never an
    /// item that is not yet sent).
    public var acceptsFailedReport: Bool {
        self == .publishing || self == .unknown
    }
}

/// Why an item failed, as stored in `error_code` and shown to the owner.
public enum PublishErrorCode: String, Sendable, CaseIterable {
    /// The item and its content belong to different accounts.
    case accountMismatch = "account_mismatch"
    /// The frozen provider profile is not the account's verified profile any more.
    case profileMismatch = "profile_mismatch"
    /// The account's publishing profile is not VERIFIED (e.g. NEEDS_RECONNECT).
    case publishingProfileNotVerified = "publishing_profile_not_verified"
    /// The account no longer owns a connected account on the item's platform.
    case connectionMissing = "connection_missing"
    /// The content is no longer approved (edited back to draft, archived, …).
    case contentNotApproved = "content_not_approved"
    /// The content changed after it was approved.
    case contentChanged = "content_changed"
    /// The plan does not include publishing (no add-on, or the subscription is not active).
    case planDoesNotAllowPublishing = "plan_does_not_allow_publishing"
    /// Retries ran out, or the retry window after the slot closed.
    case missedWindow = "missed_window"
    /// The provider says the social account must be reconnected.
    case needsReconnect = "needs_reconnect"
    /// The provider refused the post for good.
    case providerRejected = "provider_rejected"
}

/// What the plan allows. The billing issue owns the plan catalogue; publishing needs the posting
/// add-on and a subscription that is active or trialing.
public enum PublishingEntitlement {
    /// The billing statuses in which the posting add-on publishes.
    public static let publishingStatuses: Set<String> = Set(BillingStatus.allCases.filter(\.isInGoodStanding).map(\.rawValue))

    /// Whether an account with the add-on set to `postingAddon` and `billingStatus` may schedule
    /// and publish: the add-on and an active or trialing subscription.
    public static func allowsPublishing(postingAddon: Bool, billingStatus: String) -> Bool {
        postingAddon && Self.publishingStatuses.contains(billingStatus.uppercased())
    }
}

/// When a retryable failure may be tried again: exponential backoff with full jitter, at most
/// `maxAttempts` attempts, never later than `window` after the slot.
public struct RetryPolicy: Sendable, Equatable {
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration
    public var window: Duration

    public init(maxAttempts: Int = 5, baseDelay: Duration = .seconds(30), maxDelay: Duration = .seconds(30 * 60), window: Duration = .seconds(6 * 3600)) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.window = window
    }

    /// When attempt `attempt + 1` may start after attempt `attempt` failed at `now`, or nil when
    /// there must be no further attempt. `unit` is a uniform random number in 0..<1 (the
    /// jitter); a provider's `retryAfter` is a floor.
    public func nextAttempt(after attempt: Int, now: Date, slot: Date, retryAfter: Duration?, unit: Double) -> Date? {
        guard attempt < self.maxAttempts else { return nil }
        let exponent = min(max(attempt - 1, 0), 30)
        let ceiling = min(self.baseDelay.seconds * pow(2, Double(exponent)), self.maxDelay.seconds)
        var delay = ceiling * min(max(unit, 0), 1)
        if let retryAfter { delay = max(delay, retryAfter.seconds) }
        let next = now.addingTimeInterval(delay)
        guard next <= slot.addingTimeInterval(self.window.seconds) else { return nil }
        return next
    }
}

/// Which content goes to which slot: content in batch order fills the free slots in time order,
/// one slot per content item and one schedule item per target platform the account publishes to.
/// Content targeting none of those platforms takes no slot; it and what does not fit stay
/// approved.
public enum ScheduleAssignment {
    public struct Content: Sendable, Equatable {
        public let id: UUID
        public let platforms: [SocialPlatform]

        public init(id: UUID, platforms: [SocialPlatform]) {
            self.id = id
            self.platforms = platforms
        }
    }

    public struct Item: Sendable, Equatable {
        public let contentItemId: UUID
        public let platform: SocialPlatform
        public let scheduledFor: Date
    }

    /// `occupied` are instants already taken by live items of the month; `platforms` are those
    /// the verified publishing profile names an account for.
    public static func assign(
        content: [Content], slots: [Date], occupied: Set<Date>, platforms: Set<SocialPlatform> = Set(SocialPlatform.allCases)
    ) -> (items: [Item], unscheduled: [UUID]) {
        let free = slots.filter { !occupied.contains($0) }
        let publishable = content.filter { content in content.platforms.contains { platforms.contains($0) } }
        var items: [Item] = []
        for (content, slot) in zip(publishable, free) {
            for platform in SocialPlatform.allCases where content.platforms.contains(platform) && platforms.contains(platform) {
                items.append(Item(contentItemId: content.id, platform: platform, scheduledFor: slot))
            }
        }
        let placed = Set(publishable.prefix(free.count).map(\.id))
        let unscheduled = content.map(\.id).filter { !placed.contains($0) }
        return (items, unscheduled)
    }
}

/// Everything the worker checks just before sending, read in one query after the claim.
public struct PublishFacts: Sendable, Equatable {
    public var itemAccountId: UUID
    /// Nil when the content item no longer exists.
    public var contentAccountId: UUID?
    public var contentStatus: String?
    public var approvedHash: String?
    public var currentHash: String?
    public var frozenProviderProfileId: String
    /// The social account (page, Instagram account) the verified profile named when scheduled.
    public var frozenPlatformAccountId: String
    /// The account's publishing profile now: its status and provider profile id.
    public var profileStatus: String?
    public var profileProviderProfileId: String?
    /// The social account the verified profile names for the item's platform.
    public var profilePlatformAccountId: String?
    /// The account's connection on the item's platform now.
    public var connectionStatus: String?
    public var connectionProviderProfileId: String?
    public var connectionPlatformAccountId: String?
    public var postingAddon: Bool
    public var billingStatus: String

    public init(
        itemAccountId: UUID, contentAccountId: UUID?, contentStatus: String?, approvedHash: String?, currentHash: String?,
        frozenProviderProfileId: String, frozenPlatformAccountId: String, profileStatus: String?, profileProviderProfileId: String?, profilePlatformAccountId: String?,
        connectionStatus: String?, connectionProviderProfileId: String?, connectionPlatformAccountId: String?,
        postingAddon: Bool, billingStatus: String
    ) {
        self.itemAccountId = itemAccountId
        self.contentAccountId = contentAccountId
        self.contentStatus = contentStatus
        self.approvedHash = approvedHash
        self.currentHash = currentHash
        self.frozenProviderProfileId = frozenProviderProfileId
        self.frozenPlatformAccountId = frozenPlatformAccountId
        self.profileStatus = profileStatus
        self.profileProviderProfileId = profileProviderProfileId
        self.profilePlatformAccountId = profilePlatformAccountId
        self.connectionStatus = connectionStatus
        self.connectionProviderProfileId = connectionProviderProfileId
        self.connectionPlatformAccountId = connectionPlatformAccountId
        self.postingAddon = postingAddon
        self.billingStatus = billingStatus
    }
}

/// The check made just before every send. Any mismatch fails the item with its code and the
/// provider is not called.
public enum PublishVerification {
    /// The first reason not to publish, or nil when everything matches.
    public static func refusal(_ facts: PublishFacts) -> PublishErrorCode? {
        guard let contentAccount = facts.contentAccountId, contentAccount == facts.itemAccountId else {
            return .accountMismatch
        }
        guard facts.profileStatus == "VERIFIED" else { return .publishingProfileNotVerified }
        guard facts.profileProviderProfileId == facts.frozenProviderProfileId,
            facts.profilePlatformAccountId == facts.frozenPlatformAccountId
        else { return .profileMismatch }
        guard facts.connectionStatus == "CONNECTED", facts.connectionProviderProfileId == facts.frozenProviderProfileId,
            facts.connectionPlatformAccountId == facts.frozenPlatformAccountId
        else { return .connectionMissing }
        // Scheduled content is content that was approved and then placed on the calendar.
        guard facts.contentStatus == "SCHEDULED" || facts.contentStatus == "APPROVED" else { return .contentNotApproved }
        guard let approved = facts.approvedHash, approved == facts.currentHash else { return .contentChanged }
        guard PublishingEntitlement.allowsPublishing(postingAddon: facts.postingAddon, billingStatus: facts.billingStatus) else {
            return .planDoesNotAllowPublishing
        }
        return nil
    }
}

/// What the provider says about one platform of a post (a `scheduled` webhook, a post lookup).
public struct ProviderPostReport: Sendable, Equatable {
    public enum Result: Sendable, Equatable {
        case published(platformPostId: String?, postURL: String?)
        case failed(code: Int?, message: String)
        /// Not decided yet (pending, processing, awaiting approval).
        case pending
    }

    /// Ayrshare's id of the post.
    public let providerPostId: String
    public let results: [SocialPlatform: Result]

    public init(providerPostId: String, results: [SocialPlatform: Result]) {
        self.providerPostId = providerPostId
        self.results = results
    }
}
