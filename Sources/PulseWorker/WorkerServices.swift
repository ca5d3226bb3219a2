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

/// Everything the worker process runs, in dependency order (shutdown runs in reverse).
public struct WorkerServices: Sendable {
    public let configuration: PulseConfiguration
    public let database: Database
    public let redis: RedisClient
    public let heartbeatInterval: Duration
    public let settings: PublishingSettings
    public let store: PublishingStore
    public let queue: RedisDelayQueue
    public let metrics: WorkerMetrics
    public let providerHTTP: HTTPClient
    public let publisher: Publisher
    public let reconciler: Reconciler
    public let tick: Tick
    public let generationSettings: GenerationSettings
    public let jobs: JobStore
    public let generation: BatchGeneration
    /// The AI generator's HTTP client, when one is configured.
    public let aiHTTP: HTTPClient?
    /// Image storage and the links handed to the provider.
    public let media: MediaServices
    public let renderer: PostImageRenderer

    public init(
        configuration: PulseConfiguration, logger: Logger, heartbeatInterval: Duration = .seconds(30),
        settings: PublishingSettings? = nil, metrics: WorkerMetrics = WorkerMetrics(),
        generationSettings: GenerationSettings? = nil
    ) throws {
        self.configuration = configuration
        self.database = try Database(url: configuration.databaseURL, logger: logger)
        self.redis = RedisClient(configuration: try RedisConfiguration(url: configuration.redisURL.value), logger: logger)
        self.heartbeatInterval = heartbeatInterval
        let settings = settings ?? PublishingSettings(configuration: configuration)
        self.settings = settings
        self.metrics = metrics
        self.store = PublishingStore(database: self.database, reconcileAfter: settings.reconcileAfter)
        self.queue = RedisDelayQueue(redis: self.redis, key: settings.queueKey)
        let ayrshareConfiguration = AyrshareConfiguration(baseURL: configuration.ayrshareBaseURL, apiKey: configuration.ayrshareAPIKey)
        // Publishes plus the reconciler's lookups.
        self.providerHTTP = AyrshareClient.makeHTTPClient(ayrshareConfiguration, maximumConnections: settings.concurrency + 8)
        let ayrshare = AyrshareClient(configuration: ayrshareConfiguration, http: self.providerHTTP, logger: logger)
        let secrets = SecretBox(keys: configuration.encryptionKeys)
        var workerLogger = logger
        workerLogger[metadataKey: "worker"] = .string(settings.workerId)
        self.media = MediaServices(
            configuration: configuration.media, baseURL: configuration.publicBaseURL, secret: configuration.jwtSecret, logger: workerLogger
        )
        self.renderer = PostImageRenderer(concurrency: configuration.media.renderConcurrency)
        self.publisher = Publisher(
            store: self.store, ayrshare: ayrshare, secrets: secrets, settings: settings, metrics: metrics, media: self.media, logger: workerLogger
        )
        self.reconciler = Reconciler(store: self.store, ayrshare: ayrshare, secrets: secrets, settings: settings, logger: workerLogger)
        self.tick = Tick(store: self.store, queue: self.queue, settings: settings, metrics: metrics, logger: workerLogger)

        let generationSettings = generationSettings ?? GenerationSettings(configuration: configuration, workerId: settings.workerId)
        self.generationSettings = generationSettings
        self.jobs = JobStore(database: self.database)
        let ai = ContentGenerators.ai(configuration: configuration, logger: workerLogger)
        self.aiHTTP = ai?.http
        self.generation = BatchGeneration(
            jobs: self.jobs, store: GenerationStore(database: self.database), ledger: SpendLedger(database: self.database),
            builtIn: BuiltInGenerator(), ai: ai?.generator, settings: generationSettings,
            metrics: ContentMetrics(registry: metrics.registry),
            images: DraftImages(renderer: self.renderer, storage: self.media.storage), logger: workerLogger
        )
    }

    /// The services to put in one `ServiceGroup`. The worker's own loops start only after the
    /// migration gate passes.
    public func services(logger: Logger) -> [any Service] {
        // One migration check for all the loops: the first to start runs it, the others wait for it.
        let once = OnceCheck { [self] in
            try await MigrationGate.check(
                database: self.database, directory: self.configuration.migrationsDirectory,
                environment: self.configuration.environment, logger: logger
            )
        }
        let gate: @Sendable () async throws -> Void = { try await once.run() }
        var services: [any Service] = [
            self.database.client,
            self.redis,
            ShutdownAction { [providerHTTP] in try await providerHTTP.shutdown() },
            ShutdownAction { [aiHTTP] in try await aiHTTP?.shutdown() },
            ShutdownAction { [media] in try await media.shutdown() },
            ShutdownAction { [renderer] in try await renderer.shutdown() },
            GatedService(gate: gate, service: HeartbeatService(database: self.database, interval: self.heartbeatInterval, logger: logger)),
            GatedService(
                gate: gate,
                service: PeriodicService(
                    name: "tick", logger: logger,
                    delay: { [settings] in Tick.delayToNextTick(now: Date(), interval: settings.tickInterval, aligned: settings.alignTicks) },
                    body: { [tick] in try await tick.runOnce() }
                )
            ),
            GatedService(
                gate: gate,
                service: Dispatcher(
                    queue: self.queue, publisher: self.publisher, store: self.store, settings: self.settings, metrics: self.metrics, logger: logger
                )
            ),
            // Reconciles UNKNOWN items and applies provider reports.
            GatedService(
                gate: gate,
                service: PeriodicService(
                    name: "reconciliation pass", logger: logger, delay: { [settings] in settings.reconcileInterval },
                    body: { [reconciler] in try await reconciler.runOnce() }
                )
            ),
            GatedService(
                gate: gate,
                service: GenerationRunner(jobs: self.jobs, generation: self.generation, settings: self.generationSettings, logger: logger)
            ),
        ]
        if self.configuration.workerMetricsPort > 0 {
            services.append(self.metricsServer(logger: logger))
        }
        return services
    }

    /// `/metrics` (Prometheus) and `/health/live` for the worker, on `WORKER_METRICS_PORT`.
    func metricsServer(logger: Logger) -> some Service {
        let router = Router()
        let registry = self.metrics.registry
        router.get("metrics") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer()))
            )
        }
        router.get("health/live") { _, _ in "ok" }
        return Application(
            router: router,
            configuration: ApplicationConfiguration(
                address: .hostname(self.configuration.host, port: self.configuration.workerMetricsPort), serverName: "PulseWorks-worker"
            ),
            logger: logger
        )
    }
}

/// Runs `check` once however many callers ask; every caller gets its outcome.
actor OnceCheck {
    private let check: @Sendable () async throws -> Void
    private var outcome: Task<Void, any Error>?

    init(_ check: @escaping @Sendable () async throws -> Void) {
        self.check = check
    }

    func run() async throws {
        if let outcome {
            return try await outcome.value
        }
        let task = Task { try await self.check() }
        self.outcome = task
        try await task.value
    }
}

/// Runs `gate` first and `service` only when it passes; a failing gate ends the group with its error.
struct GatedService: Service {
    let gate: @Sendable () async throws -> Void
    let service: any Service

    func run() async throws {
        try await self.gate()
        try await self.service.run()
    }
}
