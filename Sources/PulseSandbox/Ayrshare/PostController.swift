import Foundation
import Hummingbird
import PulseCore

/// Posts: publish (`POST /api/post`), read, delete and list (`/api/history`).
struct PostController {
    let store: SandboxStore
    let webhooks: WebhookDeliverer

    func addRoutes(to group: RouterGroup<SandboxRequestContext>) {
        group.post("post", use: self.publish)
        group.get("post/:id", use: self.read)
        group.delete("post", use: self.delete)
        group.delete("delete", use: self.delete)
        group.get("history", use: self.history)
        group.get("history/:id", use: self.history)
    }

    /// Publishes at once. A repeated idempotency key answers with the first result and publishes
    /// nothing; a new post that published anywhere sends the `scheduled` webhook.
    @Sendable func publish(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let body = try await request.decodeBody(as: PostRequestBody.self, context: context)
        let outcome = try await self.store.publish(try body.validated(), profileKey: request.profileKey)
        let post = outcome.post
        if !outcome.replayed, post.result.publishedAnywhere {
            await self.webhooks.send(action: "scheduled", payload: ScheduledWebhook(post))
        }
        if await self.store.rollHang() {
            context.logger.info("post accepted; leaving the request unanswered (hangAfterAcceptRate)", metadata: ["post_id": "\(post.id)"])
            try await UnansweredRequest.hang()
        }
        let status = HTTPResponse.Status(code: post.httpStatusCode)
        guard await self.store.currentFaults().wrapResponses == true else {
            return SandboxJSON.response(post.result, status: status)
        }
        var wrapped = post.result
        wrapped.profileTitle = post.profileTitle
        return SandboxJSON.response(WrappedPostResult(status: post.result.status, posts: [wrapped]), status: status)
    }

    @Sendable func read(_ request: Request, context: SandboxRequestContext) async throws -> PostView {
        let id = try context.parameters.require("id")
        return PostView(try await self.store.post(id: id, profileKey: request.profileKey))
    }

    @Sendable func delete(_ request: Request, context: SandboxRequestContext) async throws -> DeletedPostResponse {
        let body = try await request.decodeBody(as: DeletePostBody.self, context: context)
        guard let id = body.id, !id.isEmpty else { throw SandboxError.missing("id") }
        let post = try await self.store.delete(id: id, profileKey: request.profileKey)
        return DeletedPostResponse(status: "success", id: post.id)
    }

    /// The profile's posts, newest first: a bare array, or `{"history":[…]}` when responses are wrapped.
    @Sendable func history(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let filter = HistoryFilter(
            lastDays: query.get("lastDays", as: Int.self),
            limit: query.get("limit", as: Int.self),
            status: query.get("status"),
            id: context.parameters.get("id")
        )
        let posts = try await self.store.history(profileKey: request.profileKey, filter: filter).map(PostView.init)
        if await self.store.currentFaults().wrapResponses == true {
            return SandboxJSON.response(WrappedHistory(history: posts))
        }
        return SandboxJSON.response(posts)
    }
}

/// `{id}`.
struct DeletePostBody: Decodable {
    let id: String?
}

/// `{status, id}`.
struct DeletedPostResponse: ResponseEncodable {
    let status: String
    let id: String
}

/// `{"history":[…]}`.
struct WrappedHistory: Encodable {
    let history: [PostView]
}

/// A post as `GET /api/post/:id` and history show it.
struct PostView: ResponseEncodable {
    let id: String
    let status: String
    let postIds: [PlatformPost]
    let errors: [PlatformError]
    let platforms: [String]
    let post: String
    let mediaUrls: [String]
    let created: String
    let refId: String
    let idempotencyKey: String?

    init(_ post: SandboxPost) {
        self.id = post.id
        self.status = post.status
        self.postIds = post.result.postIds
        self.errors = post.result.errors
        self.platforms = post.platforms
        self.post = post.result.post
        self.mediaUrls = post.mediaUrls
        self.created = Timestamp.text(post.created)
        self.refId = post.refId
        self.idempotencyKey = post.idempotencyKey
    }
}
