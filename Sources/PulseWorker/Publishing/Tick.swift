import Foundation
import Logging
import PulseCore
import PulseRedis
import PulseStore
import ServiceLifecycle

/// The minute tick: moves items due within the horizon onto the dispatch queue, puts back what a
/// flushed Redis lost, hands expired leases to reconciliation, and records a heartbeat.
public struct Tick: Sendable {
    let store: PublishingStore
    let queue: RedisDelayQueue
    let settings: PublishingSettings
    let metrics: WorkerMetrics
    let logger: Logger

    public init(store: PublishingStore, queue: RedisDelayQueue, settings: PublishingSettings, metrics: WorkerMetrics, logger: Logger) {
        self.store = store
        self.queue = queue
        self.settings = settings
        self.metrics = metrics
        self.logger = logger
    }

    /// What one tick did.
    public struct Summary: Sendable, Equatable {
        public var promoted = 0
        public var enqueued = 0
        public var rescued = 0
        public var redisAvailable = true
    }

    /// One tick. Postgres errors are thrown; a Redis outage is logged and leaves the items
    /// SCHEDULED for the dispatcher's Postgres fallback.
    @discardableResult
    public func runOnce() async throws -> Summary {
        let started = ContinuousClock.now
        var summary = Summary()
        // Promote in batches until nothing more is due within the horizon.
        while true {
            let promoted = try await self.store.promoteDue(horizon: self.settings.horizon, limit: 5000)
            summary.promoted += promoted.count
            if promoted.count < 5000 { break }
        }
        // Everything SCHEDULED within the horizon goes (back) on the queue with its due time:
        // this is what makes a flushed or restarted Redis lose nothing.
        let scheduled = try await self.store.scheduledDue(horizon: self.settings.horizon, limit: 100_000)
        do {
            try await self.queue.add(scheduled.map { (Self.member($0.accountId, $0.id), $0.dueAt) })
            summary.enqueued = scheduled.count
            self.metrics.queueDepth.set(Double(try await self.queue.depth()))
        } catch {
            summary.redisAvailable = false
            self.logger.warning("dispatch queue unavailable; the dispatcher falls back to Postgres", metadata: ["error": .string(Publisher.describe(error))])
        }
        summary.rescued = try await self.store.rescueExpiredLeases(limit: 1000).count
        try await self.store.heartbeat(workerId: self.settings.workerId)
        self.metrics.tickDuration.record(ContinuousClock.now - started)
        if summary.promoted > 0 || summary.rescued > 0 {
            self.logger.info(
                "tick",
                metadata: [
                    "promoted": .stringConvertible(summary.promoted), "enqueued": .stringConvertible(summary.enqueued),
                    "rescued": .stringConvertible(summary.rescued),
                ]
            )
        }
        return summary
    }

    /// The queue member for an item: `accountId:itemId`.
    public static func member(_ accountId: UUID, _ id: UUID) -> String {
        accountId.text + ":" + id.text
    }

    static func parse(member: String) -> (accountId: UUID, id: UUID)? {
        let parts = member.split(separator: ":")
        guard parts.count == 2, let account = UUID(uuidString: String(parts[0])), let id = UUID(uuidString: String(parts[1])) else { return nil }
        return (account, id)
    }
}

extension Tick {
    /// The wait until the next tick: to the next multiple of `interval` since 1970 when aligned.
    static func delayToNextTick(now: Date, interval: Duration, aligned: Bool) -> Duration {
        guard aligned else { return interval }
        let seconds = interval.seconds
        let next = (now.timeIntervalSince1970 / seconds).rounded(.down) * seconds + seconds
        return .milliseconds(Int64(((next - now.timeIntervalSince1970) * 1000).rounded(.up)))
    }
}
