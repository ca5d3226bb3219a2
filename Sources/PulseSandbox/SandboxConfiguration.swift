import PulseCore

/// How `pulseworks sandbox` runs: where it listens, which API key it expects, how it signs and
/// retries its webhook deliveries.
public struct SandboxConfiguration: Sendable {
    /// The interface to listen on.
    public var host: String
    /// The port to listen on.
    public var port: Int
    /// When set, every `/api` request must carry `Authorization: Bearer <apiKey>`; when nil any
    /// bearer token is accepted.
    public var apiKey: Secret?
    /// Signs webhook deliveries of actions registered without a secret of their own.
    public var webhookSecret: Secret
    /// Action (`social`, `scheduled`, …) → URL, registered at start and again after a reset.
    public var defaultWebhookURLs: [String: String]
    /// The pauses before each retry of a failed delivery; one retry per element.
    public var webhookRetryDelays: [Duration]
    /// How long one delivery attempt may take before it counts as failed.
    public var webhookTimeout: Duration
    /// When set, every Stripe `/v1` request must carry `Authorization: Bearer <stripeSecretKey>`;
    /// when nil any bearer token is accepted.
    public var stripeSecretKey: Secret?
    /// Every Stripe event delivery is signed with each of these (one `v1` per secret).
    public var stripeWebhookSecrets: [Secret]
    /// Where Stripe events are delivered at start and again after a reset; nil: nowhere.
    public var stripeWebhookURL: String?

    /// The secret deliveries are signed with when nothing else is configured (never in production).
    public static let developmentWebhookSecret = Secret("sandbox-webhook-secret")
    /// The secret Stripe events are signed with when nothing else is configured (never in production).
    public static let developmentStripeWebhookSecret = Secret(PulseConfiguration.sandboxStripeWebhookSecret)

    /// A sandbox on 127.0.0.1:8090 that accepts any bearer token, signs with the development
    /// secret, registers no webhooks and retries failed deliveries after 0.5, 1 and 2 seconds.
    /// Its Stripe accepts any bearer token, signs with `whsec_sandbox` and delivers nowhere.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8090,
        apiKey: Secret? = nil,
        webhookSecret: Secret = SandboxConfiguration.developmentWebhookSecret,
        stripeSecretKey: Secret? = nil,
        stripeWebhookSecrets: [Secret] = [SandboxConfiguration.developmentStripeWebhookSecret],
        stripeWebhookURL: String? = nil,
        defaultWebhookURLs: [String: String] = [:],
        webhookRetryDelays: [Duration] = [.milliseconds(500), .seconds(1), .seconds(2)],
        webhookTimeout: Duration = .seconds(5)
    ) {
        self.host = host
        self.port = port
        self.apiKey = apiKey
        self.webhookSecret = webhookSecret
        self.defaultWebhookURLs = defaultWebhookURLs
        self.webhookRetryDelays = webhookRetryDelays
        self.webhookTimeout = webhookTimeout
        self.stripeSecretKey = stripeSecretKey
        self.stripeWebhookSecrets = stripeWebhookSecrets
        self.stripeWebhookURL = stripeWebhookURL
    }

    /// The sandbox as the rest of PulseWorks expects it: it listens on `SANDBOX_HOST`/`SANDBOX_PORT`,
    /// accepts `AYRSHARE_API_KEY`, signs with the first of `AYRSHARE_WEBHOOK_SECRETS` (so the API
    /// verifies its deliveries) and delivers `social` and `scheduled` webhooks to the API.
    /// Its Stripe accepts `STRIPE_SECRET_KEY`, signs with every `STRIPE_WEBHOOK_SECRETS` and
    /// delivers events to `PUBLIC_BASE_URL/api/webhooks/stripe`.
    public init(configuration: PulseConfiguration) {
        let webhookURL = Self.trimmingTrailingSlashes(configuration.publicBaseURL) + "/api/webhooks/ayrshare"
        // Production configuration always names its webhook secrets; the shared development secret
        // is only ever a fallback for local stacks.
        let secret = configuration.ayrshareWebhookSecrets.first
            ?? (configuration.environment.allowsGeneratedSecrets ? Self.developmentWebhookSecret : Secret(RandomIdentifier.hex(bytes: 32)))
        self.init(
            host: configuration.sandboxHost,
            port: configuration.sandboxPort,
            apiKey: configuration.ayrshareAPIKey,
            webhookSecret: secret,
            stripeSecretKey: configuration.stripeSecretKey,
            stripeWebhookSecrets: configuration.stripeWebhookSecrets.isEmpty
                ? [configuration.environment.allowsGeneratedSecrets ? Self.developmentStripeWebhookSecret : Secret(RandomIdentifier.hex(bytes: 32))]
                : configuration.stripeWebhookSecrets,
            stripeWebhookURL: Self.trimmingTrailingSlashes(configuration.publicBaseURL) + "/api/webhooks/stripe",
            defaultWebhookURLs: ["social": webhookURL, "scheduled": webhookURL]
        )
    }

    private static func trimmingTrailingSlashes(_ url: String) -> String {
        var url = Substring(url)
        while url.hasSuffix("/") { url = url.dropLast() }
        return String(url)
    }
}
