/// The faults the OpenAI-compatible stub injects, set with `POST /sandbox/admin/openai/faults`; every
/// field is optional and `{}` clears them all. "Once" faults apply to the next call and then clear.
struct OpenAIStubFaults: Codable, Sendable, Equatable {
    /// The next answer's content is not JSON.
    var invalidJSONOnce: Bool?
    /// Every answer's content is not JSON.
    var invalidJSONAlways: Bool?
    /// The next answer is cut off half-way with `finish_reason: length`.
    var finishReasonLengthOnce: Bool?
    /// Every answer is cut off half-way with `finish_reason: length`.
    var finishReasonLength: Bool?
    /// The next answer is a refusal (`content: null`, `refusal: …`).
    var refusalOnce: Bool?
    /// Calls are answered with this HTTP status and an OpenAI error body…
    var status: Int?
    /// …this many times, then normally again (nil: until the faults are changed).
    var statusCount: Int?
    /// Every answer is delayed by this many milliseconds.
    var latencyMs: Int?

    /// Throws a 400 naming the first value out of range.
    func validate() throws(SandboxError) {
        if let status = self.status, !(400...599).contains(status) {
            throw SandboxError(.badRequest, "status must be between 400 and 599.")
        }
        if let count = self.statusCount, count < 1 {
            throw SandboxError(.badRequest, "statusCount must be at least 1.")
        }
        if let latency = self.latencyMs, !(0...600_000).contains(latency) {
            throw SandboxError(.badRequest, "latencyMs must be between 0 and 600000.")
        }
    }
}

/// What the stub does with one call, decided by the faults in force when it arrives.
enum OpenAIStubAnswer: Sendable, Equatable {
    case normal
    case status(Int)
    case invalidJSON
    case cutOff
    case refusal
}
