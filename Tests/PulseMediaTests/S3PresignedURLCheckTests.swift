import Foundation
import Testing

/// The independent presigned-URL check, proved on AWS's published example
/// (docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html: examplebucket/test.txt,
/// 20130524T000000Z, 86400 seconds, signature aeeed9bb…) before the storage tests trust it.
@Suite struct S3PresignedURLCheckTests {
    static let check = S3PresignedURLCheck(accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", region: "us-east-1")
    static let published =
        "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"
    static let signedAt = Date(timeIntervalSince1970: 1_369_353_600)

    @Test func acceptsThePublishedURLUntilItExpires() {
        #expect(Self.check.verify(Self.published, now: Self.signedAt) == .accepted)
        #expect(Self.check.verify(Self.published, now: Self.signedAt.addingTimeInterval(86400)) == .accepted)
        #expect(Self.check.verify(Self.published, now: Self.signedAt.addingTimeInterval(86401)) == .refused("Request has expired"))
    }

    @Test(arguments: [
        ("X-Amz-Signature=aeeed9bb", "X-Amz-Signature=beeed9bb"),
        ("/test.txt?", "/test2.txt?"),
        ("X-Amz-Expires=86400", "X-Amz-Expires=86500"),
        ("X-Amz-Date=20130524T000000Z", "X-Amz-Date=20130524T000100Z"),
        ("examplebucket.s3", "otherbucket.s3"),
    ])
    func refusesEveryAlteration(_ from: String, _ to: String) {
        let altered = Self.published.replacingOccurrences(of: from, with: to)
        #expect(altered != Self.published)
        #expect(Self.check.verify(altered, now: Self.signedAt.addingTimeInterval(1)) != .accepted)
    }

    @Test func refusesAnotherSecret() {
        let other = S3PresignedURLCheck(accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "another-secret", region: "us-east-1")
        #expect(other.verify(Self.published, now: Self.signedAt) == .refused("SignatureDoesNotMatch"))
    }
}
