import AsyncHTTPClient
import Foundation
import PulseCore
import PulseMedia

/// The moto_server instances `scripts/test` starts, reached through the environment. A test that
/// needs one fails with a message saying how to run it; it never skips.
enum S3TestService {
    /// Any non-empty credentials: the open server checks no signature.
    static let accessKeyId = "testing"
    static let secretAccessKey = "testing"
    /// This run's bucket, so runs against one server never see each other's objects.
    static let bucket = "pulseworks-test-" + UUID().uuidString.lowercased().prefix(13).replacingOccurrences(of: "-", with: "")

    /// `S3_TEST_ENDPOINT`: moto_server with authentication off (presigned GETs are served).
    static func endpoint() throws -> String {
        try Self.require("S3_TEST_ENDPOINT")
    }

    /// `S3_AUTH_TEST_ENDPOINT`: moto_server that checks every `Authorization` header against
    /// its IAM users.
    static func authenticatingEndpoint() throws -> String {
        try Self.require("S3_AUTH_TEST_ENDPOINT")
    }

    static func settings(endpoint: String, bucket: String = Self.bucket, accessKeyId: String = Self.accessKeyId, secret: String = Self.secretAccessKey)
        -> MediaConfiguration.S3Settings
    {
        MediaConfiguration.S3Settings(bucket: bucket, endpoint: endpoint, region: "us-east-1", accessKeyId: accessKeyId, secretAccessKey: Secret(secret))
    }

    private static func require(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { throw MissingS3Server(variable: name) }
        return value
    }
}

/// An S3 test server is not configured.
struct MissingS3Server: Error, CustomStringConvertible {
    let variable: String

    var description: String {
        "\(self.variable) is not set: run the tests through scripts/test, which starts moto_server"
    }
}
