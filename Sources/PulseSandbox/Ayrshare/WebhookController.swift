import Hummingbird
import PulseCore

/// `POST /api/hook/webhook` registers where an action's webhooks go; `DELETE` forgets it.
/// Registrations are sandbox-wide, whichever profile makes them.
struct WebhookController {
    let store: SandboxStore

    func addRoutes(to group: RouterGroup<SandboxRequestContext>) {
        group.post("hook/webhook", use: self.register)
        group.delete("hook/webhook", use: self.unregister)
    }

    @Sendable func register(_ request: Request, context: SandboxRequestContext) async throws -> WebhookRegisteredResponse {
        let body = try await request.decodeBody(as: RegisterWebhookBody.self, context: context)
        guard let action = body.action, !action.isEmpty else { throw SandboxError.missing("action") }
        guard let url = body.url, url.hasPrefix("http://") || url.hasPrefix("https://") else { throw SandboxError.missing("url") }
        let secret = body.secret.flatMap { $0.isEmpty ? nil : Secret($0) }
        await self.store.register(action: action, url: url, secret: secret)
        return WebhookRegisteredResponse(status: "success", action: action, url: url)
    }

    @Sendable func unregister(_ request: Request, context: SandboxRequestContext) async throws -> WebhookRegisteredResponse {
        let body = try await request.decodeBody(as: RegisterWebhookBody.self, context: context)
        guard let action = body.action, !action.isEmpty else { throw SandboxError.missing("action") }
        _ = await self.store.unregister(action: action)
        return WebhookRegisteredResponse(status: "success", action: action, url: nil)
    }
}

/// `{action, url, secret?}` (only `action` for DELETE).
struct RegisterWebhookBody: Decodable {
    let action: String?
    let url: String?
    let secret: String?
}

/// `{status, action, url}`.
struct WebhookRegisteredResponse: ResponseEncodable {
    let status: String
    let action: String
    let url: String?
}
