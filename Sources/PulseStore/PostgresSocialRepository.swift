import Foundation
import PostgresNIO
import PulseCore

/// `SocialRepository` on Postgres.
public struct PostgresSocialRepository: SocialRepository {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func providerProfile(accountId: UUID) async throws -> ProviderProfileRecord? {
        let rows = try await self.database.query(
            """
            SELECT ref_id, title, profile_key_ciphertext, profile_key_key_id FROM provider_profiles
            WHERE account_id = \(accountId)
            """
        )
        for try await (refId, title, key, keyID) in rows.decode((String, String, Data, String).self) {
            return ProviderProfileRecord(accountId: accountId, refId: refId, title: title, sealedKey: key, keyID: keyID)
        }
        return nil
    }

    public func saveProviderProfile(
        accountId: UUID, actor: UUID, refId: String, title: String, sealedKey: Data, keyID: String
    ) async throws -> ProviderProfileRecord {
        let profile = NewProviderProfile(refId: refId, title: title, sealedKey: sealedKey, keyID: keyID)
        let logger = self.database.logger
        try await self.database.transaction { connection in
            try await Self.insert(profile, accountId: accountId, actor: actor, on: connection, logger: logger)
        }
        return ProviderProfileRecord(accountId: accountId, refId: refId, title: title, sealedKey: sealedKey, keyID: keyID)
    }

    public func providerProfileCreatingOnce(
        accountId: UUID, actor: UUID, create: @Sendable () async throws -> NewProviderProfile
    ) async throws -> (profile: ProviderProfileRecord, created: Bool) {
        let logger = self.database.logger
        return try await self.database.transaction { connection in
            // A lock of its own (not the account row), held across the provider call, so a second
            // request waits and then finds the profile instead of creating another one.
            try await connection.query(
                "SELECT pg_advisory_xact_lock(hashtextextended(\("provider_profile:" + accountId.text), 0))", logger: logger
            )
            for try await (refId, title, key, keyID) in try await connection.query(
                """
                SELECT ref_id, title, profile_key_ciphertext, profile_key_key_id FROM provider_profiles
                WHERE account_id = \(accountId)
                """,
                logger: logger
            ).decode((String, String, Data, String).self) {
                return (ProviderProfileRecord(accountId: accountId, refId: refId, title: title, sealedKey: key, keyID: keyID), false)
            }
            let profile = try await create()
            try await Self.insert(profile, accountId: accountId, actor: actor, on: connection, logger: logger)
            return (
                ProviderProfileRecord(
                    accountId: accountId, refId: profile.refId, title: profile.title, sealedKey: profile.sealedKey, keyID: profile.keyID
                ),
                true
            )
        }
    }

    private static func insert(
        _ profile: NewProviderProfile, accountId: UUID, actor: UUID, on connection: PostgresConnection, logger: Logger
    ) async throws {
        do {
            try await connection.query(
                """
                INSERT INTO provider_profiles (account_id, ref_id, title, profile_key_ciphertext, profile_key_key_id)
                VALUES (\(accountId), \(profile.refId), \(profile.title), \(profile.sealedKey), \(profile.keyID))
                """,
                logger: logger
            )
        } catch let error as PSQLError where error.isUniqueViolation() {
            throw PulseError.conflict(code: "provider_profile_exists", message: "This account already has a provider profile.")
        }
        try await AuditLog.append(
            AuditEntry(
                accountId: accountId, userId: actor, type: .providerProfileCreated, entityType: "provider_profile",
                entityId: profile.refId, metadata: ["title": .string(profile.title)]
            ),
            on: connection, logger: logger
        )
    }

    public func account(forRefId refId: String) async throws -> UUID? {
        for try await id in try await self.database.query("SELECT account_id FROM provider_profiles WHERE ref_id = \(refId)").decode(UUID.self) {
            return id
        }
        return nil
    }

    public func connections(accountId: UUID) async throws -> [SocialConnectionRecord] {
        try await Self.connections(accountId: accountId, query: self.database.query)
    }

