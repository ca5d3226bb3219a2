import Foundation

/// Everything the processes read from the environment (12-factor), validated once at start.
///
/// In production every secret is required and a missing one is a `ConfigurationError` naming it;
/// elsewhere the local stack's defaults apply and missing secrets are generated for this process.
public struct PulseConfiguration: Sendable {
    public var environment: AppEnvironment
    public var databaseURL: Secret
    public var redisURL: Secret
    public var host: String
    public var port: Int
    public var publicBaseURL: String
    public var jwtSecret: Secret
    public var encryptionKeys: [EncryptionKey]
    public var ayrshareBaseURL: String
    public var ayrshareAPIKey: Secret
    public var ayrshareWebhookSecrets: [Secret]
    /// Whether the service registers its webhook URL with Ayrshare for each profile it creates
    /// (`AYRSHARE_REGISTER_WEBHOOKS`; on in production, off elsewhere, where the sandbox is
    /// pointed at `PUBLIC_BASE_URL` from its start).
    public var registersProviderWebhooks: Bool
    public var stripeBaseURL: String
    public var stripeSecretKey: Secret?
    public var stripeWebhookSecrets: [Secret]
    /// Stripe price ids and the pages Stripe sends the owner back to.
    public var billing: BillingConfiguration
    public var openAIBaseURL: String?
    public var openAIAPIKey: Secret?
    public var openAIModel: String?
    public var sandboxHost: String
    public var sandboxPort: Int
    /// `MEDIA_STORAGE` as given (for messages), and what it means.
    public var mediaStorage: String
    public var media: MediaConfiguration
    public var logLevel: String
    /// Where the SQL migrations are read from (`MIGRATIONS_DIR`, default `migrations`).
    public var migrationsDirectory: String
    /// Lifetime of an access token; at most 15 minutes.
    public var accessTokenLifetime: Duration
    /// Lifetime of a refresh token from its issue.
    public var refreshTokenLifetime: Duration
    /// The names of the secrets that were generated because they were missing (never in production).
    public var generatedSecrets: [String]
    /// How many publishes one worker runs at once (`PUBLISH_CONCURRENCY`, default 32).
    public var publishConcurrency: Int
    /// How long after its slot a post may still be retried (`PUBLISH_RETRY_WINDOW_MINUTES`, default 360).
    public var publishRetryWindow: Duration
    /// The shortest notice a scheduled slot gets (`SCHEDULE_LEAD_MINUTES`, default 10).
    public var scheduleLeadTime: Duration
    /// Where the worker serves /metrics and /health (`WORKER_METRICS_PORT`, default 9091; 0: off).
    public var workerMetricsPort: Int
    /// The content workflow: AI budget, prices and generation jobs.
    public var content: ContentConfiguration

    /// The API key and webhook secret the sandbox uses when none are configured (never in production).
    public static let sandboxAPIKey = "sandbox-api-key"
    public static let sandboxWebhookSecret = "sandbox-webhook-secret"
    /// The Stripe key and webhook secret of the sandbox's Stripe (never in production).
    public static let sandboxStripeSecretKey = "sk_test_sandbox"
    public static let sandboxStripeWebhookSecret = "whsec_sandbox"

    /// The secrets production refuses to run without.
    public static let productionSecrets = [
        "DATABASE_URL", "REDIS_URL", "JWT_SECRET", "ENCRYPTION_KEYS",
        "AYRSHARE_API_KEY", "AYRSHARE_WEBHOOK_SECRETS", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRETS",
    ]

