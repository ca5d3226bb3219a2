import Foundation
import PulseCore

/// How one worker runs generation jobs. The defaults are production's; tests shorten them.
public struct GenerationSettings: Sendable {
    /// Names this worker in job leases.
    public var workerId: String
    /// Jobs running at once in this worker.
    public var concurrency: Int
    /// How often an idle worker looks for jobs.
    public var pollInterval: Duration
    /// How long a claim holds a job; renewed at each progress step. A worker that dies lets it
    /// run out and another worker takes the job again.
    public var lease: Duration
    /// The delay before the first retry of a job that failed for a passing reason; doubled for each further attempt.
    public var retryDelay: Duration
    /// The AI budget: global budget, per-account cap and ladder.
    public var budget: AIBudget

    public init(
        workerId: String = PublishingSettings.defaultWorkerId(), concurrency: Int = 2, pollInterval: Duration = .seconds(1),
        lease: Duration = .seconds(300), retryDelay: Duration = .seconds(30), budget: AIBudget
    ) {
        self.workerId = workerId
        self.concurrency = concurrency
        self.pollInterval = pollInterval
        self.lease = lease
        self.retryDelay = retryDelay
        self.budget = budget
    }

    /// The settings `configuration` describes.
    public init(configuration: PulseConfiguration, workerId: String) {
        self.init(
            workerId: workerId, concurrency: configuration.content.jobConcurrency, pollInterval: configuration.content.jobPollInterval,
            budget: configuration.content.aiBudget
        )
    }

    /// The delay before retrying after `attempt` failed.
    func retryDelay(after attempt: Int) -> Duration {
        self.retryDelay * (1 << min(max(attempt - 1, 0), 6))
    }
}
