import PulseRedis
import Testing

@Suite("RedisClient concurrency, failures and shutdown")
struct RedisClientLifecycleTests {
    @Test("200 concurrent INCRs through the pool count exactly 200")
    func concurrentIncrements() async throws {
        let key = TestRedis.uniquePrefix() + "counter"
        try await TestRedis.withClient(configure: { $0.poolSize = 4 }) { client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<200 {
                    group.addTask {
                        _ = try await client.command(["INCR", key])
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await client.command(["GET", key]).int == 200)
            _ = try await client.command(["DEL", key])
        }
    }

    @Test("a closed port fails fast with .unavailable, then the backoff fails without connecting")
    func unavailableAndBackoff() async throws {
        // Long enough that a loaded machine (CI runs everything at once) cannot let it lapse
        // between the first failure and the second call.
        let backoff = Duration.seconds(3)
        let configuration = try TestRedis.deadConfiguration(backoff: backoff)
        try await TestRedis.withClient(configuration) { client in
            let clock = ContinuousClock()
            var firstError: RedisError?
            let first = await clock.measure {
                firstError = await #expect(throws: RedisError.self) { try await client.ping() }
            }
            guard case .unavailable(let firstReason) = firstError else {
                Issue.record("expected .unavailable, got \(String(describing: firstError))")
                return
            }
            #expect(firstReason.contains("cannot connect"))
            #expect(first < .seconds(1))

            var secondError: RedisError?
            let second = await clock.measure {
                secondError = await #expect(throws: RedisError.self) { try await client.command(["GET", "x"]) }
            }
            guard case .unavailable(let secondReason) = secondError else {
                Issue.record("expected .unavailable, got \(String(describing: secondError))")
                return
            }
            #expect(secondReason.contains("backoff"))
            // No connect attempt: far quicker than the first failure could be under load.
            #expect(second < .seconds(1))

            // After the backoff the client really tries to connect again.
            try await Task.sleep(for: backoff + .milliseconds(100))
            let third = await #expect(throws: RedisError.self) { try await client.ping() }
            guard case .unavailable(let thirdReason) = third else {
                Issue.record("expected .unavailable, got \(String(describing: third))")
                return
            }
            #expect(thirdReason.contains("cannot connect"))
        }
    }

    @Test("a reply slower than the command timeout throws .timeout and the client recovers")
    func commandTimeout() async throws {
        let key = TestRedis.uniquePrefix() + "empty-list"
        try await TestRedis.withClient(configure: { $0.commandTimeout = .milliseconds(200) }) { client in
            let clock = ContinuousClock()
            var error: RedisError?
            let elapsed = await clock.measure {
                error = await #expect(throws: RedisError.self) {
                    try await client.command(["BLPOP", key, "10"])
                }
            }
            #expect(error == .timeout)
            // Far below the 10 s the server would block, with room for a loaded machine.
            #expect(elapsed < .seconds(6))
            // The timed-out connection was dropped, so no late BLPOP reply leaks into this one.
            try await client.ping()
            #expect(try await client.command(["GET", key]) == .null)
        }
    }

    @Test("after shutdown every command throws .shutDown, and shutdown is idempotent")
    func shutdown() async throws {
        let client = RedisClient(configuration: try TestRedis.configuration(), logger: TestRedis.logger)
        try await client.ping()
        try await client.shutdown()
        try await client.shutdown()
        await #expect(throws: RedisError.shutDown) { try await client.ping() }
        await #expect(throws: RedisError.shutDown) { try await client.pipeline([["PING"]]) }
        await #expect(throws: RedisError.shutDown) { try await client.eval("return 1", keys: [], arguments: []) }
    }

    @Test("run() shuts the client down when its task is cancelled")
    func runAsService() async throws {
        let client = RedisClient(configuration: try TestRedis.configuration(), logger: TestRedis.logger)
        try await client.ping()
        let service = Task { try await client.run() }
        service.cancel()
        try await service.value
        await #expect(throws: RedisError.shutDown) { try await client.ping() }
    }
}
