import Foundation

/// Times as Ayrshare writes them: UTC, RFC 3339 with milliseconds, `2026-12-01T19:30:02.125Z`.
/// The milliseconds matter: two webhooks about the same account within one second must not be
/// byte-identical, or a receiver that deduplicates by body would drop the second.
enum Timestamp {
    static func text(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
