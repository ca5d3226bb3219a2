import Foundation
import PostgresNIO
import PulseCore

/// `AccountRepository` on Postgres.
public struct PostgresAccountRepository: AccountRepository {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func membership(accountId: UUID, userId: UUID) async throws -> (role: Role, settings: AccountSettings)? {
        let rows = try await self.database.query(
            """
            SELECT m.role, a.settings::text FROM memberships m JOIN accounts a ON a.id = m.account_id
            WHERE m.account_id = \(accountId) AND m.user_id = \(userId)
            """
        )
        for try await (role, settings) in rows.decode((String, String).self) {
            guard let role = Role(rawValue: role) else { return nil }
            return (role, try AccountRows.settings(settings))
        }
        return nil
    }

    public func accounts(userId: UUID) async throws -> [AccountMembership] {
        let rows = try await self.database.query(
            """
            SELECT \(unescaped: AccountRows.columns), m.role
            FROM memberships m JOIN accounts a ON a.id = m.account_id
            WHERE m.user_id = \(userId)
            ORDER BY m.created_at, a.id
            """
        )
        var result: [AccountMembership] = []
        for try await row in rows {
            result.append(try AccountRows.membership(row))
        }
        return result
    }

    public func create(accountId: UUID, owner: UUID, name: String, timezone: String, websiteURL: String?) async throws -> AccountMembership {
        let logger = self.database.logger
        try await self.database.transaction { connection in
            try await AccountWrites.insertAccount(
                id: accountId, name: name, timezone: timezone, websiteURL: websiteURL, owner: owner,
                on: connection, logger: logger
            )
        }
        guard let account = try await self.account(accountId: accountId) else { throw PulseError.notFound }
        return AccountMembership(account: account, role: .owner)
    }

    public func account(accountId: UUID) async throws -> AccountRecord? {
        let rows = try await self.database.query(
            "SELECT \(unescaped: AccountRows.columns) FROM accounts a WHERE a.id = \(accountId)"
        )
        for try await row in rows {
            return try AccountRows.account(row)
        }
        return nil
    }

    public func update(accountId: UUID, actor: UUID, changes: AccountChanges, authorize: ActorCheck) async throws -> AccountRecord {
        let logger = self.database.logger
        return try await self.database.transaction { connection in
            try await AccountLock.lock(accountId: accountId, actor: actor, authorize: authorize, on: connection, logger: logger)
            var current: AccountRecord?
            for try await row in try await connection.query(
                "SELECT \(unescaped: AccountRows.columns) FROM accounts a WHERE a.id = \(accountId)",
                logger: logger
            ) {
                current = try AccountRows.account(row)
            }
            guard let current else { throw PulseError.notFound }
            let name = changes.name ?? current.name
            let timezone = changes.timezone ?? current.timezone
            let website = changes.websiteURL ?? current.websiteURL
            var settings = current.settings
            if let value = changes.adminsCanApprove { settings.adminsCanApprove = value }
            var changed: [JSONValue] = []
            if name != current.name { changed.append("name") }
            if timezone != current.timezone { changed.append("timezone") }
            if website != current.websiteURL { changed.append("websiteUrl") }
            if settings != current.settings { changed.append("settings") }
            guard !changed.isEmpty else { return current }
            let settingsText = try JSONText.encode(settings)
            try await connection.query(
                """
                UPDATE accounts SET name = \(name), timezone = \(timezone), website_url = \(website),
                    settings = \(settingsText)::jsonb, updated_at = now()
                WHERE id = \(accountId)
                """,
                logger: logger
            )
            try await AuditLog.append(
                AuditEntry(
                    accountId: accountId, userId: actor, type: .accountUpdated, entityType: "account",
                    entityId: accountId.text, metadata: ["changed": .array(changed)]
                ),
                on: connection, logger: logger
            )
            return AccountRecord(
                id: current.id, name: name, websiteURL: website, timezone: timezone, settings: settings,
                plan: current.plan, postingAddon: current.postingAddon, billingStatus: current.billingStatus,
                createdAt: current.createdAt
            )
        }
    }

    public func members(accountId: UUID) async throws -> [MemberRecord] {
        let rows = try await self.database.query(
            """
            SELECT m.user_id, u.email, m.role, m.created_at FROM memberships m JOIN users u ON u.id = m.user_id
            WHERE m.account_id = \(accountId) ORDER BY m.created_at, u.email
            """
        )
        var members: [MemberRecord] = []
        for try await (userId, email, role, createdAt) in rows.decode((UUID, String, String, Date).self) {
            if let role = Role(rawValue: role) {
                members.append(MemberRecord(userId: userId, email: email, role: role, createdAt: createdAt))
            }
        }
        return members
    }

