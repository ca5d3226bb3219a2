import CHiredis

/// Turns a hiredis reply tree into a ``RedisValue``.
///
/// Error replies become failures, including ones nested in arrays (`EXEC`, scripts), so that
/// no error can hide inside an otherwise successful value.
enum RedisReplyDecoder {
    static func decode(_ reply: UnsafeMutablePointer<redisReply>) -> Result<RedisValue, RedisError> {
        let node = reply.pointee
        switch node.type {
        case REDIS_REPLY_NIL:
            return .success(.null)
        case REDIS_REPLY_INTEGER:
            return .success(.integer(Int(truncatingIfNeeded: node.integer)))
        case REDIS_REPLY_STRING:
            return .success(.bulk(Self.bytes(node)))
        case REDIS_REPLY_STATUS:
            return .success(.status(String(decoding: Self.bytes(node), as: UTF8.self)))
        case REDIS_REPLY_ERROR:
            return .failure(.server(String(decoding: Self.bytes(node), as: UTF8.self)))
        case REDIS_REPLY_ARRAY:
            return Self.decodeArray(node)
        default:
            return .failure(.protocolError("unknown reply type \(node.type)"))
        }
    }

    private static func decodeArray(_ node: redisReply) -> Result<RedisValue, RedisError> {
        guard node.elements > 0 else {
            return .success(.array([]))
        }
        guard let elements = node.element else {
            return .failure(.protocolError("array reply without elements"))
        }
        var values: [RedisValue] = []
        values.reserveCapacity(node.elements)
        for index in 0..<node.elements {
            guard let element = elements[index] else {
                return .failure(.protocolError("array reply with a missing element"))
            }
            switch Self.decode(element) {
            case .success(let value):
                values.append(value)
            case .failure(let error):
                return .failure(error)
            }
        }
        return .success(.array(values))
    }

    private static func bytes(_ node: redisReply) -> [UInt8] {
        guard let start = node.str, node.len > 0 else {
            return []
        }
        return Array(UnsafeRawBufferPointer(start: start, count: node.len))
    }
}
