import Foundation
import Hummingbird
import PulseCore

/// A profile with its key and linked accounts, as the admin API lists it.
struct AdminProfile: ResponseEncodable {
    struct Account: Encodable {
        let platform: String
        let id: String
        let displayName: String
    }

    let title: String
    let refId: String
    let profileKey: String
    let linked: [Account]

    init(_ profile: SandboxProfile) {
        self.title = profile.title
        self.refId = profile.refId
        self.profileKey = profile.profileKey
        self.linked = profile.linked.map { Account(platform: $0.platform, id: $0.id, displayName: $0.displayName) }
    }
}

/// A post as the admin API lists it, with how often it was published.
struct AdminPost: ResponseEncodable {
    let id: String
    let idempotencyKey: String?
    let refId: String
    let platforms: [String]
    let post: String
    let mediaUrls: [String]
    let publishCount: Int
    let createdAt: String
    let status: String

    init(_ post: SandboxPost, publishCount: Int) {
        self.id = post.id
        self.idempotencyKey = post.idempotencyKey
        self.refId = post.refId
        self.platforms = post.platforms
        self.post = post.result.post
        self.mediaUrls = post.mediaUrls
        self.publishCount = publishCount
        self.createdAt = Timestamp.text(post.created)
        self.status = post.status
    }

    // `idempotencyKey` is written as null rather than left out, so every entry has every key.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.id, forKey: .id)
        try container.encode(self.idempotencyKey, forKey: .idempotencyKey)
        try container.encode(self.refId, forKey: .refId)
        try container.encode(self.platforms, forKey: .platforms)
        try container.encode(self.post, forKey: .post)
        try container.encode(self.mediaUrls, forKey: .mediaUrls)
        try container.encode(self.publishCount, forKey: .publishCount)
        try container.encode(self.createdAt, forKey: .createdAt)
        try container.encode(self.status, forKey: .status)
    }

    private enum CodingKeys: String, CodingKey {
        case id, idempotencyKey, refId, platforms, post, mediaUrls, publishCount, createdAt, status
    }
}

/// A webhook delivery as the admin API lists it.
struct AdminDelivery: ResponseEncodable {
    let id: Int
    let action: String
    let url: String?
    let status: WebhookDeliveryRecord.Outcome
    let attempts: Int
    let responseStatus: Int?
    let lastError: String?
    /// The JSON that was (or would have been) delivered, as sent.
    let body: String

    init(_ record: WebhookDeliveryRecord) {
        self.id = record.id
        self.action = record.action
        self.url = record.url
        self.status = record.status
        self.attempts = record.attempts
        self.responseStatus = record.responseStatus
        self.lastError = record.lastError
        self.body = record.body
    }
}
