import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import PulseCore

/// The Ayrshare REST API: profiles, linked accounts, posts, history and webhook registration.
///
/// Every failure is an `AyrshareFailure`, classified so the caller knows whether to retry, give up,
/// ask the owner to reconnect, or reconcile first. Keys never appear in errors or logs.
public struct AyrshareClient: Sendable {
    let configuration: AyrshareConfiguration
    let http: HTTPClient
    let logger: Logger

    /// An HTTP client configured for the provider: the connect timeout, no redirects, and up to
    /// `maximumConnections` connections to it (the worker passes its publish concurrency, so
    /// publishes never queue for a connection).
    public static func makeHTTPClient(_ configuration: AyrshareConfiguration, maximumConnections: Int = 8) -> HTTPClient {
        var http = HTTPClient.Configuration()
        http.timeout = .init(connect: .nanoseconds(configuration.connectTimeout.wholeNanoseconds))
        http.redirectConfiguration = .disallow
        http.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(maximumConnections, 1)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: http)
    }

    public init(configuration: AyrshareConfiguration, http: HTTPClient, logger: Logger) {
        self.configuration = configuration
        self.http = http
        self.logger = logger
    }

    /// What to publish.
    public struct PostRequest: Sendable, Encodable {
        public var post: String
        public var platforms: [String]
        public var mediaUrls: [String]?
        /// Identifies the operation: a repeat with the same key must not publish again.
        public var idempotencyKey: String?

        public init(post: String, platforms: [String], mediaUrls: [String]? = nil, idempotencyKey: String? = nil) {
            self.post = post
            self.platforms = platforms
            self.mediaUrls = mediaUrls
            self.idempotencyKey = idempotencyKey
        }
    }

    /// Creates a client profile (one per account). The key comes back only here.
    public func createProfile(title: String) async throws(AyrshareFailure) -> AyrshareCreatedProfile {
        try await self.call(.POST, "/profiles", body: ["title": title], profileKey: nil, idempotent: false)
    }

    /// The accounts linked to the profile.
    public func user(profileKey: Secret) async throws(AyrshareFailure) -> AyrshareUser {
        try await self.call(.GET, "/user", body: nil as [String: String]?, profileKey: profileKey, idempotent: true)
    }

    /// Publishes now. When at least one platform published, the post is returned (its `errors`
    /// list the platforms that failed): what went out must never be reported as not sent. When
    /// none did, the failure is thrown, classified.
    public func post(_ request: PostRequest, profileKey: Secret?) async throws(AyrshareFailure) -> AyrsharePost {
        let response: AyrsharePostResponse = try await self.call(.POST, "/post", body: request, profileKey: profileKey, idempotent: false)
        guard let post = response.post else {
            // A success without a readable post says nothing about what happened: reconcile.
            guard response.status == "error" || !response.errors.isEmpty else {
                throw .ambiguous(reason: "the provider accepted the post but its answer names no post")
            }
            throw AyrshareFailure.classify(status: 200, errors: response.errors, message: response.message, retryAfter: nil)
        }
        guard response.publishedAnywhere || (response.status != "error" && post.status != "error") else {
            throw AyrshareFailure.classify(status: 200, errors: response.errors, message: response.message, retryAfter: nil)
        }
        return post
    }

    /// One post by Ayrshare id.
    public func post(id: String, profileKey: Secret?) async throws(AyrshareFailure) -> AyrsharePost {
        try await self.call(.GET, "/post/" + Self.pathSegment(id), body: nil as [String: String]?, profileKey: profileKey, idempotent: true)
    }

    /// Deletes a post.
    public func deletePost(id: String, profileKey: Secret?) async throws(AyrshareFailure) {
        let _: IgnoredBody = try await self.call(.DELETE, "/post", body: ["id": id], profileKey: profileKey, idempotent: true)
    }

    /// Recent posts of the profile, newest first.
    public func history(profileKey: Secret?, lastDays: Int? = nil, limit: Int? = nil) async throws(AyrshareFailure) -> [AyrsharePost] {
        var query: [String] = []
        if let lastDays { query.append("lastDays=\(lastDays)") }
        if let limit { query.append("limit=\(limit)") }
        let path = "/history" + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
        let response: AyrshareHistoryResponse = try await self.call(
            .GET, path, body: nil as [String: String]?, profileKey: profileKey, idempotent: true
        )
        return response.posts
    }

    /// Unlinks one social network (`facebook`, `instagram`) from the profile.
    ///
    /// Not in specs/ayrshare.md: this follows Ayrshare's profile API (`DELETE /profiles/social`
    /// with the profile's key), which the sandbox implements the same way.
    public func unlinkSocial(platform: String, profileKey: Secret) async throws(AyrshareFailure) {
        let _: IgnoredBody = try await self.call(.DELETE, "/profiles/social", body: ["platform": platform], profileKey: profileKey, idempotent: true)
    }

    /// Registers `url` for webhook `action` (`social`, `scheduled`, …).
    public func registerWebhook(action: String, url: String, secret: Secret? = nil, profileKey: Secret?) async throws(AyrshareFailure) {
        var body = ["action": action, "url": url]
        if let secret { body["secret"] = secret.value }
        let _: IgnoredBody = try await self.call(.POST, "/hook/webhook", body: body, profileKey: profileKey, idempotent: true)
    }

    // MARK: transport

    private struct IgnoredBody: Decodable {}

    private func call<Body: Encodable, Answer: Decodable>(
        _ method: HTTPMethod, _ path: String, body: Body?, profileKey: Secret?, idempotent: Bool
    ) async throws(AyrshareFailure) -> Answer {
        var request = HTTPClientRequest(url: self.configuration.baseURL + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(self.configuration.apiKey.value)")
        request.headers.add(name: "Accept", value: "application/json")
        if let profileKey { request.headers.add(name: "Profile-Key", value: profileKey.value) }
        if let body {
            guard let data = try? JSONEncoder().encode(body) else {
                throw .permanent(code: nil, message: "request could not be encoded")
            }
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: data))
        }
        let started = ContinuousClock.now
        let response: HTTPClientResponse
        let bytes: ByteBuffer
        do {
            // One limit for the whole exchange: AsyncHTTPClient's own timeout ends when the
            // response head arrives, so a body that stalls would otherwise wait for ever.
            (response, bytes) = try await Deadline.within(self.configuration.requestTimeout) { [http, request, configuration = self.configuration] in
                let response = try await http.execute(request, timeout: .nanoseconds(configuration.requestTimeout.wholeNanoseconds))
                return (response, try await response.body.collect(upTo: 4 << 20))
            }
        } catch {
            let failure = Self.classify(transport: error, idempotent: idempotent)
            self.logger.warning(
                "ayrshare call failed",
                metadata: ["method": "\(method.rawValue)", "path": "\(Self.logPath(path))", "failure": "\(failure)"]
            )
            throw failure
        }
        let status = Int(response.status.code)
        self.logger.debug(
            "ayrshare call",
            metadata: [
                "method": "\(method.rawValue)", "path": "\(Self.logPath(path))", "status": "\(status)",
                "duration_ms": "\((ContinuousClock.now - started) / .milliseconds(1))",
            ]
        )
        let data = Data(bytes.readableBytesView)
        if Answer.self == AyrsharePostResponse.self, status >= 400,
            let partial = try? JSONDecoder().decode(AyrsharePostResponse.self, from: data), partial.publishedAnywhere,
            let answer = partial as? Answer
        {
            // Some platforms published even though the call as a whole failed (4xx or 5xx).
            return answer
        }
        guard (200..<300).contains(status) else {
            let envelope = try? JSONDecoder().decode(ErrorEnvelope.self, from: data)
            let retryAfter = response.headers.first(name: "Retry-After").flatMap(Int.init).map { Duration.seconds($0) }
            throw AyrshareFailure.classify(
                status: status, errors: envelope?.allErrors ?? [], message: envelope?.message, retryAfter: retryAfter, idempotent: idempotent
            )
        }
        if Answer.self != AyrsharePostResponse.self, let envelope = try? JSONDecoder().decode(ErrorEnvelope.self, from: data),
            envelope.status == "error"
        {
            throw AyrshareFailure.classify(status: status, errors: envelope.allErrors, message: envelope.message, retryAfter: nil)
        }
        do {
            return try JSONDecoder().decode(Answer.self, from: data)
        } catch {
            // The call went through but the answer is unreadable: for a write, its effect is unknown.
            throw idempotent
                ? .retryable(reason: "unreadable answer from the provider", retryAfter: nil)
                : .ambiguous(reason: "unreadable answer from the provider")
        }
    }

    /// `{"status":"error","code":…,"message":…}` or with an `errors` list.
    private struct ErrorEnvelope: Decodable {
        let status: String?
        let code: Int?
        let message: String?
        let errors: [AyrshareError]?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.status = try? container.decodeIfPresent(String.self, forKey: .status)
            self.code = try container.decodeLenientInt(forKey: .code)
            self.message = try? container.decodeIfPresent(String.self, forKey: .message)
            self.errors = try? container.decodeIfPresent([AyrshareError].self, forKey: .errors)
        }

        var allErrors: [AyrshareError] {
            let listed = self.errors ?? []
            if !listed.isEmpty { return listed }
            return self.code.map { [AyrshareError(code: $0, message: self.message)] } ?? []
        }

        private enum CodingKeys: String, CodingKey { case status, code, message, errors }
    }

    /// Transport errors: failing to connect is retryable (nothing was sent); anything after that
    /// is ambiguous for a write and retryable for a read.
    static func classify(transport error: any Error, idempotent: Bool) -> AyrshareFailure {
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout, .tlsHandshakeTimeout, .socksHandshakeTimeout, .getConnectionFromPoolTimeout, .alreadyShutdown:
                return .retryable(reason: "could not connect (\(error))", retryAfter: nil)
            default:
                break
            }
        }
        if ConnectionFailure.isRefused(error) {
            return .retryable(reason: "could not connect", retryAfter: nil)
        }
        if idempotent {
            return .retryable(reason: "no answer (\(type(of: error)))", retryAfter: nil)
        }
        return .ambiguous(reason: "no answer after the request was sent (\(type(of: error)))")
    }

    private static func pathSegment(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    /// The path without its query, for logs.
    private static func logPath(_ path: String) -> String {
        String(path.prefix(while: { $0 != "?" }))
    }
}
