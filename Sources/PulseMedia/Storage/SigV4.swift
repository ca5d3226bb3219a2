import Crypto
import Foundation
import PulseCore

/// AWS Signature Version 4 (`AWS4-HMAC-SHA256`), written from the published algorithm: the
/// canonical request, the string to sign, the derived signing key, and either an `Authorization`
/// header or a presigned query string. Pure: the time is a parameter, nothing is sent.
///
/// Paths follow S3's rules (each segment encoded once, no `.`/`..` normalisation), which is also
/// what the generic test suite expects for every path that needs neither. The service is a
/// parameter (`s3`, `iam`, the suite's `service`).
public struct SigV4: Sendable {
    /// The algorithm name in the string to sign and the `Authorization` header.
    public static let algorithm = "AWS4-HMAC-SHA256"
    /// The payload hash a presigned URL signs: its body is not known when it is made.
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"
    /// SHA-256 of the empty body, the payload hash of a GET or DELETE.
    public static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    /// The longest a presigned URL may live: seven days.
    public static let maximumExpiry = 604_800

    /// The access key id, which the credential scope names.
    public let accessKeyId: String
    let secretAccessKey: Secret
    /// The region in the scope, e.g. `us-east-1`.
    public let region: String
    /// The service in the scope, e.g. `s3`.
    public let service: String

    /// A signer for `service` in `region`; the secret is only ever used as HMAC key material.
    public init(accessKeyId: String, secretAccessKey: Secret, region: String, service: String) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.region = region
        self.service = service
    }

    /// One query parameter, unencoded.
    public struct QueryItem: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// One request header as sent; a name may repeat.
    public struct Header: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// What is signed: the method, the unencoded path, the unencoded query, every header to sign
    /// (`host` and `x-amz-date` among them) and the payload's lower-case hex SHA-256.
    public struct Request: Sendable {
        public var method: String
        public var path: String
        public var query: [QueryItem]
        public var headers: [Header]
        public var payloadHash: String

        public init(method: String, path: String, query: [QueryItem] = [], headers: [Header], payloadHash: String) {
            self.method = method
            self.path = path
            self.query = query
            self.headers = headers
            self.payloadHash = payloadHash
        }
    }

    /// Every intermediate of one signature, so tests can compare each with the published ones.
    public struct Signature: Sendable, Equatable {
        public let canonicalRequest: String
        public let stringToSign: String
        public let signedHeaders: String
        /// Lower-case hex HMAC-SHA256 of the string to sign.
        public let signature: String
        /// The `Authorization` header value (empty for a presigned URL).
        public let authorization: String
    }

    /// A presigned query string: the canonical query with `X-Amz-Signature` appended.
    public struct Presigned: Sendable, Equatable {
        public let query: String
        public let signature: Signature
    }

    /// Why a URL cannot be presigned.
    public enum PresignError: Error, Equatable, CustomStringConvertible {
        /// `X-Amz-Expires` must be 1…604800 seconds.
        case expiryOutOfRange(seconds: Int)

        public var description: String {
            switch self {
            case .expiryOutOfRange(let seconds): "a presigned URL lives 1 to \(SigV4.maximumExpiry) seconds, not \(seconds)"
            }
        }
    }

    /// The `X-Amz-Date` value for `date`: ISO 8601 basic, UTC, whole seconds.
    public static func amzDate(_ date: Date) -> String {
        SigV4Canonical.timestamp(date).full
    }

    /// The canonical URI of an unencoded path: the encoded path to put in the URL that is sent.
    public static func canonicalURI(_ path: String) -> String {
        SigV4Canonical.uri(path)
    }

    /// Lower-case hex SHA-256 of `bytes`: the payload hash of a body.
    public static func payloadHash<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        Array(SHA256.hash(data: Array(bytes))).hex
    }

    /// Signs `request` at `date`; the request's `x-amz-date` header must say the same second.
    public func sign(_ request: Request, at date: Date) -> Signature {
        let headers = SigV4Canonical.headers(request.headers)
        let canonical = [
            request.method, SigV4Canonical.uri(request.path), SigV4Canonical.query(request.query),
            headers.block, headers.signed, request.payloadHash,
        ].joined(separator: "\n")
        let stamp = SigV4Canonical.timestamp(date)
        let scope = self.scope(day: stamp.day)
        let stringToSign = [Self.algorithm, stamp.full, scope, Self.payloadHash(Array(canonical.utf8))].joined(separator: "\n")
        let mac = HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: self.signingKey(day: stamp.day))
        let hex = Array(mac).hex
        return Signature(
            canonicalRequest: canonical, stringToSign: stringToSign, signedHeaders: headers.signed, signature: hex,
            authorization: "\(Self.algorithm) Credential=\(self.accessKeyId)/\(scope), SignedHeaders=\(headers.signed), Signature=\(hex)"
        )
    }

    /// A presigned query string that lets its holder send `method` to `path` on `host` (the
    /// `Host` header the client will send) from `date` for `expires` seconds. Only `host` is
    /// signed and the payload is `UNSIGNED-PAYLOAD`, as S3 expects of a presigned URL.
    public func presign(
        method: String, path: String, host: String, query: [QueryItem] = [], expires: Int, at date: Date
    ) throws(PresignError) -> Presigned {
        guard (1...Self.maximumExpiry).contains(expires) else { throw .expiryOutOfRange(seconds: expires) }
        let stamp = SigV4Canonical.timestamp(date)
        let items = query + [
            QueryItem("X-Amz-Algorithm", Self.algorithm),
            QueryItem("X-Amz-Credential", "\(self.accessKeyId)/\(self.scope(day: stamp.day))"),
            QueryItem("X-Amz-Date", stamp.full),
            QueryItem("X-Amz-Expires", String(expires)),
            QueryItem("X-Amz-SignedHeaders", "host"),
        ]
        let request = Request(method: method, path: path, query: items, headers: [Header("host", host)], payloadHash: Self.unsignedPayload)
        let signed = self.sign(request, at: date)
        let presigned = Signature(
            canonicalRequest: signed.canonicalRequest, stringToSign: signed.stringToSign, signedHeaders: signed.signedHeaders,
            signature: signed.signature, authorization: ""
        )
        let query = SigV4Canonical.query(items) + "&X-Amz-Signature=" + signed.signature
        return Presigned(query: query, signature: presigned)
    }

    /// `{day}/{region}/{service}/aws4_request`.
    func scope(day: String) -> String {
        "\(day)/\(self.region)/\(self.service)/aws4_request"
    }

    /// kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, day), region), service), "aws4_request").
    func signingKey(day: String) -> SymmetricKey {
        var key = SymmetricKey(data: Array(("AWS4" + self.secretAccessKey.value).utf8))
        for part in [day, self.region, self.service, "aws4_request"] {
            key = SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        return key
    }
}

extension SigV4: CustomStringConvertible, CustomReflectable {
    /// The access key and scope only; the secret is never printed.
    public var description: String {
        "SigV4(\(self.accessKeyId), \(self.region)/\(self.service))"
    }

    /// Without the secret, so `dump` of a signer, or of a storage holding one, cannot show it.
    public var customMirror: Mirror {
        Mirror(self, children: ["accessKeyId": self.accessKeyId, "region": self.region, "service": self.service])
    }
}
