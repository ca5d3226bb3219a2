import Foundation
import PulseCore

/// How one worker runs the publishing path. The defaults are production's; tests shorten them.
public struct PublishingSettings: Sendable {
    /// Names this worker in leases, attempts and heartbeats.
    public var workerId: String
    /// How often the tick runs.
    public var tickInterval: Duration
    /// Whether ticks fall on the wall-clock boundary of `tickInterval` (every minute on the minute).
    public var alignTicks: Bool
    /// Items due within this horizon are moved onto the dispatch queue by the tick.
    public var horizon: Duration
    /// How long a claim holds an item; past it the tick hands the item to reconciliation.
    public var lease: Duration
    /// Publishes running at once in this worker.
    public var concurrency: Int
    /// How often an idle dispatcher looks for due items.
    public var pollInterval: Duration
    /// How often UNKNOWN items and provider reports are looked at.
    public var reconcileInterval: Duration
    /// How long reconciliation waits before asking the provider again about a pending post.
    public var reconcileRetry: Duration
    /// How long an item whose outcome is unknown is left alone before reconciliation first asks
    /// the provider (a post sent just before a timeout may still be processing).
    public var reconcileAfter: Duration
    /// How long a provider report may wait for the publish that it reports on to be recorded.
    public var reportPatience: Duration
    /// How long in-flight publishes may run after shutdown begins.
    public var gracePeriod: Duration
    public var retryPolicy: RetryPolicy
    /// The Redis sorted set the tick fills and the dispatcher pops.
    public var queueKey: String

    public init(
        workerId: String = PublishingSettings.defaultWorkerId(),
        tickInterval: Duration = .seconds(60),
        alignTicks: Bool = true,
        horizon: Duration = .seconds(300),
        lease: Duration = .seconds(120),
        concurrency: Int = 32,
        pollInterval: Duration = .milliseconds(50),
        reconcileInterval: Duration = .seconds(5),
        reconcileRetry: Duration = .seconds(30),
        reconcileAfter: Duration = .seconds(120),
        reportPatience: Duration = .seconds(3600),
        gracePeriod: Duration = .seconds(30),
        retryPolicy: RetryPolicy = RetryPolicy(),
        queueKey: String = "pulseworks:dispatch"
    ) {
        self.workerId = workerId
        self.tickInterval = tickInterval
        self.alignTicks = alignTicks
        self.horizon = horizon
        self.lease = lease
        self.concurrency = concurrency
        self.pollInterval = pollInterval
        self.reconcileInterval = reconcileInterval
        self.reconcileRetry = reconcileRetry
        self.reconcileAfter = reconcileAfter
        self.reportPatience = reportPatience
        self.gracePeriod = gracePeriod
        self.retryPolicy = retryPolicy
        self.queueKey = queueKey
    }

    /// The settings the configuration asks for, production defaults otherwise.
    public init(configuration: PulseConfiguration) {
        var policy = RetryPolicy()
        policy.window = configuration.publishRetryWindow
        self.init(concurrency: configuration.publishConcurrency, retryPolicy: policy)
    }

    /// `host-pid-random`: unique per process, readable in the attempts table.
    public static func defaultWorkerId() -> String {
        let host = ProcessInfo.processInfo.hostName.prefix(40)
        return "\(host)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8).lowercased())"
    }
}
