import Foundation
import Hummingbird

/// An error as Ayrshare answers it: the HTTP status and `{"status":"error","code","message"}`.
/// The admin API answers in the same shape, so one decoder serves every sandbox error.
struct SandboxError: HTTPResponseError, Sendable {
    let status: HTTPResponse.Status
    let code: Int
    let message: String
    /// Sent as `Retry-After` (seconds) when set.
    var retryAfterSeconds: Int?

    init(_ status: HTTPResponse.Status, code: Int? = nil, _ message: String, retryAfterSeconds: Int? = nil) {
        self.status = status
        self.code = code ?? status.code
        self.message = message
        self.retryAfterSeconds = retryAfterSeconds
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let seconds = self.retryAfterSeconds {
            headers[.retryAfter] = String(max(1, seconds))
        }
        let body = Body(status: "error", code: self.code, message: self.message)
        return Response(status: self.status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: SandboxJSON.encode(body))))
    }

    private struct Body: Encodable {
        let status: String
        let code: Int
        let message: String
    }
}

extension SandboxError {
    static func missing(_ field: String) -> SandboxError {
        SandboxError(.badRequest, "Missing or invalid \(field) parameter.")
    }

    static func notFound(_ message: String) -> SandboxError {
        SandboxError(.notFound, message)
    }

    static let profileKeyNotFound = SandboxError(.forbidden, code: 102, "Profile key not found. Please verify the Profile-Key header.")
    static let unauthenticated = SandboxError(.unauthorized, code: 101, "API Key not valid. Send Authorization: Bearer <API key>.")
}
