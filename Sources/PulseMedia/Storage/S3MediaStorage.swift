import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import PulseCore

/// `MEDIA_STORAGE=s3://bucket?endpoint=…`: objects in a bucket of any S3-compatible service,
/// addressed path-style (`{endpoint}/{bucket}/{key}`) and signed with AWS Signature Version 4.
/// Signed URLs are presigned GETs that the service itself checks.
///
/// Failures to get an answer, timeouts, 429/`SlowDown` and 500/502/503/504 are tried up to three
/// times with short backoff, then `MediaStorageError.unavailable`; any other refusal is
/// `MediaStorageError.rejected` with S3's error code. The secret key is used only to sign and
/// never appears in errors or logs.
public struct S3MediaStorage: MediaStorage {
    /// The bucket's name.
    public let bucket: String
    let endpoint: S3Endpoint
    let signer: SigV4
    let transport: S3Transport
    let retry: S3RetryPolicy
    let requestTimeout: Duration
    let logger: Logger

    /// How long one attempt (connect, send, read the answer) may take by default.
    public static let defaultRequestTimeout: Duration = .seconds(30)
    /// Objects larger than this are not read: PulseWorks stores images far smaller.
    static let maximumObjectBytes = 64 << 20

    /// A back end over `http` (its owner shuts it down; see `makeHTTPClient()`), each attempt
    /// limited to `requestTimeout`.
    public init(settings: MediaConfiguration.S3Settings, http: HTTPClient, logger: Logger, requestTimeout: Duration = Self.defaultRequestTimeout) {
        self.init(
            settings: settings, transport: .http(http, maximumBytes: Self.maximumObjectBytes), retry: .standard,
            requestTimeout: requestTimeout, logger: logger
        )
    }

    init(settings: MediaConfiguration.S3Settings, transport: S3Transport, retry: S3RetryPolicy, requestTimeout: Duration, logger: Logger) {
        self.bucket = settings.bucket
        self.endpoint = S3Endpoint(settings.endpoint)
        self.signer = SigV4(accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey, region: settings.region, service: "s3")
        self.transport = transport
        self.retry = retry
        self.requestTimeout = requestTimeout
        self.logger = logger
    }

    /// An HTTP client for S3: a five-second connect timeout and no redirects (a redirect would
    /// carry a signature made for another host). The caller shuts it down.
    public static func makeHTTPClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(5))
        configuration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    public func put(_ bytes: [UInt8], key: MediaKey, contentType: String) async throws {
        _ = try await self.send(.PUT, path: self.path(key), body: bytes, contentType: contentType, key: key)
    }

    public func get(_ key: MediaKey) async throws -> [UInt8]? {
        let answer = try await self.send(.GET, path: self.path(key), key: key, missingIsAnswer: true)
        return answer.status == 404 ? nil : answer.body
    }

    public func delete(_ key: MediaKey) async throws {
        // S3 answers 204 whether or not the object existed; some compatible services say 404.
        _ = try await self.send(.DELETE, path: self.path(key), key: key, missingIsAnswer: true)
    }

    /// A presigned GET of the object, valid from `now` for `lifetime` rounded up to whole
    /// seconds (1 second to 7 days).
    public func signedURL(for key: MediaKey, lifetime: Duration, now: Date) throws -> String {
        let seconds = Int(lifetime.seconds.rounded(.up))
        let path = self.path(key)
        let presigned = try self.signer.presign(method: "GET", path: path, host: self.endpoint.host, expires: seconds, at: now)
        return "\(self.endpoint.base)\(SigV4.canonicalURI(path))?\(presigned.query)"
    }

    /// Creates the bucket unless it is there already (`BucketAlreadyOwnedByYou`, or
    /// `BucketAlreadyExists` as some compatible services answer for one's own bucket), for tests
    /// and local development; production buckets are made by the operator.
    public func createBucketIfMissing() async throws {
        var body: [UInt8]? = nil
        if self.signer.region != "us-east-1" {
            // Outside us-east-1, S3 wants the region named in the request.
            let xml = "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<LocationConstraint>\(self.signer.region)</LocationConstraint></CreateBucketConfiguration>"
            body = Array(xml.utf8)
        }
        do {
            _ = try await self.send(.PUT, path: "/\(self.bucket)", body: body, contentType: body == nil ? nil : "application/xml", key: nil)
        } catch MediaStorageError.rejected(409, "BucketAlreadyOwnedByYou"), MediaStorageError.rejected(409, "BucketAlreadyExists") {
            return
        }
    }

    /// `/{bucket}/{key}`, unencoded.
    func path(_ key: MediaKey) -> String {
        "/\(self.bucket)/\(key)"
    }
}

/// The parts of `scheme://host[:port]` a request needs: the URL prefix and the `Host` header
/// (with the port only when it is not the scheme's default, as HTTP clients send it).
struct S3Endpoint: Sendable {
    let base: String
    let host: String

    init(_ endpoint: String) {
        var trimmed = endpoint
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.base = trimmed
        guard let url = URLComponents(string: trimmed), let scheme = url.scheme?.lowercased(), let name = url.host, !name.isEmpty else {
            self.host = trimmed.components(separatedBy: "://").last ?? trimmed
            return
        }
        let bracketed = name.contains(":") && !name.hasPrefix("[") ? "[\(name)]" : name
        let defaultPort = scheme == "https" ? 443 : 80
        if let port = url.port, port != defaultPort {
            self.host = "\(bracketed):\(port)"
        } else {
            self.host = bracketed
        }
    }
}
