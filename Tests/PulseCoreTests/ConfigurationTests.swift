import Foundation
import PulseCore
import Testing

@Suite struct ConfigurationTests {
    static let key = Data(repeating: 1, count: 32).base64EncodedString()
    static let production: [String: String] = [
        "PULSEWORKS_ENV": "production",
        "DATABASE_URL": "postgres://u:p@db.internal:5432/pw",
        "REDIS_URL": "redis://cache.internal:6379/0",
        "JWT_SECRET": String(repeating: "s", count: 40),
        "ENCRYPTION_KEYS": "k1:\(key)",
        "AYRSHARE_API_KEY": "ay", "AYRSHARE_WEBHOOK_SECRETS": "w1",
        "STRIPE_SECRET_KEY": "sk", "STRIPE_WEBHOOK_SECRETS": "whsec",
        "STRIPE_PRICE_ESSENTIAL": "price_e", "STRIPE_PRICE_GROWTH": "price_g", "STRIPE_PRICE_AUTHORITY": "price_a",
        "STRIPE_PRICE_POSTING": "price_p",
    ]

    @Test func developmentDefaultsAndGeneratedSecrets() throws {
        let configuration = try PulseConfiguration(environment: [:])
        #expect(configuration.environment == .development)
        #expect(configuration.port == 8080)
        #expect(configuration.publicBaseURL == "http://127.0.0.1:8080")
        #expect(configuration.ayrshareBaseURL == "http://127.0.0.1:8090/api")
        #expect(Set(configuration.generatedSecrets) == ["JWT_SECRET", "ENCRYPTION_KEYS"])
        #expect(configuration.jwtSecret.value.utf8.count >= 32)
        #expect(configuration.ayrshareAPIKey.value == PulseConfiguration.sandboxAPIKey)
        #expect(configuration.ayrshareWebhookSecrets.map(\.value) == [PulseConfiguration.sandboxWebhookSecret])
    }

    @Test func productionRequiresEverySecretByName() throws {
        #expect(throws: Never.self) { try PulseConfiguration(environment: Self.production) }
        for name in PulseConfiguration.productionSecrets {
            var variables = Self.production
            variables[name] = nil
            #expect(throws: ConfigurationError.missing(name)) { try PulseConfiguration(environment: variables) }
            variables[name] = "  "
            #expect(throws: ConfigurationError.missing(name)) { try PulseConfiguration(environment: variables) }
        }
    }

    @Test func productionNeverFallsBackToTheSandbox() throws {
        let configuration = try PulseConfiguration(environment: Self.production)
        #expect(configuration.ayrshareBaseURL == "https://api.ayrshare.com/api")
        var commas = Self.production
        commas["AYRSHARE_WEBHOOK_SECRETS"] = " , ,"
        #expect(throws: ConfigurationError.invalid("AYRSHARE_WEBHOOK_SECRETS", "must list at least one secret")) {
            try PulseConfiguration(environment: commas)
        }
    }

    @Test func everyMissingSecretIsNamedAtOnce() {
        #expect(throws: ConfigurationError.missing(PulseConfiguration.productionSecrets.joined(separator: ", "))) {
            try PulseConfiguration(environment: ["PULSEWORKS_ENV": "production"])
        }
    }

    @Test func secretsNeverPrint() throws {
        let configuration = try PulseConfiguration(environment: Self.production)
        let printed = "\(configuration)"
        #expect(!printed.contains(String(repeating: "s", count: 40)))
        #expect(!printed.contains("u:p@"))
        #expect(!printed.contains(Self.key))
    }

    @Test func invalidValuesAreNamed() {
        #expect(throws: ConfigurationError.invalid("PORT", "must be a port between 1 and 65535")) {
            try PulseConfiguration(environment: ["PORT": "70000"])
        }
        #expect(throws: ConfigurationError.self) { try PulseConfiguration(environment: ["PULSEWORKS_ENV": "staging"]) }
        #expect(throws: ConfigurationError.self) { try PulseConfiguration(environment: ["JWT_SECRET": "short"]) }
        #expect(throws: ConfigurationError.self) { try PulseConfiguration(environment: ["ENCRYPTION_KEYS": "k1:c2hvcnQ="]) }
        #expect(throws: ConfigurationError.self) { try PulseConfiguration(environment: ["ACCESS_TOKEN_TTL_SECONDS": "3600"]) }
    }

    @Test func encryptionKeysParseInOrder() throws {
        let other = Data(repeating: 2, count: 32).base64EncodedString()
        let keys = try EncryptionKey.parseList("new:\(other), old:\(Self.key)")
        #expect(keys.map(\.id) == ["new", "old"])
        #expect(keys[0].material == Array(repeating: 2, count: 32))
        #expect(throws: ConfigurationError.self) { try EncryptionKey.parseList("a:\(Self.key),a:\(other)") }
    }
}
