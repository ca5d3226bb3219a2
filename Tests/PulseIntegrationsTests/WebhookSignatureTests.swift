import Foundation
import PulseCore
import Testing

@testable import PulseIntegrations

@Suite struct WebhookSignatureTests {
    let body = Array(#"{"action":"social","refId":"r1"}"#.utf8)
    let secret = Secret("whsec-one")
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func aKnownVector() {
        // HMAC-SHA256("whsec-one", "1800000000.{body}") computed independently (Python hmac).
        let signature = WebhookSignature.sign(body: self.body, timestamp: 1_800_000_000, secret: self.secret)
        #expect(signature == "8bd630cd22c3478b31ab5e0ca160c44ade0206d7ca5f41990821c6f66613d007")
    }

    @Test func validSignaturesPassAndAnyRotatedSecretWorks() throws {
        let timestamp = "1800000000"
        let signature = WebhookSignature.sign(body: self.body, timestamp: 1_800_000_000, secret: self.secret)
        try WebhookSignature.verify(body: self.body, timestamp: timestamp, signature: signature, secrets: [self.secret], now: self.now)
        try WebhookSignature.verify(body: self.body, timestamp: timestamp, signature: signature.uppercased(), secrets: [Secret("new"), self.secret], now: self.now)
    }

    @Test func everythingElseFails() {
        let signature = WebhookSignature.sign(body: self.body, timestamp: 1_800_000_000, secret: self.secret)
        #expect(throws: WebhookSignature.Failure.mismatch) {
            try WebhookSignature.verify(body: self.body + [32], timestamp: "1800000000", signature: signature, secrets: [self.secret], now: self.now)
        }
        #expect(throws: WebhookSignature.Failure.mismatch) {
            try WebhookSignature.verify(body: self.body, timestamp: "1800000000", signature: signature, secrets: [Secret("other")], now: self.now)
        }
        #expect(throws: WebhookSignature.Failure.staleTimestamp) {
            try WebhookSignature.verify(body: self.body, timestamp: "1799999699", signature: signature, secrets: [self.secret], now: self.now)
        }
        #expect(throws: WebhookSignature.Failure.staleTimestamp) {
            try WebhookSignature.verify(body: self.body, timestamp: "1800000301", signature: signature, secrets: [self.secret], now: self.now)
        }
        #expect(throws: WebhookSignature.Failure.malformedTimestamp) {
            try WebhookSignature.verify(body: self.body, timestamp: "soon", signature: signature, secrets: [self.secret], now: self.now)
        }
        #expect(throws: WebhookSignature.Failure.missingHeaders) {
            try WebhookSignature.verify(body: self.body, timestamp: nil, signature: signature, secrets: [self.secret], now: self.now)
        }
        for extreme in [String(Int64.min), String(Int64.max), "-1", "+1", "99999999999999999999"] {
            #expect(throws: WebhookSignature.Failure.self) {
                try WebhookSignature.verify(body: self.body, timestamp: extreme, signature: signature, secrets: [self.secret], now: self.now)
            }
        }
        // The edges of the tolerance are inside it.
        for edge in ["1799999700", "1800000300"] {
            let signed = WebhookSignature.sign(body: self.body, timestamp: Int64(edge)!, secret: self.secret)
            #expect(throws: Never.self) {
                try WebhookSignature.verify(body: self.body, timestamp: edge, signature: signed, secrets: [self.secret], now: self.now)
            }
        }
    }
}
