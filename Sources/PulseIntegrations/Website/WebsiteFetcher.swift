import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import PulseCore

/// Fetches a business's website for brand extraction, as a careful stranger would: http and
/// https only, every redirect followed by hand and every hop's host checked against the policy
/// before connecting (so a public page cannot bounce us into the private network), one time
/// limit for the whole fetch, and a body read as a stream that stops at the size limit.
public struct WebsiteFetcher: Sendable {
    /// Sent with every request, so site owners can tell what is reading their page.
    public static let userAgent = "PulseWorksBrandBot/1.0"

    let httpClient: HTTPClient
    let policy: WebsitePolicy

    /// An HTTP client suited to the fetcher: it must not follow redirects itself (the fetcher
    /// checks each hop) and must not decompress (the size limit counts the bytes received).
    public static func makeHTTPClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.decompression = .disabled
        configuration.timeout = .init(connect: .seconds(5))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// - Parameter httpClient: a client that does not follow redirects (see `makeHTTPClient()`).
    public init(httpClient: HTTPClient, policy: WebsitePolicy) {
        self.httpClient = httpClient
        self.policy = policy
    }

    /// The final URL after redirects and the body as text (decoded as UTF-8, falling back to ISO-8859-1).
    public func fetch(_ url: String) async throws(WebsiteFetchError) -> FetchedPage {
        let start = try WebsiteAddress(validating: url)
        let deadline = ContinuousClock.now + self.policy.timeout
        do {
            return try await Deadline.within(until: deadline) { try await self.follow(from: start, deadline: deadline) }
        } catch let error as WebsiteFetchError {
            throw error
        } catch let error as HTTPClientError where error == .deadlineExceeded {
            throw .timedOut
        } catch {
            throw .unreachable
        }
    }

    /// Requests `start`, then each redirect target in turn, until a page answers.
    private func follow(from start: WebsiteAddress, deadline: ContinuousClock.Instant) async throws(WebsiteFetchError) -> FetchedPage {
        var current = start
        var visited: Set<String> = [start.absoluteString]
        while true {
            try await self.checkHost(of: current)
            let response = try await self.get(current, deadline: deadline)
            if let location = Self.redirectLocation(response) {
                let next = try current.following(location: location)
                guard visited.count <= self.policy.maxRedirects, visited.insert(next.absoluteString).inserted else {
                    throw .tooManyRedirects
                }
                current = next
                continue
            }
            guard (200..<300).contains(Int(response.status.code)) else { throw .httpStatus(Int(response.status.code)) }
            let declaredType = try Self.checkedContentType(response.headers)
            let declaredLength = response.headers.first(name: "Content-Length").flatMap(Int.init)
            // A page that announces its size need not be read to be refused.
            if let declaredLength, declaredLength > self.policy.maxBytes { throw .tooLarge }
            let body = try await self.readBody(response.body, sizeHint: declaredLength)
            guard declaredType != nil || Self.looksLikeHTML(body) else { throw .notHTML(contentType: "") }
            return FetchedPage(url: current.absoluteString, html: Self.decode(body))
        }
    }

    private func get(_ address: WebsiteAddress, deadline: ContinuousClock.Instant) async throws(WebsiteFetchError) -> HTTPClientResponse {
        var request = HTTPClientRequest(url: address.absoluteString)
        request.method = .GET
        request.headers.add(name: "User-Agent", value: Self.userAgent)
        request.headers.add(name: "Accept", value: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1")
        request.headers.add(name: "Accept-Encoding", value: "identity")
        let remaining = deadline - ContinuousClock.now
        guard remaining > .zero else { throw .timedOut }
        let response: HTTPClientResponse
        do {
            response = try await self.httpClient.execute(request, deadline: .now() + .nanoseconds(remaining.wholeNanoseconds))
        } catch {
            throw Self.transportFailure(error)
        }
        // A client that followed redirects itself has connected to hosts nobody checked.
        guard response.history.count <= 1 else { throw .tooManyRedirects }
        return response
    }

    /// The body, stopping (and dropping the connection) as soon as it passes the size limit.
    private func readBody(_ body: HTTPClientResponse.Body, sizeHint: Int?) async throws(WebsiteFetchError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(0, min(sizeHint ?? 64 * 1024, self.policy.maxBytes)))
        do {
            for try await chunk in body {
                guard bytes.count + chunk.readableBytes <= self.policy.maxBytes else { throw WebsiteFetchError.tooLarge }
                bytes.append(contentsOf: chunk.readableBytesView)
            }
        } catch let error as WebsiteFetchError {
            throw error
        } catch {
            throw Self.transportFailure(error)
        }
        return bytes
    }

    private static func redirectLocation(_ response: HTTPClientResponse) -> String? {
        guard [301, 302, 303, 307, 308].contains(response.status.code) else { return nil }
        return response.headers.first(name: "Location")
    }

    /// The declared media type when it is HTML; nil when none is declared; throws otherwise.
    private static func checkedContentType(_ headers: HTTPHeaders) throws(WebsiteFetchError) -> String? {
        guard let header = headers.first(name: "Content-Type")?.trimmingWhitespace(), !header.isEmpty else { return nil }
        let mediaType = (header.split(separator: ";").first.map(String.init) ?? "").trimmingWhitespace().lowercased()
        guard mediaType == "text/html" || mediaType == "application/xhtml+xml" else {
            throw .notHTML(contentType: String(mediaType.prefix(100)))
        }
        return mediaType
    }

    /// For a body sent without a content type: whether it starts like an HTML document.
    static func looksLikeHTML(_ body: [UInt8]) -> Bool {
        let head = String(decoding: body.prefix(1024), as: UTF8.self).trimmingWhitespace().lowercased()
        let openings = ["<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<!--"]
        return openings.contains { head.hasPrefix($0) } || head.contains("<html")
    }

    /// UTF-8 when the bytes are valid UTF-8 (without a byte-order mark), else ISO-8859-1, whose
    /// 256 byte values are the first 256 Unicode scalars.
    static func decode(_ body: [UInt8]) -> String {
        let bytes = body.starts(with: [0xEF, 0xBB, 0xBF]) ? body.dropFirst(3) : body[...]
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: bytes.map { Unicode.Scalar($0) })
        return String(scalars)
    }

    private static func transportFailure(_ error: any Error) -> WebsiteFetchError {
        if error is CancellationError { return .timedOut }
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .tlsHandshakeTimeout, .getConnectionFromPoolTimeout, .cancelled:
                return .timedOut
            case .invalidURL, .emptyHost, .emptyScheme:
                return .invalidURL
            default:
                break
            }
        }
        return .unreachable
    }
}
