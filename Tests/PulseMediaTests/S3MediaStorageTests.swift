import AsyncHTTPClient
import Foundation
import PulseCore
import PulseTestSupport
import Synchronization
import Testing

@testable import PulseMedia

/// The S3 back end's requests, retries and failures, against a scripted service (and, for a
/// refused connection, a closed port): the cases moto cannot be made to produce.
@Suite struct S3MediaStorageTests {
    static let secret = "scripted-secret-0123456789"
    static let settings = MediaConfiguration.S3Settings(
        bucket: "pulse-media", endpoint: "http://127.0.0.1:9000", region: "us-east-1", accessKeyId: "AKIDSCRIPTED", secretAccessKey: Secret(Self.secret)
    )
    static let fast = S3RetryPolicy(attempts: 3, baseDelay: .milliseconds(1), factor: 4)

    /// A service that answers from a script, one step per request, and keeps the requests.
    final class ScriptedService: Sendable {
        enum Step: Sendable {
            case answer(Int, String)
            case fail(HTTPClientError)
        }

        private let state: Mutex<(steps: [Step], requests: [HTTPClientRequest])>

        init(_ steps: [Step]) {
            self.state = Mutex((steps, []))
        }

        var requests: [HTTPClientRequest] { self.state.withLock { $0.requests } }

        var transport: S3Transport {
            S3Transport { request, _ in
                let step = self.state.withLock { state -> Step in
                    state.requests.append(request)
                    return state.steps.isEmpty ? .answer(599, "script ended") : state.steps.removeFirst()
                }
                switch step {
                case .answer(let status, let body): return S3Exchange(status: status, body: Array(body.utf8))
                case .fail(let error): throw error
                }
            }
        }
    }

    static func storage(_ service: ScriptedService, settings: MediaConfiguration.S3Settings = Self.settings, logger: LogRecorder? = nil) -> S3MediaStorage {
        S3MediaStorage(
            settings: settings, transport: service.transport, retry: Self.fast, requestTimeout: .seconds(5),
            logger: (logger ?? LogRecorder()).logger()
        )
    }

    static func error(_ code: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>\(code)</Code><Message>m</Message><RequestId>r</RequestId></Error>"
    }

    static let key = MediaKey.upload(accountId: UUID(), mediaId: UUID(), type: .png)

    // MARK: requests

    @Test func aPutIsSignedPathStyleWithItsBodyHash() async throws {
        let service = ScriptedService([.answer(200, "")])
        let body = Array("image bytes".utf8)
        try await Self.storage(service).put(body, key: Self.key, contentType: "image/png")
        let request = try #require(service.requests.first)
        #expect(request.url == "http://127.0.0.1:9000/pulse-media/\(Self.key)")
        #expect(request.method == .PUT)
        #expect(request.headers["host"] == ["127.0.0.1:9000"])
        #expect(request.headers["x-amz-content-sha256"] == [SigV4.payloadHash(body)])
        #expect(request.headers["content-type"] == ["image/png"])
        let authorization = try #require(request.headers["authorization"].first)
        #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDSCRIPTED/"))
        #expect(authorization.contains("/us-east-1/s3/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature="))
        #expect(!request.headers.contains { $0.value.contains(Self.secret) })
    }

    @Test func theHostHeaderOmitsTheSchemesDefaultPort() {
        #expect(S3Endpoint("https://s3.eu-west-1.amazonaws.com").host == "s3.eu-west-1.amazonaws.com")
        #expect(S3Endpoint("http://127.0.0.1:80/").host == "127.0.0.1")
        #expect(S3Endpoint("http://127.0.0.1:80/").base == "http://127.0.0.1:80")
        #expect(S3Endpoint("https://minio.local:9000").host == "minio.local:9000")
    }

