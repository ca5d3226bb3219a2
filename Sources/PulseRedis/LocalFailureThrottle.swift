import NIOConcurrencyHelpers

/// An in-process ``FailureThrottle``: a dictionary under a lock.
///
/// Used on its own in single-instance setups and as the fallback of ``RedisFailureThrottle``
/// while Redis is unreachable. Expired entries are pruned and the number of keys is capped, so
/// a flood of distinct keys cannot grow memory without bound.
public final class LocalFailureThrottle: FailureThrottle {
    private struct Entry {
        var failures: Int
        var windowEnd: ContinuousClock.Instant
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var lastPrune: ContinuousClock.Instant
    }

    /// The limit and window applied to every key.
    public let policy: ThrottlePolicy
    private let maxKeys: Int
    private let now: @Sendable () -> ContinuousClock.Instant
    private let state: NIOLockedValueBox<State>

    /// Creates a throttle.
    ///
    /// - Parameters:
    ///   - policy: The limit and window.
    ///   - maxKeys: How many keys are tracked at most; the oldest windows are evicted beyond it.
    ///   - now: The clock, injectable so tests can move time forward.
    public init(
        policy: ThrottlePolicy = ThrottlePolicy(),
        maxKeys: Int = 100_000,
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.policy = policy
        self.maxKeys = max(1, maxKeys)
        self.now = now
        self.state = NIOLockedValueBox(State(lastPrune: now()))
    }

    /// Counts one attempt for `key` and says whether it may proceed.
    public func attempt(_ key: String) async -> ThrottleDecision {
        self.attemptNow(key)
    }

    /// Whether another attempt for `key` may proceed now.
    public func check(_ key: String) async -> ThrottleDecision {
        self.checkNow(key)
    }

    /// Records one failed attempt for `key`.
    public func recordFailure(_ key: String) async {
        self.recordFailureNow(key)
    }

    /// Forgets the failures of `key`.
    public func reset(_ key: String) async {
        self.resetNow(key)
    }

    /// The number of keys currently tracked (expired ones may linger until the next prune).
    public var trackedKeyCount: Int {
        self.state.withLockedValue { $0.entries.count }
    }

    /// Synchronous ``check(_:)``, for callers that are not async.
    public func checkNow(_ key: String) -> ThrottleDecision {
        let now = self.now()
        let limit = self.policy.limit
        return self.state.withLockedValue { state in
            guard let entry = state.entries[key] else {
                return .allowed
            }
            guard now < entry.windowEnd else {
                state.entries[key] = nil
                return .allowed
            }
            guard entry.failures >= limit else {
                return .allowed
            }
            return .blocked(retryAfterSeconds: ThrottlePolicy.retryAfterSeconds(now.duration(to: entry.windowEnd)))
        }
    }

    /// Synchronous ``recordFailure(_:)``.
    public func recordFailureNow(_ key: String) {
        _ = self.count(key)
    }

    /// Synchronous ``attempt(_:)``: counting and deciding happen under one lock.
    public func attemptNow(_ key: String) -> ThrottleDecision {
        let (failures, windowEnd, now) = self.count(key)
        guard failures > self.policy.limit else {
            return .allowed
        }
        return .blocked(retryAfterSeconds: ThrottlePolicy.retryAfterSeconds(now.duration(to: windowEnd)))
    }

    /// Adds one to `key`'s count, starting a window if none is open; returns the new count,
    /// the end of its window and the time it was counted at.
    private func count(_ key: String) -> (Int, ContinuousClock.Instant, ContinuousClock.Instant) {
        let now = self.now()
        let window = self.policy.window
        let maxKeys = self.maxKeys
        return self.state.withLockedValue { state in
            if var entry = state.entries[key], now < entry.windowEnd {
                entry.failures += 1
                state.entries[key] = entry
                return (entry.failures, entry.windowEnd, now)
            }
            // Pruning once per window is enough: no entry outlives its window by more than that.
            if now - state.lastPrune >= window || state.entries.count >= maxKeys {
                Self.prune(&state, now: now, maxKeys: maxKeys)
            }
            let entry = Entry(failures: 1, windowEnd: now + window)
            state.entries[key] = entry
            return (1, entry.windowEnd, now)
        }
    }

    /// Synchronous ``reset(_:)``.
    public func resetNow(_ key: String) {
        self.state.withLockedValue { state in
            state.entries[key] = nil
        }
    }

    /// Drops expired entries and, if still full, the oldest tenth, so that a full table costs one
    /// sort per many inserts rather than a scan per insert.
    private static func prune(_ state: inout State, now: ContinuousClock.Instant, maxKeys: Int) {
        state.lastPrune = now
        state.entries = state.entries.filter { now < $0.value.windowEnd }
        guard state.entries.count >= maxKeys else {
            return
        }
        let evictCount = max(1, maxKeys / 10) + (state.entries.count - maxKeys)
        let oldest = state.entries.sorted { $0.value.windowEnd < $1.value.windowEnd }.prefix(evictCount)
        for (key, _) in oldest {
            state.entries[key] = nil
        }
    }
}
