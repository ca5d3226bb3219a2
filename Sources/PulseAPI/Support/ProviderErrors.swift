import PulseCore
import PulseIntegrations

extension AyrshareFailure {
    /// What an API caller sees when a provider call made on their behalf fails.
    var apiError: PulseError {
        switch self {
        case .retryable(_, let retryAfter):
            let seconds = retryAfter.map { Int($0.components.seconds) } ?? 5
            return .unavailable("The social provider is unavailable. Try again shortly.", retryAfterSeconds: max(1, seconds))
        case .ambiguous:
            return .unavailable("The social provider did not answer. Try again shortly.", retryAfterSeconds: 5)
        case .needsReconnect(_, let platform, _):
            return .conflict(
                code: "needs_reconnect",
                message: "The \(platform ?? "social") account must be connected again at the provider."
            )
        case .permanent(let code, let message):
            return .providerRejected("The social provider refused: \(message)" + (code.map { " (code \($0))" } ?? ""))
        }
    }
}
