import PulseCore

/// The `scheduled` webhook: the result of a post.
struct ScheduledWebhook: Encodable, Sendable {
    let action = "scheduled"
    let created: String
    let code = 200
    let refId: String
    let status: String
    let id: String
    let errors: [PlatformError]
    let postIds: [PlatformPost]

    init(_ post: SandboxPost) {
        self.created = Timestamp.text(post.created)
        self.refId = post.refId
        self.status = post.result.status
        self.id = post.id
        self.errors = post.result.errors
        self.postIds = post.result.postIds
    }
}

/// The `social` webhook: an account was linked or unlinked by the user.
struct SocialWebhook: Encodable, Sendable {
    enum Change: String, Encodable, Sendable {
        case link
        case unlink
    }

    let action = "social"
    let created: String
    let code = 200
    let platform: String
    let refId: String
    let displayName: String
    let source = "user"
    let type: Change

    init(_ change: Change, account: LinkedAccount, refId: String, created: String) {
        self.created = created
        self.platform = account.platform
        self.refId = refId
        self.displayName = account.displayName
        self.type = change
    }
}
