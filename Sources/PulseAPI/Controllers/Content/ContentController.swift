import Foundation
import Hummingbird
import PulseCore
import PulseMedia
import PulseStore

/// `…/content`: the drafted posts: list, read, edit, send back for changes.
struct ContentController {
    let content: any ContentRepository
    let media: MediaServices

    func addRoutes(to account: RouterGroup<AccountContext>) {
        account.get("content", use: self.list)
        account.get("content/:contentId", use: self.show)
        account.patch("content/:contentId", use: self.edit)
        account.post("content/:contentId/request-changes", use: self.requestChanges)
    }

    struct ListResponse: ResponseEncodable {
        let items: [ContentItemResponse]
    }

    @Sendable func list(_ request: Request, context: AccountContext) async throws -> ListResponse {
        let month = try ListFilters.month(in: request)
        let status = try ListFilters.status(in: request, as: ContentStatus.self)
        let items = try await self.content.items(accountId: context.accountId, month: month, status: status)
        return ListResponse(items: items.map { ContentItemResponse($0, accountId: context.accountId, media: self.media) })
    }

    @Sendable func show(_ request: Request, context: AccountContext) async throws -> ContentItemResponse {
        let id = try context.parameters.uuid("contentId")
        guard let item = try await self.content.item(accountId: context.accountId, id: id) else { throw PulseError.notFound }
        return ContentItemResponse(item, accountId: context.accountId, media: self.media)
    }

    struct EditRequest: Decodable {
        let title: String?
        let caption: String?
        let hashtags: [String]?
        let platformTargets: [String]?
    }

    @Sendable func edit(_ request: Request, context: AccountContext) async throws -> ContentItemResponse {
        try context.require(.writeContent)
        let id = try context.parameters.uuid("contentId")
        let input = try await request.decodeJSON(as: EditRequest.self, context: context)
        guard input.title != nil || input.caption != nil || input.hashtags != nil || input.platformTargets != nil else {
            throw PulseError.invalid("body", "must change at least one of title, caption, hashtags, platformTargets")
        }
        var validator = Validator()
        let targets = input.platformTargets.flatMap { validator.check(BriefRequest.platforms($0, current: nil)) }
        try validator.finish()
        // A leading # is accepted and dropped: hashtags are stored bare and published with one #.
        let hashtags = input.hashtags?.map { $0.hasPrefix("#") ? String($0.dropFirst()) : $0 }
        let edit = ContentEdit(
            title: input.title?.trimmingWhitespace(), caption: input.caption?.trimmingWhitespace(), hashtags: hashtags, platformTargets: targets
        )
        let item = try await self.content.edit(
            accountId: context.accountId, actor: context.userId, id: id, edit: edit, authorize: context.check(.writeContent)
        )
        return ContentItemResponse(item, accountId: context.accountId, media: self.media)
    }

    struct ChangesRequest: Decodable {
        let comment: String
    }

    static let maxComment = 2000

    @Sendable func requestChanges(_ request: Request, context: AccountContext) async throws -> ContentItemResponse {
        try context.require(.approveContent)
        let id = try context.parameters.uuid("contentId")
        let input = try await request.decodeJSON(as: ChangesRequest.self, context: context)
        let comment = PIIScrubber.scrub(input.comment).trimmingWhitespace()
        guard !comment.isEmpty, comment.unicodeScalars.count <= Self.maxComment else {
            throw PulseError.invalid("comment", "must say what to change, in 1 to \(Self.maxComment) characters")
        }
        let item = try await self.content.requestChanges(
            accountId: context.accountId, actor: context.userId, id: id, comment: comment, authorize: context.check(.approveContent)
        )
        return ContentItemResponse(item, accountId: context.accountId, media: self.media)
    }
}
