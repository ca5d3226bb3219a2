import AsyncHTTPClient
import Foundation
import PulseCore
import PulseTestSupport
import Testing

@testable import PulseMedia

/// What every `MediaStorage` promises, run against each back end: files in a temporary directory,
/// and S3 against the moto_server that `scripts/test` starts.
///
/// Signed URLs: a file URL is checked the way the API checks it, through
/// `FileMediaStorage.serve`. An S3 URL that should work is fetched over real HTTP from moto. moto
/// does not check presigned URLs (it serves expired and altered ones alike, see
/// `S3PresignedURLCheck`), so whether S3 would refuse a URL is decided by that independent
/// check of the published algorithm, itself proved on AWS's own presigned example.
@Suite struct StorageContractTests {
    enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case file, s3
        var testDescription: String { self.rawValue }
    }

    /// Ways a holder might alter a signed URL.
    enum Tamper: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case signature, key, expiry
        var testDescription: String { self.rawValue }
    }

    /// What a GET of a signed URL gets.
    enum Fetched: Equatable {
        case bytes([UInt8])
        /// 403.
        case refused
        case notFound
    }

    /// A back end under test, and how a holder of one of its signed URLs fares at a given time.
    struct Fixture {
        let storage: any MediaStorage
        /// The query parameter that says when a URL stops working.
        let expiryParameter: String
        let fetch: (String, Date) async throws -> Fetched
    }

    // MARK: objects

    @Test(arguments: Backend.allCases)
    func putThenGetReturnsTheSameBytes(_ backend: Backend) async throws {
        try await Self.withFixture(backend) { fixture in
            let key = try Self.renderKey()
            let bytes = Self.randomBytes(300_000)
            try await fixture.storage.put(bytes, key: key, contentType: key.contentType)
            #expect(try await fixture.storage.get(key) == bytes)
        }
    }

    @Test(arguments: Backend.allCases)
    func overwriteReplaces(_ backend: Backend) async throws {
        try await Self.withFixture(backend) { fixture in
            let key = MediaKey.upload(accountId: UUID(), mediaId: UUID(), type: .jpeg)
            try await fixture.storage.put(Self.randomBytes(2048), key: key, contentType: key.contentType)
            let replacement = Self.randomBytes(512)
            try await fixture.storage.put(replacement, key: key, contentType: key.contentType)
            #expect(try await fixture.storage.get(key) == replacement)
        }
    }

    @Test(arguments: Backend.allCases)
    func getOfAMissingKeyIsNil(_ backend: Backend) async throws {
        try await Self.withFixture(backend) { fixture in
            let key = try Self.renderKey()
            #expect(try await fixture.storage.get(key) == nil)
        }
    }

    @Test(arguments: Backend.allCases)
    func deleteThenGetIsNil(_ backend: Backend) async throws {
        try await Self.withFixture(backend) { fixture in
            let key = try Self.renderKey()
            try await fixture.storage.put(Self.randomBytes(100), key: key, contentType: key.contentType)
            try await fixture.storage.delete(key)
            #expect(try await fixture.storage.get(key) == nil)
        }
    }

    @Test(arguments: Backend.allCases)
    func deletingAMissingKeyIsFine(_ backend: Backend) async throws {
        try await Self.withFixture(backend) { fixture in
            let key = try Self.renderKey()
            try await fixture.storage.delete(key)
        }
    }

    @Test(arguments: Backend.allCases)
    func keysOfTwoAccountsAreDistinctObjects(_ backend: Backend) async throws {
        try await Self.withFixture(backend) { fixture in
            let month = try #require(YearMonth(year: 2026, month: 12))
            let content = UUID()
            let first = MediaKey.render(accountId: UUID(), month: month, contentId: content)
            let second = MediaKey.render(accountId: UUID(), month: month, contentId: content)
            let (a, b) = (Self.randomBytes(64), Self.randomBytes(64))
            try await fixture.storage.put(a, key: first, contentType: first.contentType)
            try await fixture.storage.put(b, key: second, contentType: second.contentType)
            #expect(try await fixture.storage.get(first) == a)
            #expect(try await fixture.storage.get(second) == b)
            try await fixture.storage.delete(first)
            #expect(try await fixture.storage.get(first) == nil)
            #expect(try await fixture.storage.get(second) == b)
        }
    }

    // MARK: signed URLs

    @Test(arguments: Backend.allCases)
    func aSignedURLFetchesTheBytes(_ backend: Backend) async throws {
        try await Self.withFixture(backend) { fixture in
            let key = try Self.renderKey()
            let bytes = Self.randomBytes(4096)
            try await fixture.storage.put(bytes, key: key, contentType: key.contentType)
            let now = Date()
            let url = try fixture.storage.signedURL(for: key, lifetime: .seconds(3600), now: now)
            #expect(try await fixture.fetch(url, now.addingTimeInterval(1)) == .bytes(bytes))
            #expect(try await fixture.fetch(url, now.addingTimeInterval(3599)) == .bytes(bytes))
        }
    }

    @Test(arguments: Backend.allCases)
    func anExpiredSignedURLIsRefused(_ backend: Backend) async throws {
        try await Self.withFixture(backend) { fixture in
            let key = try Self.renderKey()
            try await fixture.storage.put(Self.randomBytes(64), key: key, contentType: key.contentType)
            let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
            let url = try fixture.storage.signedURL(for: key, lifetime: .seconds(60), now: now)
            #expect(try await fixture.fetch(url, now.addingTimeInterval(61)) == .refused)
            #expect(try await fixture.fetch(url, now.addingTimeInterval(3600)) == .refused)
        }
    }

    @Test(arguments: Backend.allCases, Tamper.allCases)
    func aTamperedSignedURLIsRefused(_ backend: Backend, _ tamper: Tamper) async throws {
        try await Self.withFixture(backend) { fixture in
            let key = try Self.renderKey()
            // Another account's object, there to be reached if an altered path were honoured.
            let other = MediaKey.render(accountId: UUID(), month: try #require(YearMonth(year: 2026, month: 12)), contentId: UUID())
            try await fixture.storage.put(Self.randomBytes(64), key: key, contentType: key.contentType)
            try await fixture.storage.put(Self.randomBytes(64), key: other, contentType: other.contentType)
            let now = Date()
            let url = try fixture.storage.signedURL(for: key, lifetime: .seconds(600), now: now)
            let altered = try Self.alter(url, tamper, key: key, other: other, expiryParameter: fixture.expiryParameter)
            #expect(altered != url)
            #expect(try await fixture.fetch(altered, now.addingTimeInterval(1)) == .refused)
        }
    }

    // MARK: helpers

    static func alter(_ url: String, _ tamper: Tamper, key: MediaKey, other: MediaKey, expiryParameter: String) throws -> String {
        switch tamper {
        case .signature:
            // Both back ends end the URL with the signature's hex digits.
            let last = try #require(url.last)
            return String(url.dropLast()) + (last == "0" ? "1" : "0")
        case .key:
            return url.replacingOccurrences(of: key.description, with: other.description)
        case .expiry:
            let pattern = try Regex("\(expiryParameter)=([0-9]+)")
            let match = try #require(url.firstMatch(of: pattern))
            let digits = try #require(match.output[1].substring)
            let value = try #require(Int(digits))
            return url.replacingCharacters(in: match.range, with: "\(expiryParameter)=\(value + 3600)")
        }
    }

    static func renderKey() throws -> MediaKey {
        MediaKey.render(accountId: UUID(), month: try #require(YearMonth(year: 2026, month: 12)), contentId: UUID())
    }

    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    static func withFixture(_ backend: Backend, _ body: (Fixture) async throws -> Void) async throws {
        switch backend {
        case .file: try await Self.withFileFixture(body)
        case .s3: try await Self.withS3Fixture(body)
        }
    }

    static func withFileFixture(_ body: (Fixture) async throws -> Void) async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pulseworks-contract-\(UUID().uuidString.lowercased())")
        defer { try? FileManager.default.removeItem(at: root) }
        let storage = FileMediaStorage(root: root.path, signer: MediaURLSigner(baseURL: "https://api.pulseworks.test", secret: Secret("contract-test-secret")))
        let fixture = Fixture(storage: storage, expiryParameter: "expires") { url, now in
            let components = try #require(URLComponents(string: url))
            let parts = components.path.split(separator: "/").map(String.init)
            try #require(parts.count == 4 && parts[0] == "media")
            let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
            switch try await storage.serve(account: parts[1], folder: parts[2], file: parts[3], expires: query["expires"], signature: query["signature"], now: now) {
            case .image(let bytes, _): return .bytes(bytes)
            case .forbidden: return .refused
            case .notFound: return .notFound
            }
        }
        try await body(fixture)
    }

    static func withS3Fixture(_ body: (Fixture) async throws -> Void) async throws {
        let endpoint = try S3TestService.endpoint()
        let http = S3MediaStorage.makeHTTPClient()
        do {
            let storage = S3MediaStorage(settings: S3TestService.settings(endpoint: endpoint), http: http, logger: TestEnvironment.logger())
            try await storage.createBucketIfMissing()
            let check = S3PresignedURLCheck(accessKeyId: S3TestService.accessKeyId, secretAccessKey: S3TestService.secretAccessKey, region: "us-east-1")
            let fixture = Fixture(storage: storage, expiryParameter: "X-Amz-Expires") { url, now in
                // What S3 would refuse, moto serves: the refusal is the independent check's.
                guard check.verify(url, now: now) == .accepted else { return .refused }
                let response = try await http.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
                let body = Array(try await response.body.collect(upTo: 1 << 24).readableBytesView)
                switch response.status.code {
                case 200: return .bytes(body)
                case 403: return .refused
                case 404: return .notFound
                default: throw MediaStorageError.rejected(status: Int(response.status.code), code: nil)
                }
            }
            try await body(fixture)
        } catch {
            try? await http.shutdown()
            throw error
        }
        try await http.shutdown()
    }
}