    @Test func aSignedURLIsAPresignedGetOfThePathStyleKey() throws {
        let storage = Self.storage(ScriptedService([]))
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let url = try storage.signedURL(for: Self.key, lifetime: .seconds(3600), now: now)
        #expect(url.hasPrefix("http://127.0.0.1:9000/pulse-media/\(Self.key)?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDSCRIPTED%2F"))
        #expect(url.contains("&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature="))
        let check = S3PresignedURLCheck(accessKeyId: "AKIDSCRIPTED", secretAccessKey: Self.secret, region: "us-east-1")
        #expect(check.verify(url, now: now.addingTimeInterval(3600)) == .accepted)
        #expect(try storage.signedURL(for: Self.key, lifetime: .milliseconds(300), now: now).contains("X-Amz-Expires=1&"))
        #expect(throws: SigV4.PresignError.expiryOutOfRange(seconds: 8 * 86400)) {
            try storage.signedURL(for: Self.key, lifetime: .seconds(8 * 86400), now: now)
        }
    }

    // MARK: retries

    @Test func serverErrorsAndThrottlingAreRetried() async throws {
        let service = ScriptedService([.answer(503, Self.error("SlowDown")), .answer(429, ""), .answer(200, "body")])
        #expect(try await Self.storage(service).get(Self.key) == Array("body".utf8))
        #expect(service.requests.count == 3)
    }

    @Test func timeoutsAndDroppedConnectionsAreRetried() async throws {
        let service = ScriptedService([.fail(.deadlineExceeded), .fail(.remoteConnectionClosed), .answer(204, "")])
        try await Self.storage(service).delete(Self.key)
        #expect(service.requests.count == 3)
    }

    @Test func threeFailuresAreUnavailableWithoutTheSecret() async throws {
        let recorder = LogRecorder()
        let service = ScriptedService([.answer(500, ""), .answer(502, ""), .answer(504, Self.error("GatewayTimeout"))])
        let error = await #expect(throws: MediaStorageError.self) {
            try await Self.storage(service, logger: recorder).put([1], key: Self.key, contentType: "image/png")
        }
        #expect(error == .unavailable("PUT failed after 3 attempts: HTTP 504 GatewayTimeout"))
        #expect(service.requests.count == 3)
        #expect(recorder.lines.count == 3)
        #expect(recorder.lines.allSatisfy { !$0.contains(Self.secret) && !$0.contains("Signature=") })
    }

    @Test func timeoutsToTheEndAreUnavailable() async throws {
        let service = ScriptedService([.fail(.deadlineExceeded), .fail(.readTimeout), .fail(.deadlineExceeded)])
        let error = await #expect(throws: MediaStorageError.self) { try await Self.storage(service).get(Self.key) }
        #expect(error == .unavailable("GET failed after 3 attempts: timed out"))
    }

    @Test func otherRefusalsAreNotRetried() async throws {
        let service = ScriptedService([.answer(403, Self.error("AccessDenied"))])
        let error = await #expect(throws: MediaStorageError.self) { try await Self.storage(service).get(Self.key) }
        #expect(error == .rejected(status: 403, code: "AccessDenied"))
        #expect(service.requests.count == 1)
    }

    @Test func aMissingObjectIsNilButAMissingBucketIsAnError() async throws {
        #expect(try await Self.storage(ScriptedService([.answer(404, Self.error("NoSuchKey"))])).get(Self.key) == nil)
        await #expect(throws: MediaStorageError.rejected(status: 404, code: "NoSuchBucket")) {
            try await Self.storage(ScriptedService([.answer(404, Self.error("NoSuchBucket"))])).get(Self.key)
        }
        await #expect(throws: MediaStorageError.rejected(status: 404, code: "NoSuchBucket")) {
            try await Self.storage(ScriptedService([.answer(404, Self.error("NoSuchBucket"))])).put([1], key: Self.key, contentType: "image/png")
        }
    }

    @Test func aRefusedConnectionIsUnavailableAfterThreeAttempts() async throws {
        // Nothing listens on port 1. AsyncHTTPClient keeps trying to connect until its connect
        // timeout, so this client's is short.
        var settings = Self.settings
        settings.endpoint = "http://127.0.0.1:1"
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(timeout: .init(connect: .milliseconds(200))))
        let recorder = LogRecorder()
        let storage = S3MediaStorage(settings: settings, http: http, logger: recorder.logger())
        let error = await #expect(throws: MediaStorageError.self) { try await storage.get(Self.key) }
        try await http.shutdown()
        #expect(error == .unavailable("GET failed after 3 attempts: connection refused"))
        #expect(recorder.lines.allSatisfy { !$0.contains(Self.secret) })
    }

    @Test func backoffGrowsFourfoldWithJitterInTheUpperHalf() {
        let policy = S3RetryPolicy.standard
        #expect(policy.attempts == 3)
        #expect(policy.delay(afterAttempt: 1, random: 0) == .milliseconds(50))
        #expect(policy.delay(afterAttempt: 1, random: 1) == .milliseconds(100))
        #expect(policy.delay(afterAttempt: 2, random: 0) == .milliseconds(200))
        #expect(policy.delay(afterAttempt: 2, random: 1) == .milliseconds(400))
    }

    // MARK: bucket

    @Test(arguments: ["BucketAlreadyOwnedByYou", "BucketAlreadyExists"])
    func creatingAnExistingBucketIsFine(_ code: String) async throws {
        try await Self.storage(ScriptedService([.answer(409, Self.error(code))])).createBucketIfMissing()
    }

    @Test func creatingABucketOutsideUSEast1NamesTheRegion() async throws {
        var settings = Self.settings
        settings.region = "eu-west-1"
        let service = ScriptedService([.answer(200, "")])
        try await Self.storage(service, settings: settings).createBucketIfMissing()
        let request = try #require(service.requests.first)
        #expect(request.url == "http://127.0.0.1:9000/pulse-media")
        #expect(request.headers["content-type"] == ["application/xml"])
        await #expect(throws: MediaStorageError.rejected(status: 403, code: "AccessDenied")) {
            try await Self.storage(ScriptedService([.answer(403, Self.error("AccessDenied"))])).createBucketIfMissing()
        }
    }

    @Test func theErrorCodeIsReadFromTheXMLBody() {
        #expect(S3ErrorCode.parse(Array(Self.error("SlowDown").utf8)) == "SlowDown")
        #expect(S3ErrorCode.parse(Array("<html>nope</html>".utf8)) == nil)
        #expect(S3ErrorCode.parse(Array("<Code>a b</Code>".utf8)) == nil)
    }
}
