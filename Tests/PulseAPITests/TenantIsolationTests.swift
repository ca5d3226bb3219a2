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
    /// `{account}` and `{user}` are filled in per test.
    let path: String
    let body: [String: any Sendable]?
    /// The least role allowed; lower roles get 403.
    let minimumRole: Role

    var description: String { "\(self.method) \(self.path)" }

    func resolve(account: String, user: String) -> String {
        self.path.replacingOccurrences(of: "{account}", with: account).replacingOccurrences(of: "{user}", with: user)
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
    ]
}

@Suite(.serialized) struct TenantIsolationTests {
    @Test(arguments: AccountRoute.all)
    func anotherTenantGetsNotFoundAndChangesNothing(route: AccountRoute) async throws {
        try await withAPI { api in
            let victim = try await api.signup(accountName: "Victim")
            let attacker = try await api.signup(accountName: "Attacker")
            let path = route.resolve(account: victim.accountId, user: victim.userId)
            let reply = try await api.call(route.method, path, token: attacker.accessToken, json: route.body)
            #expect(reply.status == 404, "\(route)")
            #expect(reply.errorCode == "not_found")
            // Same answer for an account that does not exist at all: existence is not revealed.
            let missing = try await api.call(route.method, route.resolve(account: UUID().uuidString, user: victim.userId), token: attacker.accessToken, json: route.body)
            #expect(missing.status == 404)
            #expect(missing.body == reply.body)
            // The victim's account is untouched.
            let account = try await api.call(.get, "/api/accounts/\(victim.accountId)", token: victim.accessToken)
            #expect(account.string("name") == "Victim")
            let members = try await api.call(.get, "/api/accounts/\(victim.accountId)/members", token: victim.accessToken)
            #expect((members.json["members"] as? [[String: Any]])?.count == 1)
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
            // Act on the owner's membership, so a permitted call is visible and a refused one is not.
            for (session, role) in [(member, Role.member), (admin, Role.admin)] where role < route.minimumRole {
                let reply = try await api.call(route.method, route.resolve(account: owner.accountId, user: owner.userId), token: session.accessToken, json: route.body)
                #expect(reply.status == 403, "\(role) \(route)")
                #expect(reply.errorCode == "forbidden")
            }
            let account = try await api.call(.get, "/api/accounts/\(owner.accountId)", token: owner.accessToken)
            #expect(account.string("name") == "Kiwi Bakery")
            let members = try await api.call(.get, "/api/accounts/\(owner.accountId)/members", token: owner.accessToken)
            let ownerRow = (members.json["members"] as? [[String: Any]])?.first { $0["userId"] as? String == owner.userId }
            #expect(ownerRow?["role"] as? String == "OWNER")
        }
    }

    @Test(arguments: AccountRoute.all)
    func withoutATokenEveryRouteIsUnauthenticated(route: AccountRoute) async throws {
        try await withAPI { api in
            let owner = try await api.signup()
            let path = route.resolve(account: owner.accountId, user: owner.userId)
            let reply = try await api.call(route.method, path, json: route.body)
            #expect(reply.status == 401)
            #expect(reply.headers[.wwwAuthenticate] == "Bearer")
        }
    }

    @Test func everyAccountRouteIsInTheMatrix() throws {
        // The account-scoped operations the OpenAPI description lists must be exactly the matrix.
        let documented = Set(
            try OpenAPIFile.operations().filter { $0.path.hasPrefix("/api/accounts/{accountId}") }
                .map { "\($0.method) \($0.path.replacingOccurrences(of: "{accountId}", with: "{account}").replacingOccurrences(of: "{userId}", with: "{user}").replacingOccurrences(of: "{connectionId}", with: "{user}").replacingOccurrences(of: "{itemId}", with: "{user}"))" }
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
        ]
        #expect(documented == built)
    }

    @Test func everyDocumentedRouteExists() async throws {
        // A route the document lists but the router lacks answers 404 before any auth check;
        // every real route answers an anonymous `{}` with something else (401, 422, 200…).
        let operations = try OpenAPIFile.operations()
        try await withAPI { api in
            for operation in operations {
                let path = operation.path.replacingOccurrences(of: "{accountId}", with: UUID().uuidString)
                    .replacingOccurrences(of: "{userId}", with: UUID().uuidString)
                    .replacingOccurrences(of: "{connectionId}", with: UUID().uuidString)
                    .replacingOccurrences(of: "{itemId}", with: UUID().uuidString)
                let reply = try await api.call(HTTPRequest.Method(operation.method)!, path, raw: "{}")
                #expect(reply.status != 404, "\(operation.method) \(operation.path)")
            }
        }
    }
}
