import PulseCore

/// Where the Ayrshare API is and how long calls may take.
public struct AyrshareConfiguration: Sendable {
    /// e.g. `https://api.ayrshare.com/api` or the sandbox's `http://127.0.0.1:8090/api`.
    public var baseURL: String
    public var apiKey: Secret
    /// Connecting must finish within this; a failure here is always retryable (nothing was sent).
    public var connectTimeout: Duration
    /// The whole call must finish within this.
    public var requestTimeout: Duration

    public init(baseURL: String, apiKey: Secret, connectTimeout: Duration = .seconds(3), requestTimeout: Duration = .seconds(15)) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.apiKey = apiKey
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
    }
}
