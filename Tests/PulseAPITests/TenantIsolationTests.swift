import Foundation
import HTTPTypes
import Hummingbird
import PulseCore
import PulseTestSupport
import Testing
import Yams

/// Every account-scoped route, so the matrix below covers each one. A route added to the API
/// without a line here fails `everyAccountRouteIsInTheMatrix`.
struct AccountRoute: Sendable, CustomStringConvertible {
    let method: HTTPRequest.Method
    /// `{account}` and the placeholders of `RouteIds` are filled in per test.
    let path: String
    let body: [String: any Sendable]?
    /// The least role allowed; lower roles get 403.
    let minimumRole: Role

    var description: String { "\(self.method) \(self.path)" }

    func resolve(account: String, ids: RouteIds) -> String {
        self.path.replacingOccurrences(of: "{account}", with: account).replacingOccurrences(of: "{user}", with: ids.user)
            .replacingOccurrences(of: "{brief}", with: ids.brief).replacingOccurrences(of: "{content}", with: ids.content)
            .replacingOccurrences(of: "{job}", with: ids.job)
    }

    static let all: [AccountRoute] = [
        AccountRoute(method: .get, path: "/api/accounts/{account}", body: nil, minimumRole: .member),
        AccountRoute(method: .patch, path: "/api/accounts/{account}", body: ["name": "Hijacked"], minimumRole: .admin),
        AccountRoute(method: .get, path: "/api/accounts/{account}/members", body: nil, minimumRole: .member),
        AccountRoute(method: .post, path: "/api/accounts/{account}/members", body: ["email": "x@example.com", "role": "OWNER"], minimumRole: .owner),
        AccountRoute(method: .patch, path: "/api/accounts/{account}/members/{user}", body: ["role": "MEMBER"], minimumRole: .owner),
        AccountRoute(method: .delete, path: "/api/accounts/{account}/members/{user}", body: nil, minimumRole: .owner),
        AccountRoute(method: .get, path: "/api/accounts/{account}/audit", body: nil, minimumRole: .admin),
        AccountRoute(method: .post, path: "/api/accounts/{account}/social/profile", body: nil, minimumRole: .admin),
        AccountRoute(method: .get, path: "/api/accounts/{account}/social/connections", body: nil, minimumRole: .member),
        AccountRoute(method: .delete, path: "/api/accounts/{account}/social/connections/{user}", body: nil, minimumRole: .admin),
        AccountRoute(method: .get, path: "/api/accounts/{account}/publishing-profile", body: nil, minimumRole: .member),
        AccountRoute(method: .post, path: "/api/accounts/{account}/publishing-profile/verify", body: ["facebookAccountId": "a", "instagramAccountId": "b"], minimumRole: .admin),
        AccountRoute(method: .get, path: "/api/accounts/{account}/posting-rules", body: nil, minimumRole: .member),
        AccountRoute(
            method: .put, path: "/api/accounts/{account}/posting-rules",
            body: ["frequency": "TWICE_WEEKLY", "daysOfWeek": [1, 4], "timeWindow": "MORNING"], minimumRole: .admin
        ),
        AccountRoute(method: .post, path: "/api/accounts/{account}/schedule", body: ["month": "2026-12"], minimumRole: .admin),
        AccountRoute(method: .get, path: "/api/accounts/{account}/schedule", body: nil, minimumRole: .member),
        AccountRoute(method: .get, path: "/api/accounts/{account}/schedule/{user}", body: nil, minimumRole: .member),
        AccountRoute(method: .patch, path: "/api/accounts/{account}/schedule/{user}", body: ["scheduledFor": "2030-01-01T10:00:00Z"], minimumRole: .admin),
        AccountRoute(method: .delete, path: "/api/accounts/{account}/schedule/{user}", body: nil, minimumRole: .admin),
        AccountRoute(method: .post, path: "/api/accounts/{account}/briefs", body: BriefTests.body(month: "2027-04"), minimumRole: .member),
        AccountRoute(method: .get, path: "/api/accounts/{account}/briefs", body: nil, minimumRole: .member),
        AccountRoute(method: .get, path: "/api/accounts/{account}/briefs/{brief}", body: nil, minimumRole: .member),
        AccountRoute(method: .patch, path: "/api/accounts/{account}/briefs/{brief}", body: ["notes": "Hijacked"], minimumRole: .member),
        AccountRoute(method: .delete, path: "/api/accounts/{account}/briefs/{brief}", body: nil, minimumRole: .member),
        AccountRoute(method: .post, path: "/api/accounts/{account}/briefs/{brief}/generate", body: nil, minimumRole: .member),
        AccountRoute(method: .post, path: "/api/accounts/{account}/briefs/{brief}/approve", body: [:], minimumRole: .owner),
        AccountRoute(method: .get, path: "/api/accounts/{account}/content", body: nil, minimumRole: .member),
        AccountRoute(method: .get, path: "/api/accounts/{account}/content/{content}", body: nil, minimumRole: .member),
        AccountRoute(method: .patch, path: "/api/accounts/{account}/content/{content}", body: ["title": "Hijacked"], minimumRole: .member),
        AccountRoute(
            method: .post, path: "/api/accounts/{account}/content/{content}/request-changes", body: ["comment": "Hijacked"], minimumRole: .owner
        ),
        AccountRoute(method: .put, path: "/api/accounts/{account}/content/{content}/media", body: ["mediaId": UUID().uuidString], minimumRole: .member),
        AccountRoute(method: .post, path: "/api/accounts/{account}/media", body: ["not": "an image"], minimumRole: .member),
        AccountRoute(method: .get, path: "/api/accounts/{account}/jobs/{job}", body: nil, minimumRole: .member),
        AccountRoute(method: .post, path: "/api/accounts/{account}/brand/extract", body: nil, minimumRole: .admin),
        AccountRoute(method: .get, path: "/api/accounts/{account}/brand", body: nil, minimumRole: .member),
        AccountRoute(method: .put, path: "/api/accounts/{account}/brand", body: ["name": "Hijacked", "colors": ["#ff0000"]], minimumRole: .admin),
        // Only refused calls are made (other tenants, lower roles, no token), so none reaches Stripe.
        AccountRoute(method: .get, path: "/api/accounts/{account}/billing", body: nil, minimumRole: .owner),
        AccountRoute(method: .post, path: "/api/accounts/{account}/billing/checkout", body: ["plan": "GROWTH"], minimumRole: .owner),
        AccountRoute(method: .post, path: "/api/accounts/{account}/billing/portal", body: nil, minimumRole: .owner),
    ]