    public func addMember(
        accountId: UUID, actor: UUID, email: EmailAddress, role: Role, authorize: ActorCheck
    ) async throws -> MemberRecord {
        let logger = self.database.logger
        return try await self.database.transaction { connection in
            try await AccountLock.lock(accountId: accountId, actor: actor, authorize: authorize, on: connection, logger: logger)
            var userId: UUID?
            for try await id in try await connection.query(
                "SELECT id FROM users WHERE lower(email) = \(email.value)", logger: logger
            ).decode(UUID.self) {
                userId = id
            }
            guard let userId else {
                throw PulseError.invalid("email", "does not belong to a PulseWorks user; ask them to sign up first")
            }
            let usage = try await connection.query(
                """
                SELECT a.plan, (SELECT count(*)::int FROM memberships m WHERE m.account_id = a.id),
                       EXISTS (SELECT 1 FROM memberships m WHERE m.account_id = a.id AND m.user_id = \(userId))
                FROM accounts a WHERE a.id = \(accountId)
                """,
                logger: logger
            ).first(decoding: { try $0.decode((String, Int, Bool).self) })
            if let (plan, members, already) = usage, !already, !PlanLimit.members.allowsAnother(current: members, on: Plan(stored: plan)) {
                throw PlanLimit.members.exceeded(on: Plan(stored: plan))
            }
            let inserted = try await connection.query(
                """
                INSERT INTO memberships (account_id, user_id, role) VALUES (\(accountId), \(userId), \(role.rawValue))
                ON CONFLICT (account_id, user_id) DO NOTHING
                RETURNING created_at
                """,
                logger: logger
            )
            var createdAt: Date?
            for try await date in inserted.decode(Date.self) {
                createdAt = date
            }
            guard let createdAt else {
                throw PulseError.conflict(code: "already_member", message: "This user is already a member of the account.")
            }
            try await AuditLog.append(
                AuditEntry(
                    accountId: accountId, userId: actor, type: .memberAdded, entityType: "user",
                    entityId: userId.text, metadata: ["role": .string(role.rawValue)]
                ),
                on: connection, logger: logger
            )
            return MemberRecord(userId: userId, email: email.value, role: role, createdAt: createdAt)
        }
    }

    public func changeRole(
        accountId: UUID, actor: UUID, userId: UUID, role: Role, authorize: ActorCheck
    ) async throws -> MemberRecord {
        let logger = self.database.logger
        return try await self.database.transaction { connection in
            try await AccountLock.lock(accountId: accountId, actor: actor, authorize: authorize, on: connection, logger: logger)
            let (current, owners) = try await Self.readMember(accountId: accountId, userId: userId, on: connection, logger: logger)
            try MembershipRules.checkOwnership(current: current.role, newRole: role, ownerCount: owners)
            guard current.role != role else { return current }
            try await connection.query(
                """
                UPDATE memberships SET role = \(role.rawValue), updated_at = now()
                WHERE account_id = \(accountId) AND user_id = \(userId)
                """,
                logger: logger
            )
            try await AuditLog.append(
                AuditEntry(
                    accountId: accountId, userId: actor, type: .memberRoleChanged, entityType: "user",
                    entityId: userId.text, metadata: ["from": .string(current.role.rawValue), "to": .string(role.rawValue)]
                ),
                on: connection, logger: logger
            )
            return MemberRecord(userId: userId, email: current.email, role: role, createdAt: current.createdAt)
        }
    }

    public func removeMember(accountId: UUID, actor: UUID, userId: UUID, authorize: ActorCheck) async throws {
        let logger = self.database.logger
        try await self.database.transaction { connection in
            try await AccountLock.lock(accountId: accountId, actor: actor, authorize: authorize, on: connection, logger: logger)
            let (current, owners) = try await Self.readMember(accountId: accountId, userId: userId, on: connection, logger: logger)
            try MembershipRules.checkOwnership(current: current.role, newRole: nil, ownerCount: owners)
            try await connection.query(
                "DELETE FROM memberships WHERE account_id = \(accountId) AND user_id = \(userId)", logger: logger
            )
            try await AuditLog.append(
                AuditEntry(
                    accountId: accountId, userId: actor, type: .memberRemoved, entityType: "user",
                    entityId: userId.text, metadata: ["role": .string(current.role.rawValue)]
                ),
                on: connection, logger: logger
            )
        }
    }

    /// Reads a member and the account's OWNER count; call after `AccountLock.lock`.
    private static func readMember(
        accountId: UUID, userId: UUID, on connection: PostgresConnection, logger: Logger
    ) async throws -> (MemberRecord, Int) {
        let rows = try await connection.query(
            """
            SELECT m.user_id, u.email, m.role, m.created_at,
                (SELECT count(*) FROM memberships o WHERE o.account_id = m.account_id AND o.role = 'OWNER')
            FROM memberships m JOIN users u ON u.id = m.user_id
            WHERE m.account_id = \(accountId) AND m.user_id = \(userId)
            """,
            logger: logger
        )
        for try await (id, email, role, createdAt, owners) in rows.decode((UUID, String, String, Date, Int).self) {
            guard let role = Role(rawValue: role) else { break }
            return (MemberRecord(userId: id, email: email, role: role, createdAt: createdAt), owners)
        }
        throw PulseError.notFound
    }
}

/// How account rows are selected and decoded, in one place.
enum AccountRows {
    static let columns =
        "a.id, a.name, a.website_url, a.timezone, a.settings::text, a.plan, a.posting_addon, a.billing_status, a.created_at"

    static func account(_ row: PostgresRow) throws -> AccountRecord {
        let (id, name, website, timezone, settings, plan, addon, status, createdAt) = try row.decode(
            (UUID, String, String?, String, String, String?, Bool, String, Date).self
        )
        return AccountRecord(
            id: id, name: name, websiteURL: website, timezone: timezone, settings: try Self.settings(settings),
            plan: plan, postingAddon: addon, billingStatus: status, createdAt: createdAt
        )
    }

    static func membership(_ row: PostgresRow) throws -> AccountMembership {
        let columns = row.makeRandomAccess()
        let role = try columns[9].decode(String.self)
        return AccountMembership(account: try Self.account(row), role: Role(rawValue: role) ?? .member)
    }

    /// Settings are stored as jsonb; unknown keys are ignored and missing ones take their defaults.
    static func settings(_ text: String) throws -> AccountSettings {
        let object = try JSONText.decode([String: JSONValue].self, text)
        var settings = AccountSettings()
        if case .bool(let value)? = object["adminsCanApprove"] {
            settings.adminsCanApprove = value
        }
        return settings
    }
}