    public func syncConnections(
        accountId: UUID, actor: UUID?, refId: String, linked: [LinkedSocialAccount]
    ) async throws -> [SocialConnectionRecord] {
        let logger = self.database.logger
        return try await self.database.transaction { connection in
            // Serialise syncs, webhooks and verification of one account.
            try await AccountLock.lock(accountId: accountId, on: connection, logger: logger)
            let current = try await Self.connections(accountId: accountId) { try await connection.query($0, logger: logger) }
            let plan = Plan(stored: try await connection.query("SELECT plan FROM accounts WHERE id = \(accountId)", logger: logger)
                .first(decoding: { try $0.decode(String?.self) }) ?? nil)
            // Platforms connected and still linked (those being unlinked in this sync free their
            // room); a new one is stored only while the plan has room for it.
            let stillLinked = Set(linked.map(\.platform))
            var connected = Set(current.filter { $0.status == "CONNECTED" && stillLinked.contains($0.platform) }.map(\.platform))
            for platform in SocialPlatform.allCases {
                let now = linked.first { $0.platform == platform }
                let before = current.first { $0.platform == platform }
                switch (before, now) {
                case (let before?, let now?) where before.status == "CONNECTED" && before.platformAccountId == now.platformAccountId:
                    if before.displayName != now.displayName {
                        try await connection.query(
                            """
                            UPDATE social_connections SET display_name = \(now.displayName), updated_at = now()
                            WHERE account_id = \(accountId) AND id = \(before.id)
                            """,
                            logger: logger
                        )
                    }
                case (_, _?) where !connected.contains(platform)
                    && !PlanLimit.connectedPlatforms.allowsAnother(current: connected.count, on: plan):
                    // Linked at the provider but over the plan: not stored, so never published to.
                    // Nothing changes, so nothing is audited (every later sync would repeat it).
                    logger.notice(
                        "linked platform over the plan's limit not connected",
                        metadata: ["account_id": .string(accountId.text), "platform": .string(platform.rawValue), "plan": .string(plan.rawValue)]
                    )
                case (_, let now?):
                    connected.insert(platform)
                    try await connection.query(
                        """
                        INSERT INTO social_connections (account_id, id, platform, provider_profile_id, platform_account_id, display_name, status)
                        VALUES (\(accountId), \(UUID()), \(platform.rawValue), \(refId), \(now.platformAccountId), \(now.displayName), 'CONNECTED')
                        ON CONFLICT (account_id, platform) DO UPDATE SET
                            provider_profile_id = EXCLUDED.provider_profile_id, platform_account_id = EXCLUDED.platform_account_id,
                            display_name = EXCLUDED.display_name, status = 'CONNECTED', updated_at = now()
                        """,
                        logger: logger
                    )
                    try await AuditLog.append(
                        AuditEntry(
                            accountId: accountId, userId: actor, type: .socialConnected, entityType: "social_connection",
                            entityId: platform.rawValue,
                            metadata: ["platform": .string(platform.rawValue), "platformAccountId": .string(now.platformAccountId)]
                        ),
                        on: connection, logger: logger
                    )
                case (let before?, nil) where before.status == "CONNECTED":
                    try await Self.markDisconnected(accountId: accountId, actor: actor, platform: platform, on: connection, logger: logger)
                default:
                    break
                }
            }
            try await Self.checkPublishingProfile(accountId: accountId, actor: actor, linked: linked, on: connection, logger: logger)
            return try await Self.connections(accountId: accountId) { try await connection.query($0, logger: logger) }
        }
    }

    public func disconnect(accountId: UUID, actor: UUID, connectionId: UUID) async throws {
        let logger = self.database.logger
        try await self.database.transaction { connection in
            try await AccountLock.lock(accountId: accountId, on: connection, logger: logger)
            var found: (SocialPlatform, String)?
            for try await (raw, status) in try await connection.query(
                "SELECT platform, status FROM social_connections WHERE account_id = \(accountId) AND id = \(connectionId)",
                logger: logger
            ).decode((String, String).self) {
                found = SocialPlatform(rawValue: raw).map { ($0, status) }
            }
            guard let (platform, status) = found else { throw PulseError.notFound }
            // The provider's unlink webhook may have got here first: then there is nothing to change.
            if status == "CONNECTED" {
                try await Self.markDisconnected(accountId: accountId, actor: actor, platform: platform, on: connection, logger: logger)
            }
            let remaining = try await Self.connections(accountId: accountId) { try await connection.query($0, logger: logger) }
            try await Self.checkPublishingProfile(
                accountId: accountId, actor: actor, linked: remaining.linkedAccounts, on: connection, logger: logger
            )
        }
    }

