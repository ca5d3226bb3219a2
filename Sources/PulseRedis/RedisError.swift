/// The ways a Redis call can fail.
///
/// No case ever carries a password: connection errors carry the redacted address only.
public enum RedisError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The connection URL could not be parsed; the payload is a reason, never the URL itself.
    case invalidURL(String)
    /// Redis cannot be reached: the connect failed, the connection broke, or the client is in
    /// its reconnect backoff after a failed connect.
    case unavailable(String)
    /// Redis did not answer within the configured command timeout.
    case timeout
    /// Redis answered with an error reply (for example `WRONGTYPE ...`).
    case server(String)
    /// The reply could not be understood.
    case protocolError(String)
    /// The client has been shut down.
    case shutDown

    /// A human-readable description, safe to log.
    public var description: String {
        switch self {
        case .invalidURL(let reason):
            return "invalid Redis URL: \(reason)"
        case .unavailable(let reason):
            return "Redis unavailable: \(reason)"
        case .timeout:
            return "Redis command timed out"
        case .server(let message):
            return "Redis error reply: \(message)"
        case .protocolError(let reason):
            return "Redis protocol error: \(reason)"
        case .shutDown:
            return "Redis client is shut down"
        }
    }
}
