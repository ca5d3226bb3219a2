/// What the OpenAI-compatible stub remembers: its faults, how many calls it has had and the last
/// `Authorization` header, so tests can see what a client sent. An actor like `SandboxStore`, so
/// a one-shot fault is consumed by exactly one call however many arrive at once.
actor OpenAIStubStore {
    private(set) var faults = OpenAIStubFaults()
    private(set) var calls = 0
    private(set) var lastAuthorization: String?
    /// Calls still to be answered with `faults.status`, when it is limited.
    private var statusRemaining: Int?

    /// Replaces the faults; a limited status fault starts counting afresh.
    func setFaults(_ faults: OpenAIStubFaults) {
        self.faults = faults
        self.statusRemaining = faults.status == nil ? nil : faults.statusCount
    }

    /// Counts one call and decides its answer, using up the one-shot faults it triggers.
    func admit(authorization: String?) -> OpenAIStubAnswer {
        self.calls += 1
        self.lastAuthorization = authorization
        if let status = self.faults.status {
            if let remaining = self.statusRemaining {
                if remaining <= 1 {
                    self.faults.status = nil
                    self.faults.statusCount = nil
                    self.statusRemaining = nil
                } else {
                    self.statusRemaining = remaining - 1
                }
            }
            return .status(status)
        }
        if self.faults.refusalOnce == true {
            self.faults.refusalOnce = nil
            return .refusal
        }
        if self.faults.finishReasonLength == true { return .cutOff }
        if self.faults.finishReasonLengthOnce == true {
            self.faults.finishReasonLengthOnce = nil
            return .cutOff
        }
        if self.faults.invalidJSONAlways == true { return .invalidJSON }
        if self.faults.invalidJSONOnce == true {
            self.faults.invalidJSONOnce = nil
            return .invalidJSON
        }
        return .normal
    }

    /// Forgets everything, as `POST /sandbox/reset` does for the rest of the sandbox.
    func reset() {
        self.faults = OpenAIStubFaults()
        self.calls = 0
        self.lastAuthorization = nil
        self.statusRemaining = nil
    }
}
