import Foundation
import Prometheus

/// The content workflow's metrics: generation jobs by outcome, AI spend and the budget alerts.
public struct ContentMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    let budgetSpent: Gauge

    /// How a job attempt ended, as the `outcome` label.
    enum JobOutcome: String, CaseIterable {
        case succeeded
        /// Finished with the built-in generator because the budget refused the AI.
        case degraded
        case retry
        case failed
    }

    static var jobs: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "pulseworks", metricName: "generation_jobs", unitName: "total", helpText: "Generation job attempts by outcome.")
    }
    static var spend: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "pulseworks", metricName: "ai_spend_micro_dollars", unitName: "total", helpText: "Estimated AI spend recorded in the ledger, in micro-dollars.")
    }
    static var alerts: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "pulseworks", metricName: "ai_budget_alerts", unitName: "total", helpText: "Times the global AI budget crossed 70, 85 or 95 percent.")
    }

    public init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
        self.budgetSpent = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "pulseworks", metricName: "ai_budget_spent_ratio", unitName: "",
                helpText: "This month's global AI spend as a fraction of the budget."
            )
        )
        for outcome in JobOutcome.allCases {
            _ = registry.makeCounter(descriptor: Self.jobs, labels: [("outcome", outcome.rawValue)])
        }
        for percent in [70, 85, 95] {
            _ = registry.makeCounter(descriptor: Self.alerts, labels: [("threshold", String(percent))])
        }
    }

    func job(_ outcome: JobOutcome) {
        self.registry.makeCounter(descriptor: Self.jobs, labels: [("outcome", outcome.rawValue)]).increment()
    }

    func spent(_ micros: Int64, provider: String) {
        self.registry.makeCounter(descriptor: Self.spend, labels: [("provider", provider)]).increment(by: micros)
    }

    func budget(spentMicros: Int64, of budgetMicros: Int64) {
        self.budgetSpent.set(budgetMicros > 0 ? Double(spentMicros) / Double(budgetMicros) : 1)
    }

    func alert(_ percent: Int) {
        self.registry.makeCounter(descriptor: Self.alerts, labels: [("threshold", String(percent))]).increment()
    }
}
