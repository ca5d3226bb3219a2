import Foundation
import Hummingbird
import PulseCore
import PulseSecurity
import PulseStore

/// `…/briefs`: a month's brief (CRUD), its generation and the approval of its batch.
struct BriefController {
    let briefs: any BriefRepository
    let content: any ContentRepository
    let jobs: JobStore
    let budget: AIBudget
    let fingerprint: RequestFingerprint

    func addRoutes(to account: RouterGroup<AccountContext>) {
        account.post("briefs", use: self.create)
        account.get("briefs", use: self.list)
        account.get("briefs/:briefId", use: self.show)
        account.patch("briefs/:briefId", use: self.update)
        account.delete("briefs/:briefId", use: self.delete)
        account.post("briefs/:briefId/generate", use: self.generate)
        account.post("briefs/:briefId/approve", use: self.approve)
    }

    struct BriefResponse: ResponseEncodable {
        let id: String
        let month: String
        let primaryFocus: String
        let promoEnabled: Bool
        let promoDetails: String?
        let tone: String
        let notes: String?
        let platformTargets: [String]
        let generationCount: Int
        let createdAt: Date
        let updatedAt: Date

        init(_ brief: BriefRecord) {
            self.id = brief.id.text
            self.month = brief.fields.month.description
            self.primaryFocus = brief.fields.focus.rawValue
            self.promoEnabled = brief.fields.promoEnabled
            self.promoDetails = brief.fields.promoDetails
            self.tone = brief.fields.tone.rawValue
            self.notes = brief.fields.notes
            self.platformTargets = brief.fields.platformTargets.map(\.rawValue)
            self.generationCount = brief.generationCount
            self.createdAt = brief.createdAt
            self.updatedAt = brief.updatedAt
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(self.id, forKey: .id)
            try container.encode(self.month, forKey: .month)
            try container.encode(self.primaryFocus, forKey: .primaryFocus)
            try container.encode(self.promoEnabled, forKey: .promoEnabled)
            try container.encode(self.promoDetails, forKey: .promoDetails)
            try container.encode(self.tone, forKey: .tone)
            try container.encode(self.notes, forKey: .notes)
            try container.encode(self.platformTargets, forKey: .platformTargets)
            try container.encode(self.generationCount, forKey: .generationCount)
            try container.encode(self.createdAt, forKey: .createdAt)
            try container.encode(self.updatedAt, forKey: .updatedAt)
        }

        private enum CodingKeys: String, CodingKey {
            case id, month, primaryFocus, promoEnabled, promoDetails, tone, notes, platformTargets, generationCount, createdAt, updatedAt
        }
    }

    struct ListResponse: ResponseEncodable {
        let briefs: [BriefResponse]
    }

    @Sendable func create(_ request: Request, context: AccountContext) async throws -> EditedResponse<BriefResponse> {
        try context.require(.writeContent)
        let input = try await request.decodeJSON(as: BriefRequest.self, context: context)
        let fields = try input.fields(over: nil)
        let brief = try await self.briefs.create(accountId: context.accountId, actor: context.userId, fields: fields, authorize: context.check(.writeContent))
        return BriefResponse(brief).created()
    }

    @Sendable func list(_ request: Request, context: AccountContext) async throws -> ListResponse {
        ListResponse(briefs: try await self.briefs.list(accountId: context.accountId).map(BriefResponse.init))
    }

    @Sendable func show(_ request: Request, context: AccountContext) async throws -> BriefResponse {
        let id = try context.parameters.uuid("briefId")
        guard let brief = try await self.briefs.brief(accountId: context.accountId, id: id) else { throw PulseError.notFound }
        return BriefResponse(brief)
    }

    @Sendable func update(_ request: Request, context: AccountContext) async throws -> BriefResponse {
        try context.require(.writeContent)
        let id = try context.parameters.uuid("briefId")
        let input = try await request.decodeJSON(as: BriefRequest.self, context: context)
        let brief = try await self.briefs.update(
            accountId: context.accountId, actor: context.userId, id: id, change: { try input.fields(over: $0) },
            authorize: context.check(.writeContent)
        )
        return BriefResponse(brief)
    }

    @Sendable func delete(_ request: Request, context: AccountContext) async throws -> HTTPResponse.Status {
        try context.require(.writeContent)
        let id = try context.parameters.uuid("briefId")
        try await self.briefs.delete(accountId: context.accountId, actor: context.userId, id: id, authorize: context.check(.writeContent))
        return .noContent
    }

    struct GenerateResponse: ResponseEncodable {
        let jobId: String
        let status: String
        /// False when an earlier request (a live job for the brief, or the same Idempotency-Key) answered.
        let created: Bool
    }

    @Sendable func generate(_ request: Request, context: AccountContext) async throws -> EditedResponse<GenerateResponse> {
        try context.require(.writeContent)
        let id = try context.parameters.uuid("briefId")
        let key = try IdempotencyKeyHeader.value(in: request)
        let body = try await request.collectBody(limit: context.maxUploadSize)
        let canonical: [UInt8] = body.readableBytes == 0 ? [] : try JSONBody.canonical(body)
        let claim = key.map {
            IdempotencyClaim(
                scope: "generate:" + context.accountId.text, key: $0, fingerprint: self.fingerprint(Array(id.text.utf8) + canonical)
            )
        }
        let (job, created) = try await self.jobs.enqueueGeneration(
            accountId: context.accountId, actor: context.userId, briefId: id, budget: self.budget, now: Date(),
            idempotency: claim, authorize: context.check(.writeContent)
        )
        return EditedResponse(status: .accepted, response: GenerateResponse(jobId: job.id.text, status: job.status.rawValue, created: created))
    }

    struct ApproveRequest: Decodable {
        let contentIds: [String]?
    }

    struct ApproveResponse: ResponseEncodable {
        let approved: [String]
    }

    @Sendable func approve(_ request: Request, context: AccountContext) async throws -> ApproveResponse {
        try context.require(.approveContent)
        let id = try context.parameters.uuid("briefId")
        let body = try await request.collectBody(limit: context.maxUploadSize)
        let input = body.readableBytes == 0 ? ApproveRequest(contentIds: nil) : try JSONBody.decode(ApproveRequest.self, from: body)
        let ids = try input.contentIds.map { raw throws(PulseError) -> [UUID] in
            let ids = raw.compactMap(UUID.init(uuidString:))
            guard ids.count == raw.count, !ids.isEmpty, ids.count <= 100 else {
                throw .invalid("contentIds", "must list 1 to 100 content ids")
            }
            return ids
        }
        let approved = try await self.content.approve(
            accountId: context.accountId, actor: context.userId, briefId: id, contentIds: ids, authorize: context.check(.approveContent)
        )
        return ApproveResponse(approved: approved.map(\.text))
    }
}
