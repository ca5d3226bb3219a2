/// A request made with an `Idempotency-Key`: what it was, and its answer once there is one.
struct IdempotentRequest: Sendable {
    /// SHA-256 of method, path and body: the same key must come with the same request.
    let fingerprint: [UInt8]
    /// Nil while the first request is still running.
    var answer: StoredAnswer?
}

/// An answer kept for replay, byte for byte.
struct StoredAnswer: Sendable, Equatable {
    let status: Int
    let body: [UInt8]
}

extension StripeStubStore {
    /// Claims `key` for the request with `fingerprint`: nil when it is new (the caller then
    /// answers it and calls `finishIdempotent` or `abandonIdempotent`), the first answer when the
    /// same request was answered before; throws for a different request or one still running.
    func admitIdempotent(key: String, fingerprint: [UInt8]) throws(StripeStubError) -> StoredAnswer? {
        guard let existing = self.idempotentRequests[key] else {
            self.idempotentRequests[key] = IdempotentRequest(fingerprint: fingerprint, answer: nil)
            return nil
        }
        guard existing.fingerprint == fingerprint else { throw .idempotencyMismatch(key) }
        guard let answer = existing.answer else { throw .idempotencyKeyInUse }
        return answer
    }

    /// Keeps `answer` for replays of the request claimed under `key`.
    func finishIdempotent(key: String, fingerprint: [UInt8], answer: StoredAnswer) {
        guard self.idempotentRequests[key]?.fingerprint == fingerprint else { return }
        self.idempotentRequests[key]?.answer = answer
    }

    /// Frees `key` after a request that was refused before it changed anything: as at Stripe,
    /// a request that failed validation saves no result and may be retried under the same key.
    func abandonIdempotent(key: String, fingerprint: [UInt8]) {
        guard self.idempotentRequests[key]?.fingerprint == fingerprint, self.idempotentRequests[key]?.answer == nil else { return }
        self.idempotentRequests[key] = nil
    }
}
