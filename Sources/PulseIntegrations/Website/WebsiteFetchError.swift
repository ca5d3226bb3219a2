/// Why a business's website could not be fetched. Each case has a `message` for the owner who
/// typed the address (the API returns it with a 422), so it says what to check, not how we failed.
public enum WebsiteFetchError: Error, Sendable, Equatable {
    /// The text is not a web address (or is too long, or carries a user name or password).
    case invalidURL
    /// The address uses a scheme other than http or https (`ftp`, `file`, `javascript`, …).
    case unsupportedScheme(String)
    /// The host is, or resolves to, an address we refuse to contact (loopback, private, link-local, …).
    case blockedAddress(host: String)
    /// The host name does not resolve.
    case hostNotFound(host: String)
    /// More redirects than the policy allows, or a redirect back to a page already visited.
    case tooManyRedirects
    /// The page is larger than the policy allows.
    case tooLarge
    /// The whole fetch, redirects included, took longer than the policy allows.
    case timedOut
    /// The site answered with a status other than 2xx (after redirects).
    case httpStatus(Int)
    /// The site answered with something other than an HTML page.
    case notHTML(contentType: String)
    /// The connection failed (refused, reset, TLS failure, …).
    case unreachable

    /// One sentence for the owner.
    public var message: String {
        switch self {
        case .invalidURL:
            return "That doesn't look like a website address. Enter one like https://example.com."
        case .unsupportedScheme(let scheme):
            return "Only http and https addresses are supported, not \"\(scheme)\"."
        case .blockedAddress(let host):
            return "\(host) is not a public website address, so we can't read it."
        case .hostNotFound(let host):
            return "We couldn't find a website at \(host). Check the address for typos."
        case .tooManyRedirects:
            return "The website redirects too many times (or in a loop), so we stopped following it."
        case .tooLarge:
            return "The page is too large to read. Try the address of a smaller page, such as your home page."
        case .timedOut:
            return "The website took too long to answer. Try again later."
        case .httpStatus(let status):
            return "The website answered with an error (HTTP \(status)). Check that the page exists and is public."
        case .notHTML(let contentType):
            return "That address is not a web page (it returned \(contentType.isEmpty ? "something else" : contentType))."
        case .unreachable:
            return "We couldn't connect to the website. Check the address and that the site is up."
        }
    }
}
