import Foundation
import PulseCore

/// The content items of one account: read, edit, approve as a batch, send back for changes.
public protocol ContentRepository: Sendable {
    /// Items, optionally of one month and one status, in batch order.
    func items(accountId: UUID, month: YearMonth?, status: ContentStatus?) async throws -> [ContentItemRecord]
    func item(accountId: UUID, id: UUID) async throws -> ContentItemRecord?
    /// Applies `edit` (validated against the platforms' limits as a whole); the item becomes a
    /// DRAFT again, its approval void. 409 once scheduled or published.
    func edit(accountId: UUID, actor: UUID, id: UUID, edit: ContentEdit, authorize: ActorCheck) async throws -> ContentItemRecord
    /// Approves `contentIds` (or every DRAFT of the brief) as one batch: who, when and the hash of
    /// the approved fields on each item, one audit event for the batch.
    func approve(accountId: UUID, actor: UUID, briefId: UUID, contentIds: [UUID]?, authorize: ActorCheck) async throws -> [UUID]
    /// Sends an item back with `comment` (already scrubbed).
    func requestChanges(accountId: UUID, actor: UUID, id: UUID, comment: String, authorize: ActorCheck) async throws -> ContentItemRecord
}
