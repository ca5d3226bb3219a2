import Foundation

/// A post the sandbox received and published (or failed to publish), kept for `GET /api/post`,
/// history, idempotent replays and the admin listing.
struct SandboxPost: Sendable {
    let refId: String
    let profileTitle: String
    let platforms: [String]
    let mediaUrls: [String]
    let idempotencyKey: String?
    let created: Date
    /// The answer the first request got; replays get it again.
    let result: PostResult
    var deleted = false

    var id: String { self.result.id }

    /// `success`, `error` or `deleted`.
    var status: String { self.deleted ? "deleted" : self.result.status }

    /// 400 when no platform published, else 200 (a partial failure is `"status":"error"` with 200).
    var httpStatusCode: Int { self.result.publishedAnywhere ? 200 : 400 }
}
