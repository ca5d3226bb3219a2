import Hummingbird
import Logging

/// The sandbox application: a local Ayrshare-compatible provider under `/api`, its admin API
/// under `/sandbox`, and the webhook deliverer (with its HTTP client) as a service that runs and
/// stops with it. Tests call this too.
/// An OpenAI-compatible chat completions stub answers under `/v1`, its admin under `/sandbox/admin/openai`.
/// A Stripe stub answers under `/v1` too (customers, checkout, portal, subscriptions), its admin and
/// hosted pages under `/sandbox/stripe`, its signed events sent by a deliverer of its own.
public func buildSandboxApplication(_ configuration: SandboxConfiguration, logger: Logger) -> some ApplicationProtocol {
    let store = SandboxStore(defaultWebhookURLs: configuration.defaultWebhookURLs)
    let deliverer = WebhookDeliverer(
        store: store,
        secret: configuration.webhookSecret,
        retryDelays: configuration.webhookRetryDelays,
        timeout: configuration.webhookTimeout,
        logger: logger
    )
    let stripe = StripeStubDeliverer(
        store: StripeStubStore(webhookURL: configuration.stripeWebhookURL),
        secrets: configuration.stripeWebhookSecrets,
        retryDelays: configuration.webhookRetryDelays,
        timeout: configuration.webhookTimeout,
        logger: logger
    )
    return Application(
        router: buildSandboxRouter(configuration, store: store, webhooks: deliverer, stripe: stripe),
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.host, port: configuration.port),
            serverName: "PulseWorks-Sandbox"
        ),
        services: [deliverer, stripe],
        logger: logger
    )
}

/// The routes: the Ayrshare wire format behind the API key and fault gate, the admin API beside it.
func buildSandboxRouter(
    _ configuration: SandboxConfiguration, store: SandboxStore, webhooks: WebhookDeliverer, stripe: StripeStubDeliverer
) -> Router<SandboxRequestContext> {
    let router = Router(context: SandboxRequestContext.self)
    router.add(middleware: SandboxErrorMiddleware())
    let openAI = OpenAIStubStore()

    let api = router.group("api").add(middleware: AyrshareGateMiddleware(apiKey: configuration.apiKey, store: store))
    ProfileController(store: store, webhooks: webhooks).addRoutes(to: api)
    PostController(store: store, webhooks: webhooks).addRoutes(to: api)
    WebhookController(store: store).addRoutes(to: api)

    AdminController(store: store, openAI: openAI, stripe: stripe.store, webhooks: webhooks).addRoutes(to: router.group("sandbox"))
    ChatCompletionsController(store: openAI).addRoutes(to: router.group("v1"))
    OpenAIAdminController(store: openAI).addRoutes(to: router.group("sandbox/admin/openai"))
    let stripeAPI = router.group("v1").add(middleware: StripeGateMiddleware(secretKey: configuration.stripeSecretKey))
    StripeAPIController(store: stripe.store, fallbackBaseURL: "http://\(configuration.host):\(configuration.port)").addRoutes(to: stripeAPI)
    StripeAdminController(webhooks: stripe).addRoutes(to: router.group("sandbox/stripe"))
    return router
}
