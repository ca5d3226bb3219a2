import Foundation

/// Times as Ayrshare writes them and as audit metadata stores them: UTC, RFC 3339 with
/// milliseconds, `2026-12-01T19:30:02.125Z`. The milliseconds matter: two webhooks about the same
/// account within one second must not be byte-identical, or a receiver that deduplicates by body
/// would drop the second.
public enum Timestamp {
    public static func text(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    /// An RFC 3339 time with or without fractional seconds, with `Z` or an offset; nil otherwise.
    public static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
