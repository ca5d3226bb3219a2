import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import PulseCore
import PulseTestSupport
import Testing

@testable import PulseAPI
@testable import PulseMedia

/// `POST …/media`, `PUT …/content/{id}/media` and the signed `/media/…` URLs of the `file://`
/// back end.
@Suite(.serialized) struct MediaTests {
    struct Raw: Sendable {
        let status: Int
        let headers: HTTPFields
        let bytes: [UInt8]
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(self.bytes))) as? [String: Any] ?? [:] }
        var errorCode: String? { (self.json["error"] as? [String: Any])?["code"] as? String }
    }

    /// A request with a binary body, answered with the raw bytes.
    static func send(_ api: API, _ method: HTTPRequest.Method, _ path: String, token: String?, body: [UInt8], contentType: String?) async throws -> Raw {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        if let contentType { headers[.contentType] = contentType }
        return try await api.client.execute(uri: path, method: method, headers: headers, body: ByteBuffer(bytes: body)) { response in
            Raw(status: Int(response.status.code), headers: response.headers, bytes: Array(response.body.readableBytesView))
        }
    }

    /// The path and query of a URL the API gave out (the test client takes paths, not URLs).
    static func path(of url: String) throws -> String {
        let components = try #require(URLComponents(string: url))
        return components.path + (components.query.map { "?" + $0 } ?? "")
    }

    static func png(_ title: String = "Fresh bread") async throws -> [UInt8] {
        let renderer = PostImageRenderer(concurrency: 1)
        let bytes = try await renderer.render(PostImageSpec(title: title, accountName: "Kiwi Bakery", colors: ["#1a237e"], template: .bold))
        try await renderer.shutdown()
        return bytes
    }

    static func jpeg() throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/small", withExtension: "jpg"))
        return Array(try Data(contentsOf: url))
    }

    static func stored(_ api: API, _ owner: Session) async throws -> Int {
        let accountId = try #require(UUID(uuidString: owner.accountId))
        return try await api.count("SELECT count(*)::int FROM media_assets WHERE account_id = \(accountId)")
    }

    /// Files under the account's upload folder of the test process's media directory.
    static func files(_ owner: Session) -> [String] {
        let folder = TestEnvironment.mediaDirectory + "/media/\(owner.accountId.lowercased())/uploads"
        return (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    }

    static func multipart(_ bytes: [UInt8], boundary: String, filename: String, type: String) -> [UInt8] {
        var body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\nignored\r\n".utf8)
        // A decoy whose file name is "file": only the part *named* file counts.
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"thumb\"; filename=\"file\"\r\n\r\nGIF89a\r\n".utf8)
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\nContent-Type: \(type)\r\n\r\n".utf8)
        body += bytes
        body += Array("\r\n--\(boundary)--\r\n".utf8)
        return body
    }

    @Test func aRawPNGAndAMultipartJPEGAreStoredAndServedBySignedURL() async throws {
        try await withAPI { api in
            let owner = try await api.signup()
            let base = "/api/accounts/\(owner.accountId)"
            let png = try await Self.png()
            let raw = try await Self.send(api, .post, "\(base)/media", token: owner.accessToken, body: png, contentType: "image/png")
            #expect(raw.status == 201)
            #expect(raw.json["width"] as? Int == 1080 && raw.json["height"] as? Int == 1080)
            #expect(raw.json["contentType"] as? String == "image/png" && raw.json["bytes"] as? Int == png.count)
            let url = try #require(raw.json["url"] as? String)
            #expect(url.hasPrefix(api.services.configuration.publicBaseURL + "/media/\(owner.accountId.lowercased())/uploads/"))
            let fetched = try await Self.send(api, .get, try Self.path(of: url), token: nil, body: [], contentType: nil)
            #expect(fetched.status == 200)
            #expect(fetched.bytes == png)
            #expect(fetched.headers[.contentType] == "image/png")

            // Declared as anything, named anything: the bytes decide.
            let jpeg = try Self.jpeg()
            let boundary = "----pulse\(UUID().uuidString.prefix(8))"
            let form = try await Self.send(
                api, .post, "\(base)/media", token: owner.accessToken,
                body: Self.multipart(jpeg, boundary: boundary, filename: "photo.png", type: "image/png"),
                contentType: "multipart/form-data; boundary=\"\(boundary)\""
            )
            #expect(form.status == 201, "\(String(decoding: form.bytes, as: UTF8.self))")
            #expect(form.json["contentType"] as? String == "image/jpeg" && form.json["width"] as? Int == 400)
            #expect((form.json["url"] as? String)?.contains(".jpg?expires=") == true)
            #expect(try await Self.stored(api, owner) == 2)
            #expect(Self.files(owner).count == 2)
            let accountId = try #require(UUID(uuidString: owner.accountId))
            #expect(try await api.count("SELECT count(*)::int FROM audit_events WHERE account_id = \(accountId) AND event_type = 'MEDIA_UPLOADED'") == 2)
        }
    }

    /// `png` grown to exactly `size` bytes by a private ancillary chunk before IEND: still a whole,
    /// valid PNG.
    static func padded(_ png: [UInt8], to size: Int) -> [UInt8] {
        let dataLength = size - png.count - 12
        let type = Array("zzPd".utf8)
        let data = [UInt8](repeating: 0x2A, count: dataLength)
        let crc = CRC32.checksum((type + data)[...])
        func be(_ value: UInt32) -> [UInt8] { [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
        let chunk = be(UInt32(dataLength)) + type + data + be(crc)
        return Array(png.dropLast(12)) + chunk + Array(png.suffix(12))
    }

    @Test func anImageOfExactlyTenMegabytesIsAccepted() async throws {
        try await withAPI { api in
            let owner = try await api.signup()
            let png = Self.padded(try await Self.png(), to: 10 * 1024 * 1024)
            let reply = try await Self.send(api, .post, "/api/accounts/\(owner.accountId)/media", token: owner.accessToken, body: png, contentType: "image/png")
            #expect(reply.status == 201)
            #expect(reply.json["bytes"] as? Int == 10 * 1024 * 1024)
            let over = Self.padded(try await Self.png(), to: 10 * 1024 * 1024 + 1)
            let refused = try await Self.send(api, .post, "/api/accounts/\(owner.accountId)/media", token: owner.accessToken, body: over, contentType: "image/png")
            #expect(refused.status == 413)
            #expect(try await Self.stored(api, owner) == 1)
        }
    }

    @Test func badUploadsAreRefusedAndStoreNothing() async throws {
        try await withAPI { api in
            let owner = try await api.signup()
            let base = "/api/accounts/\(owner.accountId)"
            let png = try await Self.png()
            let gif = Array("GIF89a".utf8) + [UInt8](repeating: 0, count: 200)
            let oversized = png + [UInt8](repeating: 0, count: 10 * 1024 * 1024 + 1 - png.count)
            let cases: [(String, [UInt8], String?, Int, String)] = [
                ("GIF disguised as PNG", gif, "image/png", 415, "unsupported_media_type"),
                ("text disguised as JPEG", Array("<html>not an image</html>".utf8), "image/jpeg", 415, "unsupported_media_type"),
                ("truncated PNG", Array(png.prefix(png.count / 2)), "image/png", 422, "invalid_image"),
                ("PNG missing its last byte", Array(png.dropLast()), "image/png", 422, "invalid_image"),
                ("zero bytes", [], "image/png", 422, "empty_upload"),
                ("over 10 MB", oversized, "image/png", 413, "payload_too_large"),
                ("no content type", gif, nil, 415, "unsupported_media_type"),
            ]
            for (name, body, type, status, code) in cases {
                let reply = try await Self.send(api, .post, "\(base)/media", token: owner.accessToken, body: body, contentType: type)
                #expect(reply.status == status, "\(name)")
                #expect(reply.errorCode == code, "\(name)")
            }
            let boundary = "b0undary"
            let broken = try await Self.send(
                api, .post, "\(base)/media", token: owner.accessToken, body: Array("--b0undary\r\nno end".utf8),
                contentType: "multipart/form-data; boundary=b0undary"
            )
            #expect(broken.status == 400)
            let tooSmall = try await Self.send(
                api, .post, "\(base)/media", token: owner.accessToken,
                body: Self.multipart(try Self.jpeg().prefix(3000).map { $0 }, boundary: boundary, filename: "x.jpg", type: "image/jpeg"),
                contentType: "multipart/form-data; boundary=\(boundary)"
            )
            #expect(tooSmall.status == 422)
            #expect(try await Self.stored(api, owner) == 0)
            #expect(Self.files(owner).isEmpty)
        }
    }

    @Test func expiredTamperedAndCrossAccountLinksAreRefused() async throws {
        try await withAPI { api in
            let owner = try await api.signup()
            let other = try await api.signup()
            let upload = try await Self.send(
                api, .post, "/api/accounts/\(owner.accountId)/media", token: owner.accessToken, body: try await Self.png(), contentType: "image/png"
            )
            let url = try #require(upload.json["url"] as? String)
            let path = try Self.path(of: url)
            let id = try #require(upload.json["id"] as? String)
            let accountId = try #require(UUID(uuidString: owner.accountId))
            let mediaId = try #require(UUID(uuidString: id))
            let key = MediaKey.upload(accountId: accountId, mediaId: mediaId, type: .png)
            let expiredURL = api.services.media.url(for: key.description, accountId: accountId, lifetime: .seconds(60), now: Date().addingTimeInterval(-120))
            let expired = try #require(expiredURL)
            let signature = try #require(URLComponents(string: url)?.queryItems?.first { $0.name == "signature" }?.value)
            let flipped = String(signature.dropLast()) + (signature.hasSuffix("0") ? "1" : "0")
            let attempts = [
                ("expired", try Self.path(of: expired)),
                ("altered signature", path.replacingOccurrences(of: signature, with: flipped)),
                ("later expiry", path.replacingOccurrences(of: "expires=", with: "expires=9")),
                ("no signature", String(path.prefix { $0 != "?" })),
                ("another account's folder", path.replacingOccurrences(of: owner.accountId.lowercased(), with: other.accountId.lowercased())),
            ]
            for (name, attempt) in attempts {
                let reply = try await Self.send(api, .get, attempt, token: nil, body: [], contentType: nil)
                #expect(reply.status == 403, "\(name): \(attempt)")
            }
            // Not a stored image's path at all.
            #expect(try await Self.send(api, .get, "/media/../../etc/passwd", token: nil, body: [], contentType: nil).status == 404)
            // Another account's key is never signed, even if it were stored on one of ours.
            let otherId = try #require(UUID(uuidString: other.accountId))
            #expect(api.services.media.url(for: key.description, accountId: otherId) == nil)
        }
    }

    @Test func attachingAnUploadReplacesTheImageAndVoidsApproval() async throws {
        try await withAPI { api in
            let owner = try await api.signup()
            let base = "/api/accounts/\(owner.accountId)"
            let brief = try await BriefTests.create(api, owner)
            let content = try #require(try await ContentTests.drafts(api, owner, briefId: brief, count: 2).first)
            #expect(try await api.call(.post, "\(base)/briefs/\(brief)/approve", token: owner.accessToken, json: ["contentIds": [content]]).status == 200)
            let upload = try await Self.send(api, .post, "\(base)/media", token: owner.accessToken, body: try Self.jpeg(), contentType: "image/jpeg")
            let mediaId = try #require(upload.json["id"] as? String)

            let member = try await api.signup()
            try await api.addMember(member, to: owner.accountId, role: .member, as: owner)
            let attached = try await api.call(.put, "\(base)/content/\(content)/media", token: member.accessToken, json: ["mediaId": mediaId])
            #expect(attached.status == 200, "\(attached.body)")
            #expect(attached.string("status") == "DRAFT")
            #expect(attached.string("mediaId") == mediaId)
            #expect(attached.json["editCount"] as? Int == 1)
            #expect(attached.json["approvedBy"] is NSNull || attached.json["approvedBy"] == nil)
            let url = try #require(attached.string("mediaUrl"))
            #expect(url.contains("/uploads/\(mediaId).jpg?expires="))
            #expect(try await Self.send(api, .get, try Self.path(of: url), token: nil, body: [], contentType: nil).bytes == (try Self.jpeg()))
            // The same image again is not an edit.
            let again = try await api.call(.put, "\(base)/content/\(content)/media", token: owner.accessToken, json: ["mediaId": mediaId])
            #expect(again.json["editCount"] as? Int == 1)

            // Another account's upload cannot be attached here, nor this one there.
            let other = try await api.signup()
            let foreign = try await Self.send(
                api, .post, "/api/accounts/\(other.accountId)/media", token: other.accessToken, body: try Self.jpeg(), contentType: "image/jpeg"
            )
            let foreignId = try #require(foreign.json["id"] as? String)
            let refused = try await api.call(.put, "\(base)/content/\(content)/media", token: owner.accessToken, json: ["mediaId": foreignId])
            #expect(refused.status == 422)
            #expect(refused.errorFields == ["mediaId"])
            #expect(try await api.call(.put, "\(base)/content/\(content)/media", token: owner.accessToken, json: ["mediaId": "nope"]).status == 422)
            #expect(try await api.call(.get, "\(base)/content/\(content)", token: owner.accessToken).string("mediaId") == mediaId)
            // A scheduled item cannot change its image.
            let accountId = try #require(UUID(uuidString: owner.accountId))
            try await api.services.database.query("UPDATE content_items SET status = 'SCHEDULED' WHERE account_id = \(accountId) AND id = \(UUID(uuidString: content))")
            let scheduled = try await api.call(.put, "\(base)/content/\(content)/media", token: owner.accessToken, json: ["mediaId": mediaId])
            #expect(scheduled.status == 409)
        }
    }
}
