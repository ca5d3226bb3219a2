import Testing

@Suite("Sandbox profiles and users")
struct ProfileTests {
    @Test("POST /api/profiles and /api/profiles/create-profile create profiles with a secret-looking key")
    func createBothPaths() async throws {
        try await withSandbox { sandbox in
            for (path, title) in [("/api/profiles", "Kiwi Bakery"), ("/api/profiles/create-profile", "Tui Cafe")] {
                let reply = try await sandbox.call(.post, path, json: ["title": title, "source": "pypi"])
                #expect(reply.status == 200, "\(path): \(reply.body)")
                #expect(reply.json["status"] as? String == "success")
                #expect(reply.json["title"] as? String == title)
                #expect((reply.json["refId"] as? String)?.isEmpty == false)
                let key = try #require(reply.json["profileKey"] as? String)
                #expect(key.count >= 30)
            }
            let titles = try await sandbox.profiles().compactMap { $0["title"] as? String }
            #expect(titles == ["primary", "Kiwi Bakery", "Tui Cafe"])
        }
    }

    @Test("a duplicate title is 400 code 146; a missing title is 400")
    func duplicateAndMissingTitle() async throws {
        try await withSandbox { sandbox in
            _ = try await sandbox.createProfile("Kiwi Bakery")
            let duplicate = try await sandbox.call(.post, "/api/profiles", json: ["title": "Kiwi Bakery"])
            #expect(duplicate.status == 400)
            #expect(duplicate.code == 146)
            #expect(duplicate.json["status"] as? String == "error")
            #expect(duplicate.json["message"] as? String == "Profile title already exists.")

            let missing = try await sandbox.call(.post, "/api/profiles", json: ["source": "pypi"])
            #expect(missing.status == 400)
            #expect(missing.json["status"] as? String == "error")
        }
    }

    @Test("GET /api/user leaves out activeSocialAccounts until something is linked")
    func userBeforeAndAfterLink() async throws {
        try await withSandbox { sandbox in
            let (refId, key) = try await sandbox.createProfile("Kiwi Bakery")
            let empty = try await sandbox.call(.get, "/api/user", profileKey: key)
            #expect(empty.status == 200)
            #expect(empty.json["activeSocialAccounts"] == nil)
            #expect((empty.json["displayNames"] as? [Any])?.isEmpty == true)
            #expect(empty.json["refId"] as? String == refId)
            #expect(empty.json["title"] as? String == "Kiwi Bakery")

            try await sandbox.link(refId, "facebook", id: "104923", displayName: "Kiwi Bakery")
            let linked = try await sandbox.call(.get, "/api/user", profileKey: key)
            #expect(linked.json["activeSocialAccounts"] as? [String] == ["facebook"])
            let entry = try #require((linked.json["displayNames"] as? [[String: Any]])?.first)
            #expect(entry["platform"] as? String == "facebook")
            #expect(entry["displayName"] as? String == "Kiwi Bakery")
            #expect(entry["id"] as? String == "104923")
            for field in ["profileUrl", "userImage", "created"] {
                #expect(entry[field] is String, "\(field) missing")
            }

            // The primary profile is separate and still has nothing linked.
            let primary = try await sandbox.call(.get, "/api/user")
            #expect(primary.json["title"] as? String == "primary")
            #expect(primary.json["activeSocialAccounts"] == nil)
        }
    }

    @Test("linking a platform again replaces the account; unlinking removes it")
    func relinkAndUnlink() async throws {
        try await withSandbox { sandbox in
            let refId = try await sandbox.primaryRefId()
            try await sandbox.link(refId, "instagram", id: "1", displayName: "old")
            try await sandbox.link(refId, "instagram", id: "2", displayName: "new")
            let linked = try #require(try await sandbox.profiles().first?["linked"] as? [[String: Any]])
            #expect(linked.count == 1)
            #expect(linked.first?["id"] as? String == "2")

            let unlinked = try await sandbox.call(.post, "/sandbox/profiles/\(refId)/unlink", json: ["platform": "instagram"])
            #expect(unlinked.status == 200)
            #expect((unlinked.json["linked"] as? [Any])?.isEmpty == true)

            let unknown = try await sandbox.call(.post, "/sandbox/profiles/nope/link", json: ["platform": "facebook"])
            #expect(unknown.status == 404)
            let badPlatform = try await sandbox.call(.post, "/sandbox/profiles/\(refId)/link", json: ["platform": "myspace"])
            #expect(badPlatform.status == 400)
        }
    }

    @Test("an unknown Profile-Key is 403 code 102")
    func unknownProfileKey() async throws {
        try await withSandbox { sandbox in
            let reply = try await sandbox.call(.get, "/api/user", profileKey: "NOT-A-KEY")
            #expect(reply.status == 403)
            #expect(reply.code == 102)
        }
    }

    @Test("with an API key configured, a missing or wrong bearer is 401; without one any bearer works")
    func authentication() async throws {
        try await withSandbox { sandbox in
            let missing = try await sandbox.call(.get, "/api/user", bearer: nil)
            #expect(missing.status == 401)
            #expect(missing.code == 101)
            #expect(try await sandbox.call(.get, "/api/user", bearer: "wrong").status == 401)
            #expect(try await sandbox.call(.get, "/api/user").status == 200)
            // The admin API needs no key.
            #expect(try await sandbox.call(.get, "/sandbox/profiles", bearer: nil).status == 200)
        }
        var open = testConfiguration()
        open.apiKey = nil
        try await withSandbox(open) { sandbox in
            let anyBearer = try await sandbox.call(.get, "/api/user", bearer: "anything")
            #expect(anyBearer.status == 200)
            #expect(try await sandbox.call(.get, "/api/user", bearer: nil).status == 401)
        }
    }

    @Test("unknown routes answer in the Ayrshare error shape")
    func unknownRoute() async throws {
        try await withSandbox { sandbox in
            let reply = try await sandbox.call(.get, "/api/nothing-here")
            #expect(reply.status == 404)
            #expect(reply.json["status"] as? String == "error")
            #expect(reply.code == 404)
        }
    }
}
