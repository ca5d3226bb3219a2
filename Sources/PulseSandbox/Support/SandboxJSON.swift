import Foundation
import Hummingbird

/// The sandbox's one JSON style: sorted keys and unescaped slashes, so bodies are stable and URLs
/// stay readable, both in responses and in signed webhook deliveries.
enum SandboxJSON {
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// `value` as JSON bytes; the sandbox's own types always encode, the fallback is never expected.
    static func encode(_ value: some Encodable) -> [UInt8] {
        (try? Array(Self.encoder.encode(value))) ?? Array(#"{"status":"error","code":500,"message":"Internal error."}"#.utf8)
    }

    /// `value` as a JSON response with `status`, for answers whose shape is chosen at run time.
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: Self.encode(value)))
        )
    }
}
