import Foundation
import HTTPTypes
import Hummingbird
import PulseTestSupport
import Testing

@Suite(.serialized) struct BadInputTests {
    static let bodyRoutes: [(HTTPRequest.Method, String)] = [
        (.post, "/api/auth/signup"), (.post, "/api/auth/login"), (.post, "/api/auth/refresh"), (.post, "/api/auth/logout"),
    ]

    @Test func malformedJSONIsABadRequest() async throws {
        try await withAPI { api in
            let session = try await api.signup()
            var routes = Self.bodyRoutes.map { ($0.0, $0.1, nil as String?) }
            routes += [
                (.post, "/api/auth/password", session.accessToken), (.post, "/api/accounts", session.accessToken),
                (.patch, "/api/accounts/\(session.accountId)", session.accessToken),
                (.post, "/api/accounts/\(session.accountId)/members", session.accessToken),
                (.patch, "/api/accounts/\(session.accountId)/members/\(session.userId)", session.accessToken),
            ]
            for (method, path, token) in routes {
                for raw in ["{", "not json", "[1,2]", "\"string\"", "", "null", "{\"a\":}", String(repeating: "[", count: 10_000)] {
                    let reply = try await api.call(method, path, token: token, raw: raw)
                    #expect(reply.status == 400, "\(method) \(path) \(raw.prefix(20)) → \(reply.status) \(reply.body)")
                    #expect(reply.errorCode == "malformed_request")
                }
            }
        }
    }

    @Test func wrongTypesAndMissingFieldsNameTheField() async throws {
        try await withAPI { api in
            let wrongType = try await api.call(.post, "/api/auth/signup", json: ["accountName": 42, "email": "a@b.co", "password": "correct horse battery"])
            #expect(wrongType.status == 422)
            #expect(wrongType.errorFields == ["accountName"])
            let missing = try await api.call(.post, "/api/auth/login", json: ["email": "a@b.co"])
            #expect(missing.status == 422)
            #expect(missing.errorFields == ["password"])
            let null = try await api.call(.post, "/api/auth/login", json: ["email": NSNull(), "password": "x"])
            #expect(null.status == 422)
            #expect(null.errorFields == ["email"])
            let nested = try await api.signup()
            let settings = try await api.call(.patch, "/api/accounts/\(nested.accountId)", token: nested.accessToken, json: ["settings": ["adminsCanApprove": "yes"]])
            #expect(settings.status == 422)
            #expect(settings.errorFields == ["settings.adminsCanApprove"])
        }
    }

    @Test func hugeBodiesAreTooLargeAndWriteNothing() async throws {
        try await withAPI { api in
            let email = "huge-\(UUID().uuidString.lowercased())@example.com"
            let padding = String(repeating: "x", count: (1 << 20) + 10)
            let reply = try await api.call(
                .post, "/api/auth/signup", json: ["accountName": padding, "email": email, "password": "correct horse battery"]
            )
            #expect(reply.status == 413)
            #expect(reply.errorCode == "payload_too_large")
            #expect(try await api.count("SELECT count(*)::int8 FROM users WHERE email = \(email)") == 0)
        }
    }

    @Test func badUUIDsInPathsAreNotFound() async throws {
        try await withAPI { api in
            let session = try await api.signup()
            for path in [
                "/api/accounts/not-a-uuid", "/api/accounts/123", "/api/accounts/%27%20OR%201=1--", "/api/accounts/\(session.accountId)x",
                "/api/accounts/\(session.accountId)/members/not-a-uuid",
            ] {
                let reply = try await api.call(.get, path, token: session.accessToken)
                #expect(reply.status == 404, "\(path)")
                let patch = try await api.call(.patch, path, token: session.accessToken, json: ["role": "MEMBER"])
                #expect(patch.status == 404, "\(path)")
            }
        }
    }

