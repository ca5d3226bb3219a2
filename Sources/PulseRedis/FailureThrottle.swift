/// The answer of a ``FailureThrottle`` for one key.
public enum ThrottleDecision: Sendable, Equatable {
    /// The attempt may proceed.
    case allowed
    /// Too many recent failures; try again after this many seconds (at least 1).
    case blocked(retryAfterSeconds: Int)
}

/// Counts failed attempts per key (for example a hashed login e-mail) and blocks further
/// attempts once too many happened within a window.
public protocol FailureThrottle: Sendable {
    /// Counts one attempt for `key` and says whether it may proceed, in one atomic step, so that
    /// concurrent attempts cannot all pass a check before any of them is counted. The attempt
    /// that takes the count past `limit`, and every later one in the window, is blocked. Call
    /// ``reset(_:)`` after a success; a failure needs nothing more.
    func attempt(_ key: String) async -> ThrottleDecision
    /// Whether another attempt for `key` may proceed now.
    func check(_ key: String) async -> ThrottleDecision
    /// Records one failed attempt for `key`.
    func recordFailure(_ key: String) async
    /// Forgets the failures of `key` (after a success).
    func reset(_ key: String) async
}

/// How many failures are tolerated, and for how long they are remembered.
///
/// The window is fixed and starts at the first failure; once `limit` failures fall inside it,
/// attempts are blocked until it ends, and then everything is forgotten, so nobody is ever
/// locked out for good.
public struct ThrottlePolicy: Sendable, Equatable {
    /// Failures allowed within one window; the attempt after the last allowed one is blocked.
    public var limit: Int
    /// Length of the window, measured from the first failure.
    public var window: Duration

    /// Creates a policy; defaults to 10 failures per 15 minutes.
    public init(limit: Int = 10, window: Duration = .seconds(15 * 60)) {
        self.limit = limit
        self.window = window
    }

    /// The window in whole milliseconds (at least 1), as Redis `PEXPIRE` wants it.
    var windowMilliseconds: Int64 {
        let (seconds, attoseconds) = self.window.components
        let milliseconds = seconds.multipliedReportingOverflow(by: 1000)
        guard !milliseconds.overflow else {
            return Int64.max
        }
        return max(1, milliseconds.partialValue + attoseconds / 1_000_000_000_000_000)
    }

    /// Whole seconds to wait for a remaining duration, rounded up and never below 1.
    static func retryAfterSeconds(_ remaining: Duration) -> Int {
        let (seconds, attoseconds) = remaining.components
        let rounded = seconds + (attoseconds > 0 ? 1 : 0)
        return Int(clamping: max(1, rounded))
    }
}
