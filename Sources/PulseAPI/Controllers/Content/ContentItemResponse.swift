import Foundation
import Hummingbird
import PulseCore
import PulseStore

/// A content item as the API shows it.
struct ContentItemResponse: ResponseEncodable {
    let item: ContentItemRecord

    init(_ item: ContentItemRecord) {
        self.item = item
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
        try container.encode(self.item.mediaURL, forKey: .mediaUrl)
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
        case id, briefId, month, type, title, caption, hashtags, mediaUrl, platformTargets, status, editCount, riskFlags
        case approvedBy, approvedAt, changeRequestComment, position, createdAt, updatedAt
    }
}