    /// OpenAPI path parameters and the matrix placeholder each one becomes.
    static let placeholders = [
        "{accountId}": "{account}", "{userId}": "{user}", "{connectionId}": "{user}", "{itemId}": "{user}",
        "{briefId}": "{brief}", "{contentId}": "{content}", "{jobId}": "{job}",
    ]
}

/// The ids a route's placeholders stand for. `{user}` is the account's owner, and also stands in
/// for ids the matrix does not create (connections, schedule items).
struct RouteIds: Sendable {
    let user: String
    let brief: String
    let content: String
    let job: String

    /// Fresh ids that name nothing (for calls that are refused before any lookup).
    static func unknown(user: String) -> RouteIds {
        RouteIds(user: user, brief: UUID().uuidString, content: UUID().uuidString, job: UUID().uuidString)
    }

    /// A brief for 2027-03 with one DRAFT content item and a queued generation job in `owner`'s
    /// account, so that calls reach things that exist.
    static func existing(in api: API, of owner: Session) async throws -> RouteIds {
        let brief = try await BriefTests.create(api, owner)
        let content = try #require(try await ContentTests.drafts(api, owner, briefId: brief, count: 1).first)
        let generate = try await api.call(.post, "/api/accounts/\(owner.accountId)/briefs/\(brief)/generate", token: owner.accessToken)
        try #require(generate.status == 202, "generate failed: \(generate.body)")
        return RouteIds(user: owner.userId, brief: brief, content: content, job: try #require(generate.string("jobId")))
    }

    /// Whether the brief and its draft are still as `existing` left them, and no brand profile was written.
    func untouched(in api: API, of owner: Session) async throws -> Bool {
        let base = "/api/accounts/\(owner.accountId)"
        let brief = try await api.call(.get, "\(base)/briefs/\(self.brief)", token: owner.accessToken)
        let content = try await api.call(.get, "\(base)/content/\(self.content)", token: owner.accessToken)
        let brand = try await api.call(.get, "\(base)/brand", token: owner.accessToken)
        return brief.status == 200 && brief.json["notes"] is NSNull
            && content.string("status") == "DRAFT" && content.string("title") == "Post 0" && content.json["editCount"] as? Int == 0
            && brand.status == 404
    }
}

@Suite(.serialized) struct TenantIsolationTests {
    @Test(arguments: AccountRoute.all)
    func anotherTenantGetsNotFoundAndChangesNothing(route: AccountRoute) async throws {
        try await withAPI { api in
            let victim = try await api.signup(accountName: "Victim")
            let attacker = try await api.signup(accountName: "Attacker")
            let ids = try await RouteIds.existing(in: api, of: victim)
            let path = route.resolve(account: victim.accountId, ids: ids)
            let reply = try await api.call(route.method, path, token: attacker.accessToken, json: route.body)
            #expect(reply.status == 404, "\(route)")
            #expect(reply.errorCode == "not_found")
            // Same answer for an account that does not exist at all: existence is not revealed.
            let missing = try await api.call(route.method, route.resolve(account: UUID().uuidString, ids: ids), token: attacker.accessToken, json: route.body)
            #expect(missing.status == 404)
            #expect(missing.body == reply.body)
            // The victim's account is untouched.
            let account = try await api.call(.get, "/api/accounts/\(victim.accountId)", token: victim.accessToken)
            #expect(account.string("name") == "Victim")
            let members = try await api.call(.get, "/api/accounts/\(victim.accountId)/members", token: victim.accessToken)
            #expect((members.json["members"] as? [[String: Any]])?.count == 1)
            #expect(try await ids.untouched(in: api, of: victim), "\(route)")
        }
    }

