/// The kind of an audit event; a string so later features add kinds without a migration.
public struct AuditEventType: RawRepresentable, Sendable, Hashable, Codable {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public static let userSignedUp = AuditEventType(rawValue: "USER_SIGNED_UP")
    public static let accountCreated = AuditEventType(rawValue: "ACCOUNT_CREATED")
    public static let accountUpdated = AuditEventType(rawValue: "ACCOUNT_UPDATED")
    public static let loginSucceeded = AuditEventType(rawValue: "LOGIN_SUCCEEDED")
    public static let loginFailed = AuditEventType(rawValue: "LOGIN_FAILED")
    public static let loggedOut = AuditEventType(rawValue: "LOGGED_OUT")
    public static let refreshTokenReused = AuditEventType(rawValue: "REFRESH_TOKEN_REUSED")
    public static let passwordChanged = AuditEventType(rawValue: "PASSWORD_CHANGED")
    public static let memberAdded = AuditEventType(rawValue: "MEMBER_ADDED")
    public static let memberRoleChanged = AuditEventType(rawValue: "MEMBER_ROLE_CHANGED")
    public static let memberRemoved = AuditEventType(rawValue: "MEMBER_REMOVED")
}

extension AuditEventType {
    public static let providerProfileCreated = AuditEventType(rawValue: "PROVIDER_PROFILE_CREATED")
    public static let socialConnected = AuditEventType(rawValue: "SOCIAL_CONNECTED")
    public static let socialDisconnected = AuditEventType(rawValue: "SOCIAL_DISCONNECTED")
    public static let publishingProfileVerified = AuditEventType(rawValue: "PUBLISHING_PROFILE_VERIFIED")
    public static let publishingProfileNeedsReconnect = AuditEventType(rawValue: "PUBLISHING_PROFILE_NEEDS_RECONNECT")
}

extension AuditEventType {
    public static let postingRulesUpdated = AuditEventType(rawValue: "POSTING_RULES_UPDATED")
}

extension AuditEventType {
    public static let postsScheduled = AuditEventType(rawValue: "POSTS_SCHEDULED")
    public static let scheduleItemRescheduled = AuditEventType(rawValue: "SCHEDULE_ITEM_RESCHEDULED")
    public static let scheduleItemCancelled = AuditEventType(rawValue: "SCHEDULE_ITEM_CANCELLED")
    public static let postPublished = AuditEventType(rawValue: "POST_PUBLISHED")
    public static let postFailed = AuditEventType(rawValue: "POST_FAILED")
    public static let postRetryScheduled = AuditEventType(rawValue: "POST_RETRY_SCHEDULED")
    public static let postOutcomeUnknown = AuditEventType(rawValue: "POST_OUTCOME_UNKNOWN")
    public static let postReconciled = AuditEventType(rawValue: "POST_RECONCILED")
}

extension AuditEventType {
    public static let briefCreated = AuditEventType(rawValue: "BRIEF_CREATED")
    public static let briefUpdated = AuditEventType(rawValue: "BRIEF_UPDATED")
    public static let briefDeleted = AuditEventType(rawValue: "BRIEF_DELETED")
    public static let brandProfileExtracted = AuditEventType(rawValue: "BRAND_PROFILE_EXTRACTED")
    public static let brandProfileEdited = AuditEventType(rawValue: "BRAND_PROFILE_EDITED")
    public static let generationRequested = AuditEventType(rawValue: "GENERATION_REQUESTED")
    public static let contentGenerated = AuditEventType(rawValue: "CONTENT_GENERATED")
    public static let generationFailed = AuditEventType(rawValue: "GENERATION_FAILED")
    public static let contentEdited = AuditEventType(rawValue: "CONTENT_EDITED")
    public static let contentApproved = AuditEventType(rawValue: "CONTENT_APPROVED")
    public static let contentChangesRequested = AuditEventType(rawValue: "CONTENT_CHANGES_REQUESTED")
}

extension AuditEventType {
    public static let billingCustomerCreated = AuditEventType(rawValue: "BILLING_CUSTOMER_CREATED")
    public static let billingUpdated = AuditEventType(rawValue: "BILLING_UPDATED")
}

extension AuditEventType {
    public static let mediaUploaded = AuditEventType(rawValue: "MEDIA_UPLOADED")
}
