/// How a failed provider call must be handled; every failure falls in exactly one class.
public enum AyrshareFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing happened at the provider: try again later (after `retryAfter` when given).
    case retryable(reason: String, retryAfter: Duration?)
    /// The provider refused for good (e.g. 137 duplicate, 106 quota): do not retry.
    case permanent(code: Int?, message: String)
    /// The social account is not linked or lost its authorisation (156, 161): the owner must reconnect.
    case needsReconnect(code: Int, platform: String?, message: String)
    /// The request may or may not have taken effect (a timeout or reset after it was sent):
    /// reconcile against the provider before any retry.
    case ambiguous(reason: String)

    /// Provider codes that mean "reconnect the social account".
    public static let reconnectCodes: Set<Int> = [156, 161]

    public var description: String {
        switch self {
        case .retryable(let reason, let after):
            return "retryable: \(reason)" + (after.map { " (retry after \($0))" } ?? "")
        case .permanent(let code, let message):
            return "permanent\(code.map { " \($0)" } ?? ""): \(message)"
        case .needsReconnect(let code, let platform, let message):
            return "needs reconnect \(code)\(platform.map { " (\($0))" } ?? ""): \(message)"
        case .ambiguous(let reason):
            return "ambiguous: \(reason)"
        }
    }

    /// The class of an answer with HTTP `status` and the provider's `errors`.
    static func classify(
        status: Int, errors: [AyrshareError], message: String?, retryAfter: Duration?, idempotent: Bool = true
    ) -> AyrshareFailure {
        if let reconnect = errors.first(where: { $0.code.map(Self.reconnectCodes.contains) ?? false }), let code = reconnect.code {
            return .needsReconnect(code: code, platform: reconnect.platform, message: reconnect.message ?? "account not linked")
        }
        if status == 429 || status == 435 {
            return .retryable(reason: "rate limited (HTTP \(status))", retryAfter: retryAfter)
        }
        // A gateway error on a write says the request got past the front door: it may have run.
        if !idempotent, status == 502 || status == 504 {
            return .ambiguous(reason: "gateway error after the request was sent (HTTP \(status))")
        }
        if status >= 500 {
            return .retryable(reason: "provider error (HTTP \(status))", retryAfter: retryAfter)
        }
        let first = errors.first
        return .permanent(code: first?.code, message: first?.message ?? message ?? "HTTP \(status)")
    }
}