    @Test(arguments: AccountRoute.all)
    func rolesBelowTheMinimumAreForbidden(route: AccountRoute) async throws {
        try await withAPI { api in
            let owner = try await api.signup()
            let member = try await api.signup()
            let admin = try await api.signup()
            try await api.addMember(member, to: owner.accountId, role: .member, as: owner)
            try await api.addMember(admin, to: owner.accountId, role: .admin, as: owner)
            let ids = try await RouteIds.existing(in: api, of: owner)
            // Act on the owner's membership and content, so a permitted call is visible and a refused one is not.
            for (session, role) in [(member, Role.member), (admin, Role.admin)] where role < route.minimumRole {
                let reply = try await api.call(route.method, route.resolve(account: owner.accountId, ids: ids), token: session.accessToken, json: route.body)
                #expect(reply.status == 403, "\(role) \(route)")
                #expect(reply.errorCode == "forbidden")
            }
            let account = try await api.call(.get, "/api/accounts/\(owner.accountId)", token: owner.accessToken)
            #expect(account.string("name") == "Kiwi Bakery")
            let members = try await api.call(.get, "/api/accounts/\(owner.accountId)/members", token: owner.accessToken)
            let ownerRow = (members.json["members"] as? [[String: Any]])?.first { $0["userId"] as? String == owner.userId }
            #expect(ownerRow?["role"] as? String == "OWNER")
            #expect(try await ids.untouched(in: api, of: owner), "\(route)")
        }
    }

    @Test(arguments: AccountRoute.all)
    func withoutATokenEveryRouteIsUnauthenticated(route: AccountRoute) async throws {
        try await withAPI { api in
            let owner = try await api.signup()
            let path = route.resolve(account: owner.accountId, ids: .unknown(user: owner.userId))
            let reply = try await api.call(route.method, path, json: route.body)
            #expect(reply.status == 401)
            #expect(reply.headers[.wwwAuthenticate] == "Bearer")
        }
    }

    @Test func everyAccountRouteIsInTheMatrix() throws {
        // The account-scoped operations the OpenAPI description lists must be exactly the matrix.
        let documented = Set(
            try OpenAPIFile.operations().filter { $0.path.hasPrefix("/api/accounts/{accountId}") }
                .map { operation in
                    let path = AccountRoute.placeholders.reduce(operation.path) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
                    return "\(operation.method) \(path)"
                }
        )
        #expect(documented == Set(AccountRoute.all.map(\.description)))
    }
}

/// `docs/openapi.yaml`, parsed.
enum OpenAPIFile {
    static var path: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/openapi.yaml").path
    }

    /// The document as YAML; throws when it is not valid YAML.
    static func document() throws -> [String: Any] {
        let text = try String(contentsOfFile: Self.path, encoding: .utf8)
        return try #require(try Yams.load(yaml: text) as? [String: Any])
    }

