import Hummingbird

extension SandboxStore {
    /// Whether an `/api` request may go ahead under the current faults.
    enum Admission: Sendable, Equatable {
        case admitted
        case rateLimited(retryAfterSeconds: Int)
        case failed(HTTPResponse.Status)
    }

    /// Replaces the faults; the seed (or its absence) restarts the random choices and the rate
    /// limit starts counting afresh.
    func setFaults(_ faults: FaultSettings) {
        self.faults = faults
        self.dice = FaultDice(seed: faults.seed)
        self.recentRequests = [:]
    }

    func currentFaults() -> FaultSettings {
        self.faults
    }

    /// Decides the fate of one `/api` request of rate-limit bucket `bucket` (one per profile):
    /// the rate limit first, then the error rate. Only admitted requests count towards the limit.
    func admit(bucket: String, now: ContinuousClock.Instant = .now) -> Admission {
        if let limit = self.faults.rateLimitPerMinute {
            let windowStart = now - .seconds(60)
            var recent = (self.recentRequests[bucket] ?? []).filter { $0 > windowStart }
            if recent.count >= limit, let oldest = recent.first {
                self.recentRequests[bucket] = recent
                let wait = (oldest + .seconds(60)) - now
                return .rateLimited(retryAfterSeconds: max(1, Int(wait.components.seconds) + 1))
            }
            recent.append(now)
            self.recentRequests[bucket] = recent
        }
        if self.dice.roll(self.faults.errorRate) {
            return .failed(self.dice.pick([.internalServerError, .serviceUnavailable]) ?? .internalServerError)
        }
        return .admitted
    }

    /// Whether this accepted post goes unanswered.
    func rollHang() -> Bool {
        self.dice.roll(self.faults.hangAfterAcceptRate)
    }
}
