/// How often and how far apart a failed S3 call is tried: a few attempts with short exponential
/// backoff and jitter, so a request waits well under a second for a service that is briefly
/// overloaded and many clients do not retry in step.
struct S3RetryPolicy: Sendable {
    /// Attempts in all, the first included.
    var attempts: Int
    /// The wait after the first failed attempt; each later wait is `factor` times longer.
    var baseDelay: Duration
    var factor: Int

    /// Three attempts, waiting about 100 ms and then about 400 ms.
    static let standard = S3RetryPolicy(attempts: 3, baseDelay: .milliseconds(100), factor: 4)

    /// The wait after failed attempt `attempt` (1-based): half of the backoff step fixed, half
    /// random (`random` in 0…1), so the wait lies in [step/2, step].
    func delay(afterAttempt attempt: Int, random: Double) -> Duration {
        var step = self.baseDelay
        for _ in 1..<max(1, attempt) { step *= self.factor }
        let clamped = min(max(random, 0), 1)
        return step / 2 + (step / 2) * clamped
    }

    /// Answers worth trying again: throttling (429, S3's `SlowDown`) and the server errors that
    /// mean "not now" (500, 502, 503, 504).
    static func isRetryable(status: Int, code: String?) -> Bool {
        [429, 500, 502, 503, 504].contains(status) || code == "SlowDown"
    }
}
