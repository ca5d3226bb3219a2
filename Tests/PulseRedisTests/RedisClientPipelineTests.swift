import PulseRedis
import Testing

@Suite("RedisClient pipelines and scripts against a real Redis")
struct RedisClientPipelineTests {
    @Test("a pipeline returns every reply in order")
    func pipeline() async throws {
        let prefix = TestRedis.uniquePrefix()
        try await TestRedis.withClient { client in
            let replies = try await client.pipeline([
                ["SET", prefix + "a", "1", "PX", "60000"],
                ["INCR", prefix + "a"],
                ["GET", prefix + "a"],
                ["GET", prefix + "missing"],
                ["PTTL", prefix + "a"],
            ])
            #expect(replies.count == 5)
            #expect(replies[0] == .status("OK"))
            #expect(replies[1] == .integer(2))
            #expect(replies[2].string == "2")
            #expect(replies[3] == .null)
            #expect((replies[4].int ?? 0) > 0)
            #expect(try await client.pipeline([]) == [])
        }
    }

    @Test("an error inside a pipeline still runs the rest, then throws the first error")
    func pipelineError() async throws {
        let prefix = TestRedis.uniquePrefix()
        try await TestRedis.withClient(configure: { $0.poolSize = 1 }) { client async throws in
            let error = await #expect(throws: RedisError.self) {
                try await client.pipeline([
                    ["SET", prefix + "text", "abc", "PX", "60000"],
                    ["INCR", prefix + "text"],
                    ["SET", prefix + "after", "ran", "PX", "60000"],
                    ["LPUSH", prefix + "text", "x"],
                ])
            }
            guard case .server(let message) = error else {
                Issue.record("expected .server, got \(String(describing: error))")
                return
            }
            #expect(message.hasPrefix("ERR"))
            // The command after the failing one ran, and the connection is still in step.
            #expect(try await client.command(["GET", prefix + "after"]).string == "ran")
            #expect(try await client.command(["GET", prefix + "text"]).string == "abc")
        }
    }

    @Test("EVAL runs scripts with keys and arguments, also after SCRIPT FLUSH")
    func eval() async throws {
        let prefix = TestRedis.uniquePrefix()
        let script = "redis.call('SET', KEYS[1], ARGV[1], 'PX', 60000) return redis.call('INCRBY', KEYS[1], ARGV[2])"
        try await TestRedis.withClient { client in
            #expect(try await client.eval(script, keys: [prefix + "k"], arguments: ["10", "5"]) == .integer(15))
            #expect(try await client.eval(script, keys: [prefix + "k"], arguments: ["1", "1"]) == .integer(2))
            // The cached hash is gone from the server: the client must load the script again.
            _ = try await client.command(["SCRIPT", "FLUSH"])
            #expect(try await client.eval(script, keys: [prefix + "k"], arguments: ["2", "2"]) == .integer(4))
            let list = try await client.eval("return {KEYS[1], ARGV[1], 3}", keys: ["k"], arguments: ["v"])
            #expect(list == .array([.bulk(Array("k".utf8)), .bulk(Array("v".utf8)), .integer(3)]))
        }
    }

    @Test("scripts never fail while another client keeps flushing the script cache")
    func evalSurvivesConcurrentFlushes() async throws {
        try await TestRedis.withClient { client in
            let key = TestRedis.uniquePrefix() + "flush"
            let script = "return redis.call('INCR', KEYS[1])"
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for _ in 0..<150 {
                        _ = try await client.command(["SCRIPT", "FLUSH"])
                    }
                }
                for _ in 0..<1000 {
                    group.addTask { _ = try await client.eval(script, keys: [key], arguments: []) }
                }
                try await group.waitForAll()
            }
            #expect(try await client.command(["GET", key]).int == 1000)
        }
    }

    @Test("a script error is thrown as .server")
    func evalError() async throws {
        try await TestRedis.withClient { client in
            let error = await #expect(throws: RedisError.self) {
                try await client.eval("return redis.error_reply('BOOM nope')", keys: [], arguments: [])
            }
            #expect(error == .server("BOOM nope"))
        }
    }
}