    /// Reads and validates the configuration from an environment dictionary.
    public init(environment variables: [String: String]) throws(ConfigurationError) {
        let reader = EnvironmentReader(variables)
        let environmentName = reader["PULSEWORKS_ENV"] ?? AppEnvironment.development.rawValue
        guard let environment = AppEnvironment(rawValue: environmentName) else {
            throw .invalid("PULSEWORKS_ENV", "must be development, test or production")
        }
        self.environment = environment
        if environment == .production {
            let missing = Self.productionSecrets.filter { reader[$0] == nil }
            if !missing.isEmpty {
                throw .missing(missing.joined(separator: ", "))
            }
        }
        var generated: [String] = []

        self.databaseURL = Secret(reader["DATABASE_URL"] ?? "postgres://pulseworks@127.0.0.1:54329/pulseworks")
        self.redisURL = Secret(reader["REDIS_URL"] ?? "redis://127.0.0.1:63799/0")
        self.host = reader["HOST"] ?? "127.0.0.1"
        self.port = try reader.port("PORT", default: 8080)
        self.publicBaseURL = reader["PUBLIC_BASE_URL"] ?? "http://\(self.host):\(self.port)"

        if let secret = reader["JWT_SECRET"] {
            guard secret.utf8.count >= 32 else {
                throw .invalid("JWT_SECRET", "must be at least 32 bytes")
            }
            self.jwtSecret = Secret(secret)
        } else {
            self.jwtSecret = Secret(Self.randomBase64(bytes: 48))
            generated.append("JWT_SECRET")
        }
        if let keys = reader["ENCRYPTION_KEYS"] {
            self.encryptionKeys = try EncryptionKey.parseList(keys)
        } else {
            self.encryptionKeys = [EncryptionKey(id: "dev", material: Self.randomBytes(32))]
            generated.append("ENCRYPTION_KEYS")
        }

        let sandbox = "http://\(reader["SANDBOX_HOST"] ?? "127.0.0.1"):\(try reader.port("SANDBOX_PORT", default: 8090))"
        self.sandboxHost = reader["SANDBOX_HOST"] ?? "127.0.0.1"
        self.sandboxPort = try reader.port("SANDBOX_PORT", default: 8090)
        // Production talks to Ayrshare itself unless told otherwise; only other environments
        // default to the local sandbox.
        self.ayrshareBaseURL = reader["AYRSHARE_BASE_URL"]
            ?? (environment == .production ? "https://api.ayrshare.com/api" : "\(sandbox)/api")
        // Outside production the sandbox is the provider: it accepts any key and signs with a
        // well-known secret, so a fresh checkout works without configuration.
        self.ayrshareAPIKey = reader["AYRSHARE_API_KEY"].map(Secret.init) ?? Secret(Self.sandboxAPIKey)
        let webhookSecrets = reader.list("AYRSHARE_WEBHOOK_SECRETS").map(Secret.init)
        if webhookSecrets.isEmpty && environment == .production {
            throw .invalid("AYRSHARE_WEBHOOK_SECRETS", "must list at least one secret")
        }
        self.ayrshareWebhookSecrets = webhookSecrets.isEmpty ? [Secret(Self.sandboxWebhookSecret)] : webhookSecrets
        switch reader["AYRSHARE_REGISTER_WEBHOOKS"]?.lowercased() {
        case nil: self.registersProviderWebhooks = environment == .production
        case "true", "1", "yes": self.registersProviderWebhooks = true
        case "false", "0", "no": self.registersProviderWebhooks = false
        default: throw .invalid("AYRSHARE_REGISTER_WEBHOOKS", "must be true or false")
        }
        // As for Ayrshare: production talks to Stripe, everything else to the sandbox with
        // well-known test credentials.
        self.stripeBaseURL = reader["STRIPE_BASE_URL"] ?? (environment == .production ? "https://api.stripe.com" : sandbox)
        self.stripeSecretKey = reader["STRIPE_SECRET_KEY"].map(Secret.init)
            ?? (environment == .production ? nil : Secret(Self.sandboxStripeSecretKey))
        let stripeSecrets = reader.list("STRIPE_WEBHOOK_SECRETS").map(Secret.init)
        self.stripeWebhookSecrets = stripeSecrets.isEmpty && environment != .production ? [Secret(Self.sandboxStripeWebhookSecret)] : stripeSecrets
        self.billing = try BillingConfiguration(reader, environment: environment)
        if self.stripeWebhookSecrets.isEmpty && environment == .production {
            throw .invalid("STRIPE_WEBHOOK_SECRETS", "must list at least one secret")
        }
        self.openAIBaseURL = reader["OPENAI_BASE_URL"]
        self.openAIAPIKey = reader["OPENAI_API_KEY"].map(Secret.init)
        self.openAIModel = reader["OPENAI_MODEL"]
        self.mediaStorage = reader["MEDIA_STORAGE"] ?? "file://.data/media"
        self.media = try MediaConfiguration(reader, environment: environment)
        self.logLevel = reader["LOG_LEVEL"] ?? "info"
        self.migrationsDirectory = reader["MIGRATIONS_DIR"] ?? "migrations"

        let accessSeconds = try reader.integer("ACCESS_TOKEN_TTL_SECONDS", default: 900)
        guard (30...900).contains(accessSeconds) else {
            throw .invalid("ACCESS_TOKEN_TTL_SECONDS", "must be between 30 and 900")
        }
        self.accessTokenLifetime = .seconds(accessSeconds)
        let refreshSeconds = try reader.integer("REFRESH_TOKEN_TTL_SECONDS", default: 30 * 24 * 3600)
        guard refreshSeconds >= 300 else {
            throw .invalid("REFRESH_TOKEN_TTL_SECONDS", "must be at least 300")
        }
        self.refreshTokenLifetime = .seconds(refreshSeconds)
        self.generatedSecrets = generated

        let concurrency = try reader.integer("PUBLISH_CONCURRENCY", default: 32)
        guard (1...1024).contains(concurrency) else {
            throw .invalid("PUBLISH_CONCURRENCY", "must be between 1 and 1024")
        }
        self.publishConcurrency = concurrency
        let windowMinutes = try reader.integer("PUBLISH_RETRY_WINDOW_MINUTES", default: 360)
        guard (1...7 * 24 * 60).contains(windowMinutes) else {
            throw .invalid("PUBLISH_RETRY_WINDOW_MINUTES", "must be between 1 and 10080")
        }
        self.publishRetryWindow = .seconds(windowMinutes * 60)
        let leadMinutes = try reader.integer("SCHEDULE_LEAD_MINUTES", default: 10)
        guard (0...24 * 60).contains(leadMinutes) else {
            throw .invalid("SCHEDULE_LEAD_MINUTES", "must be between 0 and 1440")
        }
        self.scheduleLeadTime = .seconds(leadMinutes * 60)
        let metricsPort = try reader.integer("WORKER_METRICS_PORT", default: 9091)
        guard (0...65535).contains(metricsPort) else {
            throw .invalid("WORKER_METRICS_PORT", "must be a port number, or 0 to turn it off")
        }
        self.workerMetricsPort = metricsPort
        self.content = try ContentConfiguration(reader)
    }

    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    static func randomBase64(bytes: Int) -> String {
        Data(Self.randomBytes(bytes)).base64EncodedString()
    }
}

/// Typed access to environment variables; an empty value counts as unset.
struct EnvironmentReader {
    let variables: [String: String]

    init(_ variables: [String: String]) {
        self.variables = variables
    }

    subscript(name: String) -> String? {
        guard let value = self.variables[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    func integer(_ name: String, default defaultValue: Int) throws(ConfigurationError) -> Int {
        guard let text = self[name] else { return defaultValue }
        guard let value = Int(text) else { throw .invalid(name, "must be a whole number") }
        return value
    }

    func port(_ name: String, default defaultValue: Int) throws(ConfigurationError) -> Int {
        let value = try self.integer(name, default: defaultValue)
        guard (1...65535).contains(value) else { throw .invalid(name, "must be a port between 1 and 65535") }
        return value
    }

    func list(_ name: String) -> [String] {
        (self[name] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
