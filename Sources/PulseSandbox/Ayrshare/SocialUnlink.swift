import Foundation
import PulseCore

/// Unlinking a social account, whoever asks (the owner through `DELETE /api/profiles/social`, or
/// a test through the admin API): the account goes, and a signed `social` webhook says so.
enum SocialUnlink {
    /// Unlinks `platform` from the profile `refId`; unlinking what is not linked changes nothing
    /// and sends nothing.
    static func unlink(_ platform: String?, refId: String, store: SandboxStore, webhooks: WebhookDeliverer) async throws -> SandboxProfile {
        let (profile, account) = try await store.unlink(try Self.platform(platform), refId: refId)
        if let account {
            await webhooks.send(
                action: "social", payload: SocialWebhook(.unlink, account: account, refId: refId, created: Timestamp.text(Date()))
            )
        }
        return profile
    }

    /// A platform the sandbox knows, lower-cased.
    static func platform(_ value: String?) throws(SandboxError) -> String {
        guard let platform = value?.lowercased(), LinkedAccount.platforms.contains(platform) else {
            throw SandboxError(.badRequest, "platform must be one of: \(LinkedAccount.platforms.sorted().joined(separator: ", ")).")
        }
        return platform
    }
}
