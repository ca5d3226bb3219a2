import Foundation
import Hummingbird
import PulseSecurity

/// What every PulseWorks request context shares: a 1 MiB JSON body limit and RFC 3339 dates.
public protocol PulseRequestContext: RequestContext where Decoder == JSONDecoder, Encoder == JSONEncoder {}

extension PulseRequestContext {
    /// JSON bodies over 1 MiB get 413; upload routes collect their bodies with their own limit.
    public var maxUploadSize: Int { 1 << 20 }

    public var responseEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

/// The context every request starts with; `identity` is set by `AuthenticationMiddleware`.
public struct AppRequestContext: PulseRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The caller, once a valid access token for a live session was presented.
    public var identity: AccessTokenIdentity?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.identity = nil
    }
}
