import Foundation
import Hummingbird
import PulseCore
import PulseStore

/// The account's audit log, newest first, for OWNERs and ADMINs.
struct AuditController {
    let audit: any AuditRepository

    func addRoutes(to group: RouterGroup<AccountContext>) {
        group.get(use: self.list)
    }

    struct EventResponse: Encodable {
        let id: String
        let eventType: String
        let entityType: String?
        let entityId: String?
        let userId: String?
        let metadata: [String: JSONValue]
        let createdAt: Date

        init(_ event: AuditEventRecord) {
            self.id = event.id.text
            self.eventType = event.eventType
            self.entityType = event.entityType
            self.entityId = event.entityId
            self.userId = event.userId?.text
            self.metadata = event.metadata
            self.createdAt = event.createdAt
        }
    }

    struct PageResponse: ResponseEncodable {
        let events: [EventResponse]
        let next: String?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(self.events, forKey: .events)
            try container.encode(self.next, forKey: .next)
        }

        private enum CodingKeys: String, CodingKey { case events, next }
    }

    static let defaultLimit = 50
    static let maximumLimit = 200

    @Sendable func list(_ request: Request, context: AccountContext) async throws -> PageResponse {
        try context.require(.readAudit)
        let query = request.uri.queryParameters
        var validator = Validator()
        var limit = Self.defaultLimit
        if let raw = query.get("limit") {
            if let value = Int(raw), (1...Self.maximumLimit).contains(value) {
                limit = value
            } else {
                validator.add(FieldIssue(field: "limit", message: "must be a whole number from 1 to \(Self.maximumLimit)"))
            }
        }
        var before: AuditCursor?
        if let raw = query.get("before") {
            before = AuditCursor(token: String(raw))
            if before == nil { validator.add(FieldIssue(field: "before", message: "must be a `next` value from an earlier page")) }
        }
        let type: String? = query.get("type").map { String($0) }
        if let type, type.isEmpty || type.utf8.count > 64 {
            validator.add(FieldIssue(field: "type", message: "must be an event type such as MEMBER_ADDED"))
        }
        try validator.finish()
        let page = try await self.audit.events(accountId: context.accountId, type: type, limit: limit, before: before)
        return PageResponse(events: page.events.map(EventResponse.init), next: page.next?.token)
    }
}
