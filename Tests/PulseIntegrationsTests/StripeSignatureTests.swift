import Foundation
import PulseCore
import Testing

@testable import PulseIntegrations

/// `StripeSignature` against vectors computed independently with Python's `hmac` module:
/// `hmac.new(secret, b"<t>." + body, hashlib.sha256).hexdigest()`.
@Suite struct StripeSignatureTests {
    let body = Array(#"{"id":"evt_1","object":"event"}"#.utf8)
    let secret = Secret("whsec_test")
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    /// HMAC-SHA256 of `"<t>.<body>"` under each secret or timestamp, from Python.
    static let atNow = "4c15fb2a43f93ef61eaa3e0893866d57cad9cad4223242cfb96f362480cb4021"
    static let oldSecretAtNow = "9119b75c4afa8bb5f71433cb34179a57aa261c58b80b417f1f537251b0cd38a8"
    static let newSecretAtNow = "c15330950069e52feb112c7c495d04bcd2bef3e2784ee078587728d546bb99b6"
    static let byTimestamp: [Int64: String] = [
        1_699_999_700: "ae8ce8f63e0b4f3f83d1abc801c76acd97d7f4caa4f4ff67a57c179689bd3ebb",
        1_699_999_699: "b385d3bddf4ba00975b62021938229b4ffac4ec997208ce3cbf25bc3996d87f7",
        1_700_000_300: "73a092aac2d6a9695293c37ea412219ba448e0d2cdc75d208d91bb9cc405778b",
        1_700_000_301: "0b7a4ae5e47ec10aa6a9f364204098f567e3722e76f232f202799fb4f6d826da",
    ]

    func verify(_ header: String?, secrets: [Secret]? = nil, body: [UInt8]? = nil) throws(StripeSignature.Failure) {
        try StripeSignature.verify(body: body ?? self.body, header: header, secrets: secrets ?? [self.secret], now: self.now)
    }

    @Test func theSignatureMatchesTheIndependentVector() {
        #expect(StripeSignature.signature(body: self.body, timestamp: 1_700_000_000, secret: self.secret) == Self.atNow)
        #expect(StripeSignature.signature(body: self.body, timestamp: 1_700_000_000, secret: Secret("whsec_old")) == Self.oldSecretAtNow)
    }

    @Test func aSingleValidV1Verifies() throws {
        try self.verify("t=1700000000,v1=\(Self.atNow)")
        // Stripe writes no spaces, but a header that has them still parses.
        try self.verify("t=1700000000, v1=\(Self.atNow)")
    }

    @Test func anyOfSeveralV1MayMatch() throws {
        try self.verify("t=1700000000,v1=\(Self.newSecretAtNow),v1=\(Self.atNow)")
        #expect(throws: StripeSignature.Failure.mismatch) {
            try self.verify("t=1700000000,v1=\(Self.newSecretAtNow),v1=\(Self.oldSecretAtNow)")
        }
    }

    @Test func otherSchemesAreIgnored() throws {
        try self.verify("t=1700000000,v0=\(Self.newSecretAtNow),v1=\(Self.atNow),v2=zzz")
        // A correct signature under another scheme counts for nothing.
        #expect(throws: StripeSignature.Failure.malformedHeader) {
            try self.verify("t=1700000000,v0=\(Self.atNow)")
        }
        #expect(throws: StripeSignature.Failure.mismatch) {
            try self.verify("t=1700000000,v0=\(Self.atNow),v1=\(Self.newSecretAtNow)")
        }
    }

    @Test func aRotatedSecretVerifiesWhileBothAreConfigured() throws {
        let signedWithOld = "t=1700000000,v1=\(Self.oldSecretAtNow)"
        try self.verify(signedWithOld, secrets: [Secret("whsec_new"), Secret("whsec_old")])
        #expect(throws: StripeSignature.Failure.mismatch) {
            try self.verify(signedWithOld, secrets: [Secret("whsec_new")])
        }
        try self.verify("t=1700000000,v1=\(Self.newSecretAtNow)", secrets: [Secret("whsec_new"), Secret("whsec_old")])
    }

    @Test(arguments: [
        (Int64(1_699_999_700), true), (1_699_999_699, false), (1_700_000_300, true), (1_700_000_301, false),
    ])
    func toleranceEdges(timestamp: Int64, accepted: Bool) throws {
        let header = "t=\(timestamp),v1=\(try #require(Self.byTimestamp[timestamp]))"
        if accepted {
            try self.verify(header)
        } else {
            #expect(throws: StripeSignature.Failure.staleTimestamp) { try self.verify(header) }
        }
    }

    @Test func anAlteredBodyIsAMismatch() {
        #expect(throws: StripeSignature.Failure.mismatch) {
            try self.verify("t=1700000000,v1=\(Self.atNow)", body: Array(#"{"id":"evt_2","object":"event"}"#.utf8))
        }
        #expect(throws: StripeSignature.Failure.mismatch) {
            try self.verify("t=1700000000,v1=\(Self.atNow)", body: self.body + [UInt8(ascii: "\n")])
        }
        // The same signature under a different timestamp is not valid either.
        #expect(throws: StripeSignature.Failure.mismatch) { try self.verify("t=1700000001,v1=\(Self.atNow)") }
    }

    @Test func missingOrMalformedHeadersAreRefused() {
        #expect(throws: StripeSignature.Failure.missingHeader) { try self.verify(nil) }
        #expect(throws: StripeSignature.Failure.missingHeader) { try self.verify("t=1700000000,v1=\(Self.atNow)", secrets: []) }
        for header in [
            "", "garbage", "v1=\(Self.atNow)", "t=1700000000", "t=soon,v1=\(Self.atNow)", "t=1700000000;v1=\(Self.atNow)",
            ",,,", "t=,v1=",
        ] {
            #expect(throws: StripeSignature.Failure.malformedHeader, "header \(header)") { try self.verify(header) }
        }
        for extreme in [String(Int64.min), String(Int64.max), "99999999999999999999"] {
            #expect(throws: StripeSignature.Failure.self, "t=\(extreme)") { try self.verify("t=\(extreme),v1=\(Self.atNow)") }
        }
    }

    @Test func aBuiltHeaderRoundTrips() throws {
        let header = StripeSignature.header(body: self.body, timestamp: 1_700_000_000, secrets: [Secret("whsec_new"), self.secret])
        #expect(header == "t=1700000000,v1=\(Self.newSecretAtNow),v1=\(Self.atNow)")
        try self.verify(header)
        try self.verify(header, secrets: [Secret("whsec_new")])
        #expect(throws: StripeSignature.Failure.mismatch) { try self.verify(header, secrets: [Secret("whsec_old")]) }
        #expect(throws: StripeSignature.Failure.mismatch) { try self.verify(header, body: Array("{}".utf8)) }
    }
}
