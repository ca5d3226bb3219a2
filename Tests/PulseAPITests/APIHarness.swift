import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PulseAPI
import PulseCore
import PulseStore
import PulseTestSupport
import Testing

/// A response as tests see it.
struct Reply: Sendable {
    let status: Int
    let headers: HTTPFields
    let body: String

    /// The body parsed as a JSON object (empty when it is not one).
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(self.body.utf8))) as? [String: Any] ?? [:]
    }

    /// `error.code` of an error body.
    var errorCode: String? { (self.json["error"] as? [String: Any])?["code"] as? String }

    /// The `field`s listed in a 422's details.
    var errorFields: [String] {
        ((self.json["error"] as? [String: Any])?["details"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
    }

    func string(_ path: String...) -> String? {
        var value: Any? = self.json
        for key in path { value = (value as? [String: Any])?[key] }
        return value as? String
    }
}

/// A signed-in user with their first account.
struct Session: Sendable {
    let email: String
    let password: String
    let userId: String
    let accountId: String
    var accessToken: String
    var refreshToken: String
}

/// Drives the API through Hummingbird's router test client, with the real Postgres and Redis.
struct API: Sendable {
    let client: any TestClientProtocol
    let services: WebServices

    func call(
        _ method: HTTPRequest.Method, _ path: String, token: String? = nil, json: [String: any Sendable]? = nil,
        raw: String? = nil, headers: HTTPFields = [:]
    ) async throws -> Reply {
        var headers = headers
        if let token { headers[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer?
        if let json {
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
            headers[.contentType] = "application/json"
        } else if let raw {
            body = ByteBuffer(string: raw)
            headers[.contentType] = "application/json"
        }
        return try await self.client.execute(uri: path, method: method, headers: headers, body: body) { response in
            Reply(status: Int(response.status.code), headers: response.headers, body: String(buffer: response.body))
        }
    }

    /// Signs up a new user with a new account and returns their session.
    func signup(accountName: String = "Kiwi Bakery", password: String = "correct horse battery") async throws -> Session {
        let email = "user-\(UUID().uuidString.lowercased())@example.com"
        let reply = try await self.call(.post, "/api/auth/signup", json: ["accountName": accountName, "email": email, "password": password])
        try #require(reply.status == 201, "signup failed: \(reply.body)")
        return Session(
            email: email, password: password,
            userId: try #require(reply.string("user", "id")), accountId: try #require(reply.string("account", "id")),
            accessToken: try #require(reply.string("accessToken")), refreshToken: try #require(reply.string("refreshToken"))
        )
    }

    /// Adds `member` to `accountId` with `role`, as `owner`.
    func addMember(_ member: Session, to accountId: String, role: Role, as owner: Session) async throws {
        let reply = try await self.call(
            .post, "/api/accounts/\(accountId)/members", token: owner.accessToken, json: ["email": member.email, "role": role.rawValue]
        )
        try #require(reply.status == 201, "adding a member failed: \(reply.body)")
    }

    /// A count from the database, for "nothing was written" checks.
    /// Puts the account on `plan` (as a Stripe webhook would), e.g. for room to connect both platforms.
    func setPlan(_ session: Session, _ plan: String) async throws {
        let accountId = try #require(UUID(uuidString: session.accountId))
        try await self.services.database.query("UPDATE accounts SET plan = \(plan) WHERE id = \(accountId)")
    }

    func count(_ query: PostgresQuery) async throws -> Int {
        try await self.services.database.query(query).collect().first?.decode(Int.self) ?? -1
    }
}

import PostgresNIO

/// Runs `body` against a fresh application over the test services.
func withAPI(overrides: [String: String] = [:], _ body: @Sendable (API) async throws -> Void) async throws {
    try await TestMigrations.shared.ensureMigrated()
    let configuration = try TestEnvironment.configuration(overrides: overrides)
    let services = try await WebServices(configuration: configuration, logger: TestEnvironment.logger())
    let app = buildApplication(services, logger: TestEnvironment.logger())
    try await app.test(.router) { client in
        try await body(API(client: client, services: services))
    }
}

/// A loopback port with nothing listening, for "the dependency is down" tests.
func deadRedisURL() -> String {
    "redis://127.0.0.1:1/0"
}
