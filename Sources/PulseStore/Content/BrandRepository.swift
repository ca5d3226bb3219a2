import Foundation
import Logging
import PostgresNIO
import PulseCore

/// The account's brand profile: one row, replaced whole.
public protocol BrandRepository: Sendable {
    func profile(accountId: UUID) async throws -> BrandProfileRecord?
    /// Stores `profile`, `extracted` from the website or edited by hand, with an audit event.
    func save(accountId: UUID, actor: UUID, profile: BrandProfile, extracted: Bool, authorize: ActorCheck) async throws -> BrandProfileRecord
}

/// `BrandRepository` on Postgres.
public struct PostgresBrandRepository: BrandRepository {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    static func decode(_ row: PostgresRow) throws -> BrandProfileRecord {
        let (text, source, extractedAt, updatedAt) = try row.decode((String, String, Date?, Date).self)
        return BrandProfileRecord(
            profile: try JSONText.decode(BrandProfile.self, text), source: source, extractedAt: extractedAt, updatedAt: updatedAt
        )
    }

    /// Reads the profile on `connection` (the generation job reads it inside its own work).
    static func profile(accountId: UUID, on connection: PostgresConnection, logger: Logger) async throws -> BrandProfile? {
        try await connection.query(
            "SELECT profile::text, source, extracted_at, updated_at FROM brand_profiles WHERE account_id = \(accountId)",
            logger: logger
        ).first(decoding: Self.decode)?.profile
    }

    public func profile(accountId: UUID) async throws -> BrandProfileRecord? {
        try await self.database.query(
            "SELECT profile::text, source, extracted_at, updated_at FROM brand_profiles WHERE account_id = \(accountId)"
        ).first(decoding: Self.decode)
    }

    public func save(accountId: UUID, actor: UUID, profile: BrandProfile, extracted: Bool, authorize: ActorCheck) async throws -> BrandProfileRecord {
        let logger = self.database.logger
        let text = try JSONText.encode(profile)
        let source = extracted ? "EXTRACTED" : "EDITED"
        return try await self.database.transaction { connection in
            try await AccountLock.lock(accountId: accountId, actor: actor, authorize: authorize, on: connection, logger: logger)
            let rows = try await connection.query(
                """
                INSERT INTO brand_profiles (account_id, profile, source, extracted_at, updated_by)
                VALUES (\(accountId), \(text)::jsonb, \(source), CASE WHEN \(extracted) THEN now() END, \(actor))
                ON CONFLICT (account_id) DO UPDATE
                SET profile = EXCLUDED.profile, source = EXCLUDED.source,
                    extracted_at = COALESCE(EXCLUDED.extracted_at, brand_profiles.extracted_at),
                    updated_by = EXCLUDED.updated_by, updated_at = now()
                RETURNING profile::text, source, extracted_at, updated_at
                """,
                logger: logger
            )
            guard let record = try await rows.first(decoding: Self.decode) else { throw PulseError.internalError }
            try await AuditLog.append(
                AuditEntry(
                    accountId: accountId, userId: actor, type: extracted ? .brandProfileExtracted : .brandProfileEdited,
                    entityType: "brand_profile", entityId: accountId.text,
                    metadata: ["sourceUrl": profile.sourceURL.map(JSONValue.string) ?? .null, "colors": .number(Double(profile.colors.count))]
                ),
                on: connection, logger: logger
            )
            return record
        }
    }
}
