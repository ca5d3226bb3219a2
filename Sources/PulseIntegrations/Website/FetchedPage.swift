/// A web page as fetched: where it ended up after redirects, and its HTML as text.
public struct FetchedPage: Sendable, Equatable {
    /// The final address, after redirects.
    public let url: String
    /// The body, decoded as UTF-8 or, when it is not valid UTF-8, as ISO-8859-1.
    public let html: String

    /// A page at `url` with `html`.
    public init(url: String, html: String) {
        self.url = url
        self.html = html
    }
}
