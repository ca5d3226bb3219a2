import AsyncHTTPClient
import Foundation
import Logging
import PulseCore

/// The storage back end `MEDIA_STORAGE` names, built once per process, and the links it gives
/// out.
public struct MediaServices: Sendable {
    public let storage: any MediaStorage
    /// Set for the `file://` back end, whose objects the API serves itself.
    public let files: FileMediaStorage?
    public let configuration: MediaConfiguration
    /// The S3 back end's HTTP client; shut down with `shutdown()`.
    let http: HTTPClient?

    /// `secret` signs `file://` URLs (the service's JWT secret; a key is derived from it);
    /// `baseURL` is where the API is reached (`PUBLIC_BASE_URL`).
    public init(configuration: MediaConfiguration, baseURL: String, secret: Secret, logger: Logger) {
        self.configuration = configuration
        switch configuration.backend {
        case .file(let path):
            let files = FileMediaStorage(root: path, signer: MediaURLSigner(baseURL: baseURL, secret: secret))
            self.storage = files
            self.files = files
            self.http = nil
        case .s3(let settings):
            let http = S3MediaStorage.makeHTTPClient()
            self.storage = S3MediaStorage(settings: settings, http: http, logger: logger)
            self.files = nil
            self.http = http
        }
    }

    public func shutdown() async throws {
        try await self.http?.shutdown()
    }

    /// The URL to show for a stored image reference: a signed URL valid for `lifetime` when it is a
    /// key of `accountId`'s own, the reference itself when it is an absolute URL, nil otherwise
    /// (another account's key is never signed).
    public func url(for reference: String?, accountId: UUID, lifetime: Duration? = nil, now: Date = Date()) -> String? {
        guard let reference, !reference.isEmpty else { return nil }
        guard let key = MediaKey(reference) else {
            return reference.hasPrefix("https://") || reference.hasPrefix("http://") ? reference : nil
        }
        guard key.accountId == accountId else { return nil }
        return try? self.storage.signedURL(for: key, lifetime: lifetime ?? self.configuration.urlLifetime, now: now)
    }
}
