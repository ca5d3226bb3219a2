import HTTPTypes
import Hummingbird
import PulseCore

/// The `Idempotency-Key` request header: 1 to 255 visible ASCII characters.
enum IdempotencyKeyHeader {
    static let name = HTTPField.Name("Idempotency-Key")!

    /// The key, nil when absent; a 422 when present but unusable.
    static func value(in request: Request) throws(PulseError) -> String? {
        guard let key = request.headers[Self.name] else { return nil }
        guard (1...255).contains(key.utf8.count), key.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw .invalid("Idempotency-Key", "must be 1 to 255 visible ASCII characters")
        }
        return key
    }
}
