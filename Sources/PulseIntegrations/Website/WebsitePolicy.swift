/// Limits for fetching a business's website: how far, how long, how much, and where to.
public struct WebsitePolicy: Sendable {
    /// Redirects followed before giving up.
    public var maxRedirects: Int
    /// The whole fetch, name resolution and redirects included.
    public var timeout: Duration
    /// Largest body read; reading stops as soon as a page goes past it.
    public var maxBytes: Int
    /// Whether loopback, private and link-local addresses (and `localhost`) may be fetched.
    /// Only for development, where the site under test runs on the same machine.
    public var allowPrivateAddresses: Bool
    /// Addresses treated as public even though they are not: for tests that serve pages from
    /// 127.0.0.1 and still check that every other non-public address is refused. Empty in
    /// production; names such as `localhost` are refused whatever this holds.
    public var trustedAddresses: Set<IPAddress>

    /// A policy with every limit spelled out.
    public init(
        maxRedirects: Int, timeout: Duration, maxBytes: Int, allowPrivateAddresses: Bool, trustedAddresses: Set<IPAddress> = []
    ) {
        self.maxRedirects = maxRedirects
        self.timeout = timeout
        self.maxBytes = maxBytes
        self.allowPrivateAddresses = allowPrivateAddresses
        self.trustedAddresses = trustedAddresses
    }

    /// Public addresses only: 5 redirects, 5 seconds, 2 MB.
    public static func production() -> WebsitePolicy {
        WebsitePolicy(maxRedirects: 5, timeout: .seconds(5), maxBytes: 2 * 1024 * 1024, allowPrivateAddresses: false)
    }

    /// The production policy, except that `trustedTestAddresses` count as public (see
    /// `trustedAddresses`).
    public static func production(trustedTestAddresses: Set<IPAddress>) -> WebsitePolicy {
        var policy = WebsitePolicy.production()
        policy.trustedAddresses = trustedTestAddresses
        return policy
    }

    /// The production limits with private addresses allowed, for a site running locally.
    public static func development() -> WebsitePolicy {
        var policy = WebsitePolicy.production()
        policy.allowPrivateAddresses = true
        return policy
    }

    /// Whether a connection to `address` is allowed.
    public func permits(_ address: IPAddress) -> Bool {
        self.allowPrivateAddresses || address.isPubliclyRoutable || self.trustedAddresses.contains(address)
    }
}
