import Foundation
import Hummingbird
import PulseCore
import PulseSecurity
import PulseStore

/// `…/schedule`: turn the month's approved content into schedule items, list them, look at one
/// with its attempts, reschedule or cancel one that has not started publishing.
struct ScheduleController {
    let schedule: any ScheduleRepository
    let fingerprint: RequestFingerprint
    /// The shortest notice a new slot gets.
    let leadTime: Duration

    func addRoutes(to account: RouterGroup<AccountContext>) {
        account.post("schedule", use: self.create)
        account.get("schedule", use: self.list)
        account.get("schedule/:itemId", use: self.show)
        account.patch("schedule/:itemId", use: self.reschedule)
        account.delete("schedule/:itemId", use: self.cancel)
    }

    struct ItemResponse: ResponseEncodable {
        let id: String
        let contentItemId: String
        let month: String
        let platform: String
        let scheduledFor: Date
        let providerProfileId: String
        let targetAccountId: String
        let status: String
        let attempt: Int
        let nextAttemptAt: Date?
        let providerPostId: String?
        let platformPostId: String?
        let postUrl: String?
        let errorCode: String?
        let errorMessage: String?
        let publishedAt: Date?
        let attempts: [AttemptResponse]?

        init(_ item: ScheduleItemRecord, attempts: [PublishAttemptRecord]? = nil) {
            self.id = item.id.text
            self.contentItemId = item.contentItemId.text
            self.month = item.month
            self.platform = item.platform.rawValue
            self.scheduledFor = item.scheduledFor
            self.providerProfileId = item.providerProfileId
            self.targetAccountId = item.targetAccountId
            self.status = item.status.rawValue
            self.attempt = item.attempt
            self.nextAttemptAt = item.status == .queued && item.dueAt != item.scheduledFor ? item.dueAt : nil
            self.providerPostId = item.providerPostId
            self.platformPostId = item.platformPostId
            self.postUrl = item.postURL
            self.errorCode = item.errorCode
            self.errorMessage = item.errorMessage
            self.publishedAt = item.publishedAt
            self.attempts = attempts.map { $0.map(AttemptResponse.init) }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(self.id, forKey: .id)
            try container.encode(self.contentItemId, forKey: .contentItemId)
            try container.encode(self.month, forKey: .month)
            try container.encode(self.platform, forKey: .platform)
            try container.encode(self.scheduledFor, forKey: .scheduledFor)
            try container.encode(self.providerProfileId, forKey: .providerProfileId)
            try container.encode(self.targetAccountId, forKey: .targetAccountId)
            try container.encode(self.status, forKey: .status)
            try container.encode(self.attempt, forKey: .attempt)
            try container.encode(self.nextAttemptAt, forKey: .nextAttemptAt)
            try container.encode(self.providerPostId, forKey: .providerPostId)
            try container.encode(self.platformPostId, forKey: .platformPostId)
            try container.encode(self.postUrl, forKey: .postUrl)
            try container.encode(self.errorCode, forKey: .errorCode)
            try container.encode(self.errorMessage, forKey: .errorMessage)
            try container.encode(self.publishedAt, forKey: .publishedAt)
            try container.encodeIfPresent(self.attempts, forKey: .attempts)
        }

        private enum CodingKeys: String, CodingKey {
            case id, contentItemId, month, platform, scheduledFor, providerProfileId, targetAccountId, status, attempt, nextAttemptAt
            case providerPostId, platformPostId, postUrl, errorCode, errorMessage, publishedAt, attempts
        }
    }

    struct AttemptResponse: Encodable {
        let attempt: Int
        let kind: String
        let workerId: String
        let startedAt: Date
        let finishedAt: Date?
        let outcome: String
        let httpStatus: Int?
        let providerCode: Int?
        let errorCode: String?
        let message: String?

        init(_ record: PublishAttemptRecord) {
            self.attempt = record.attempt
            self.kind = record.kind
            self.workerId = record.workerId
            self.startedAt = record.startedAt
            self.finishedAt = record.finishedAt
            self.outcome = record.outcome
            self.httpStatus = record.httpStatus
            self.providerCode = record.providerCode
            self.errorCode = record.errorCode
            self.message = record.message
        }
    }

