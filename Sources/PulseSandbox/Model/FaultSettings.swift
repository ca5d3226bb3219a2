/// The faults the sandbox injects into `/api`, set with `POST /sandbox/faults`; every field is
/// optional and `{}` clears them all.
struct FaultSettings: Codable, Sendable, Equatable {
    /// Every `/api` response is delayed by this many milliseconds.
    var latencyMs: Int?
    /// This share (0…1) of `/api` requests is answered 500 or 503 before anything happens.
    var errorRate: Double?
    /// At most this many `/api` requests per profile per minute; beyond, 429 with `Retry-After`.
    var rateLimitPerMinute: Int?
    /// This share (0…1) of `POST /api/post` requests publishes and then never answers.
    var hangAfterAcceptRate: Double?
    /// Makes the random choices above repeatable.
    var seed: UInt64?
    /// Answers posts as `{"status","posts":[…]}` and history as `{"history":[…]}`.
    var wrapResponses: Bool?

    /// Throws a 400 naming the first value out of range.
    func validate() throws(SandboxError) {
        if let latency = self.latencyMs, !(0...600_000).contains(latency) {
            throw SandboxError(.badRequest, "latencyMs must be between 0 and 600000.")
        }
        for (name, rate) in [("errorRate", self.errorRate), ("hangAfterAcceptRate", self.hangAfterAcceptRate)] {
            if let rate, !(0...1).contains(rate) {
                throw SandboxError(.badRequest, "\(name) must be between 0 and 1.")
            }
        }
        if let limit = self.rateLimitPerMinute, limit < 1 {
            throw SandboxError(.badRequest, "rateLimitPerMinute must be at least 1.")
        }
    }
}
