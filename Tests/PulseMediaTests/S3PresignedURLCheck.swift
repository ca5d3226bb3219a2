import Crypto
import Foundation

/// What S3 does with a presigned GET before it reads the object, written again from the
/// published algorithm for the tests and sharing no code with `SigV4`: parse the URL as
/// received, check the credential scope and the expiry, rebuild the canonical request and
/// compare signatures.
///
/// The tests need it because moto_server does not check presigned URLs at all: moto 5.2.5 treats
/// any URL with a `Signature=` parameter as signed, never reads `X-Amz-Expires` (expired and
/// altered URLs are served), and with IAM authentication on it fails every presigned request
/// (it looks for an `Authorization` header). `S3PresignedURLCheckTests` proves this check
/// against AWS's own presigned example before the storage tests rely on it.
struct S3PresignedURLCheck {
    let accessKeyId: String
    let secretAccessKey: String
    let region: String

    enum Verdict: Equatable {
        case accepted
        /// S3 answers 403: why, in S3's words.
        case refused(String)
    }

    func verify(_ url: String, now: Date) -> Verdict {
        guard let components = URLComponents(string: url), let host = components.host, let items = components.percentEncodedQueryItems else {
            return .refused("not a URL")
        }
        var parameters: [String: String] = [:]
        var signedQuery: [(String, String)] = []
        for item in items {
            let name = item.name.removingPercentEncoding ?? item.name
            let value = (item.value ?? "").removingPercentEncoding ?? ""
            parameters[name] = value
            if name != "X-Amz-Signature" { signedQuery.append((name, value)) }
        }
        guard parameters["X-Amz-Algorithm"] == "AWS4-HMAC-SHA256", let credential = parameters["X-Amz-Credential"],
            let stamp = parameters["X-Amz-Date"], let expiresText = parameters["X-Amz-Expires"], let expires = Int(expiresText),
            let signedHeaders = parameters["X-Amz-SignedHeaders"], let signature = parameters["X-Amz-Signature"]
        else { return .refused("AuthorizationQueryParametersError") }
        guard (1...604_800).contains(expires) else { return .refused("AuthorizationQueryParametersError") }
        guard signedHeaders == "host" else { return .refused("SignatureDoesNotMatch") }
        guard let signedAt = Self.parse(stamp) else { return .refused("AuthorizationQueryParametersError") }
        let day = String(stamp.prefix(8))
        guard credential == "\(self.accessKeyId)/\(day)/\(self.region)/s3/aws4_request" else { return .refused("InvalidAccessKeyId") }
        guard now.timeIntervalSince1970 <= signedAt.timeIntervalSince1970 + Double(expires) else { return .refused("Request has expired") }

        let hostHeader = components.port.map { "\(host):\($0)" } ?? host
        let query = signedQuery.map { (Self.encode($0.0), Self.encode($0.1)) }
            .sorted { $0.0 == $1.0 ? Array($0.1.utf8).lexicographicallyPrecedes(Array($1.1.utf8)) : Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }
            .map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        let path = components.percentEncodedPath.split(separator: "/", omittingEmptySubsequences: false)
            .map { Self.encode(String($0).removingPercentEncoding ?? String($0)) }.joined(separator: "/")
        let canonical = "GET\n\(path.isEmpty ? "/" : path)\n\(query)\nhost:\(hostHeader)\n\nhost\nUNSIGNED-PAYLOAD"
        let scope = "\(day)/\(self.region)/s3/aws4_request"
        let toSign = "AWS4-HMAC-SHA256\n\(stamp)\n\(scope)\n\(Self.hex(SHA256.hash(data: Array(canonical.utf8))))"
        var key = Array("AWS4\(self.secretAccessKey)".utf8)
        for part in [day, self.region, "s3", "aws4_request"] {
            key = Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: SymmetricKey(data: key)))
        }
        let expected = Self.hex(HMAC<SHA256>.authenticationCode(for: Array(toSign.utf8), using: SymmetricKey(data: key)))
        return expected == signature ? .accepted : .refused("SignatureDoesNotMatch")
    }

    /// `yyyyMMdd'T'HHmmss'Z'` as a date.
    static func parse(_ stamp: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.date(from: stamp)
    }

    static func encode(_ text: String) -> String {
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~".utf8)
        return text.utf8.map { unreserved.contains($0) ? String(UnicodeScalar($0)) : String(format: "%%%02X", $0) }.joined()
    }

    static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
