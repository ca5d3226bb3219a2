import PulseRedis
import Testing

@Suite("RedisConfiguration URL parsing")
struct RedisConfigurationTests {
    @Test("defaults to port 6379, database 0 and no credentials")
    func defaults() throws {
        let configuration = try RedisConfiguration(url: "redis://cache.internal")
        #expect(configuration.host == "cache.internal")
        #expect(configuration.port == 6379)
        #expect(configuration.database == 0)
        #expect(configuration.username == nil)
        #expect(!configuration.hasPassword)
        #expect(configuration.connectTimeout == .milliseconds(500))
        #expect(configuration.commandTimeout == .seconds(2))
        #expect(configuration.poolSize == 4)
        #expect(configuration.reconnectBackoff == .seconds(1))
        #expect(configuration.redactedURL == "redis://cache.internal:6379/0")
    }

    @Test("reads port, database and a trailing slash")
    func portAndDatabase() throws {
        let configuration = try RedisConfiguration(url: "redis://127.0.0.1:6380/3")
        #expect(configuration.port == 6380)
        #expect(configuration.database == 3)
        let trailingSlash = try RedisConfiguration(url: "REDIS://localhost/")
        #expect(trailingSlash.host == "localhost")
        #expect(trailingSlash.database == 0)
    }

    @Test("reads bracketed IPv6 hosts")
    func ipv6() throws {
        let configuration = try RedisConfiguration(url: "redis://[::1]:7000/2")
        #expect(configuration.host == "::1")
        #expect(configuration.port == 7000)
        #expect(configuration.redactedURL == "redis://[::1]:7000/2")
    }

    @Test("percent-decodes the password and never shows it")
    func passwordIsDecodedAndRedacted() throws {
        let configuration = try RedisConfiguration(url: "redis://:p%40ss%2Fw0rd%25@redis:6379/1")
        #expect(configuration.hasPassword)
        #expect(configuration.username == nil)
        for text in [
            configuration.description, configuration.redactedURL, String(reflecting: configuration),
            Self.dumped(configuration),
        ] {
            #expect(!text.contains("p@ss"))
            #expect(!text.contains("p%40ss"))
        }
        #expect(configuration.redactedURL == "redis://:***@redis:6379/1")
    }

    @Test("keeps the user for ACL authentication")
    func userAndPassword() throws {
        let configuration = try RedisConfiguration(url: "redis://app%2Dworker:secret@redis")
        #expect(configuration.username == "app-worker")
        #expect(configuration.hasPassword)
        #expect(configuration.redactedURL == "redis://app-worker:***@redis:6379/0")
        #expect(!configuration.description.contains("secret"))
    }

    @Test(
        "rejects malformed URLs",
        arguments: [
            "", "http://localhost", "rediss://localhost", "redis://", "redis://:6379", "redis://host:0",
            "redis://host:70000", "redis://host:port", "redis://host/db", "redis://host/-1",
            "redis://user@host", "redis://:bad%zzescape@host", "redis://[::1", "redis://host?x=1",
        ]
    )
    func rejectsInvalidURLs(url: String) {
        #expect(throws: RedisError.self) {
            try RedisConfiguration(url: url)
        }
    }

    @Test("errors never echo the password")
    func errorsDoNotLeakThePassword() {
        let error = #expect(throws: RedisError.self) {
            try RedisConfiguration(url: "redis://:hunter2@host:notaport")
        }
        guard case .invalidURL(let reason) = error else {
            Issue.record("expected .invalidURL, got \(String(describing: error))")
            return
        }
        #expect(!reason.contains("hunter2"))
        #expect(!String(describing: error).contains("hunter2"))
    }

    private static func dumped(_ value: some Any) -> String {
        var text = ""
        dump(value, to: &text)
        return text
    }
}
