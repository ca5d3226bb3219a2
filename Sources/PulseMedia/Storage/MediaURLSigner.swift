import Crypto
import Foundation
import PulseCore

/// Signed, expiring URLs for objects the API serves itself (the `file://` back end):
/// `{base}/media/{account}/{folder}/{file}?expires={unix seconds}&signature={hex}`, where the
/// signature is HMAC-SHA256 over the method, key and expiry under a key derived from the
/// service's secret. An altered path, expiry or signature, or a URL past its expiry, does not
/// verify.
public struct MediaURLSigner: Sendable {
    let baseURL: String
    let key: SymmetricKey

    /// `secret` is the service secret the signing key is derived from (HKDF-SHA256, its own
    /// label, so the key is used for nothing else).
    public init(baseURL: String, secret: Secret) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: Array(secret.value.utf8)), info: Array("pulseworks media url v1".utf8), outputByteCount: 32
        )
    }

    public func url(for key: MediaKey, expires: Date) -> String {
        let seconds = Int64(expires.timeIntervalSince1970.rounded(.up))
        return "\(self.baseURL)/\(key)?expires=\(seconds)&signature=\(self.signature(key: key, expires: seconds))"
    }

    /// Whether `signature` is this service's signature of `key` until `expires`, and `now` is not
    /// past it. Constant-time in the signature.
    public func verify(key: MediaKey, expires: String?, signature: String?, now: Date) -> Bool {
        guard let expires, let seconds = Int64(expires), let signature else { return false }
        guard Double(seconds) >= now.timeIntervalSince1970 else { return false }
        return ConstantTime.equals(Array(self.signature(key: key, expires: seconds).utf8), Array(signature.utf8))
    }

    func signature(key: MediaKey, expires: Int64) -> String {
        let message = Array("GET\n\(key)\n\(expires)".utf8)
        return Array(HMAC<SHA256>.authenticationCode(for: message, using: self.key)).hex
    }
}
