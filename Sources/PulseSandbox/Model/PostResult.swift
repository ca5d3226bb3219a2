/// The answer to `POST /api/post` (and the body of the `scheduled` webhook): the overall status,
/// one entry per platform that published, one error per platform that did not.
struct PostResult: Codable, Sendable {
    let status: String
    let errors: [PlatformError]
    let postIds: [PlatformPost]
    let id: String
    let refId: String
    let post: String
    /// Only in the wrapped shape (`{"status","posts":[…]}`).
    var profileTitle: String?

    /// Whether at least one platform published.
    var publishedAnywhere: Bool { !self.postIds.isEmpty }
}

/// A post as published on one network.
struct PlatformPost: Codable, Sendable {
    let status: String
    let id: String
    let postUrl: String
    let platform: String
}

/// Why one platform did not publish.
struct PlatformError: Codable, Sendable {
    let action: String
    let status: String
    let code: Int
    let message: String
    let platform: String

    init(code: Int, message: String, platform: String) {
        self.action = "post"
        self.status = "error"
        self.code = code
        self.message = message
        self.platform = platform
    }
}

/// The wrapped shape of a post answer, as Ayrshare sends it for some profile-key calls.
struct WrappedPostResult: Encodable {
    let status: String
    let posts: [PostResult]
}
