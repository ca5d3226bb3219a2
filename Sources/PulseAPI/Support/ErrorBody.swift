import Foundation
import HTTPTypes
import Hummingbird
import PulseCore

/// `{"error": {"code", "message", "details"}}`, the one error shape of the API.
struct ErrorBody: Encodable {
    struct Content: Encodable {
        let code: String
        let message: String
        let details: [FieldIssue]?
    }

    let error: Content

    /// The response for `error`, with `Retry-After` and `WWW-Authenticate` where they apply.
    static func response(for error: PulseError) -> Response {
        let body = ErrorBody(error: Content(code: error.code, message: error.message, details: error.fieldIssues))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(body)) ?? Data(#"{"error":{"code":"internal_error","message":"Internal error."}}"#.utf8)
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let seconds = error.retryAfterSeconds {
            headers[.retryAfter] = String(max(1, seconds))
        }
        if error.status == 401 {
            headers[.wwwAuthenticate] = "Bearer"
        }
        return Response(
            status: HTTPResponse.Status(code: error.status),
            headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}
