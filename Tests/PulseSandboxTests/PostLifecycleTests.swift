import Foundation
import Testing

@Suite("Sandbox post reads, deletes and history")
struct PostLifecycleTests {
    /// Links Facebook on the primary profile and publishes `text`; returns the post id.
    private func publish(_ sandbox: Sandbox, _ text: String, key: String? = nil) async throws -> String {
        var body: [String: any Sendable] = ["post": text, "platforms": ["facebook"]]
        if let key { body["idempotencyKey"] = key }
        let reply = try await sandbox.call(.post, "/api/post", json: body)
        try #require(reply.status == 200, "\(reply.body)")
        return try #require(reply.json["id"] as? String)
    }

    @Test("GET /api/post/:id shows the post; unknown ids and other profiles' posts are 404")
    func read() async throws {
        try await withSandbox { sandbox in
            let refId = try await sandbox.primaryRefId()
            try await sandbox.link(refId, "facebook")
            let id = try await self.publish(sandbox, "Fresh sourdough", key: "k1")
            let reply = try await sandbox.call(.get, "/api/post/\(id)?source=pypi&id=\(id)")
            #expect(reply.status == 200)
            #expect(reply.json["id"] as? String == id)
            #expect(reply.json["status"] as? String == "success")
            #expect(reply.json["platforms"] as? [String] == ["facebook"])
            #expect(reply.json["post"] as? String == "Fresh sourdough")
            #expect(reply.json["refId"] as? String == refId)
            #expect(reply.json["idempotencyKey"] as? String == "k1")
            #expect(reply.json["created"] is String)
            #expect((reply.json["postIds"] as? [Any])?.count == 1)
            #expect((reply.json["errors"] as? [Any])?.isEmpty == true)

            let unknown = try await sandbox.call(.get, "/api/post/nope")
            #expect(unknown.status == 404)
            #expect(unknown.code == 404)

            let (_, key) = try await sandbox.createProfile("Other")
            #expect(try await sandbox.call(.get, "/api/post/\(id)", profileKey: key).status == 404)
        }
    }

    @Test("DELETE /api/post and DELETE /api/delete mark the post deleted; unknown ids are 404")
    func delete() async throws {
        try await withSandbox { sandbox in
            try await sandbox.link(try await sandbox.primaryRefId(), "facebook")
            for path in ["/api/post", "/api/delete"] {
                let id = try await self.publish(sandbox, "Bye from \(path)")
                let reply = try await sandbox.call(.delete, path, json: ["id": id, "source": "pypi"])
                #expect(reply.status == 200, "\(path): \(reply.body)")
                #expect(reply.json["status"] as? String == "success")
                #expect(reply.json["id"] as? String == id)
                #expect(try await sandbox.call(.get, "/api/post/\(id)").json["status"] as? String == "deleted")
            }
            #expect(try await sandbox.call(.delete, "/api/post", json: ["id": "nope"]).status == 404)
            #expect(try await sandbox.call(.delete, "/api/delete", json: [:]).status == 400)
        }
    }

    @Test("GET /api/history is a bare array of the profile's posts, newest first, filtered by limit and status")
    func history() async throws {
        try await withSandbox { sandbox in
            try await sandbox.link(try await sandbox.primaryRefId(), "facebook")
            let first = try await self.publish(sandbox, "one")
            let second = try await self.publish(sandbox, "two")
            let third = try await self.publish(sandbox, "three")
            _ = try await sandbox.call(.delete, "/api/post", json: ["id": second])
            let (_, otherKey) = try await sandbox.createProfile("Other")

            let all = try await sandbox.call(.get, "/api/history?source=pypi")
            #expect(all.status == 200)
            #expect(all.array.map { $0["id"] as? String } == [third, second, first])
            #expect(all.array.first?["post"] as? String == "three")
            #expect(try await sandbox.call(.get, "/api/history?limit=1").array.map { $0["id"] as? String } == [third])
            #expect(try await sandbox.call(.get, "/api/history?status=deleted").array.map { $0["id"] as? String } == [second])
            #expect(try await sandbox.call(.get, "/api/history?lastDays=1").array.count == 3)
            #expect(try await sandbox.call(.get, "/api/history/\(first)").array.map { $0["id"] as? String } == [first])
            #expect(try await sandbox.call(.get, "/api/history", profileKey: otherKey).array.isEmpty)
        }
    }

    @Test("wrapResponses switches post and history answers to the wrapped shapes")
    func wrappedShapes() async throws {
        try await withSandbox { sandbox in
            let refId = try await sandbox.primaryRefId()
            try await sandbox.link(refId, "facebook")
            let bareId = try await self.publish(sandbox, "bare", key: "k")
            try await sandbox.setFaults(["wrapResponses": true])

            let wrapped = try await sandbox.call(.post, "/api/post", json: ["post": "wrapped", "platforms": ["facebook"]])
            #expect(wrapped.status == 200)
            #expect(wrapped.json["status"] as? String == "success")
            let inner = try #require((wrapped.json["posts"] as? [[String: Any]])?.first)
            #expect(inner["profileTitle"] as? String == "primary")
            #expect(inner["refId"] as? String == refId)
            #expect(inner["post"] as? String == "wrapped")
            #expect(inner["status"] as? String == "success")
            #expect((inner["postIds"] as? [Any])?.count == 1)

            // A replay of a post made before the switch comes back wrapped too.
            let replay = try await sandbox.call(.post, "/api/post", json: ["post": "bare", "platforms": ["facebook"], "idempotencyKey": "k"])
            #expect((replay.json["posts"] as? [[String: Any]])?.first?["id"] as? String == bareId)

            let history = try await sandbox.call(.get, "/api/history")
            let entries = try #require(history.json["history"] as? [[String: Any]])
            #expect(entries.count == 2)

            try await sandbox.setFaults([:])
            #expect(try await sandbox.call(.get, "/api/history").array.count == 2)
        }
    }
}
