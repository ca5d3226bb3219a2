import Foundation
import PulseCore

/// A brief's editable fields; free text already scrubbed of personal data.
public struct BriefFields: Sendable, Equatable {
    public var month: YearMonth
    public var focus: BriefFocus
    public var promoEnabled: Bool
    public var promoDetails: String?
    public var tone: BriefTone
    public var notes: String?
    public var platformTargets: [SocialPlatform]

    public init(
        month: YearMonth, focus: BriefFocus, promoEnabled: Bool, promoDetails: String?, tone: BriefTone, notes: String?,
        platformTargets: [SocialPlatform]
    ) {
        self.month = month
        self.focus = focus
        self.promoEnabled = promoEnabled
        self.promoDetails = promoDetails
        self.tone = tone
        self.notes = notes
        self.platformTargets = platformTargets
    }
}

/// A monthly brief as stored.
public struct BriefRecord: Sendable, Equatable {
    public let id: UUID
    public let fields: BriefFields
    /// How many times a batch was generated from it.
    public let generationCount: Int
    public let createdAt: Date
    public let updatedAt: Date
}

/// A content item as stored.
public struct ContentItemRecord: Sendable, Equatable {
    public let id: UUID
    public let briefId: UUID?
    public let month: String
    public let type: ContentType
    public let title: String
    public let caption: String
    public let hashtags: [String]
    /// The image: a storage key (`media/…`, signed when given out) or an absolute URL.
    public let mediaURL: String?
    /// The attached upload, when the image is one.
    public let mediaId: UUID?
    /// Why there is no rendered image, when rendering failed.
    public let mediaError: String?
    public let platformTargets: [SocialPlatform]
    public let status: ContentStatus
    public let editCount: Int
    public let riskFlags: [String]
    public let approvedBy: UUID?
    public let approvedAt: Date?
    public let changeRequestComment: String?
    public let position: Int
    public let createdAt: Date
    public let updatedAt: Date
}

/// An edit to a content item: nil fields stay as they are.
public struct ContentEdit: Sendable, Equatable {
    public var title: String?
    public var caption: String?
    public var hashtags: [String]?
    public var platformTargets: [SocialPlatform]?

    public init(title: String? = nil, caption: String? = nil, hashtags: [String]? = nil, platformTargets: [SocialPlatform]? = nil) {
        self.title = title
        self.caption = caption
        self.hashtags = hashtags
        self.platformTargets = platformTargets
    }
}

/// The stored brand profile and where it came from.
public struct BrandProfileRecord: Sendable, Equatable {
    public let profile: BrandProfile
    /// `EXTRACTED` or `EDITED`.
    public let source: String
    public let extractedAt: Date?
    public let updatedAt: Date
}

/// A background job's state: `queued`, `running`, `succeeded`, `failed`.
public enum JobStatus: String, Sendable, Codable, CaseIterable {
    case queued, running, succeeded, failed
}

/// What a background job does.
public enum JobKind: String, Sendable, Codable {
    /// Draft a brief's month of content.
    case generateBatch = "GENERATE_BATCH"
}

/// A background job as stored.
public struct JobRecord: Sendable, Equatable {
    public let accountId: UUID
    public let id: UUID
    public let kind: JobKind
    public let subjectId: UUID
    public let status: JobStatus
    public let progress: Int
    public let payload: [String: JSONValue]
    public let result: [String: JSONValue]?
    public let errorCode: String?
    public let errorMessage: String?
    public let attempts: Int
    public let maxAttempts: Int
    public let createdBy: UUID?
    public let createdAt: Date
    public let startedAt: Date?
    public let finishedAt: Date?
    /// Who holds the job while it runs: one claim's token (nil unless running).
    public let leaseOwner: String?
}
