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
    /// The ports a page may be fetched from (nil: any). Production allows the web's own, 80 and
    /// 443, so extraction cannot be used to probe other services on public hosts.
    public var allowedPorts: Set<Int>?

    /// A policy with every limit spelled out.
    public init(
        maxRedirects: Int, timeout: Duration, maxBytes: Int, allowPrivateAddresses: Bool, trustedAddresses: Set<IPAddress> = [],
        allowedPorts: Set<Int>? = nil
    ) {
        self.maxRedirects = maxRedirects
        self.timeout = timeout
        self.maxBytes = maxBytes
        self.allowPrivateAddresses = allowPrivateAddresses
        self.trustedAddresses = trustedAddresses
        self.allowedPorts = allowedPorts
    }

    /// Public addresses on ports 80 and 443 only: 5 redirects, 5 seconds, 2 MB.
    public static func production() -> WebsitePolicy {
        WebsitePolicy(maxRedirects: 5, timeout: .seconds(5), maxBytes: 2 * 1024 * 1024, allowPrivateAddresses: false, allowedPorts: [80, 443])
    }

    /// The production policy, except that `trustedTestAddresses` count as public (see
    /// `trustedAddresses`) and any port is allowed (a test server listens on a random one).
    public static func production(trustedTestAddresses: Set<IPAddress>) -> WebsitePolicy {
        var policy = WebsitePolicy.production()
        policy.trustedAddresses = trustedTestAddresses
        policy.allowedPorts = nil
        return policy
    }

    /// The production limits with private addresses and any port allowed, for a site running locally.
    public static func development() -> WebsitePolicy {
        var policy = WebsitePolicy.production()
        policy.allowPrivateAddresses = true
        policy.allowedPorts = nil
        return policy
    }

    /// Whether a connection to `address` is allowed.
    public func permits(_ address: IPAddress) -> Bool {
        self.allowPrivateAddresses || address.isPubliclyRoutable || self.trustedAddresses.contains(address)
    }
}
