import Foundation
import HTTPTypes
import Hummingbird
import PulseCore
import PulseSecurity
import PulseStore
import PulseTestSupport
import Testing

@Suite(.serialized) struct AuthLifecycleTests {
    @Test func signupReturnsTokensUserAndOwnedAccount() async throws {
        try await withAPI { api in
            let email = "New.Owner-\(UUID().uuidString)@Example.com"
            let reply = try await api.call(
                .post, "/api/auth/signup",
                json: ["accountName": "  Harbour Cafe ", "email": email, "password": "correct horse battery", "timezone": "Europe/Berlin",
                       "websiteUrl": "https://harbour.example"]
            )
            #expect(reply.status == 201)
            #expect(reply.string("user", "email") == email.lowercased())
            #expect(reply.string("account", "name") == "Harbour Cafe")
            #expect(reply.string("account", "timezone") == "Europe/Berlin")
            #expect(reply.string("account", "role") == "OWNER")
            #expect(reply.string("accessToken")?.split(separator: ".").count == 3)
            #expect(reply.string("refreshToken")?.utf8.count == 43)
            let me = try await api.call(.get, "/api/auth/me", token: reply.string("accessToken"))
            #expect(me.status == 200)
            #expect(me.string("user", "email") == email.lowercased())
            #expect((me.json["accounts"] as? [[String: Any]])?.first?["role"] as? String == "OWNER")
            // The password is stored as an Argon2id PHC string, never as given.
            let stored = try await api.services.database.query("SELECT password_hash FROM users WHERE email = \(email.lowercased())")
                .collect().first?.decode(String.self)
            #expect(stored?.hasPrefix("$argon2id$v=19$m=19456,t=2,p=1$") == true)
        }
    }

    @Test func defaultTimezoneIsAuckland() async throws {
        try await withAPI { api in
            let session = try await api.signup()
            let account = try await api.call(.get, "/api/accounts/\(session.accountId)", token: session.accessToken)
            #expect(account.string("timezone") == "Pacific/Auckland")
        }
    }

    @Test func loginIsCaseInsensitiveAndGeneric() async throws {
        try await withAPI { api in
            let session = try await api.signup()
            let login = try await api.call(.post, "/api/auth/login", json: ["email": "  " + session.email.uppercased(), "password": session.password])
            #expect(login.status == 200)
            #expect(login.string("user", "id") == session.userId)
            let wrongPassword = try await api.call(.post, "/api/auth/login", json: ["email": session.email, "password": "not the password!"])
            let unknownEmail = try await api.call(.post, "/api/auth/login", json: ["email": "nobody-\(UUID())@example.com", "password": "not the password!"])
            #expect(wrongPassword.status == 401)
            #expect(wrongPassword.errorCode == "invalid_credentials")
            #expect(wrongPassword.body == unknownEmail.body)
            #expect(unknownEmail.status == 401)
            let failures = try await api.count(
                "SELECT count(*)::int8 FROM audit_events WHERE user_id = \(UUID(uuidString: session.userId)!) AND event_type = 'LOGIN_FAILED'"
            )
            #expect(failures == 1)
        }
    }

    @Test func refreshRotatesAndTheOldTokenStopsWorking() async throws {
        try await withAPI { api in
            let session = try await api.signup()
            let first = try await api.call(.post, "/api/auth/refresh", json: ["refreshToken": session.refreshToken])
            #expect(first.status == 200)
            let newRefresh = try #require(first.string("refreshToken"))
            #expect(newRefresh != session.refreshToken)
            #expect(try await api.call(.get, "/api/auth/me", token: first.string("accessToken")).status == 200)
            let second = try await api.call(.post, "/api/auth/refresh", json: ["refreshToken": newRefresh])
            #expect(second.status == 200)
        }
    }

    @Test func reusingARotatedRefreshTokenRevokesTheWholeFamily() async throws {
        try await withAPI { api in
            let session = try await api.signup()
            let rotated = try await api.call(.post, "/api/auth/refresh", json: ["refreshToken": session.refreshToken])
            let currentRefresh = try #require(rotated.string("refreshToken"))
            let currentAccess = try #require(rotated.string("accessToken"))
            // An attacker replays the stolen, already-rotated token.
            let replay = try await api.call(.post, "/api/auth/refresh", json: ["refreshToken": session.refreshToken])
            #expect(replay.status == 401)
            #expect(replay.errorCode == "invalid_refresh_token")
            // Every token of that session is now dead, the legitimate holder's too.
            #expect(try await api.call(.post, "/api/auth/refresh", json: ["refreshToken": currentRefresh]).status == 401)
            #expect(try await api.call(.get, "/api/auth/me", token: currentAccess).status == 401)
            #expect(try await api.call(.get, "/api/auth/me", token: session.accessToken).status == 401)
            // Other sessions of the same user are untouched.
            let other = try await api.call(.post, "/api/auth/login", json: ["email": session.email, "password": session.password])
            #expect(try await api.call(.get, "/api/auth/me", token: other.string("accessToken")).status == 200)
        }
    }

