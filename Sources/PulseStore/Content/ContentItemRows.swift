import Foundation
import PostgresNIO
import PulseCore

/// How content items are read from `content_items`.
enum ContentItemRows {
    static let columns = """
        id, brief_id, month, type, title, caption, hashtags, media_url, platform_targets, status, edit_count, risk_flags,
        approved_by, approved_at, change_request_comment, position, created_at, updated_at, media_id, media_error
        """

    static func decode(_ row: PostgresRow) throws -> ContentItemRecord {
        let columns = try row.decode(
            (UUID, UUID?, String, String, String, String, [String], String?, [String], String, Int, [String],
             UUID?, Date?, String?, Int, Date, Date, UUID?, String?).self
        )
        guard let type = ContentType(rawValue: columns.3), let status = ContentStatus(rawValue: columns.9) else {
            throw PulseError.internalError
        }
        return ContentItemRecord(
            id: columns.0, briefId: columns.1, month: columns.2, type: type, title: columns.4, caption: columns.5,
            hashtags: columns.6, mediaURL: columns.7, mediaId: columns.18, mediaError: columns.19, platformTargets: columns.8.compactMap(SocialPlatform.init(rawValue:)),
            status: status, editCount: columns.10, riskFlags: columns.11, approvedBy: columns.12, approvedAt: columns.13,
            changeRequestComment: columns.14, position: columns.15, createdAt: columns.16, updatedAt: columns.17
        )
    }
}
