import Crypto
import Foundation
import PulseCore

/// The webhook signature scheme shared by the sandbox (which signs) and the API (which verifies).
///
/// Ayrshare's public material does not settle the details, so this is our documented choice
/// (specs/ayrshare.md): lower-case hex of HMAC-SHA256(secret, "<timestamp>.<raw body>"), sent as
/// `X-Authorization-Content-SHA256`, with the Unix-seconds timestamp in
/// `X-Authorization-Timestamp`. A timestamp more than `tolerance` away, in either direction, is
/// refused; any of several secrets is accepted (rotation); comparison is constant-time.
public enum WebhookSignature {
    public static let timestampHeader = "X-Authorization-Timestamp"
    public static let signatureHeader = "X-Authorization-Content-SHA256"
    public static let tolerance: Int64 = 300

    /// Why a delivery was refused; never contains a secret.
    public enum Failure: Error, Equatable, Sendable {
        case missingHeaders
        case malformedTimestamp
        case staleTimestamp
        case mismatch
    }

    /// The signature of `body` at `timestamp` under `secret`.
    public static func sign(body: some Sequence<UInt8>, timestamp: Int64, secret: Secret) -> String {
        let key = SymmetricKey(data: Array(secret.value.utf8))
        var message = Array("\(timestamp).".utf8)
        message.append(contentsOf: body)
        return Array(HMAC<SHA256>.authenticationCode(for: message, using: key)).hex
    }

    /// Throws unless `signature` is a valid signature of `body` at `timestamp` under one of `secrets`.
    public static func verify(
        body: some Collection<UInt8>, timestamp: String?, signature: String?, secrets: [Secret], now: Date = Date()
    ) throws(Failure) {
        guard let timestamp, let signature, !secrets.isEmpty else { throw .missingHeaders }
        guard let seconds = Int64(timestamp.trimmingWhitespace()) else { throw .malformedTimestamp }
        // Compared as a range, never by subtraction: an extreme timestamp must not overflow.
        let current = Int64(now.timeIntervalSince1970)
        guard seconds >= current - Self.tolerance, seconds <= current + Self.tolerance else { throw .staleTimestamp }
        let presented = Array(signature.trimmingWhitespace().lowercased().utf8)
        var matched = false
        for secret in secrets {
            let expected = Array(Self.sign(body: body, timestamp: seconds, secret: secret).utf8)
            // Every secret is tried, whatever matched, so timing says nothing about which one did.
            matched = ConstantTime.equals(expected, presented) || matched
        }
        guard matched else { throw .mismatch }
    }
}
