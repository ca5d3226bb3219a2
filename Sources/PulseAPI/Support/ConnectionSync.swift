import Foundation
import Logging
import PulseCore
import PulseIntegrations
import PulseSecurity
import PulseStore
import ServiceLifecycle

/// Brings an account's stored social connections in line with the provider's `/user`, on demand
/// (the connections route, verification) and in the background after `social` webhooks, which
/// say that something changed but not which account is linked now.
public final class ConnectionSync: Service, Sendable {
    let social: any SocialRepository
    let ayrshare: AyrshareClient
    let secrets: SecretBox
    let logger: Logger
    private let queue: AsyncStream<UUID>
    private let continuation: AsyncStream<UUID>.Continuation

    public init(social: any SocialRepository, ayrshare: AyrshareClient, secrets: SecretBox, logger: Logger) {
        self.social = social
        self.ayrshare = ayrshare
        self.secrets = secrets
        self.logger = logger
        (self.queue, self.continuation) = AsyncStream.makeStream(of: UUID.self, bufferingPolicy: .bufferingNewest(10_000))
    }

    /// Asks for a background sync of `accountId`.
    public func enqueue(_ accountId: UUID) {
        self.continuation.yield(accountId)
    }

    /// Syncs now; nil when the account has no provider profile yet.
    @discardableResult
    public func sync(accountId: UUID, actor: UUID?) async throws -> [SocialConnectionRecord]? {
        guard let profile = try await self.social.providerProfile(accountId: accountId) else { return nil }
        let key = try self.secrets.open(
            SecretBox.Sealed(keyID: profile.keyID, combined: profile.sealedKey), context: accountId.text
        )
        let user: AyrshareUser
        do {
            user = try await self.ayrshare.user(profileKey: key)
        } catch {
            throw error.apiError
        }
        let linked = user.linkedAccounts.compactMap { account in
            SocialPlatform(providerName: account.platform).map {
                LinkedSocialAccount(platform: $0, platformAccountId: account.id, displayName: account.displayName)
            }
        }
        return try await self.social.syncConnections(accountId: accountId, actor: actor, refId: profile.refId, linked: linked)
    }

    public func run() async {
        await withGracefulShutdownHandler {
            for await accountId in self.queue {
                do {
                    try await self.sync(accountId: accountId, actor: nil)
                } catch {
                    self.logger.warning(
                        "background connection sync failed",
                        metadata: ["account_id": .string(accountId.text), "error": .string("\(error)")]
                    )
                }
            }
        } onGracefulShutdown: {
            self.continuation.finish()
        }
    }
}
