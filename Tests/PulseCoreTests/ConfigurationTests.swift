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

/// `MEDIA_STORAGE` and the media settings.
@Suite struct MediaConfigurationTests {
    static func media(_ variables: [String: String]) throws(ConfigurationError) -> MediaConfiguration {
        try PulseConfiguration(environment: variables).media
    }

    @Test func fileIsTheDefaultAndS3IsParsed() throws {
        #expect(try Self.media([:]).backend == .file(path: ".data/media"))
        #expect(try Self.media([:]).urlLifetime == .seconds(3600))
        let s3 = try Self.media([
            "MEDIA_STORAGE": "s3://pulse-media.eu?endpoint=http://127.0.0.1:9000/&region=eu-west-1",
            "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI",
        ])
        guard case .s3(let settings) = s3.backend else {
            Issue.record("not s3")
            return
        }
        #expect(settings.bucket == "pulse-media.eu" && settings.endpoint == "http://127.0.0.1:9000" && settings.region == "eu-west-1")
        let aws = try Self.media(["MEDIA_STORAGE": "s3://bucket", "AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "s"])
        #expect(aws.backend == .s3(.init(bucket: "bucket", endpoint: "https://s3.us-east-1.amazonaws.com", region: "us-east-1", accessKeyId: "k", secretAccessKey: Secret("s"))))
    }

    @Test(arguments: [
        "s3://", "s3://Upper", "s3://ab", "s3://a_b", "s3://a..b", "s3://-ab", "s3://a%2Fb", "s3://bucket/path",
        "s3://key:secret@bucket", "s3://bucket:9000", "s3://bucket?regoin=eu-west-1", "s3://bucket?region=evil.com%23",
        "s3://bucket?endpoint=ftp://host", "s3://bucket?endpoint=https://user:hunter2@host", "s3://bucket?endpoint=https://host/path",
        "s3://bucket?endpoint=https://host%23frag", "s3://bucket?region=a&region=b", "gs://bucket", "file://",
    ])
    func badValuesAreRefusedWithoutEchoingSecrets(_ value: String) {
        do {
            _ = try Self.media(["MEDIA_STORAGE": value, "AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "topsecret"])
            Issue.record("accepted \(value)")
        } catch {
            #expect(!String(describing: error).contains("topsecret"))
            #expect(!String(describing: error).contains("hunter2"))
        }
    }

    @Test func s3NeedsCredentialsAndProductionNeedsHTTPS() {
        #expect(throws: ConfigurationError.self) { try Self.media(["MEDIA_STORAGE": "s3://bucket"]) }
        #expect(throws: ConfigurationError.self) { try Self.media(["MEDIA_STORAGE": "file://x", "MEDIA_URL_TTL_MINUTES": "0"]) }
        #expect(throws: ConfigurationError.self) { try Self.media(["MEDIA_STORAGE": "file://x", "MEDIA_PUBLISH_URL_TTL_HOURS": "169"]) }
        #expect(throws: ConfigurationError.self) { try Self.media(["MEDIA_STORAGE": "file://x", "MEDIA_RENDER_CONCURRENCY": "0"]) }
    }
}