    public func publishingProfile(accountId: UUID) async throws -> PublishingProfileRecord? {
        try await Self.publishingProfile(accountId: accountId, query: self.database.query)
    }

    public func verifyPublishingProfile(
        accountId: UUID, actor: UUID, facebookAccountId: String?, instagramAccountId: String?
    ) async throws -> PublishingProfileRecord {
        let logger = self.database.logger
        return try await self.database.transaction { connection in
            try await AccountLock.lock(accountId: accountId, on: connection, logger: logger)
            let connections = try await Self.connections(accountId: accountId) { try await connection.query($0, logger: logger) }
            let wanted: [(SocialPlatform, String, String)] = [
                (.facebook, facebookAccountId, "facebookAccountId"), (.instagram, instagramAccountId, "instagramAccountId"),
            ].compactMap { platform, id, field in id.map { (platform, $0, field) } }
            guard !wanted.isEmpty else {
                throw PulseError.validation([
                    FieldIssue(field: "facebookAccountId", message: "name a linked Facebook Page, an Instagram account, or both")
                ])
            }
            var issues: [FieldIssue] = []
            var refId: String?
            for (platform, id, field) in wanted {
                if let match = connections.first(where: { $0.platform == platform && $0.status == "CONNECTED" && $0.platformAccountId == id }) {
                    refId = refId ?? match.providerProfileId
                } else {
                    issues.append(FieldIssue(field: field, message: "is not a \(platform.providerName) account currently linked to this account"))
                }
            }
            guard issues.isEmpty, let refId else { throw PulseError.validation(issues) }
            try await connection.query(
                """
                INSERT INTO publishing_profiles (account_id, provider_profile_id, facebook_account_id, instagram_account_id, status, verified_at, verified_by)
                VALUES (\(accountId), \(refId), \(facebookAccountId), \(instagramAccountId), 'VERIFIED', now(), \(actor))
                ON CONFLICT (account_id) DO UPDATE SET
                    provider_profile_id = EXCLUDED.provider_profile_id, facebook_account_id = EXCLUDED.facebook_account_id,
                    instagram_account_id = EXCLUDED.instagram_account_id, status = 'VERIFIED',
                    verified_at = EXCLUDED.verified_at, verified_by = EXCLUDED.verified_by, updated_at = now()
                """,
                logger: logger
            )
            try await AuditLog.append(
                AuditEntry(
                    accountId: accountId, userId: actor, type: .publishingProfileVerified, entityType: "publishing_profile",
                    entityId: accountId.text,
                    metadata: [
                        "facebookAccountId": facebookAccountId.map(JSONValue.string) ?? .null,
                        "instagramAccountId": instagramAccountId.map(JSONValue.string) ?? .null,
                    ]
                ),
                on: connection, logger: logger
            )
            guard let profile = try await Self.publishingProfile(accountId: accountId, query: { try await connection.query($0, logger: logger) }) else {
                throw PulseError.internalError
            }
            return profile
        }
    }

    public func recordWebhook(_ event: WebhookEvent) async throws -> Bool {
        let logger = self.database.logger
        return try await self.database.transaction { connection in
            if let accountId = event.accountId {
                try await AccountLock.lock(accountId: accountId, on: connection, logger: logger)
            }
            let inserted = try await connection.query(
                """
                INSERT INTO webhook_events (source, event_id, account_id, event_type, payload, applied_at)
                VALUES (\(event.source), \(event.eventId), \(event.accountId), \(event.eventType), \(event.payload)::jsonb,
                        CASE WHEN \(event.appliedOnReceipt) THEN now() END)
                ON CONFLICT (source, event_id) DO NOTHING
                RETURNING 1
                """,
                logger: logger
            ).collect()
            guard !inserted.isEmpty else { return false }
            if let accountId = event.accountId, let platform = event.unlinkedPlatform {
                let connections = try await Self.connections(accountId: accountId) { try await connection.query($0, logger: logger) }
                if connections.contains(where: { $0.platform == platform && $0.status == "CONNECTED" }) {
                    try await Self.markDisconnected(accountId: accountId, actor: nil, platform: platform, on: connection, logger: logger)
                }
                let remaining = connections.linkedAccounts.filter { $0.platform != platform }
                try await Self.checkPublishingProfile(accountId: accountId, actor: nil, linked: remaining, on: connection, logger: logger)
            }
            return true
        }
    }

