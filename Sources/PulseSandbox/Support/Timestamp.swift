import Foundation

/// Times as Ayrshare writes them: UTC, whole seconds, `2026-12-01T19:30:02Z`.
enum Timestamp {
    static func text(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
