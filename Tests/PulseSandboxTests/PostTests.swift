import Foundation
import Testing

@Suite("Sandbox publishing")
struct PostTests {
    @Test("a post to a linked platform succeeds with exactly the documented shape")
    func successShape() async throws {
        try await withSandbox { sandbox in
            let refId = try await sandbox.primaryRefId()
            try await sandbox.link(refId, "facebook", id: "104923")
            let reply = try await sandbox.call(.post, "/api/post", json: ["post": "Fresh sourdough", "platforms": ["facebook"], "source": "pypi"])
            #expect(reply.status == 200, "\(reply.body)")
            #expect(Set(reply.json.keys) == ["status", "errors", "postIds", "id", "refId", "post"])
            #expect(reply.json["status"] as? String == "success")
            #expect((reply.json["errors"] as? [Any])?.isEmpty == true)
            #expect(reply.json["refId"] as? String == refId)
            #expect(reply.json["post"] as? String == "Fresh sourdough")
            #expect((reply.json["id"] as? String)?.isEmpty == false)
            let entry = try #require((reply.json["postIds"] as? [[String: Any]])?.first)
            #expect(Set(entry.keys) == ["status", "id", "postUrl", "platform"])
            #expect(entry["status"] as? String == "success")
            #expect(entry["platform"] as? String == "facebook")
            #expect((entry["id"] as? String)?.hasPrefix("104923_") == true)
            #expect((entry["postUrl"] as? String)?.hasPrefix("https://www.facebook.com/") == true)
        }
    }

    @Test("an unlinked platform fails with code 156: 400 when nothing published, 200 with status error when some did")
    func unlinkedPlatform() async throws {
        try await withSandbox { sandbox in
            let refId = try await sandbox.primaryRefId()
            let none = try await sandbox.call(.post, "/api/post", json: ["post": "Hi", "platforms": ["instagram"], "mediaUrls": ["https://x/i.png"]])
            #expect(none.status == 400)
            #expect(none.json["status"] as? String == "error")
            let error = try #require((none.json["errors"] as? [[String: Any]])?.first)
            #expect(error["code"] as? Int == 156)
            #expect(error["platform"] as? String == "instagram")
            #expect((error["message"] as? String)?.contains("is not linked") == true)
            #expect((none.json["postIds"] as? [Any])?.isEmpty == true)

            try await sandbox.link(refId, "facebook")
            let partial = try await sandbox.call(.post, "/api/post", json: ["post": "Hi", "platforms": ["facebook", "instagram"], "mediaUrls": ["https://x/i.png"]])
            #expect(partial.status == 200)
            #expect(partial.json["status"] as? String == "error")
            #expect((partial.json["postIds"] as? [[String: Any]])?.map { $0["platform"] as? String } == ["facebook"])
            #expect((partial.json["errors"] as? [[String: Any]])?.map { $0["code"] as? Int } == [156])
        }
    }

    @Test("Instagram without media fails with code 138; with media it publishes")
    func instagramNeedsMedia() async throws {
        try await withSandbox { sandbox in
            try await sandbox.link(try await sandbox.primaryRefId(), "instagram", id: "17841400000000000", displayName: "kiwibakery")
            let bare = try await sandbox.call(.post, "/api/post", json: ["post": "Hi", "platforms": ["instagram"]])
            #expect(bare.status == 400)
            #expect((bare.json["errors"] as? [[String: Any]])?.first?["code"] as? Int == 138)

            let withMedia = try await sandbox.call(.post, "/api/post", json: ["post": "Hi", "platforms": ["instagram"], "mediaUrls": ["https://x/i.png"]])
            #expect(withMedia.status == 200)
            #expect(withMedia.json["status"] as? String == "success")
            let entry = try #require((withMedia.json["postIds"] as? [[String: Any]])?.first)
            #expect((entry["postUrl"] as? String)?.hasPrefix("https://www.instagram.com/p/") == true)
        }
    }

    @Test("a missing post or platforms is 400 and records nothing")
    func missingFields() async throws {
        try await withSandbox { sandbox in
            let noPost = try await sandbox.call(.post, "/api/post", json: ["platforms": ["facebook"]])
            #expect(noPost.status == 400)
            #expect(noPost.json["status"] as? String == "error")
            let noPlatforms = try await sandbox.call(.post, "/api/post", json: ["post": "Hi"])
            #expect(noPlatforms.status == 400)
            let emptyPlatforms = try await sandbox.call(.post, "/api/post", json: ["post": "Hi", "platforms": [String]()])
            #expect(emptyPlatforms.status == 400)
            #expect(try await sandbox.posts().isEmpty)
        }
    }

    @Test("the Profile-Key header decides which profile's accounts publish")
    func profileKeySelectsProfile() async throws {
        try await withSandbox { sandbox in
            try await sandbox.link(try await sandbox.primaryRefId(), "facebook")
            let (refId, key) = try await sandbox.createProfile("Kiwi Bakery")
            let reply = try await sandbox.call(.post, "/api/post", json: ["post": "Hi", "platforms": ["facebook"]], profileKey: key)
            #expect(reply.status == 400)
            #expect((reply.json["errors"] as? [[String: Any]])?.first?["code"] as? Int == 156)
            #expect(reply.json["refId"] as? String == refId)
        }
    }
}
