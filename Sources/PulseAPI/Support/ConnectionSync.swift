import Foundation
import Logging
import PulseCore
import PulseIntegrations
import PulseSecurity
import PulseStore
import ServiceLifecycle
import Synchronization

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
    /// Accounts waiting in the queue, so a burst of webhooks for one account syncs it once.
    private let pending = Mutex(Set<UUID>())
    /// When each account was last synced, so listing connections does not spend the provider's
    /// per-profile rate limit (which publishing needs) on every page view.
    private let lastSynced = Mutex([UUID: ContinuousClock.Instant]())
    /// How old a sync may be before listing connections syncs again.
    static let freshness: Duration = .seconds(5)

    public init(social: any SocialRepository, ayrshare: AyrshareClient, secrets: SecretBox, logger: Logger) {
        self.social = social
        self.ayrshare = ayrshare
        self.secrets = secrets
        self.logger = logger
        (self.queue, self.continuation) = AsyncStream.makeStream(of: UUID.self, bufferingPolicy: .bufferingNewest(10_000))
    }

    /// Asks for a background sync of `accountId`.
    public func enqueue(_ accountId: UUID) {
        let isNew = self.pending.withLock { $0.insert(accountId).inserted }
        if isNew {
            self.continuation.yield(accountId)
        }
    }

    /// Whether `accountId` was synced within `freshness`.
    public func isFresh(_ accountId: UUID) -> Bool {
        self.lastSynced.withLock { $0[accountId].map { ContinuousClock.now - $0 < Self.freshness } ?? false }
    }

    /// What a provider profile key is sealed with (see `ProviderProfileRecord.sealingContext`).
    public static func sealingContext(_ accountId: UUID) -> String {
        ProviderProfileRecord.sealingContext(accountId)
    }

    /// The account's provider profile key, opened; nil when it has no profile.
    public func profileKey(accountId: UUID) async throws -> Secret? {
        try await self.social.providerProfile(accountId: accountId).map(self.open)
    }

    private func open(_ profile: ProviderProfileRecord) throws -> Secret {
        try self.secrets.open(
            SecretBox.Sealed(keyID: profile.keyID, combined: profile.sealedKey), context: Self.sealingContext(profile.accountId)
        )
    }

    /// Syncs now; nil when the account has no provider profile yet.
    @discardableResult
    public func sync(accountId: UUID, actor: UUID?) async throws -> [SocialConnectionRecord]? {
        guard let profile = try await self.social.providerProfile(accountId: accountId) else { return nil }
        let key = try self.open(profile)
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
        let connections = try await self.social.syncConnections(accountId: accountId, actor: actor, refId: profile.refId, linked: linked)
        self.lastSynced.withLock { $0[accountId] = ContinuousClock.now }
        return connections
    }

    public func run() async {
        await withGracefulShutdownHandler {
            // Stops at shutdown without working through what is still queued: every queued sync
            // is also done by the next listing or verification.
            for await accountId in self.queue.cancelOnGracefulShutdown() {
                self.pending.withLock { _ = $0.remove(accountId) }
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