    // MARK: shared statements

    private static func markDisconnected(
        accountId: UUID, actor: UUID?, platform: SocialPlatform, on connection: PostgresConnection, logger: Logger
    ) async throws {
        try await connection.query(
            """
            UPDATE social_connections SET status = 'DISCONNECTED', updated_at = now()
            WHERE account_id = \(accountId) AND platform = \(platform.rawValue)
            """,
            logger: logger
        )
        try await AuditLog.append(
            AuditEntry(
                accountId: accountId, userId: actor, type: .socialDisconnected, entityType: "social_connection",
                entityId: platform.rawValue, metadata: ["platform": .string(platform.rawValue)]
            ),
            on: connection, logger: logger
        )
    }

    /// A VERIFIED profile whose accounts are not all in `linked` becomes NEEDS_RECONNECT, audited.
    /// A platform the profile names no account for cannot break it.
    private static func checkPublishingProfile(
        accountId: UUID, actor: UUID?, linked: [LinkedSocialAccount], on connection: PostgresConnection, logger: Logger
    ) async throws {
        guard let profile = try await Self.publishingProfile(accountId: accountId, query: { try await connection.query($0, logger: logger) }),
            profile.status == "VERIFIED"
        else { return }
        let broken = PublishingProfileRules.brokenPlatforms(verified: profile.accounts, linked: linked)
        guard !broken.isEmpty else { return }
        try await connection.query(
            "UPDATE publishing_profiles SET status = 'NEEDS_RECONNECT', updated_at = now() WHERE account_id = \(accountId)",
            logger: logger
        )
        try await AuditLog.append(
            AuditEntry(
                accountId: accountId, userId: actor, type: .publishingProfileNeedsReconnect, entityType: "publishing_profile",
                entityId: accountId.text, metadata: ["platforms": .array(broken.map { .string($0.rawValue) })]
            ),
            on: connection, logger: logger
        )
    }

    private static func connections(
        accountId: UUID, query: (PostgresQuery) async throws -> PostgresRowSequence
    ) async throws -> [SocialConnectionRecord] {
        let rows = try await query(
            """
            SELECT id, platform, provider_profile_id, platform_account_id, display_name, status FROM social_connections
            WHERE account_id = \(accountId) ORDER BY platform
            """
        )
        var result: [SocialConnectionRecord] = []
        for try await (id, platform, ref, accountID, name, status) in rows.decode((UUID, String, String, String, String?, String).self) {
            if let platform = SocialPlatform(rawValue: platform) {
                result.append(
                    SocialConnectionRecord(
                        id: id, platform: platform, providerProfileId: ref, platformAccountId: accountID, displayName: name, status: status
                    )
                )
            }
        }
        return result
    }

    private static func publishingProfile(
        accountId: UUID, query: (PostgresQuery) async throws -> PostgresRowSequence
    ) async throws -> PublishingProfileRecord? {
        let rows = try await query(
            """
            SELECT provider_profile_id, facebook_account_id, instagram_account_id, status, verified_at, verified_by
            FROM publishing_profiles WHERE account_id = \(accountId)
            """
        )
        for try await (ref, facebook, instagram, status, at, by) in rows.decode((String, String?, String?, String, Date, UUID).self) {
            return PublishingProfileRecord(
                providerProfileId: ref, facebookAccountId: facebook, instagramAccountId: instagram, status: status, verifiedAt: at, verifiedBy: by
            )
        }
        return nil
    }
}

extension [SocialConnectionRecord] {
    /// The connected accounts, as the provider would list them.
    var linkedAccounts: [LinkedSocialAccount] {
        self.filter { $0.status == "CONNECTED" }.map {
            LinkedSocialAccount(platform: $0.platform, platformAccountId: $0.platformAccountId, displayName: $0.displayName)
        }
    }
}
