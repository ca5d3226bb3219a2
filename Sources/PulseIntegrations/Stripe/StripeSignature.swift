import Crypto
import Foundation
import PulseCore

/// Stripe's webhook signature (specs/stripe.md): `Stripe-Signature: t=<unix>,v1=<hex>[,v1=…]`,
/// where each `v1` is the lower-case hex HMAC-SHA256 of `"<t>.<raw body>"` keyed with the UTF-8
/// bytes of the whole endpoint secret (`whsec_…`, not decoded). Valid when any `v1` matches any
/// configured secret (secrets roll), compared in constant time, with `t` within `tolerance`
/// seconds either way. Other schemes (`v0`) are ignored. The sandbox signs with it; the API verifies.
public enum StripeSignature {
    public static let header = "Stripe-Signature"
    public static let tolerance: Int64 = 300

    /// Why a delivery was refused; never contains a secret.
    public enum Failure: Error, Equatable, Sendable {
        case missingHeader
        case malformedHeader
        case staleTimestamp
        case mismatch
    }

    /// The hex `v1` signature of `body` at `timestamp` under `secret`.
    public static func signature(body: some Sequence<UInt8>, timestamp: Int64, secret: Secret) -> String {
        let key = SymmetricKey(data: Array(secret.value.utf8))
        var message = Array("\(timestamp).".utf8)
        message.append(contentsOf: body)
        return Array(HMAC<SHA256>.authenticationCode(for: message, using: key)).hex
    }

    /// A complete header value signing `body` at `timestamp` with each of `secrets`.
    public static func header(body: some Collection<UInt8>, timestamp: Int64, secrets: [Secret]) -> String {
        (["t=\(timestamp)"] + secrets.map { "v1=" + Self.signature(body: body, timestamp: timestamp, secret: $0) }).joined(separator: ",")
    }

    /// Throws unless `header` carries a valid `v1` signature of `body` under one of `secrets`.
    public static func verify(body: some Collection<UInt8>, header: String?, secrets: [Secret], now: Date = Date()) throws(Failure) {
        guard let header, !secrets.isEmpty else { throw .missingHeader }
        var timestamp: Int64?
        var signatures: [[UInt8]] = []
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingWhitespace() }
            guard pair.count == 2 else { continue }
            switch pair[0] {
            case "t": timestamp = Int64(pair[1])
            case "v1": signatures.append(Array(pair[1].lowercased().utf8))
            default: continue
            }
        }
        guard let timestamp, !signatures.isEmpty else { throw .malformedHeader }
        // Compared as a range, never by subtraction: an extreme timestamp must not overflow.
        let current = Int64(now.timeIntervalSince1970)
        guard timestamp >= current - Self.tolerance, timestamp <= current + Self.tolerance else { throw .staleTimestamp }
        var matched = false
        for secret in secrets {
            let expected = Array(Self.signature(body: body, timestamp: timestamp, secret: secret).utf8)
            for presented in signatures {
                // Every pair is compared, whatever matched, so timing says nothing about which did.
                matched = ConstantTime.equals(expected, presented) || matched
            }
        }
        guard matched else { throw .mismatch }
    }
}
