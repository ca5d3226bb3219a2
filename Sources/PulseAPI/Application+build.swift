import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import Prometheus
import PulseCore
import PulseIntegrations
import PulseMedia
import PulseRedis
import PulseSecurity
import PulseStore
import ServiceLifecycle

/// Everything the web process is made of, built once from the configuration.
public struct WebServices: Sendable {
    public let configuration: PulseConfiguration
    public let database: Database
    public let redis: RedisClient
    public let hasher: PasswordHasher
    public let tokens: AccessTokens
    public let throttle: any FailureThrottle
    public let metrics: PrometheusCollectorRegistry
    public let auth: any AuthRepository
    public let accounts: any AccountRepository
    public let audit: any AuditRepository
    public let social: any SocialRepository
    public let postingRules: any PostingRuleRepository
    public let secrets: SecretBox
    public let providerHTTP: HTTPClient
    public let ayrshare: AyrshareClient
    public let connectionSync: ConnectionSync
    public let schedule: any ScheduleRepository
    /// Read-only here: the worker's heartbeat for /health/ready.
    public let publishing: PublishingStore
    public let briefs: any BriefRepository
    public let content: any ContentRepository
    public let brand: any BrandRepository
    public let jobs: JobStore
    /// Fetches owners' websites for brand extraction (its own client: redirects are followed by hand).
    public let websiteHTTP: HTTPClient
    public let websiteFetcher: WebsiteFetcher
    public let billing: any BillingRepository
    public let stripeHTTP: HTTPClient
    public let stripe: StripeClient
    /// Image storage (`MEDIA_STORAGE`) and the signed links to it.
    public let media: MediaServices
    public let mediaAssets: MediaRepository

    /// Builds the object graph by constructor injection; nothing is started yet.
    public init(configuration: PulseConfiguration, logger: Logger, metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) async throws {
        self.configuration = configuration
        self.database = try Database(url: configuration.databaseURL, logger: logger)
        self.redis = RedisClient(configuration: try RedisConfiguration(url: configuration.redisURL.value), logger: logger)
        self.hasher = PasswordHasher()
        self.tokens = await AccessTokens(secret: configuration.jwtSecret, lifetime: configuration.accessTokenLifetime)
        self.throttle = RedisFailureThrottle(
            redis: self.redis, policy: ThrottlePolicy(), fallback: LocalFailureThrottle(policy: ThrottlePolicy()), logger: logger
        )
        self.metrics = metrics
        self.auth = PostgresAuthRepository(database: self.database)
        self.accounts = PostgresAccountRepository(database: self.database)
        self.audit = PostgresAuditRepository(database: self.database)
        self.social = PostgresSocialRepository(database: self.database)
        self.postingRules = PostgresPostingRuleRepository(database: self.database)
        self.schedule = PostgresScheduleRepository(database: self.database)
        self.publishing = PublishingStore(database: self.database)
        self.secrets = SecretBox(keys: configuration.encryptionKeys)
        let ayrshareConfiguration = AyrshareConfiguration(baseURL: configuration.ayrshareBaseURL, apiKey: configuration.ayrshareAPIKey)
        self.providerHTTP = AyrshareClient.makeHTTPClient(ayrshareConfiguration)
        self.ayrshare = AyrshareClient(configuration: ayrshareConfiguration, http: self.providerHTTP, logger: logger)
        self.connectionSync = ConnectionSync(social: self.social, ayrshare: self.ayrshare, secrets: self.secrets, logger: logger)
        self.briefs = PostgresBriefRepository(database: self.database)
        self.content = PostgresContentRepository(database: self.database)
        self.brand = PostgresBrandRepository(database: self.database)
        self.jobs = JobStore(database: self.database)
        self.websiteHTTP = WebsiteFetcher.makeHTTPClient()
        self.billing = PostgresBillingRepository(database: self.database)
        self.stripeHTTP = StripeClient.makeHTTPClient()
        self.stripe = StripeClient(
            configuration: StripeConfiguration(baseURL: configuration.stripeBaseURL, secretKey: configuration.stripeSecretKey ?? Secret("")),
            http: self.stripeHTTP, logger: logger
        )
        self.media = MediaServices(
            configuration: configuration.media, baseURL: configuration.publicBaseURL, secret: configuration.jwtSecret, logger: logger
        )
        self.mediaAssets = MediaRepository(database: self.database)
        self.websiteFetcher = WebsiteFetcher(
            httpClient: self.websiteHTTP, policy: configuration.environment == .production ? .production() : .development()
        )
    }
}

