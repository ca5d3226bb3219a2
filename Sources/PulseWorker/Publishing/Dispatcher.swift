import Foundation
import Logging
import PulseRedis
import PulseStore
import ServiceLifecycle
import Synchronization

/// Pops due items from the dispatch queue and publishes them, at most `concurrency` at once.
/// When Redis cannot be reached it claims due items straight from Postgres instead, so
/// correctness never depends on Redis. On graceful shutdown it stops taking work and lets the
/// publishes in flight finish within the grace period.
public struct Dispatcher: Service {
    let queue: RedisDelayQueue
    let publisher: Publisher
    let store: PublishingStore
    let settings: PublishingSettings
    let metrics: WorkerMetrics
    let logger: Logger

    public init(queue: RedisDelayQueue, publisher: Publisher, store: PublishingStore, settings: PublishingSettings, metrics: WorkerMetrics, logger: Logger) {
        self.queue = queue
        self.publisher = publisher
        self.store = store
        self.settings = settings
        self.metrics = metrics
        self.logger = logger
    }

    public func run() async throws {
        let stopping = Flag()
        let inFlight = InFlightCount()
        try await withGracefulShutdownHandler {
            try await withThrowingDiscardingTaskGroup { group in
                var redisDown = false
                var depthReadAt = ContinuousClock.now - .seconds(60)
                while !stopping.isSet && !Task.isCancelled {
                    // The queue-depth gauge, at most once a second.
                    if !redisDown, ContinuousClock.now - depthReadAt >= .seconds(1) {
                        depthReadAt = ContinuousClock.now
                        if let depth = try? await self.queue.depth() {
                            self.metrics.queueDepth.set(Double(depth))
                        }
                    }
                    let free = self.settings.concurrency - inFlight.value
                    guard free > 0 else {
                        try? await Task.sleep(for: .milliseconds(5))
                        continue
                    }
                    var work: [@Sendable () async -> Void] = []
                    do {
                        for member in try await self.queue.popDue(now: Date(), limit: free) {
                            guard let (accountId, id) = Tick.parse(member: member) else { continue }
                            work.append { await self.publisher.claimAndPublish(accountId: accountId, id: id) }
                        }
                        if redisDown {
                            redisDown = false
                            self.logger.info("dispatch queue reachable again")
                        }
                    } catch {
                        if !redisDown {
                            redisDown = true
                            self.logger.warning("dispatch queue unreachable; claiming from Postgres", metadata: ["error": .string(Publisher.describe(error))])
                        }
                        do {
                            for claimed in try await self.store.claimDue(workerId: self.settings.workerId, lease: self.settings.lease, limit: free) {
                                work.append { await self.publisher.publish(claimed) }
                            }
                        } catch {
                            self.logger.warning("Postgres fallback claim failed", metadata: ["error": .string(Publisher.describe(error))])
                        }
                    }
                    for job in work {
                        inFlight.add(1)
                        self.metrics.inFlight.set(Double(inFlight.value))
                        group.addTask {
                            await job()
                            inFlight.add(-1)
                            self.metrics.inFlight.set(Double(inFlight.value))
                        }
                    }
                    if work.isEmpty {
                        try? await Task.sleep(for: self.settings.pollInterval)
                    }
                }
                // Shutdown: the loop has stopped taking work; give the publishes in flight the
                // grace period, then cancel them (their items are rescued by lease expiry).
                if inFlight.value > 0 {
                    self.logger.info("waiting for publishes in flight", metadata: ["count": .stringConvertible(inFlight.value)])
                    let deadline = ContinuousClock.now + self.settings.gracePeriod
                    while inFlight.value > 0 && ContinuousClock.now < deadline {
                        try? await Task.sleep(for: .milliseconds(20))
                    }
                    if inFlight.value > 0 {
                        self.logger.warning("grace period over; cancelling publishes in flight")
                        group.cancelAll()
                    }
                }
            }
        } onGracefulShutdown: {
            stopping.set()
        }
        self.logger.info("dispatcher stopped")
    }
}

/// A count shared by the dispatcher loop and its publish tasks.
final class InFlightCount: Sendable {
    private let count = Atomic<Int>(0)

    var value: Int { self.count.load(ordering: .acquiring) }

    func add(_ delta: Int) {
        self.count.add(delta, ordering: .acquiringAndReleasing)
    }
}

/// A one-way switch set by the graceful-shutdown handler.
final class Flag: Sendable {
    private let state = Atomic<Bool>(false)

    var isSet: Bool { self.state.load(ordering: .acquiring) }

    func set() {
        self.state.store(true, ordering: .releasing)
    }
}
