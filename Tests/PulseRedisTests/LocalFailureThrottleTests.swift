import PulseRedis
import Testing

@Suite("LocalFailureThrottle")
struct LocalFailureThrottleTests {
    @Test("blocks once the limit is reached, with the seconds left in the window")
    func blocksAtLimit() async {
        let clock = ManualNow()
        let throttle = LocalFailureThrottle(policy: ThrottlePolicy(limit: 3, window: .seconds(60)), now: clock.now)
        for _ in 0..<2 {
            await throttle.recordFailure("k")
        }
        #expect(await throttle.check("k") == .allowed)
        await throttle.recordFailure("k")
        #expect(await throttle.check("k") == .blocked(retryAfterSeconds: 60))
        clock.advance(by: .milliseconds(10_500))
        #expect(await throttle.check("k") == .blocked(retryAfterSeconds: 50))
        #expect(await throttle.check("other") == .allowed)
    }

    @Test("attempt counts and decides in one step; the attempt past the limit is blocked")
    func attempts() async {
        let clock = ManualNow()
        let throttle = LocalFailureThrottle(policy: ThrottlePolicy(limit: 3, window: .seconds(60)), now: clock.now)
        for _ in 0..<3 {
            #expect(await throttle.attempt("k") == .allowed)
        }
        #expect(await throttle.attempt("k") == .blocked(retryAfterSeconds: 60))
        clock.advance(by: .seconds(61))
        #expect(await throttle.attempt("k") == .allowed)
        let decisions = await withTaskGroup(of: ThrottleDecision.self) { group in
            for _ in 0..<30 {
                group.addTask { await throttle.attempt("burst") }
            }
            return await group.reduce(into: [ThrottleDecision]()) { $0.append($1) }
        }
        #expect(decisions.filter { $0 == .allowed }.count == 3)
    }

    @Test("reset forgets the failures")
    func reset() async {
        let throttle = LocalFailureThrottle(policy: ThrottlePolicy(limit: 1, window: .seconds(60)))
        await throttle.recordFailure("k")
        #expect(await throttle.check("k") != .allowed)
        await throttle.reset("k")
        #expect(await throttle.check("k") == .allowed)
    }

    @Test("the window is fixed from the first failure and everything is forgotten after it")
    func windowExpiry() async {
        let clock = ManualNow()
        let throttle = LocalFailureThrottle(policy: ThrottlePolicy(limit: 2, window: .seconds(10)), now: clock.now)
        await throttle.recordFailure("k")
        clock.advance(by: .seconds(9))
        await throttle.recordFailure("k")
        // Blocked only for what is left of the window that began with the first failure.
        #expect(await throttle.check("k") == .blocked(retryAfterSeconds: 1))
        clock.advance(by: .milliseconds(999))
        #expect(await throttle.check("k") == .blocked(retryAfterSeconds: 1))
        clock.advance(by: .milliseconds(1))
        #expect(await throttle.check("k") == .allowed)
        // A new window starts from scratch.
        await throttle.recordFailure("k")
        #expect(await throttle.check("k") == .allowed)
    }

    @Test("the number of tracked keys is capped and expired keys are pruned")
    func boundedKeys() async {
        let clock = ManualNow()
        let throttle = LocalFailureThrottle(
            policy: ThrottlePolicy(limit: 1, window: .seconds(10)),
            maxKeys: 50,
            now: clock.now
        )
        for index in 0..<500 {
            await throttle.recordFailure("key-\(index)")
            clock.advance(by: .milliseconds(1))
        }
        #expect(throttle.trackedKeyCount <= 50)
        // The newest key survives eviction; the oldest was evicted.
        #expect(await throttle.check("key-499") != .allowed)
        #expect(await throttle.check("key-0") == .allowed)

        clock.advance(by: .seconds(11))
        await throttle.recordFailure("fresh")
        #expect(throttle.trackedKeyCount == 1)
    }
}