    /// Every (METHOD, path) the document describes.
    static func operations() throws -> [(method: String, path: String)] {
        let paths = try #require(try Self.document()["paths"] as? [String: Any])
        return paths.flatMap { path, item -> [(method: String, path: String)] in
            let methods = (item as? [String: Any] ?? [:]).keys.filter { ["get", "put", "post", "patch", "delete"].contains($0) }
            return methods.map { (method: $0.uppercased(), path: path) }
        }
    }
}

@Suite struct OpenAPIDocumentTests {
    @Test func isOpenAPI31AndDescribesEveryRouteBuilt() throws {
        let document = try OpenAPIFile.document()
        #expect((document["openapi"] as? String)?.hasPrefix("3.1") == true)
        let documented = Set(try OpenAPIFile.operations().map { "\($0.method) \($0.path)" })
        let built: Set<String> = [
            "POST /api/auth/signup", "POST /api/auth/login", "POST /api/auth/refresh", "POST /api/auth/logout",
            "GET /api/auth/me", "POST /api/auth/password", "GET /api/accounts", "POST /api/accounts",
            "GET /api/accounts/{accountId}", "PATCH /api/accounts/{accountId}",
            "GET /api/accounts/{accountId}/members", "POST /api/accounts/{accountId}/members",
            "PATCH /api/accounts/{accountId}/members/{userId}", "DELETE /api/accounts/{accountId}/members/{userId}",
            "GET /api/accounts/{accountId}/audit", "GET /health/live", "GET /health/ready", "GET /metrics",
            "POST /api/accounts/{accountId}/social/profile", "GET /api/accounts/{accountId}/social/connections",
            "DELETE /api/accounts/{accountId}/social/connections/{connectionId}", "GET /api/accounts/{accountId}/publishing-profile",
            "POST /api/accounts/{accountId}/publishing-profile/verify", "POST /api/webhooks/ayrshare",
            "GET /api/accounts/{accountId}/posting-rules", "PUT /api/accounts/{accountId}/posting-rules",
            "POST /api/accounts/{accountId}/schedule", "GET /api/accounts/{accountId}/schedule",
            "GET /api/accounts/{accountId}/schedule/{itemId}", "PATCH /api/accounts/{accountId}/schedule/{itemId}",
            "DELETE /api/accounts/{accountId}/schedule/{itemId}",
            "POST /api/accounts/{accountId}/briefs", "GET /api/accounts/{accountId}/briefs",
            "GET /api/accounts/{accountId}/briefs/{briefId}", "PATCH /api/accounts/{accountId}/briefs/{briefId}",
            "DELETE /api/accounts/{accountId}/briefs/{briefId}", "POST /api/accounts/{accountId}/briefs/{briefId}/generate",
            "POST /api/accounts/{accountId}/briefs/{briefId}/approve", "GET /api/accounts/{accountId}/content",
            "GET /api/accounts/{accountId}/content/{contentId}", "PATCH /api/accounts/{accountId}/content/{contentId}",
            "POST /api/accounts/{accountId}/content/{contentId}/request-changes", "GET /api/accounts/{accountId}/jobs/{jobId}",
            "POST /api/accounts/{accountId}/brand/extract", "GET /api/accounts/{accountId}/brand", "PUT /api/accounts/{accountId}/brand",
            "GET /api/accounts/{accountId}/billing", "POST /api/accounts/{accountId}/billing/checkout",
            "POST /api/accounts/{accountId}/billing/portal", "POST /api/webhooks/stripe",
            "POST /api/accounts/{accountId}/media", "PUT /api/accounts/{accountId}/content/{contentId}/media",
            "GET /media/{accountId}/{folder}/{file}",
        ]
        #expect(documented == built)
    }

    @Test func everyDocumentedRouteExists() async throws {
        // A route the document lists but the router lacks answers 404 before any auth check;
        // every real route answers an anonymous `{}` with something else (401, 422, 200…).
        let operations = try OpenAPIFile.operations()
        try await withAPI { api in
            for operation in operations {
                // A media link's folder and file have fixed shapes; unsigned, it answers 403.
                let path = AccountRoute.placeholders.keys.reduce(operation.path) { $0.replacingOccurrences(of: $1, with: UUID().uuidString.lowercased()) }
                    .replacingOccurrences(of: "{folder}", with: "2027-01").replacingOccurrences(of: "{file}", with: UUID().uuidString.lowercased() + ".png")
                let reply = try await api.call(HTTPRequest.Method(operation.method)!, path, raw: "{}")
                #expect(reply.status != 404, "\(operation.method) \(operation.path)")
            }
        }
    }
}
