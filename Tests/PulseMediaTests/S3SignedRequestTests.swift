import AsyncHTTPClient
import Foundation
import PulseCore
import PulseTestSupport
import Testing

@testable import PulseMedia

/// The back end's signed requests against a moto_server that checks them: with IAM
/// authentication on, moto recomputes every `Authorization` header with botocore's own S3 signer
/// and the user's secret, so these tests prove the signatures over real HTTP (host with port,
/// path-style keys, signed body hash and content type) and that a wrong one is refused.
///
/// Serialized: each test opens moto's unauthenticated window (`/moto-api/reset-auth`) to create
/// its IAM user, which must not overlap another test's.
@Suite(.serialized) struct S3SignedRequestTests {
    @Test func aVerifyingServiceAcceptsEveryRequest() async throws {
        try await Self.withUser { endpoint, http, accessKey, secret in
            let storage = S3MediaStorage(
                settings: S3TestService.settings(endpoint: endpoint, bucket: S3TestService.bucket, accessKeyId: accessKey, secret: secret), http: http,
                logger: TestEnvironment.logger()
            )
            try await storage.createBucketIfMissing()
            try await storage.createBucketIfMissing()
            let key = MediaKey.upload(accountId: UUID(), mediaId: UUID(), type: .png)
            let bytes = Array("signed body".utf8)
            try await storage.put(bytes, key: key, contentType: key.contentType)
            #expect(try await storage.get(key) == bytes)
            try await storage.delete(key)
            #expect(try await storage.get(key) == nil)
        }
    }

    @Test func aWrongSecretIsRefusedAndNeverShown() async throws {
        try await Self.withUser { endpoint, http, accessKey, _ in
            let wrong = "wrong-secret-\(UUID().uuidString)"
            let recorder = LogRecorder()
            let storage = S3MediaStorage(
                settings: S3TestService.settings(endpoint: endpoint, accessKeyId: accessKey, secret: wrong), http: http, logger: recorder.logger()
            )
            let key = MediaKey.upload(accountId: UUID(), mediaId: UUID(), type: .png)
            let error = await #expect(throws: MediaStorageError.self) { try await storage.put([1, 2, 3], key: key, contentType: key.contentType) }
            #expect(error == .rejected(status: 403, code: "SignatureDoesNotMatch"))
            #expect(!"\(String(describing: error))".contains(wrong))
            #expect(!recorder.lines.isEmpty)
            #expect(recorder.lines.allSatisfy { !$0.contains(wrong) && !$0.contains("Signature=") })
        }
    }

    @Test func anUnknownAccessKeyIsRefused() async throws {
        try await Self.withUser { endpoint, http, _, secret in
            let storage = S3MediaStorage(
                settings: S3TestService.settings(endpoint: endpoint, accessKeyId: "AKIANOSUCHKEY0000000", secret: secret), http: http, logger: TestEnvironment.logger()
            )
            let error = await #expect(throws: MediaStorageError.self) { try await storage.get(MediaKey.upload(accountId: UUID(), mediaId: UUID(), type: .png)) }
            #expect(error == .rejected(status: 403, code: "InvalidAccessKeyId"))
        }
    }

    // MARK: moto's IAM

    /// Creates an IAM user allowed everything, with an access key, and runs `body` with it.
    static func withUser(_ body: (String, HTTPClient, String, String) async throws -> Void) async throws {
        let endpoint = try S3TestService.authenticatingEndpoint()
        let http = S3MediaStorage.makeHTTPClient()
        do {
            // The next three actions go unauthenticated; every later one is checked.
            var reset = HTTPClientRequest(url: endpoint + "/moto-api/reset-auth")
            reset.method = .POST
            reset.body = .bytes(Array("3".utf8))
            #expect(try await http.execute(reset, timeout: .seconds(10)).status == .ok)
            let user = "pulseworks-\(UUID().uuidString.lowercased().prefix(8))"
            let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#
            _ = try await Self.iam(endpoint, http, ["Action": "CreateUser", "UserName": user])
            _ = try await Self.iam(endpoint, http, ["Action": "PutUserPolicy", "UserName": user, "PolicyName": "all", "PolicyDocument": policy])
            let answer = try await Self.iam(endpoint, http, ["Action": "CreateAccessKey", "UserName": user])
            let accessKey = try #require(Self.element("AccessKeyId", in: answer))
            let secret = try #require(Self.element("SecretAccessKey", in: answer))
            try await body(endpoint, http, accessKey, secret)
        } catch {
            try? await http.shutdown()
            throw error
        }
        try await http.shutdown()
    }

    /// One IAM Query API call, signed with this project's signer for service `iam` (moto routes
    /// on the credential scope; in the unauthenticated window the key itself is not checked).
    static func iam(_ endpoint: String, _ http: HTTPClient, _ parameters: [String: String]) async throws -> String {
        let form = (parameters.merging(["Version": "2010-05-08"]) { $1 }).sorted { $0.key < $1.key }
            .map { "\(SigV4Canonical.uriEncode($0.key))=\(SigV4Canonical.uriEncode($0.value))" }.joined(separator: "&")
        let host = S3Endpoint(endpoint).host
        let now = Date()
        let headers = [
            SigV4.Header("host", host), SigV4.Header("x-amz-date", SigV4.amzDate(now)),
            SigV4.Header("content-type", "application/x-www-form-urlencoded; charset=utf-8"),
        ]
        let signer = SigV4(accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: Secret("setup"), region: "us-east-1", service: "iam")
        let signed = signer.sign(SigV4.Request(method: "POST", path: "/", headers: headers, payloadHash: SigV4.payloadHash(Array(form.utf8))), at: now)
        var request = HTTPClientRequest(url: endpoint + "/")
        request.method = .POST
        for header in headers { request.headers.add(name: header.name, value: header.value) }
        request.headers.add(name: "authorization", value: signed.authorization)
        request.body = .bytes(Array(form.utf8))
        let response = try await http.execute(request, timeout: .seconds(10))
        let text = String(decoding: try await response.body.collect(upTo: 1 << 20).readableBytesView, as: UTF8.self)
        try #require(response.status == .ok, "IAM \(parameters["Action"] ?? "") answered \(response.status): \(text.prefix(300))")
        return text
    }

    static func element(_ name: String, in xml: String) -> String? {
        guard let open = xml.range(of: "<\(name)>"), let close = xml.range(of: "</\(name)>", range: open.upperBound..<xml.endIndex) else { return nil }
        return String(xml[open.upperBound..<close.lowerBound])
    }
}
