import Foundation
import PulseCore

/// One post on one platform at one minute, as stored.
public struct ScheduleItemRecord: Sendable, Equatable {
    public let accountId: UUID
    public let id: UUID
    public let contentItemId: UUID
    public let month: String
    public let platform: SocialPlatform
    public let scheduledFor: Date
    /// When the next attempt may start: the slot, or a retry's backoff.
    public let dueAt: Date
    /// Frozen when scheduled.
    public let providerProfileId: String
    /// The page or Instagram account it goes to, frozen when scheduled.
    public let targetAccountId: String
    public let status: ScheduleStatus
    public let attempt: Int
    /// Ayrshare's id of the post.
    public let providerPostId: String?
    /// The network's id of the post.
    public let platformPostId: String?
    public let postURL: String?
    public let errorCode: String?
    public let errorMessage: String?
    public let publishedAt: Date?
}

/// One attempt to publish an item, or one reconciliation of an uncertain attempt.
public struct PublishAttemptRecord: Sendable, Equatable {
    public let attempt: Int
    /// `PUBLISH` or `RECONCILE`.
    public let kind: String
    public let workerId: String
    public let startedAt: Date
    public let finishedAt: Date?
    /// `PUBLISHED`, `RETRY`, `FAILED`, `UNKNOWN`, `LEASE_EXPIRED`, `NOT_FOUND`, …
    public let outcome: String
    public let httpStatus: Int?
    public let providerCode: Int?
    public let errorCode: String?
    public let message: String?
}

/// What `POST …/schedule` did, or would do in a dry run.
public struct ScheduleResult: Sendable {
    /// The items created now (in a dry run: that would be created, with fresh ids).
    public let items: [ScheduleItemRecord]
    /// Approved content left unscheduled because the month has no free slot for it.
    public let unscheduledContentIds: [UUID]
    /// The month's usable slots (at least the lead time away).
    public let slotCount: Int
    /// Whether this is the stored answer to an earlier request with the same `Idempotency-Key`.
    public let replayed: Bool
}

/// Schedule items as the API sees them. Every method takes the account id first and scopes by it.
public protocol ScheduleRepository: Sendable {
    /// Spreads the month's approved, unscheduled content over the free slots of the posting rule,
    /// freezing the verified provider profile on every item, in one transaction; audited.
    /// Refuses (409) without a verified publishing profile, a posting rule, or a plan that
    /// allows publishing. `dryRun` computes the same plan and writes nothing.
    /// With `idempotency`, a repeat of the same request answers as the first did (its items as
    /// they are now); the same key with another body is a 422.
    func schedule(
        accountId: UUID, actor: UUID, month: YearMonth, dryRun: Bool, now: Date, leadTime: Duration,
        idempotency: IdempotencyClaim?, authorize: ActorCheck
    ) async throws -> ScheduleResult
    func items(accountId: UUID, month: YearMonth?, status: ScheduleStatus?) async throws -> [ScheduleItemRecord]
    func item(accountId: UUID, id: UUID) async throws -> (item: ScheduleItemRecord, attempts: [PublishAttemptRecord])?
    /// Moves an item that has not started publishing; audited. 409 once publishing started.
    func reschedule(accountId: UUID, actor: UUID, id: UUID, to scheduledFor: Date, authorize: ActorCheck) async throws -> ScheduleItemRecord
    /// Cancels an item that has not started publishing; audited. Content left without a live
    /// item goes back to APPROVED, so the next scheduling run can place it again.
    func cancel(accountId: UUID, actor: UUID, id: UUID, authorize: ActorCheck) async throws -> ScheduleItemRecord
}
