import Foundation
import PulseCore

/// Monthly briefs of one account.
public protocol BriefRepository: Sendable {
    /// Creates a brief; 409 `brief_exists` when the account has one for that month.
    func create(accountId: UUID, actor: UUID, fields: BriefFields, authorize: ActorCheck) async throws -> BriefRecord
    /// The account's briefs, newest month first.
    func list(accountId: UUID) async throws -> [BriefRecord]
    func brief(accountId: UUID, id: UUID) async throws -> BriefRecord?
    /// Applies `change` to the brief's fields as they are inside the transaction (so two
    /// concurrent changes of different fields both hold); 409 when the month is taken, when the
    /// month would change under content already written for it, or while a generation of the
    /// brief is queued or running.
    func update(
        accountId: UUID, actor: UUID, id: UUID, change: @Sendable (BriefFields) throws -> BriefFields, authorize: ActorCheck
    ) async throws -> BriefRecord
    /// Deletes the brief and its unapproved drafts; 409 `brief_has_approved_content` once any of
    /// its content was approved (or has publishing history), 409 while a generation runs.
    func delete(accountId: UUID, actor: UUID, id: UUID, authorize: ActorCheck) async throws
}
