import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import Testing

@testable import PulseIntegrations

/// The fetcher against a real HTTP server on 127.0.0.1, with the production policy except that
/// the server's own address is trusted; plus the address classifier and URL validation.
@Suite struct WebsiteFetcherTests {
    static let loopback = IPAddress(parsing: "127.0.0.1")!

    /// A production policy that trusts only 127.0.0.1, with a short time limit so slow pages
    /// make fast tests.
    static func testPolicy(timeout: Duration = .seconds(2)) -> WebsitePolicy {
        var policy = WebsitePolicy.production(trustedTestAddresses: [Self.loopback])
        policy.timeout = timeout
        return policy
    }

    static func html(_ text: String, contentType: String? = "text/html; charset=utf-8", status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        if let contentType { headers[.contentType] = contentType }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func fixture(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "html", subdirectory: "Fixtures/brand"))
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// The pages the tests fetch.
    static func siteRouter() throws -> Router<BasicRequestContext> {
        let router = Router()
        for name in ["bakery", "plain", "broken"] {
            let page = try Self.fixture(name)
            router.get("pages/\(name)") { _, _ in Self.html(page) }
        }
        router.get("latin1") { _, _ in
            let bytes = Array("<html><title>Caf".utf8) + [0xE9] + Array("</title></html>".utf8)
            return Response(status: .ok, headers: [.contentType: "text/html"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        router.get("untyped-html") { _, _ in Self.html("  <!DOCTYPE html><title>Untyped</title>", contentType: nil) }
        router.get("untyped-text") { _, _ in Self.html("just some words", contentType: nil) }
        router.get("json") { _, _ in Self.html(#"{"a":1}"#, contentType: "application/json") }
        router.get("missing") { _, _ in Self.html("<h1>Not found</h1>", status: .notFound) }
        router.get("crash") { _, _ in Self.html("<h1>Oops</h1>", status: .internalServerError) }
        router.get("huge") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html"], body: Self.endlessBody(contentLength: nil))
        }
        router.get("huge-declared") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html"], body: Self.endlessBody(contentLength: 50 << 20))
        }
        router.get("slow") { _, _ in
            try await Task.sleep(for: .seconds(6))
            return Self.html("<title>Late</title>")
        }
        router.get("stall") { _, _ in
            let body = ResponseBody { writer in
                try await writer.write(ByteBuffer(string: "<html><title>Stall"))
                try await Task.sleep(for: .seconds(6))
                try await writer.finish(nil)
            }
            return Response(status: .ok, headers: [.contentType: "text/html"], body: body)
        }
        router.get("loop/a") { _, _ in Response.redirect(to: "/loop/b") }
        router.get("loop/b") { _, _ in Response.redirect(to: "a") }
        // `/chain/n` redirects to `/chain/n-1`, alternately by absolute path and relative path.
        router.get("chain/:n") { _, context in
            let n = try context.parameters.require("n", as: Int.self)
            if n == 0 { return Self.html("<title>End of the chain</title>") }
            return Response.redirect(to: n.isMultiple(of: 2) ? "/chain/\(n - 1)" : "\(n - 1)", type: .found)
        }
        router.get("redirect") { request, _ in
            Response.redirect(to: request.uri.queryParameters.get("to") ?? "/", type: .permanent)
        }
        return router
    }

    /// 64 KB chunks, far more than any policy allows.
    static func endlessBody(contentLength: Int?) -> ResponseBody {
        ResponseBody(contentLength: contentLength) { writer in
            let chunk = ByteBuffer(repeating: UInt8(ascii: "a"), count: 64 * 1024)
            for _ in 0..<800 { try await writer.write(chunk) }
            try await writer.finish(nil)
        }
    }

    /// Runs the site on 127.0.0.1 and a port the system picks, and a fetcher with `policy`.
    static func withSite(
        policy: WebsitePolicy = Self.testPolicy(), _ body: @Sendable (_ fetcher: WebsiteFetcher, _ base: String) async throws -> Void
    ) async throws {
        var logger = Logger(label: "website-fixture")
        // Cancelling the server at the end of each test logs errors that mean nothing here.
        logger.logLevel = .critical
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: try Self.siteRouter(),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { portContinuation.yield($0.localAddress?.port ?? 0) },
            logger: logger
        )
        let http = WebsiteFetcher.makeHTTPClient()
        let fetcher = WebsiteFetcher(httpClient: http, policy: policy)
        let outcome: Result<Void, any Error> = await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await app.run() }
            defer { group.cancelAll() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { return .failure(CancellationError()) }
            do {
                try await body(fetcher, "http://127.0.0.1:\(port)")
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try await http.shutdown()
        try outcome.get()
    }

    /// The error `fetch` throws, or nil when it succeeds.
    static func failure(_ fetcher: WebsiteFetcher, _ url: String) async -> WebsiteFetchError? {
        do {
            _ = try await fetcher.fetch(url)
            return nil
        } catch {
            return error
        }
    }

    // MARK: pages

    @Test(arguments: [("bakery", "Crumb & Co", 5), ("plain", "Riverside Plumbing", 0), ("broken", "Studio Nine", 1)])
    func fetchesAndExtracts(page: String, name: String, openGraphTags: Int) async throws {
        try await Self.withSite { fetcher, base in
            let fetched = try await fetcher.fetch(base + "/pages/" + page)
            #expect(fetched.url == base + "/pages/" + page)
            let profile = BrandExtractor.extract(html: fetched.html, url: fetched.url)
            #expect(profile.name == name)
            #expect(profile.openGraph.count == openGraphTags)
            #expect(profile.sourceURL == fetched.url)
        }
    }

    @Test func decodesLatin1AndUntypedHTML() async throws {
        try await Self.withSite { fetcher, base in
            let latin1 = try await fetcher.fetch(base + "/latin1")
            #expect(latin1.html == "<html><title>Café</title></html>")
            let untyped = try await fetcher.fetch(base + "/untyped-html")
            #expect(untyped.html.contains("<title>Untyped</title>"))
            #expect(await Self.failure(fetcher, base + "/untyped-text") == .notHTML(contentType: ""))
            #expect(await Self.failure(fetcher, base + "/json") == .notHTML(contentType: "application/json"))
        }
    }

    @Test func errorStatuses() async throws {
        try await Self.withSite { fetcher, base in
            #expect(await Self.failure(fetcher, base + "/missing") == .httpStatus(404))
            #expect(await Self.failure(fetcher, base + "/crash") == .httpStatus(500))
        }
    }

    @Test func hugePagesStopAtTheLimit() async throws {
        try await Self.withSite { fetcher, base in
            let clock = ContinuousClock()
            let elapsed = await clock.measure {
                #expect(await Self.failure(fetcher, base + "/huge") == .tooLarge)
            }
            #expect(elapsed < .seconds(4))
            #expect(await Self.failure(fetcher, base + "/huge-declared") == .tooLarge)
        }
    }

    @Test func slowPagesTimeOut() async throws {
        try await Self.withSite(policy: Self.testPolicy(timeout: .milliseconds(300))) { fetcher, base in
            let clock = ContinuousClock()
            for path in ["/slow", "/stall"] {
                let elapsed = await clock.measure {
                    #expect(await Self.failure(fetcher, base + path) == .timedOut, "\(path)")
                }
                #expect(elapsed < .seconds(4), "\(path)")
            }
        }
    }

    // MARK: redirects

    @Test func redirects() async throws {
        try await Self.withSite { fetcher, base in
            #expect(await Self.failure(fetcher, base + "/loop/a") == .tooManyRedirects)
            // Five redirects are allowed, six are not.
            let chained = try await fetcher.fetch(base + "/chain/5")
            #expect(chained.url == base + "/chain/0")
            #expect(await Self.failure(fetcher, base + "/chain/6") == .tooManyRedirects)
            let redirected = try await fetcher.fetch(base + "/redirect?to=pages/plain")
            #expect(redirected.url == base + "/pages/plain")
            #expect(await Self.failure(fetcher, base + "/redirect?to=ftp://example.com/") == .unsupportedScheme("ftp"))
        }
    }

    @Test func redirectsToPrivateAddressesAreRefusedBeforeConnecting() async throws {
        try await Self.withSite { fetcher, base in
            let port = try #require(URL(string: base)?.port)
            let clock = ContinuousClock()
            let targets = [
                ("http://127.0.0.2:\(port)/pages/bakery", "127.0.0.2"),
                ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
                ("http://[::ffff:a9fe:a9fe]/", "::ffff:a9fe:a9fe"),
                ("http://localhost:\(port)/pages/bakery", "localhost"),
            ]
            for (target, host) in targets {
                let elapsed = await clock.measure {
                    let url = base + "/redirect?to=" + (target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
                    #expect(await Self.failure(fetcher, url) == .blockedAddress(host: host), "\(target)")
                }
                // Connecting to 169.254.169.254 here would hang until the 5 s limit (and fail as
                // timedOut, not blockedAddress); the bound leaves room for a loaded machine.
                #expect(elapsed < .seconds(4), "\(target)")
            }
        }
    }

    @Test func policies() async throws {
        try await Self.withSite(policy: .production()) { fetcher, base in
            // The test server's random port is refused first; on 80 the address would be.
            let port = base.split(separator: ":").last.map(String.init) ?? ""
            #expect(await Self.failure(fetcher, base + "/pages/plain") == .blockedAddress(host: "127.0.0.1:" + port))
            #expect(await Self.failure(fetcher, "http://127.0.0.1/") == .blockedAddress(host: "127.0.0.1"))
        }
        try await Self.withSite(policy: .development()) { fetcher, base in
            let page = try await fetcher.fetch(base + "/pages/plain")
            #expect(page.html.contains("Riverside Plumbing"))
        }
        #expect(WebsitePolicy.production().trustedAddresses.isEmpty)
        #expect(!WebsitePolicy.production().allowPrivateAddresses)
        #expect(WebsitePolicy.production().maxBytes == 2 * 1024 * 1024)
        #expect(WebsitePolicy.production().maxRedirects == 5)
        #expect(WebsitePolicy.production().timeout == .seconds(5))
        #expect(WebsitePolicy.production().allowedPorts == [80, 443])
    }

    @Test(arguments: ["http://example.com:22/", "https://example.com:8443/", "http://93.184.216.34:6379/"])
    func productionFetchesOnlyTheWebsPorts(url: String) async throws {
        let http = WebsiteFetcher.makeHTTPClient()
        let fetcher = WebsiteFetcher(httpClient: http, policy: .production())
        let error = await Self.failure(fetcher, url)
        try await http.shutdown()
        guard case .blockedAddress = error else {
            Issue.record("\(url): \(String(describing: error))")
            return
        }
    }

    // MARK: addresses and URLs, without a server

    @Test(arguments: [
        "http://2130706433/", "http://0x7f.1/", "http://0177.0.0.1/", "http://127.1/", "http://0/", "http://[::1]/",
        "http://[::]/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/", "http://[64:ff9b::a00:1]/",
        "http://[2002:a9fe:a9fe::]/", "http://10.0.0.1/", "http://172.31.255.255/", "http://192.168.1.1/",
        "http://100.64.0.1/", "http://169.254.169.254/", "http://[fd00::1]/", "http://[fe80::1%25eth0]/",
        "http://224.0.0.1/", "http://255.255.255.255/", "http://localhost/", "http://LOCALHOST./", "http://api.localhost/",
        "http://printer.local/", "http://metadata.google.internal/", "http://intranet/",
    ])
    func privateHostsAreBlockedInProduction(url: String) async throws {
        let http = WebsiteFetcher.makeHTTPClient()
        // The strict policy: with 127.0.0.1 trusted, its numeric spellings would be too.
        var policy = WebsitePolicy.production()
        policy.timeout = .milliseconds(500)
        let fetcher = WebsiteFetcher(httpClient: http, policy: policy)
        let error = await Self.failure(fetcher, url)
        try await http.shutdown()
        guard case .blockedAddress = error else {
            Issue.record("\(url): \(String(describing: error))")
            return
        }
    }

    @Test func addressClassifier() throws {
        let publicAddresses = [
            "8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "192.169.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8",
            "2002:0808:0808::",
        ]
        let nonPublic = [
            "0.0.0.0", "10.1.2.3", "100.64.0.0", "100.127.255.255", "127.0.0.1", "127.255.255.254", "169.254.0.1",
            "172.16.0.1", "172.31.0.1", "192.168.0.1", "192.0.2.1", "198.18.0.1", "224.0.0.251", "239.255.255.250",
            "240.0.0.1", "255.255.255.255", "::", "::1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "fc00::1", "fdff::1",
            "fe80::1", "febf::1", "fec0::1", "ff02::1", "64:ff9b::7f00:1", "2001:db8::1", "2001:0::1",
        ]
        for text in publicAddresses { #expect(try #require(IPAddress(parsing: text), "\(text)").isPubliclyRoutable, "\(text)") }
        for text in nonPublic { #expect(try #require(IPAddress(parsing: text), "\(text)").isPubliclyRoutable == false, "\(text)") }
    }

    @Test func numericHostForms() {
        let forms: [(String, String?)] = [
            ("2130706433", "127.0.0.1"), ("0x7f.1", "127.0.0.1"), ("0x7F000001", "127.0.0.1"), ("0177.0.0.01", "127.0.0.1"),
            ("127.1", "127.0.0.1"), ("10.1.257", "10.1.1.1"), ("127.0.0.1.", "127.0.0.1"), ("0", "0.0.0.0"),
            ("[::1]", "0:0:0:0:0:0:0:1"), ("fe80::1%eth0", "fe80:0:0:0:0:0:0:1"),
            ("256.0.0.1", nil), ("1.2.3.4.5", nil), ("4294967296", nil), ("08.0.0.1", nil), ("+1.2.3.4", nil), ("1..2", nil),
            ("example.com", nil), ("0x7f.example", nil), ("", nil),
        ]
        for (text, expected) in forms { #expect(IPAddress(parsing: text)?.description == expected, "\(text)") }
    }

    @Test func resolverRunsGetaddrinfo() async {
        let addresses = await HostResolver.addresses(of: "localhost")
        #expect(!addresses.isEmpty)
        #expect(addresses.allSatisfy { !$0.isPubliclyRoutable })
        #expect(await HostResolver.addresses(of: "no-such-host.invalid").isEmpty)
    }

    @Test func urlValidation() throws {
        let refused: [(String, WebsiteFetchError)] = [
            ("ftp://example.com/", .unsupportedScheme("ftp")), ("file:///etc/passwd", .unsupportedScheme("file")),
            ("javascript:alert(1)", .unsupportedScheme("javascript")), ("mailto:a@example.com", .unsupportedScheme("mailto")),
            ("http://", .invalidURL), ("http:///path", .invalidURL), ("https:example.com", .invalidURL), ("", .invalidURL),
            ("   ", .invalidURL), ("http://exa mple.com/", .invalidURL), ("http://user:pass@example.com/", .invalidURL),
            ("https://example.com/" + String(repeating: "a", count: 3000), .invalidURL),
        ]
        for (text, error) in refused {
            #expect(throws: error, "\(text)") { try WebsiteAddress(validating: text) }
        }
        #expect(try WebsiteAddress(validating: " example.com ").absoluteString == "https://example.com")
        #expect(try WebsiteAddress(validating: "example.com:8080/menu").absoluteString == "https://example.com:8080/menu")
        #expect(try WebsiteAddress(validating: "HTTP://Example.com/a").host == "Example.com")
        #expect(try WebsiteAddress(validating: "http://[::1]:8080/").host == "::1")
        let page = try WebsiteAddress(validating: "https://example.com/a/b?q=1")
        #expect(try page.following(location: "../c").absoluteString == "https://example.com/c")
        #expect(try page.following(location: "//other.example/x").absoluteString == "https://other.example/x")
        #expect(throws: WebsiteFetchError.unsupportedScheme("file")) { try page.following(location: "file:///etc/passwd") }
    }

    @Test func everyErrorHasAMessage() {
        let errors: [WebsiteFetchError] = [
            .invalidURL, .unsupportedScheme("ftp"), .blockedAddress(host: "10.0.0.1"), .hostNotFound(host: "x.example"),
            .tooManyRedirects, .tooLarge, .timedOut, .httpStatus(404), .notHTML(contentType: "image/png"), .unreachable,
        ]
        for error in errors { #expect(error.message.count > 20, "\(error)") }
        #expect(WebsiteFetchError.blockedAddress(host: "10.0.0.1").message.contains("10.0.0.1"))
    }
}
