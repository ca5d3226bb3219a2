import Foundation
import PulseCore
import Testing

@testable import PulseMedia

/// The signer against the worked examples of the Amazon S3 API Reference, and the S3 rules the
/// generic suite does not cover. Expected values are copied from the pages named, never computed.
@Suite struct S3SignatureExamplesTests {
    static let signer = SigV4(
        accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: Secret("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), region: "us-east-1", service: "s3"
    )
    static let date = Date(timeIntervalSince1970: 1_369_353_600)  // 2013-05-24T00:00:00Z
    static let host = SigV4.Header("Host", "examplebucket.s3.amazonaws.com")
    static let amzDate = SigV4.Header("x-amz-date", "20130524T000000Z")
    static let empty = SigV4.emptyPayloadHash
    static let emptyHash = SigV4.Header("x-amz-content-sha256", SigV4.emptyPayloadHash)
    static let scope = "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"

    // MARK: "Signature Calculations for the Authorization Header: Transferring Payload in a
    // Single Chunk (AWS Signature Version 4)", docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html

    /// Example: GET Object (the first 10 bytes of test.txt, `Range` signed).
    @Test func getObjectExample() {
        let request = SigV4.Request(method: "GET", path: "/test.txt", headers: [Self.host, .init("Range", "bytes=0-9"), Self.emptyHash, Self.amzDate], payloadHash: Self.empty)
        let signed = Self.signer.sign(request, at: Self.date)
        #expect(
            signed.canonicalRequest
                == "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\nx-amz-content-sha256:\(Self.empty)\nx-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\n\(Self.empty)"
        )
        #expect(signed.stringToSign == Self.scope + "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972")
        #expect(signed.signature == "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
        // The page writes the header without spaces after the commas; both forms are accepted.
        #expect(
            signed.authorization
                == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
        )
    }

    /// Example: PUT Object (`test$file.text`: `$` is encoded once, as `%24`; the body is signed).
    @Test func putObjectExample() {
        let body = Array("Welcome to Amazon S3.".utf8)
        let hash = SigV4.payloadHash(body)
        #expect(hash == "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072")
        let headers: [SigV4.Header] = [
            Self.host, .init("Date", "Fri, 24 May 2013 00:00:00 GMT"), .init("x-amz-storage-class", "REDUCED_REDUNDANCY"),
            .init("x-amz-content-sha256", hash), Self.amzDate,
        ]
        let signed = Self.signer.sign(SigV4.Request(method: "PUT", path: "/test$file.text", headers: headers, payloadHash: hash), at: Self.date)
        #expect(
            signed.canonicalRequest
                == "PUT\n/test%24file.text\n\ndate:Fri, 24 May 2013 00:00:00 GMT\nhost:examplebucket.s3.amazonaws.com\nx-amz-content-sha256:\(hash)\nx-amz-date:20130524T000000Z\nx-amz-storage-class:REDUCED_REDUNDANCY\n\ndate;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class\n\(hash)"
        )
        #expect(signed.stringToSign == Self.scope + "9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d")
        #expect(signed.signature == "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd")
    }

    /// Example: GET Bucket Lifecycle (a sub-resource without a value signs as `lifecycle=`).
    @Test func getBucketLifecycleExample() {
        let request = SigV4.Request(method: "GET", path: "/", query: [.init("lifecycle", "")], headers: [Self.host, Self.emptyHash, Self.amzDate], payloadHash: Self.empty)
        let signed = Self.signer.sign(request, at: Self.date)
        #expect(
            signed.canonicalRequest
                == "GET\n/\nlifecycle=\nhost:examplebucket.s3.amazonaws.com\nx-amz-content-sha256:\(Self.empty)\nx-amz-date:20130524T000000Z\n\nhost;x-amz-content-sha256;x-amz-date\n\(Self.empty)"
        )
        #expect(signed.stringToSign == Self.scope + "9766c798316ff2757b517bc739a67f6213b4ab36dd5da2f94eaebf79c77395ca")
        #expect(signed.signature == "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543")
    }

    /// Example: Get Bucket (List Objects) (`?max-keys=2&prefix=J`, given in the other order).
    @Test func listObjectsExample() {
        let request = SigV4.Request(
            method: "GET", path: "/", query: [.init("prefix", "J"), .init("max-keys", "2")], headers: [Self.host, Self.emptyHash, Self.amzDate], payloadHash: Self.empty
        )
        let signed = Self.signer.sign(request, at: Self.date)
        #expect(
            signed.canonicalRequest
                == "GET\n/\nmax-keys=2&prefix=J\nhost:examplebucket.s3.amazonaws.com\nx-amz-content-sha256:\(Self.empty)\nx-amz-date:20130524T000000Z\n\nhost;x-amz-content-sha256;x-amz-date\n\(Self.empty)"
        )
        #expect(signed.stringToSign == Self.scope + "df57d21db20da04d7fa30298dd4488ba3a2b47ca3a489c74750e0f1e7df1b9b7")
        #expect(signed.signature == "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")
    }

    // MARK: "Authenticating Requests: Using Query Parameters (AWS Signature Version 4)",
    // docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html

    /// The presigned GET of examplebucket/test.txt for 86400 seconds.
    @Test func presignedURLExample() throws {
        let presigned = try Self.signer.presign(method: "GET", path: "/test.txt", host: "examplebucket.s3.amazonaws.com", expires: 86400, at: Self.date)
        #expect(
            presigned.signature.canonicalRequest
                == "GET\n/test.txt\nX-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host\nhost:examplebucket.s3.amazonaws.com\n\nhost\nUNSIGNED-PAYLOAD"
        )
        #expect(presigned.signature.stringToSign == Self.scope + "3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04")
        #expect(presigned.signature.signature == "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404")
        #expect(
            "https://examplebucket.s3.amazonaws.com/test.txt?" + presigned.query
                == "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"
        )
    }

    // MARK: the rules, on this project's own shapes

    @Test func aPresignedURLLivesOneSecondToSevenDays() throws {
        for seconds in [0, -1, 604_801] {
            #expect(throws: SigV4.PresignError.expiryOutOfRange(seconds: seconds)) {
                try Self.signer.presign(method: "GET", path: "/b/k", host: "h", expires: seconds, at: Self.date)
            }
        }
        _ = try Self.signer.presign(method: "GET", path: "/b/k", host: "h", expires: 604_800, at: Self.date)
        _ = try Self.signer.presign(method: "GET", path: "/b/k", host: "h", expires: 1, at: Self.date)
    }

    /// S3 encodes each segment once and keeps the slashes: a `%` in a key is `%25`, not decoded.
    @Test func pathSegmentsAreEncodedOnce() {
        #expect(SigV4.canonicalURI("/bucket/media/a b/c+d/e%2Ff/~x.png") == "/bucket/media/a%20b/c%2Bd/e%252Ff/~x.png")
        #expect(SigV4.canonicalURI("") == "/")
        #expect(SigV4.canonicalURI("/pulse/media/6f1c2a4e-0000-4000-8000-000000000001/2026-12/x.png") == "/pulse/media/6f1c2a4e-0000-4000-8000-000000000001/2026-12/x.png")
        #expect(SigV4Canonical.uriEncode("a b=c&d/é*") == "a%20b%3Dc%26d%2F%C3%A9%2A")
    }

    @Test func amzDateIsUTCInWholeSeconds() {
        #expect(SigV4.amzDate(Date(timeIntervalSince1970: 1_440_938_160.9)) == "20150830T123600Z")
        #expect(SigV4.amzDate(Date(timeIntervalSince1970: 0)) == "19700101T000000Z")
    }

    @Test func theSecretIsNeverPrinted() {
        var dumped = ""
        dump(Self.signer, to: &dumped)
        let text = "\(Self.signer) \(String(reflecting: Self.signer)) \(dumped)"
        #expect(!text.contains("wJalrXUtnFEMI"))
        #expect(text.contains("AKIAIOSFODNN7EXAMPLE"))
    }
}
