import Logging
import NIOConcurrencyHelpers

/// Logs a warning at most once per interval, so an outage that affects every request does not
/// flood the log with one line per call.
final class RateLimitedWarning: Sendable {
    private struct State {
        var lastLogged: ContinuousClock.Instant?
        var suppressed = 0
    }

    private let interval: Duration
    private let state = NIOLockedValueBox(State())

    init(interval: Duration) {
        self.interval = interval
    }

    func log(_ message: Logger.Message, error: any Error, logger: Logger) {
        let now = ContinuousClock.now
        let interval = self.interval
        let suppressedSinceLast: Int? = self.state.withLockedValue { state in
            if let last = state.lastLogged, now - last < interval {
                state.suppressed += 1
                return nil
            }
            defer { state.suppressed = 0 }
            state.lastLogged = now
            return state.suppressed
        }
        guard let suppressedSinceLast else {
            return
        }
        logger.warning(
            message,
            metadata: [
                "error": "\(error)",
                "suppressedWarnings": "\(suppressedSinceLast)",
            ]
        )
    }
}
