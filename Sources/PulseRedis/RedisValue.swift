/// One reply from Redis, decoded from the RESP2 protocol.
///
/// Error replies are never represented here: they are thrown as ``RedisError/server(_:)``
/// so that callers cannot forget to check for them.
public enum RedisValue: Sendable, Equatable {
    /// A nil bulk string or nil array (for example `GET` of a missing key).
    case null
    /// A simple status reply such as `OK` or `PONG`.
    case status(String)
    /// An integer reply.
    case integer(Int)
    /// A binary-safe bulk string.
    case bulk([UInt8])
    /// A multi-bulk reply.
    case array([RedisValue])
}

extension RedisValue {
    /// The value as an integer: an integer reply, or a bulk/status reply holding a decimal integer.
    public var int: Int? {
        switch self {
        case .integer(let value):
            return value
        case .bulk, .status:
            // Lua scripts and some commands (GET of a counter) answer numbers as strings.
            return self.string.flatMap { Int($0) }
        case .null, .array:
            return nil
        }
    }

    /// The value as text: a bulk reply decoded as UTF-8, or a status reply.
    public var string: String? {
        switch self {
        case .bulk(let bytes):
            // Decoding repairs invalid UTF-8; comparing the bytes back rejects it instead.
            let text = String(decoding: bytes, as: UTF8.self)
            return text.utf8.elementsEqual(bytes) ? text : nil
        case .status(let text):
            return text
        case .null, .integer, .array:
            return nil
        }
    }

    /// The elements of an array reply.
    public var array: [RedisValue]? {
        if case .array(let elements) = self {
            return elements
        }
        return nil
    }

    /// Whether this is the nil reply.
    public var isNull: Bool {
        self == .null
    }
}
