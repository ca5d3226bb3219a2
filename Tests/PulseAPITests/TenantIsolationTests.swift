import Foundation
import HTTPTypes
import Hummingbird
import PulseCore
import PulseTestSupport
import Testing

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
        // The routes the router knows under /api/accounts/{accountId}, from the source of truth: the OpenAPI file.
        let openapi = try String(contentsOfFile: OpenAPIFile.path, encoding: .utf8)
        let documented = Set(
            openapi.split(separator: "\n").filter { $0.hasPrefix("  /api/accounts/{accountId}") }
                .map { $0.trimmingCharacters(in: .whitespaces).dropLast().replacingOccurrences(of: "{accountId}", with: "{account}").replacingOccurrences(of: "{userId}", with: "{user}") }
        )
        let covered = Set(AccountRoute.all.map(\.path))
        #expect(documented == covered)
    }
}

enum OpenAPIFile {
    static var path: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/openapi.yaml").path
    }
}
