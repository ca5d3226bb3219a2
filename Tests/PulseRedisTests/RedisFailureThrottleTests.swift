import PulseRedis
import Testing

@Suite("RedisFailureThrottle against a real Redis")
struct RedisFailureThrottleTests {
    private static func makeThrottle(_ client: RedisClient, _ policy: ThrottlePolicy) -> RedisFailureThrottle {
        RedisFailureThrottle(
            redis: client,
            policy: policy,
            keyPrefix: TestRedis.uniquePrefix(),
            fallback: LocalFailureThrottle(policy: policy),
            logger: TestRedis.logger
        )
    }

    @Test("attempts are counted atomically: of many concurrent ones, exactly `limit` pass")
    func concurrentAttempts() async throws {
        try await TestRedis.withClient { client in
            let throttle = Self.makeThrottle(client, ThrottlePolicy(limit: 5, window: .seconds(60)))
            let decisions = await withTaskGroup(of: ThrottleDecision.self) { group in
                for _ in 0..<40 {
                    group.addTask { await throttle.attempt("burst") }
                }
                return await group.reduce(into: [ThrottleDecision]()) { $0.append($1) }
            }
            #expect(decisions.filter { $0 == .allowed }.count == 5)
            #expect(decisions.allSatisfy { if case .blocked(let seconds) = $0 { (1...60).contains(seconds) } else { true } })
            await throttle.reset("burst")
            #expect(await throttle.attempt("burst") == .allowed)
        }
    }

    @Test("blocks once the limit is reached and reset clears it")
    func blocksAndResets() async throws {
        try await TestRedis.withClient { client in
            let throttle = Self.makeThrottle(client, ThrottlePolicy(limit: 3, window: .seconds(60)))
            for _ in 0..<2 {
                await throttle.recordFailure("user")
            }
            #expect(await throttle.check("user") == .allowed)
            await throttle.recordFailure("user")
            let decision = await throttle.check("user")
            guard case .blocked(let retryAfter) = decision else {
                Issue.record("expected .blocked, got \(decision)")
                return
            }
            #expect((1...60).contains(retryAfter))
            #expect(await throttle.check("someone-else") == .allowed)

            await throttle.reset("user")
            #expect(await throttle.check("user") == .allowed)
        }
    }

    @Test("the counter lives in Redis with the window as its expiry")
    func storesCounterWithExpiry() async throws {
        try await TestRedis.withClient { client in
            let prefix = TestRedis.uniquePrefix()
            let throttle = RedisFailureThrottle(
                redis: client,
                policy: ThrottlePolicy(limit: 5, window: .seconds(30)),
                keyPrefix: prefix,
                fallback: LocalFailureThrottle(),
                logger: TestRedis.logger
            )
            await throttle.recordFailure("k")
            await throttle.recordFailure("k")
            #expect(try await client.command(["GET", prefix + "k"]).int == 2)
            let ttl = try #require(try await client.command(["PTTL", prefix + "k"]).int)
            #expect((1...30_000).contains(ttl))
            _ = try await client.command(["DEL", prefix + "k"])
        }
    }

    @Test("everything is forgotten when the window ends")
    func windowExpiry() async throws {
        try await TestRedis.withClient { client in
            // A 3 s window leaves room for a loaded machine between the failures and the check.
            let throttle = Self.makeThrottle(client, ThrottlePolicy(limit: 2, window: .seconds(3)))
            await throttle.recordFailure("k")
            await throttle.recordFailure("k")
            let blocked = await throttle.check("k")
            #expect([1, 2, 3].map { ThrottleDecision.blocked(retryAfterSeconds: $0) }.contains(blocked))
            try await Task.sleep(for: .milliseconds(3_300))
            #expect(await throttle.check("k") == .allowed)
        }
    }

    @Test("falls back to the local throttle when Redis is unreachable")
    func fallsBackWhenRedisIsDown() async throws {
        let configuration = try TestRedis.deadConfiguration(backoff: .seconds(5))
        try await TestRedis.withClient(configuration) { client in
            let policy = ThrottlePolicy(limit: 2, window: .seconds(60))
            let fallback = LocalFailureThrottle(policy: policy)
            let throttle = RedisFailureThrottle(redis: client, policy: policy, fallback: fallback, logger: TestRedis.logger)
            #expect(await throttle.check("k") == .allowed)
            await throttle.recordFailure("k")
            await throttle.recordFailure("k")
            #expect(await throttle.check("k") == .blocked(retryAfterSeconds: 60))
            #expect(fallback.checkNow("k") == .blocked(retryAfterSeconds: 60))
            await throttle.reset("k")
            #expect(await throttle.check("k") == .allowed)
        }
    }
}
