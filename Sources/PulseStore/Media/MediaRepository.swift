import Foundation
import Logging
import PostgresNIO
import PulseCore

/// An uploaded image as stored.
public struct MediaAssetRecord: Sendable, Equatable {
    public let id: UUID
    /// Where the bytes are: `media/{accountId}/uploads/{id}.{png|jpg}`.
    public let storageKey: String
    public let contentType: String
    public let width: Int
    public let height: Int
    public let bytes: Int
    /// Hex SHA-256 of the bytes.
    public let sha256: String
    public let createdAt: Date

    public init(id: UUID, storageKey: String, contentType: String, width: Int, height: Int, bytes: Int, sha256: String, createdAt: Date = Date()) {
        self.id = id
        self.storageKey = storageKey
        self.contentType = contentType
        self.width = width
        self.height = height
        self.bytes = bytes
        self.sha256 = sha256
        self.createdAt = createdAt
    }
}

/// An account's uploaded images, and attaching one to a content item. Every method takes the
/// account id first and scopes by it: another account's image is never found.
public struct MediaRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    static let columns = "id, storage_key, content_type, width, height, bytes, sha256, created_at"

    static func decode(_ row: PostgresRow) throws -> MediaAssetRecord {
        let (id, key, type, width, height, bytes, sha, at) = try row.decode((UUID, String, String, Int, Int, Int, String, Date).self)
        return MediaAssetRecord(id: id, storageKey: key, contentType: type, width: width, height: height, bytes: bytes, sha256: sha, createdAt: at)
    }

    /// Records an upload whose bytes are already stored; audited. The uploader's membership and
    /// role are checked again inside the transaction (`authorize`).
    public func insert(accountId: UUID, actor: UUID, authorize: ActorCheck, asset: MediaAssetRecord) async throws -> MediaAssetRecord {
        let logger = self.database.logger
        return try await self.database.transaction { connection in
            try await AccountLock.lock(accountId: accountId, actor: actor, authorize: authorize, on: connection, logger: logger)
            let rows = try await connection.query(
                """
                INSERT INTO media_assets (account_id, id, storage_key, content_type, width, height, bytes, sha256, created_by)
                VALUES (\(accountId), \(asset.id), \(asset.storageKey), \(asset.contentType), \(asset.width), \(asset.height),
                        \(asset.bytes), \(asset.sha256), \(actor))
                RETURNING \(unescaped: Self.columns)
                """,
                logger: logger
            )
            guard let stored = try await rows.first(decoding: Self.decode) else { throw PulseError.internalError }
            try await AuditLog.append(
                AuditEntry(
                    accountId: accountId, userId: actor, type: .mediaUploaded, entityType: "media", entityId: asset.id.text,
                    metadata: [
                        "contentType": .string(asset.contentType), "width": .number(Double(asset.width)),
                        "height": .number(Double(asset.height)), "bytes": .number(Double(asset.bytes)),
                    ]
                ),
                on: connection, logger: logger
            )
            return stored
        }
    }

    public func asset(accountId: UUID, id: UUID) async throws -> MediaAssetRecord? {
        try await self.database.query(
            "SELECT \(unescaped: Self.columns) FROM media_assets WHERE account_id = \(accountId) AND id = \(id)"
        ).first(decoding: Self.decode)
    }

    /// Shows upload `mediaId` on content item `contentId` instead of its render. As with any edit,
    /// the item becomes a DRAFT again and its approval is void; 409 once scheduled or published,
    /// 422 when the image is not one of this account's uploads. Attaching the image already
    /// shown changes nothing.
    public func attach(accountId: UUID, actor: UUID, contentId: UUID, mediaId: UUID, authorize: ActorCheck) async throws -> ContentItemRecord {
        let logger = self.database.logger
        return try await self.database.transaction { connection in
            try await AccountLock.lock(accountId: accountId, actor: actor, authorize: authorize, on: connection, logger: logger)
            let current = try await PostgresContentRepository.locked(accountId: accountId, id: contentId, on: connection, logger: logger)
            guard let next = current.status.after(.edit) else { throw PulseError.illegalTransition(from: current.status, .edit) }
            let asset = try await connection.query(
                "SELECT \(unescaped: Self.columns) FROM media_assets WHERE account_id = \(accountId) AND id = \(mediaId)", logger: logger
            ).first(decoding: Self.decode)
            guard let asset else {
                throw PulseError.validation([FieldIssue(field: "mediaId", message: "is not an image uploaded to this account")])
            }
            if current.mediaId == asset.id && current.mediaURL == asset.storageKey { return current }
            let rows = try await connection.query(
                """
                UPDATE content_items
                SET media_url = \(asset.storageKey), media_id = \(asset.id), media_error = NULL, status = \(next.rawValue),
                    edit_count = edit_count + 1, approved_by = NULL, approved_at = NULL, approved_hash = NULL, updated_at = now()
                WHERE account_id = \(accountId) AND id = \(contentId)
                RETURNING \(unescaped: ContentItemRows.columns)
                """,
                logger: logger
            )
            guard let updated = try await rows.first(decoding: ContentItemRows.decode) else { throw PulseError.notFound }
            try await AuditLog.append(
                AuditEntry(
                    accountId: accountId, userId: actor, type: .contentEdited, entityType: "content_item", entityId: contentId.text,
                    metadata: [
                        "fields": .array(["media"]), "mediaId": .string(asset.id.text), "from": .string(current.status.rawValue),
                        "to": .string(next.rawValue), "approvalVoided": .bool(current.status == .approved),
                    ]
                ),
                on: connection, logger: logger
            )
            return updated
        }
    }
}
