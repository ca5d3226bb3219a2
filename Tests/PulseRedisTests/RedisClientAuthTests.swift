import Foundation
import PulseRedis
import Testing

@Suite("RedisClient authentication against a real Redis")
struct RedisClientAuthTests {
    @Test("an ACL user with a percent-encoded password from the URL can connect")
    func aclUserFromURL() async throws {
        let base = try TestRedis.configuration()
        let user = "pulseredis-test-\(UUID().uuidString)"
        try await TestRedis.withClient(base) { admin in
            _ = try await admin.command(["ACL", "SETUSER", user, "on", ">p@ss/w%rd", "~*", "+@all"])
            do {
                let host = base.host.contains(":") ? "[\(base.host)]" : base.host
                let url = "redis://\(user):p%40ss%2Fw%25rd@\(host):\(base.port)/\(base.database)"
                let configuration = try RedisConfiguration(url: url)
                #expect(!configuration.description.contains("p@ss"))
                try await TestRedis.withClient(configuration) { client in
                    try await client.ping()
                    let whoami = try await client.command(["ACL", "WHOAMI"])
                    #expect(whoami.string == user)
                }
            } catch {
                _ = try? await admin.command(["ACL", "DELUSER", user])
                throw error
            }
            _ = try await admin.command(["ACL", "DELUSER", user])
        }
    }
}
