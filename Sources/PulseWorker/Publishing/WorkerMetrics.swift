import Foundation
import Prometheus

/// The publishing metrics: publishes by outcome, dispatch lateness, queue depth, tick time.
public struct WorkerMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    let lateness: DurationHistogram
    let queueDepth: Gauge
    let inFlight: Gauge
    let tickDuration: DurationHistogram

    /// `published`, `retry`, `failed` (the provider refused), `unknown`, `refused`
    /// (verification failed: nothing was sent).
    static let outcomes = ["published", "retry", "failed", "unknown", "refused"]

    // Computed: MetricNameDescriptor is not Sendable, so it cannot be a stored static.
    static var publishes: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "pulseworks", metricName: "publish", unitName: "total", helpText: "Publish attempts by outcome.")
    }

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        self.lateness = registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                namespace: "pulseworks", metricName: "dispatch_lateness", unitName: "seconds",
                helpText: "When a publish started minus when it was due."
            ),
            buckets: [
                .milliseconds(10), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
                .seconds(2), .seconds(5), .seconds(15), .seconds(60), .seconds(300),
            ]
        )
        self.queueDepth = registry.makeGauge(
            descriptor: MetricNameDescriptor(namespace: "pulseworks", metricName: "dispatch_queue_depth", unitName: "", helpText: "Items waiting on the dispatch queue.")
        )
        self.inFlight = registry.makeGauge(
            descriptor: MetricNameDescriptor(namespace: "pulseworks", metricName: "publish_in_flight", unitName: "", helpText: "Publishes running in this worker.")
        )
        self.tickDuration = registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(namespace: "pulseworks", metricName: "tick_duration", unitName: "seconds", helpText: "Time one tick takes."),
            buckets: [
                .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
                .seconds(1), .seconds(5),
            ]
        )
        for outcome in Self.outcomes {
            _ = registry.makeCounter(descriptor: Self.publishes, labels: [("outcome", outcome)])
        }
    }

    func published(_ outcome: String) {
        self.registry.makeCounter(descriptor: Self.publishes, labels: [("outcome", outcome)]).increment()
    }
}