    @Test func unknownRoutesAndMethodsGetTheErrorBody() async throws {
        try await withAPI { api in
            for (method, path) in [(HTTPRequest.Method.get, "/nope"), (.get, "/api"), (.delete, "/api/auth/login"), (.put, "/api/accounts")] {
                let reply = try await api.call(method, path)
                #expect(reply.status == 404, "\(method) \(path)")
                #expect(reply.errorCode == "not_found")
                #expect(reply.headers[.contentType]?.hasPrefix("application/json") == true)
            }
        }
    }

    @Test func sqlMetacharactersAreRefusedWhereInvalidAndStoredVerbatimWhereText() async throws {
        try await withAPI { api in
            let hostile = ["' OR '1'='1", "\"; DROP TABLE users; --", "\\x00'); DELETE FROM accounts; --", "%' AND 1=1 --", "$1::text"]
            let usersBefore = try await api.count("SELECT count(*)::int8 FROM users")
            for value in hostile {
                // As email, timezone or website they are invalid: 422, nothing written.
                let asEmail = try await api.call(.post, "/api/auth/signup", json: ["accountName": "Shop", "email": value, "password": "correct horse battery"])
                #expect(asEmail.status == 422)
                let asTimezone = try await api.call(
                    .post, "/api/auth/signup", json: ["accountName": "Shop", "email": "ok-\(UUID())@example.com", "password": "correct horse battery", "timezone": value]
                )
                #expect(asTimezone.status == 422)
                let asWebsite = try await api.call(
                    .post, "/api/auth/signup",
                    json: ["accountName": "Shop", "email": "ok-\(UUID())@example.com", "password": "correct horse battery", "websiteUrl": value]
                )
                #expect(asWebsite.status == 422)
                let asLogin = try await api.call(.post, "/api/auth/login", json: ["email": value, "password": value])
                #expect(asLogin.status == 401)
                let asRefresh = try await api.call(.post, "/api/auth/refresh", json: ["refreshToken": value])
                #expect(asRefresh.status == 401)
            }
            #expect(try await api.count("SELECT count(*)::int8 FROM users") - usersBefore >= 0)
            #expect(try await api.count("SELECT count(*)::int8 FROM users WHERE email LIKE 'ok-%' AND created_at > now() - interval '1 minute' AND id NOT IN (SELECT user_id FROM memberships)") == 0)

            // As an account name (free text) they are legitimate characters: stored exactly, executed never.
            let session = try await api.signup()
            for value in hostile {
                let reply = try await api.call(.patch, "/api/accounts/\(session.accountId)", token: session.accessToken, json: ["name": value])
                #expect(reply.status == 200)
                #expect(reply.string("name") == value.trimmingCharacters(in: .whitespaces))
            }
            let audit = try await api.call(.get, "/api/accounts/\(session.accountId)/audit?type=\("' OR 1=1 --".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")", token: session.accessToken)
            #expect(audit.status == 200)
            #expect((audit.json["events"] as? [[String: Any]])?.isEmpty == true)
            #expect(try await api.count("SELECT count(*)::int8 FROM users") > 0)
        }
    }

    @Test func badHeadersAndQueryParameters() async throws {
        try await withAPI { api in
            let session = try await api.signup()
            for header in ["Bearer", "Basic abc", "Bearer not.a.jwt", "bearer \(session.accessToken)x"] {
                let reply = try await api.call(.get, "/api/auth/me", headers: [.authorization: header])
                #expect(reply.status == 401, "\(header)")
            }
            #expect(try await api.call(.get, "/api/auth/me", headers: [.authorization: "bearer \(session.accessToken)"]).status == 200)
            let key = try await api.call(
                .post, "/api/auth/signup", json: ["accountName": "A", "email": "k-\(UUID())@example.com", "password": "correct horse battery"],
                headers: [HTTPField.Name("Idempotency-Key")!: String(repeating: "k", count: 300)]
            )
            #expect(key.status == 422)
            for query in ["limit=0", "limit=abc", "limit=201", "before=garbage", "before=1_2", "before=9000000000000000000_\(UUID())"] {
                let reply = try await api.call(.get, "/api/accounts/\(session.accountId)/audit?\(query)", token: session.accessToken)
                #expect(reply.status == 422, "\(query)")
            }
        }
    }
}