    @Test func logoutEndsTheSession() async throws {
        try await withAPI { api in
            let session = try await api.signup()
            let logout = try await api.call(.post, "/api/auth/logout", json: ["refreshToken": session.refreshToken])
            #expect(logout.status == 204)
            #expect(try await api.call(.get, "/api/auth/me", token: session.accessToken).status == 401)
            #expect(try await api.call(.post, "/api/auth/refresh", json: ["refreshToken": session.refreshToken]).status == 401)
            // Logging out twice is fine.
            #expect(try await api.call(.post, "/api/auth/logout", json: ["refreshToken": session.refreshToken]).status == 204)
        }
    }

    @Test func passwordChangeEndsEveryOtherSession() async throws {
        try await withAPI { api in
            let session = try await api.signup()
            let laptop = try await api.call(.post, "/api/auth/login", json: ["email": session.email, "password": session.password])
            let laptopAccess = try #require(laptop.string("accessToken"))
            let laptopRefresh = try #require(laptop.string("refreshToken"))

            let wrong = try await api.call(
                .post, "/api/auth/password", token: session.accessToken,
                json: ["currentPassword": "not my password", "newPassword": "a brand new passphrase"]
            )
            #expect(wrong.status == 422)
            #expect(wrong.errorFields == ["currentPassword"])
            let weak = try await api.call(
                .post, "/api/auth/password", token: session.accessToken, json: ["currentPassword": session.password, "newPassword": "short"]
            )
            #expect(weak.status == 422)
            #expect(weak.errorFields == ["newPassword"])

            let change = try await api.call(
                .post, "/api/auth/password", token: session.accessToken,
                json: ["currentPassword": session.password, "newPassword": "a brand new passphrase"]
            )
            #expect(change.status == 204)
            #expect(try await api.call(.get, "/api/auth/me", token: laptopAccess).status == 401)
            #expect(try await api.call(.post, "/api/auth/refresh", json: ["refreshToken": laptopRefresh]).status == 401)
            #expect(try await api.call(.get, "/api/auth/me", token: session.accessToken).status == 200)
            #expect(try await api.call(.post, "/api/auth/login", json: ["email": session.email, "password": session.password]).status == 401)
            #expect(try await api.call(.post, "/api/auth/login", json: ["email": session.email, "password": "a brand new passphrase"]).status == 200)
        }
    }

    @Test func signupValidatesEveryField() async throws {
        try await withAPI { api in
            let reply = try await api.call(
                .post, "/api/auth/signup",
                json: ["accountName": " ", "email": "not-an-email", "password": "short", "timezone": "Mars/Base", "websiteUrl": "ftp://x"]
            )
            #expect(reply.status == 422)
            #expect(Set(reply.errorFields) == ["accountName", "email", "password", "timezone", "websiteUrl"])
        }
    }

    @Test func duplicateEmailIsAConflictWhateverItsCase() async throws {
        try await withAPI { api in
            let session = try await api.signup()
            let reply = try await api.call(
                .post, "/api/auth/signup",
                json: ["accountName": "Second", "email": session.email.uppercased(), "password": "another long password"]
            )
            #expect(reply.status == 409)
            #expect(reply.errorCode == "email_taken")
            #expect(try await api.count("SELECT count(*)::int8 FROM accounts WHERE name = 'Second' AND id IN (SELECT account_id FROM memberships WHERE user_id = \(UUID(uuidString: session.userId)!))") == 0)
        }
    }

