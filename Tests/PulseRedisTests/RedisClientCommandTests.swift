import PulseRedis
import Testing

@Suite("RedisClient commands against a real Redis")
struct RedisClientCommandTests {
    @Test("PING answers PONG")
    func ping() async throws {
        try await TestRedis.withClient { client in
            try await client.ping()
        }
    }

    @Test("SET and GET round-trip binary values, including NUL and invalid UTF-8")
    func binarySafeBulk() async throws {
        let key = Array((TestRedis.uniquePrefix() + "bin").utf8)
        let value: [UInt8] = [0, 1, 2, 0xFF, 0x0D, 0x0A, 0, 0x80]
        try await TestRedis.withClient { client in
            let set = try await client.command([Array("SET".utf8), key, value, Array("PX".utf8), Array("60000".utf8)])
            #expect(set == .status("OK"))
            let get = try await client.command([Array("GET".utf8), key])
            #expect(get == .bulk(value))
            #expect(get.string == nil)
            let empty = try await client.command(["SET", TestRedis.uniquePrefix() + "empty", "", "PX", "60000"])
            #expect(empty == .status("OK"))
        }
    }

    @Test("INCR returns integers and a missing key reads as null")
    func integersAndNull() async throws {
        let prefix = TestRedis.uniquePrefix()
        try await TestRedis.withClient { client in
            #expect(try await client.command(["INCR", prefix + "n"]) == .integer(1))
            #expect(try await client.command(["INCRBY", prefix + "n", "41"]).int == 42)
            #expect(try await client.command(["GET", prefix + "n"]).int == 42)
            #expect(try await client.command(["GET", prefix + "missing"]) == .null)
            _ = try await client.command(["DEL", prefix + "n"])
        }
    }

    @Test("array replies from LRANGE and MGET")
    func arrays() async throws {
        let prefix = TestRedis.uniquePrefix()
        try await TestRedis.withClient { client in
            #expect(try await client.command(["RPUSH", prefix + "list", "a", "b", "c"]) == .integer(3))
            let range = try await client.command(["LRANGE", prefix + "list", "0", "-1"])
            #expect(range.array?.compactMap(\.string) == ["a", "b", "c"])
            _ = try await client.command(["SET", prefix + "x", "1"])
            let values = try await client.command(["MGET", prefix + "x", prefix + "nothing"])
            #expect(values == .array([.bulk(Array("1".utf8)), .null]))
            _ = try await client.command(["DEL", prefix + "list", prefix + "x"])
        }
    }

    @Test("an error reply is thrown as .server and the connection stays usable")
    func errorReply() async throws {
        let prefix = TestRedis.uniquePrefix()
        try await TestRedis.withClient(configure: { $0.poolSize = 1 }) { client in
            _ = try await client.command(["SET", prefix + "s", "text", "PX", "60000"])
            let error = await #expect(throws: RedisError.self) {
                try await client.command(["INCR", prefix + "s"])
            }
            guard case .server(let message) = error else {
                Issue.record("expected .server, got \(String(describing: error))")
                return
            }
            #expect(message.hasPrefix("ERR"))
            await #expect(throws: RedisError.self) {
                try await client.command(["NOSUCHCOMMAND"])
            }
            try await client.ping()
        }
    }

    @Test("SELECT applies the database from the configuration")
    func selectsDatabase() async throws {
        let key = TestRedis.uniquePrefix() + "db"
        var otherDatabase = try TestRedis.configuration()
        otherDatabase.database = otherDatabase.database == 1 ? 2 : 1
        try await TestRedis.withClient(otherDatabase) { client in
            _ = try await client.command(["SET", key, "elsewhere", "PX", "60000"])
            #expect(try await client.command(["GET", key]).string == "elsewhere")
        }
        try await TestRedis.withClient { client async throws in
            #expect(try await client.command(["GET", key]) == .null)
        }
    }

    @Test("a wrong password is reported as unavailable without revealing it")
    func authFailure() async throws {
        var configuration = try TestRedis.configuration()
        configuration = RedisConfiguration(
            host: configuration.host,
            port: configuration.port,
            database: configuration.database,
            username: "nobody-\(Int.random(in: 0...1_000_000))",
            password: "not-the-password-31337"
        )
        try await TestRedis.withClient(configuration) { client in
            let error = await #expect(throws: RedisError.self) {
                try await client.ping()
            }
            guard case .unavailable = error else {
                Issue.record("expected .unavailable, got \(String(describing: error))")
                return
            }
            #expect(!String(describing: error).contains("31337"))
        }
    }
}
