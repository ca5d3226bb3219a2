import Foundation
import Hummingbird

extension Request {
    /// The JSON body as `T`: a 400 in Ayrshare's shape for a missing or unreadable body.
    func decodeBody<T: Decodable>(as type: T.Type, context: some RequestContext) async throws -> T {
        let buffer = try await self.body.collect(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { throw SandboxError(.badRequest, "The request body must be a JSON object.") }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch {
            throw SandboxError(.badRequest, "The request body is not valid JSON for this endpoint.")
        }
    }
}

extension HTTPFields {
    /// The value of the header called `name` (any case), for headers HTTPTypes has no name for.
    func value(named name: String) -> String? {
        let canonical = name.lowercased()
        return self.first { $0.name.canonicalName == canonical }?.value
    }
}

extension Request {
    /// The `Profile-Key` header: which client profile the request acts on (nil: the primary one).
    var profileKey: String? {
        self.headers.value(named: "Profile-Key").flatMap { $0.isEmpty ? nil : $0 }
    }
}