    @Test func signupHonoursIdempotencyKeys() async throws {
        try await withAPI { api in
            let email = "idem-\(UUID().uuidString.lowercased())@example.com"
            let body: [String: any Sendable] = ["accountName": "Once Only", "email": email, "password": "correct horse battery"]
            let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "signup-\(UUID())"]
            let first = try await api.call(.post, "/api/auth/signup", json: body, headers: key)
            let second = try await api.call(.post, "/api/auth/signup", json: body, headers: key)
            #expect(first.status == 201)
            #expect(second.status == 201)
            #expect(first.string("user", "id") == second.string("user", "id"))
            #expect(first.string("account", "id") == second.string("account", "id"))
            #expect(try await api.call(.get, "/api/auth/me", token: second.string("accessToken")).status == 200)
            #expect(try await api.count("SELECT count(*)::int8 FROM users WHERE email = \(email)") == 1)
            var changed = body
            changed["accountName"] = "Something Else"
            let conflicting = try await api.call(.post, "/api/auth/signup", json: changed, headers: key)
            #expect(conflicting.status == 422)
            #expect(conflicting.errorCode == "idempotency_key_reused")
        }
    }

    @Test func concurrentDoubleClickSignupCreatesOneUser() async throws {
        try await withAPI { api in
            let email = "double-\(UUID().uuidString.lowercased())@example.com"
            let body: [String: any Sendable] = ["accountName": "Double Click", "email": email, "password": "correct horse battery"]
            let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "dc-\(UUID())"]
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<4 {
                    group.addTask { try await api.call(.post, "/api/auth/signup", json: body, headers: key).status }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses == [201, 201, 201, 201])
            #expect(try await api.count("SELECT count(*)::int8 FROM users WHERE email = \(email)") == 1)
        }
    }

    @Test func weakStoredHashesAreUpgradedOnLogin() async throws {
        try await withAPI { api in
            let session = try await api.signup()
            let userId = UUID(uuidString: session.userId)!
            let weak = try await PasswordHasherForTests.weakHash(session.password)
            try await api.services.database.query("UPDATE users SET password_hash = \(weak) WHERE id = \(userId)")
            #expect(try await api.call(.post, "/api/auth/login", json: ["email": session.email, "password": session.password]).status == 200)
            let stored = try await api.services.database.query("SELECT password_hash FROM users WHERE id = \(userId)")
                .collect().first?.decode(String.self)
            #expect(stored != weak)
            #expect(stored?.contains("m=19456,t=2,p=1") == true)
        }
    }
}


/// Makes a hash with parameters below the service's, as an older deployment would have stored.
enum PasswordHasherForTests {
    static func weakHash(_ password: String) async throws -> String {
        let hasher = PasswordHasher(parameters: Argon2Parameters(memoryKiB: 8192, iterations: 1, parallelism: 1))
        let hash = try await hasher.hash(password)
        try await hasher.shutdown()
        return hash
    }
}

@Suite(.serialized) struct SessionRaceTests {
    @Test func twoConcurrentRefreshesWithOneTokenNeverBothSucceed() async throws {
        try await withAPI { api in
            let session = try await api.signup()
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<2 {
                    group.addTask { try await api.call(.post, "/api/auth/refresh", json: ["refreshToken": session.refreshToken]).status }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 200 }.count <= 1)
            #expect(statuses.contains(401))
        }
    }

    @Test func aSignupReplayAfterAPasswordChangeIsRefused() async throws {
        try await withAPI { api in
            let email = "replay-\(UUID().uuidString.lowercased())@example.com"
            let body: [String: any Sendable] = ["accountName": "Replayed", "email": email, "password": "correct horse battery"]
            let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "replay-\(UUID())"]
            let first = try await api.call(.post, "/api/auth/signup", json: body, headers: key)
            #expect(first.status == 201)
            let change = try await api.call(
                .post, "/api/auth/password", token: first.string("accessToken"),
                json: ["currentPassword": "correct horse battery", "newPassword": "an entirely new passphrase"]
            )
            #expect(change.status == 204)
            let replay = try await api.call(.post, "/api/auth/signup", json: body, headers: key)
            #expect(replay.status == 409)
            #expect(replay.errorCode == "signup_already_completed")
            #expect(replay.string("accessToken") == nil)
        }
    }

    @Test func aRoleRevokedMidRequestIsHonouredInsideTheTransaction() async throws {
        try await withAPI { api in
            let first = try await api.signup()
            let second = try await api.signup()
            try await api.addMember(second, to: first.accountId, role: .owner, as: first)
            // `first` passed the door as OWNER; before their write runs, `second` demotes them.
            #expect(try await api.call(.patch, "/api/accounts/\(first.accountId)/members/\(first.userId)", token: second.accessToken, json: ["role": "ADMIN"]).status == 200)
            let newcomer = try await api.signup()
            let accountId = try #require(UUID(uuidString: first.accountId))
            let staleCheck: ActorCheck = { role, _ in
                guard role.permits(.manageMembers) else { throw PulseError.forbidden("no") }
            }
            await #expect(throws: PulseError.forbidden("no")) {
                try await api.services.accounts.addMember(
                    accountId: accountId, actor: try #require(UUID(uuidString: first.userId)),
                    email: try #require(EmailAddress(newcomer.email)), role: .member, authorize: staleCheck
                )
            }
            let members = try await api.call(.get, "/api/accounts/\(first.accountId)/members", token: second.accessToken)
            #expect((members.json["members"] as? [[String: Any]])?.count == 2)
        }
    }
}
