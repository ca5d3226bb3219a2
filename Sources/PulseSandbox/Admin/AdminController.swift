import Foundation
import Hummingbird
import PulseCore

/// The sandbox's own API under `/sandbox` (no authentication; a development tool): link and
/// unlink accounts as a user would, inspect posts and webhooks, inject faults, reset.
struct AdminController {
    let store: SandboxStore
    /// The OpenAI-compatible stub's state, cleared by the same reset.
    let openAI: OpenAIStubStore
    /// The Stripe stub's state, cleared by the same reset.
    let stripe: StripeStubStore
    let webhooks: WebhookDeliverer

    func addRoutes(to group: RouterGroup<SandboxRequestContext>) {
        group.get("profiles", use: self.profiles)
        group.post("profiles/:profile/link", use: self.link)
        group.post("profiles/:profile/unlink", use: self.unlink)
        group.get("posts", use: self.posts)
        group.get("faults", use: self.faults)
        group.post("faults", use: self.setFaults)
        group.post("reset", use: self.reset)
        group.get("webhooks", use: self.deliveries)
    }

    @Sendable func profiles(_ request: Request, context: SandboxRequestContext) async throws -> [AdminProfile] {
        await self.store.allProfiles().map(AdminProfile.init)
    }

    /// Links an account as the user would in Ayrshare's dashboard, and sends the `social` webhook.
    @Sendable func link(_ request: Request, context: SandboxRequestContext) async throws -> AdminProfile {
        let refId = try context.parameters.require("profile")
        let body = try await request.decodeBody(as: LinkBody.self, context: context)
        let platform = try SocialUnlink.platform(body.platform)
        let account = LinkedAccount(
            platform: platform,
            id: body.id.flatMap { $0.isEmpty ? nil : $0 } ?? RandomIdentifier.digits(15),
            displayName: body.displayName.flatMap { $0.isEmpty ? nil : $0 } ?? "Sandbox \(platform.capitalized)",
            created: Date()
        )
        let profile = try await self.store.link(account, refId: refId)
        await self.webhooks.send(
            action: "social", payload: SocialWebhook(.link, account: account, refId: refId, created: Timestamp.text(account.created))
        )
        return AdminProfile(profile)
    }

    /// Unlinks an account and sends the `social` webhook; unlinking what is not linked changes
    /// nothing and sends nothing.
    @Sendable func unlink(_ request: Request, context: SandboxRequestContext) async throws -> AdminProfile {
        let refId = try context.parameters.require("profile")
        let body = try await request.decodeBody(as: LinkBody.self, context: context)
        return AdminProfile(try await SocialUnlink.unlink(body.platform, refId: refId, store: self.store, webhooks: self.webhooks))
    }

    @Sendable func posts(_ request: Request, context: SandboxRequestContext) async throws -> [AdminPost] {
        await self.store.allPosts().map { AdminPost($0.post, publishCount: $0.publishCount) }
    }

    @Sendable func faults(_ request: Request, context: SandboxRequestContext) async throws -> FaultSettings {
        await self.store.currentFaults()
    }

    /// Replaces the faults with exactly the ones given; `{}` clears them.
    @Sendable func setFaults(_ request: Request, context: SandboxRequestContext) async throws -> FaultSettings {
        let faults = try await request.decodeBody(as: FaultSettings.self, context: context)
        try faults.validate()
        await self.store.setFaults(faults)
        context.logger.info("faults set", metadata: ["faults": "\(faults)"])
        return faults
    }

    @Sendable func reset(_ request: Request, context: SandboxRequestContext) async throws -> ResetResponse {
        await self.store.reset()
        await self.openAI.reset()
        await self.stripe.reset()
        return ResetResponse(status: "success")
    }

    @Sendable func deliveries(_ request: Request, context: SandboxRequestContext) async throws -> [AdminDelivery] {
        await self.store.allDeliveries().map(AdminDelivery.init)
    }

}

/// `{platform, id?, displayName?}`; unlink reads only `platform`.
struct LinkBody: Decodable {
    let platform: String?
    let id: String?
    let displayName: String?
}

/// `{status}`.
struct ResetResponse: ResponseEncodable {
    let status: String
}

extension FaultSettings: ResponseEncodable {}
