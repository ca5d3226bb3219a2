import Foundation
import PostgresNIO
import PulseCore

/// `AuthRepository` on Postgres.
public struct PostgresAuthRepository: AuthRepository {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func signup(_ signup: NewSignup) async throws -> SignupOutcome {
        let logger = self.database.logger
        return try await self.database.transaction { connection in
            if let claim = signup.idempotency {
                let response: [String: JSONValue] = [
                    "userId": .string(signup.userId.text), "accountId": .string(signup.accountId.text),
                ]
                if let previous = try await Idempotency.claim(claim, response: response, on: connection, logger: logger) {
                    guard case .string(let user)? = previous["userId"], let userId = UUID(uuidString: user),
                        case .string(let account)? = previous["accountId"], let accountId = UUID(uuidString: account)
                    else { throw PulseError.idempotencyKeyReused }
                    return .replayed(userId: userId, accountId: accountId)
                }
            }
            do {
                try await connection.query(
                    """
                    INSERT INTO users (id, email, password_hash)
                    VALUES (\(signup.userId), \(signup.email.value), \(signup.passwordHash))
                    """,
                    logger: logger
                )
            } catch let error as PSQLError where error.isUniqueViolation("users_email_key") {
                throw PulseError.conflict(code: "email_taken", message: "An account with this email already exists. Log in instead.")
            }
            try await AccountWrites.insertAccount(
                id: signup.accountId, name: signup.accountName, timezone: signup.timezone,
                websiteURL: signup.websiteURL, owner: signup.userId, on: connection, logger: logger
            )
            let sessionId = UUID()
            try await Self.insertSession(
                userId: signup.userId, family: sessionId, token: signup.refreshToken, on: connection, logger: logger
            )
            try await AuditLog.append(
                AuditEntry(
                    accountId: signup.accountId, userId: signup.userId, type: .userSignedUp,
                    entityType: "user", entityId: signup.userId.text
                ),
                on: connection, logger: logger
            )
            return .created(userId: signup.userId, accountId: signup.accountId, sessionId: sessionId)
        }
    }

    public func credentials(email: EmailAddress) async throws -> UserCredentials? {
        try await self.firstCredentials(
            "SELECT id, email, password_hash FROM users WHERE lower(email) = \(email.value)"
        )
    }

    public func credentials(userId: UUID) async throws -> UserCredentials? {
        try await self.firstCredentials("SELECT id, email, password_hash FROM users WHERE id = \(userId)")
    }

    private func firstCredentials(_ query: PostgresQuery) async throws -> UserCredentials? {
        for try await (id, email, hash) in try await self.database.query(query).decode((UUID, String, String).self) {
            return UserCredentials(id: id, email: email, passwordHash: hash)
        }
        return nil
    }

    public func user(id: UUID) async throws -> UserRecord? {
        try await self.credentials(userId: id).map { UserRecord(id: $0.id, email: $0.email) }
    }

    public func startSession(userId: UUID, refreshToken: IssuedRefreshToken, audit: AuditEntry?) async throws -> UUID {
        let logger = self.database.logger
        let family = UUID()
        try await self.database.transaction { connection in
            try await Self.insertSession(userId: userId, family: family, token: refreshToken, on: connection, logger: logger)
            if let audit {
                try await AuditLog.append(audit, on: connection, logger: logger)
            }
        }
        return family
    }

    public func replacePasswordHash(userId: UUID, old: String, new: String) async throws {
        // Compare-and-set: a concurrent password change wins over a rehash.
        try await self.database.query(
            "UPDATE users SET password_hash = \(new) WHERE id = \(userId) AND password_hash = \(old)"
        )
    }

