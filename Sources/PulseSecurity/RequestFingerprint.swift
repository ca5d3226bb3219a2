import Crypto
import PulseCore

/// Keyed fingerprints of request bodies for `Idempotency-Key` matching.
///
/// Bodies can contain passwords, so a plain hash would be an offline-crackable copy; an HMAC
/// under a server key is useless without that key.
public struct RequestFingerprint: Sendable {
    private let key: SymmetricKey

    public init(secret: Secret) {
        self.key = SymmetricKey(data: SHA256.hash(data: Array(("idempotency-fingerprint:" + secret.value).utf8)))
    }

    /// The fingerprint of `body`.
    public func callAsFunction(_ body: some Sequence<UInt8>) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Array(body), using: self.key))
    }
}
