import Foundation

/// Where images are stored and how long the URLs given out stay valid.
public struct MediaConfiguration: Sendable, Equatable {
    /// The storage back end `MEDIA_STORAGE` names.
    public enum Backend: Sendable, Equatable {
        /// `file://path`: files under `path` (relative paths are from the working directory),
        /// served by the API at `/media/…` with signed, expiring URLs.
        case file(path: String)
        /// `s3://bucket?endpoint=…&region=…`: any S3-compatible service.
        case s3(S3Settings)
    }

    /// An S3-compatible bucket. Credentials come from `AWS_ACCESS_KEY_ID` and
    /// `AWS_SECRET_ACCESS_KEY`.
    public struct S3Settings: Sendable, Equatable {
        public var bucket: String
        /// `scheme://host[:port]`, no path; default `https://s3.{region}.amazonaws.com`.
        public var endpoint: String
        public var region: String
        public var accessKeyId: String
        public var secretAccessKey: Secret

        public init(bucket: String, endpoint: String, region: String, accessKeyId: String, secretAccessKey: Secret) {
            self.bucket = bucket
            self.endpoint = endpoint
            self.region = region
            self.accessKeyId = accessKeyId
            self.secretAccessKey = secretAccessKey
        }
    }

    public var backend: Backend
    /// How long a URL in an API response stays valid (`MEDIA_URL_TTL_MINUTES`, default 60).
    public var urlLifetime: Duration
    /// How long the URL handed to the provider with a post stays valid
    /// (`MEDIA_PUBLISH_URL_TTL_HOURS`, default 24: long enough for the provider to fetch it,
    /// retries included).
    public var publishURLLifetime: Duration
    /// How many images render at once in one process (`MEDIA_RENDER_CONCURRENCY`, default 2).
    public var renderConcurrency: Int

    public init(backend: Backend, urlLifetime: Duration = .seconds(3600), publishURLLifetime: Duration = .seconds(24 * 3600), renderConcurrency: Int = 2) {
        self.backend = backend
        self.urlLifetime = urlLifetime
        self.publishURLLifetime = publishURLLifetime
        self.renderConcurrency = renderConcurrency
    }

    init(_ reader: EnvironmentReader, environment: AppEnvironment) throws(ConfigurationError) {
        self.backend = try Self.parse(reader["MEDIA_STORAGE"] ?? "file://.data/media", reader: reader, environment: environment)
        let minutes = try reader.integer("MEDIA_URL_TTL_MINUTES", default: 60)
        guard (1...7 * 24 * 60).contains(minutes) else { throw .invalid("MEDIA_URL_TTL_MINUTES", "must be between 1 and 10080") }
        self.urlLifetime = .seconds(minutes * 60)
        // SigV4 presigned URLs live at most seven days.
        let hours = try reader.integer("MEDIA_PUBLISH_URL_TTL_HOURS", default: 24)
        guard (1...168).contains(hours) else { throw .invalid("MEDIA_PUBLISH_URL_TTL_HOURS", "must be between 1 and 168") }
        self.publishURLLifetime = .seconds(hours * 3600)
        let concurrency = try reader.integer("MEDIA_RENDER_CONCURRENCY", default: 2)
        guard (1...64).contains(concurrency) else { throw .invalid("MEDIA_RENDER_CONCURRENCY", "must be between 1 and 64") }
        self.renderConcurrency = concurrency
    }

    static func parse(_ value: String, reader: EnvironmentReader, environment: AppEnvironment) throws(ConfigurationError) -> Backend {
        if value.hasPrefix("file://") {
            let path = String(value.dropFirst("file://".count))
            guard !path.isEmpty else { throw .invalid("MEDIA_STORAGE", "file:// needs a path, e.g. file://.data/media") }
            return .file(path: path)
        }
        guard value.hasPrefix("s3://"), let url = URLComponents(string: value), let bucket = url.percentEncodedHost, !bucket.isEmpty else {
            throw .invalid("MEDIA_STORAGE", "must be file://path or s3://bucket?endpoint=…&region=…")
        }
        guard url.path.isEmpty || url.path == "/" else { throw .invalid("MEDIA_STORAGE", "an s3:// URL names a bucket only, no path") }
        guard url.user == nil, url.password == nil, url.port == nil, url.fragment == nil else {
            throw .invalid("MEDIA_STORAGE", "an s3:// URL names a bucket only: credentials go in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
        }
        guard Self.isBucketName(bucket) else {
            throw .invalid("MEDIA_STORAGE", "the bucket name must be 3 to 63 lower-case letters, digits, dots and hyphens")
        }
        var query: [String: String] = [:]
        for item in url.queryItems ?? [] {
            guard ["endpoint", "region"].contains(item.name), query[item.name] == nil else {
                throw .invalid("MEDIA_STORAGE", "an s3:// URL takes only endpoint= and region=, once each")
            }
            query[item.name] = item.value ?? ""
        }
        let region = query["region"].flatMap { $0.isEmpty ? nil : $0 } ?? "us-east-1"
        guard (1...32).contains(region.utf8.count), region.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }) else {
            throw .invalid("MEDIA_STORAGE", "region must be lower-case letters, digits and hyphens, e.g. us-east-1")
        }
        let endpoint = query["endpoint"].flatMap { $0.isEmpty ? nil : $0 } ?? "https://s3.\(region).amazonaws.com"
        guard let parsed = URLComponents(string: endpoint), let scheme = parsed.scheme, ["http", "https"].contains(scheme),
            parsed.host?.isEmpty == false, parsed.path.isEmpty || parsed.path == "/", parsed.query == nil,
            parsed.user == nil, parsed.password == nil, parsed.fragment == nil
        else {
            throw .invalid("MEDIA_STORAGE", "endpoint must be http(s)://host[:port], without credentials, path or query")
        }
        if environment == .production && scheme != "https" {
            throw .invalid("MEDIA_STORAGE", "endpoint must use https in production")
        }
        let accessKey = reader["AWS_ACCESS_KEY_ID"]
        let secretKey = reader["AWS_SECRET_ACCESS_KEY"]
        guard let accessKey, let secretKey else {
            throw .missing(["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"].filter { reader[$0] == nil }.joined(separator: ", "))
        }
        var trimmed = endpoint
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        return .s3(S3Settings(bucket: bucket, endpoint: trimmed, region: region, accessKeyId: accessKey, secretAccessKey: Secret(secretKey)))
    }

    /// S3's bucket naming rules: 3–63 characters of lower-case letters, digits, dots and hyphens,
    /// starting and ending with a letter or digit, no two dots in a row.
    static func isBucketName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        func alphanumeric(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) }
        guard (3...63).contains(bytes.count), let first = bytes.first, let last = bytes.last, alphanumeric(first), alphanumeric(last) else { return false }
        return bytes.allSatisfy { alphanumeric($0) || $0 == 0x2E || $0 == 0x2D } && !name.contains("..")
    }
}