/// The web application: the router with every controller, plus the services it needs running
/// (the Postgres pool, the Redis client). Tests call this too.
public func buildApplication(_ services: WebServices, logger: Logger) -> some ApplicationProtocol {
    let configuration = services.configuration
    var app = Application(
        router: buildRouter(services),
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.host, port: configuration.port),
            serverName: "PulseWorks"
        ),
        services: [
            services.database.client, services.redis,
            ShutdownAction { try await services.hasher.shutdown() },
            ShutdownAction { try await services.providerHTTP.shutdown() },
            ShutdownAction { try await services.websiteHTTP.shutdown() },
            ShutdownAction { try await services.stripeHTTP.shutdown() },
            ShutdownAction { try await services.media.shutdown() },
            services.connectionSync,
        ],
        logger: logger
    )
    let environment = configuration.environment
    let migrationsDirectory = configuration.migrationsDirectory
    app.beforeServerStarts {
        try await MigrationGate.check(
            database: services.database, directory: migrationsDirectory, environment: environment, logger: logger
        )
        try await services.hasher.warmUp()
    }
    return app
}

/// The router: public auth routes, authenticated routes, and account-scoped routes behind the
/// tenant middleware, each group with its own request context.
public func buildRouter(_ services: WebServices) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: RequestLogMiddleware(metrics: HTTPMetrics(registry: services.metrics)))
    router.add(middleware: ErrorMiddleware())

    OperationsController(database: services.database, redis: services.redis, publishing: services.publishing, registry: services.metrics).addRoutes(to: router)

    let sessions = SessionIssuer(auth: services.auth, tokens: services.tokens, refreshLifetime: services.configuration.refreshTokenLifetime)
    let authController = AuthController(
        auth: services.auth, accounts: services.accounts, hasher: services.hasher, tokens: services.tokens,
        sessions: sessions, fingerprint: RequestFingerprint(secret: services.configuration.jwtSecret), throttle: services.throttle
    )
    authController.addPublicRoutes(to: router.group("api/auth"))

    let authenticated = router.group("api")
        .add(middleware: AuthenticationMiddleware(tokens: services.tokens, auth: services.auth))
        .group(context: AuthenticatedContext.self)
    authController.addAuthenticatedRoutes(to: authenticated.group("auth"))
    let accountController = AccountController(accounts: services.accounts)
    accountController.addRoutes(to: authenticated.group("accounts"))

    let account = authenticated.group("accounts/:accountId")
        .add(middleware: TenantMiddleware(accounts: services.accounts))
        .group(context: AccountContext.self)
    accountController.addAccountRoutes(to: account)
    MemberController(accounts: services.accounts).addRoutes(to: account.group("members"))
    AuditController(audit: services.audit).addRoutes(to: account.group("audit"))
    let webhookURL = services.configuration.registersProviderWebhooks
        ? services.configuration.publicBaseURL.trimmingSuffix("/") + "/api/webhooks/ayrshare" : nil
    SocialController(
        social: services.social, ayrshare: services.ayrshare, secrets: services.secrets, sync: services.connectionSync,
        webhookURL: webhookURL
    ).addRoutes(to: account)
    PostingRulesController(rules: services.postingRules).addRoutes(to: account)
    ScheduleController(
        schedule: services.schedule, fingerprint: RequestFingerprint(secret: services.configuration.jwtSecret),
        leadTime: services.configuration.scheduleLeadTime
    ).addRoutes(to: account)
    let fingerprint = RequestFingerprint(secret: services.configuration.jwtSecret)
    BriefController(
        briefs: services.briefs, content: services.content, jobs: services.jobs, budget: services.configuration.content.aiBudget,
        fingerprint: fingerprint
    ).addRoutes(to: account)
    ContentController(content: services.content, media: services.media).addRoutes(to: account)
    let mediaController = MediaController(media: services.mediaAssets, services: services.media)
    mediaController.addRoutes(to: account)
    mediaController.addPublicRoutes(to: router)
    JobController(jobs: services.jobs).addRoutes(to: account)
    BrandController(brand: services.brand, accounts: services.accounts, fetcher: services.websiteFetcher).addRoutes(to: account)
    BillingController(
        billing: services.billing, accounts: services.accounts, auth: services.auth, stripe: services.stripe,
        configuration: services.configuration.billing
    ).addRoutes(to: account)
    StripeWebhookController(
        billing: services.billing, stripe: services.stripe, secrets: services.configuration.stripeWebhookSecrets,
        configuration: services.configuration.billing
    ).addRoutes(to: router)
    AyrshareWebhookController(social: services.social, sync: services.connectionSync, secrets: services.configuration.ayrshareWebhookSecrets)
        .addRoutes(to: router)
    return router
}
