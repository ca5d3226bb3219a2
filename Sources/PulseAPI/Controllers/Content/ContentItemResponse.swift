import Foundation
import Hummingbird
import PulseCore
import PulseMedia
import PulseStore

/// A content item as the API shows it; a stored image's `mediaUrl` is a signed URL valid for
/// `MEDIA_URL_TTL_MINUTES`.
struct ContentItemResponse: ResponseEncodable {
    let item: ContentItemRecord
    let mediaURL: String?

    init(_ item: ContentItemRecord, accountId: UUID, media: MediaServices) {
        self.item = item
        self.mediaURL = media.url(for: item.mediaURL, accountId: accountId)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.item.id.text, forKey: .id)
        try container.encode(self.item.briefId?.text, forKey: .briefId)
        try container.encode(self.item.month, forKey: .month)
        try container.encode(self.item.type.rawValue, forKey: .type)
        try container.encode(self.item.title, forKey: .title)
        try container.encode(self.item.caption, forKey: .caption)
        try container.encode(self.item.hashtags, forKey: .hashtags)
        try container.encode(self.mediaURL, forKey: .mediaUrl)
        try container.encode(self.item.mediaId?.text, forKey: .mediaId)
        try container.encode(self.item.mediaError, forKey: .mediaError)
        try container.encode(self.item.platformTargets.map(\.rawValue), forKey: .platformTargets)
        try container.encode(self.item.status.rawValue, forKey: .status)
        try container.encode(self.item.editCount, forKey: .editCount)
        try container.encode(self.item.riskFlags, forKey: .riskFlags)
        try container.encode(self.item.approvedBy?.text, forKey: .approvedBy)
        try container.encode(self.item.approvedAt, forKey: .approvedAt)
        try container.encode(self.item.changeRequestComment, forKey: .changeRequestComment)
        try container.encode(self.item.position, forKey: .position)
        try container.encode(self.item.createdAt, forKey: .createdAt)
        try container.encode(self.item.updatedAt, forKey: .updatedAt)
    }

    private enum CodingKeys: String, CodingKey {
        case id, briefId, month, type, title, caption, hashtags, mediaUrl, mediaId, mediaError, platformTargets, status, editCount, riskFlags
        case approvedBy, approvedAt, changeRequestComment, position, createdAt, updatedAt
    }
}