    public func rotate(presentedHash: Data, replacement: IssuedRefreshToken) async throws -> RefreshOutcome {
        let logger = self.database.logger
        return try await self.database.transaction { connection in
            let spent = try await connection.query(
                """
                UPDATE auth_sessions SET rotated_at = now()
                WHERE refresh_hash = \(presentedHash) AND rotated_at IS NULL AND revoked_at IS NULL AND expires_at > now()
                RETURNING user_id, family
                """,
                logger: logger
            )
            for try await (userId, family) in spent.decode((UUID, UUID).self) {
                try await Self.insertSession(userId: userId, family: family, token: replacement, on: connection, logger: logger)
                return .rotated(userId: userId, sessionId: family)
            }
            let known = try await connection.query(
                "SELECT user_id, family, rotated_at IS NOT NULL FROM auth_sessions WHERE refresh_hash = \(presentedHash)",
                logger: logger
            )
            for try await (userId, family, wasRotated) in known.decode((UUID, UUID, Bool).self) where wasRotated {
                // A spent token came back: someone holds a copy. End the whole session for both holders.
                let revoked = try await Self.revokeFamilies(
                    "UPDATE auth_sessions SET revoked_at = now() WHERE family = \(family) AND revoked_at IS NULL RETURNING family",
                    on: connection, logger: logger
                )
                if revoked > 0 {
                    try await AuditLog.append(
                        AuditEntry(
                            accountId: nil, userId: userId, type: .refreshTokenReused,
                            entityType: "session", entityId: family.text
                        ),
                        on: connection, logger: logger
                    )
                }
                return .reused(userId: userId, sessionId: family)
            }
            return .invalid
        }
    }

    public func logout(presentedHash: Data) async throws -> UUID? {
        let logger = self.database.logger
        return try await self.database.transaction { connection in
            let rows = try await connection.query(
                """
                UPDATE auth_sessions SET revoked_at = now()
                WHERE family = (SELECT family FROM auth_sessions WHERE refresh_hash = \(presentedHash)) AND revoked_at IS NULL
                RETURNING user_id, family
                """,
                logger: logger
            )
            var revoked: (UUID, UUID)?
            for try await row in rows.decode((UUID, UUID).self) {
                revoked = row
            }
            guard let (userId, family) = revoked else { return nil }
            try await AuditLog.append(
                AuditEntry(accountId: nil, userId: userId, type: .loggedOut, entityType: "session", entityId: family.text),
                on: connection, logger: logger
            )
            return userId
        }
    }

    public func isSessionActive(userId: UUID, sessionId: UUID) async throws -> Bool {
        let rows = try await self.database.query(
            """
            SELECT EXISTS (
                SELECT 1 FROM auth_sessions
                WHERE family = \(sessionId) AND user_id = \(userId) AND revoked_at IS NULL AND expires_at > now()
            )
            """
        )
        for try await active in rows.decode(Bool.self) {
            return active
        }
        return false
    }

    public func changePassword(userId: UUID, newHash: String, keepSessionId: UUID) async throws {
        let logger = self.database.logger
        try await self.database.transaction { connection in
            try await connection.query(
                "UPDATE users SET password_hash = \(newHash), password_changed_at = now() WHERE id = \(userId)",
                logger: logger
            )
            let ended = try await Self.revokeFamilies(
                """
                UPDATE auth_sessions SET revoked_at = now()
                WHERE user_id = \(userId) AND family <> \(keepSessionId) AND revoked_at IS NULL
                RETURNING family
                """,
                on: connection, logger: logger
            )
            try await AuditLog.append(
                AuditEntry(
                    accountId: nil, userId: userId, type: .passwordChanged, entityType: "user",
                    entityId: userId.text, metadata: ["sessionsEnded": .number(Double(ended))]
                ),
                on: connection, logger: logger
            )
        }
    }

    public func record(_ entry: AuditEntry) async throws {
        let logger = self.database.logger
        try await self.database.transaction { connection in
            try await AuditLog.append(entry, on: connection, logger: logger)
        }
    }

    static func insertSession(
        userId: UUID, family: UUID, token: IssuedRefreshToken, on connection: PostgresConnection, logger: Logger
    ) async throws {
        try await connection.query(
            """
            INSERT INTO auth_sessions (id, user_id, family, refresh_hash, expires_at)
            VALUES (\(UUID()), \(userId), \(family), \(token.hash), \(token.expiresAt))
            """,
            logger: logger
        )
    }

    /// Runs a revoking UPDATE … RETURNING and counts the distinct families it ended.
    private static func revokeFamilies(
        _ query: PostgresQuery, on connection: PostgresConnection, logger: Logger
    ) async throws -> Int {
        var families = Set<UUID>()
        for try await family in try await connection.query(query, logger: logger).decode(UUID.self) {
            families.insert(family)
        }
        return families.count
    }
}