    struct ListResponse: ResponseEncodable {
        let items: [ItemResponse]
    }

    struct ScheduleResponse: ResponseEncodable {
        let items: [ItemResponse]
        let dryRun: Bool
        let slotCount: Int
        let unscheduledContentIds: [String]
        let replayed: Bool
    }

    struct ScheduleRequest: Decodable {
        let month: String
        let dryRun: Bool?
    }

    @Sendable func create(_ request: Request, context: AccountContext) async throws -> EditedResponse<ScheduleResponse> {
        try context.require(.managePublishing)
        let key = try IdempotencyKeyHeader.value(in: request)
        let body = try await request.collectBody(limit: context.maxUploadSize)
        let input = try JSONBody.decode(ScheduleRequest.self, from: body)
        guard let month = YearMonth(input.month) else {
            throw PulseError.invalid("month", "must be a month as YYYY-MM")
        }
        let dryRun = input.dryRun ?? false
        let claim = try dryRun ? nil : key.map {
            IdempotencyClaim(scope: "schedule:" + context.accountId.text, key: $0, fingerprint: self.fingerprint(try JSONBody.canonical(body)))
        }
        let result = try await self.schedule.schedule(
            accountId: context.accountId, actor: context.userId, month: month, dryRun: dryRun, now: Date(), leadTime: self.leadTime,
            idempotency: claim, authorize: context.check(.managePublishing)
        )
        let response = ScheduleResponse(
            items: result.items.map { ItemResponse($0) }, dryRun: dryRun, slotCount: result.slotCount,
            unscheduledContentIds: result.unscheduledContentIds.map { $0.text }, replayed: result.replayed
        )
        return dryRun ? EditedResponse(status: .ok, response: response) : response.created()
    }

    @Sendable func list(_ request: Request, context: AccountContext) async throws -> ListResponse {
        let month = try ListFilters.month(in: request)
        let status = try ListFilters.status(in: request, as: ScheduleStatus.self)
        let items = try await self.schedule.items(accountId: context.accountId, month: month, status: status)
        return ListResponse(items: items.map { ItemResponse($0) })
    }

    @Sendable func show(_ request: Request, context: AccountContext) async throws -> ItemResponse {
        let id = try context.parameters.uuid("itemId")
        guard let (item, attempts) = try await self.schedule.item(accountId: context.accountId, id: id) else { throw PulseError.notFound }
        return ItemResponse(item, attempts: attempts)
    }

    struct RescheduleRequest: Decodable {
        let scheduledFor: String
    }

    @Sendable func reschedule(_ request: Request, context: AccountContext) async throws -> ItemResponse {
        try context.require(.managePublishing)
        let id = try context.parameters.uuid("itemId")
        let input = try await request.decodeJSON(as: RescheduleRequest.self, context: context)
        guard let when = Timestamp.parse(input.scheduledFor) else {
            throw PulseError.invalid("scheduledFor", "must be an RFC 3339 time, e.g. 2026-12-01T19:30:00Z")
        }
        guard when >= Date().addingTimeInterval(60) else {
            throw PulseError.invalid("scheduledFor", "must be at least one minute in the future")
        }
        guard when <= Date().addingTimeInterval(400 * 24 * 3600) else {
            throw PulseError.invalid("scheduledFor", "must be within about a year")
        }
        let item = try await self.schedule.reschedule(
            accountId: context.accountId, actor: context.userId, id: id, to: when, authorize: context.check(.managePublishing)
        )
        return ItemResponse(item)
    }

    @Sendable func cancel(_ request: Request, context: AccountContext) async throws -> ItemResponse {
        try context.require(.managePublishing)
        let id = try context.parameters.uuid("itemId")
        let item = try await self.schedule.cancel(
            accountId: context.accountId, actor: context.userId, id: id, authorize: context.check(.managePublishing)
        )
        return ItemResponse(item)
    }
}
