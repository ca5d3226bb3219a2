import Foundation
import PulseCore

/// A web address that may be fetched as far as its text goes: http or https, a host, no user
/// name or password. Whether its host may be contacted is decided separately, on every hop.
struct WebsiteAddress: Sendable, Equatable {
    /// The parsed address.
    let url: URL
    /// The host exactly as AsyncHTTPClient will connect to it (`URL.host`, IPv6 brackets removed),
    /// so the address check and the connection can never disagree about where it goes.
    let host: String

    /// Addresses longer than this are refused: no business's home page needs one.
    static let maximumLength = 2048

    /// Validates what an owner typed. A bare `example.com` (no scheme, or a dot before the first
    /// colon) is read as `https://example.com`.
    init(validating text: String) throws(WebsiteFetchError) {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty, trimmed.utf8.count <= Self.maximumLength else { throw .invalidURL }
        let beforeColon = trimmed.prefix(while: { $0 != ":" })
        let hasScheme = trimmed.contains("://") || (beforeColon.count < trimmed.count && !beforeColon.contains("."))
        try self.init(absolute: hasScheme ? trimmed : "https://" + trimmed)
    }

    /// Validates an absolute address as it is.
    init(absolute text: String) throws(WebsiteFetchError) {
        guard text.utf8.count <= Self.maximumLength, let url = URL(string: text) else { throw .invalidURL }
        try self.init(url: url)
    }

    private init(url: URL) throws(WebsiteFetchError) {
        guard let scheme = url.scheme?.lowercased() else { throw .invalidURL }
        guard scheme == "http" || scheme == "https" else { throw .unsupportedScheme(String(scheme.prefix(20))) }
        guard var host = url.host, !host.isEmpty else { throw .invalidURL }
        // Credentials in a link are a phishing device, and nothing public needs them.
        guard url.user == nil, url.password == nil else { throw .invalidURL }
        if let port = url.port, !(1...65_535).contains(port) { throw .invalidURL }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.url = url
        self.host = host
    }

    /// The address as text.
    var absoluteString: String { self.url.absoluteString }

    /// Where a redirect's `Location` (absolute or relative to this address) leads.
    func following(location: String) throws(WebsiteFetchError) -> WebsiteAddress {
        let trimmed = location.trimmingWhitespace()
        guard !trimmed.isEmpty, let target = URL(string: trimmed, relativeTo: self.url)?.absoluteURL else { throw .invalidURL }
        return try WebsiteAddress(absolute: target.absoluteString)
    }

    /// Whether a host name (not an IP literal) names this machine or a private network rather
    /// than a public site: `localhost` and its subdomains, mDNS and internal-only suffixes, and
    /// single-label names that the resolver's search domains could turn into internal hosts.
    static func isLocalName(_ host: String) -> Bool {
        var name = host.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        guard name.contains(".") else { return true }
        let localSuffixes = [".localhost", ".local", ".localdomain", ".internal", ".home.arpa"]
        return localSuffixes.contains { name.hasSuffix($0) }
    }
}
