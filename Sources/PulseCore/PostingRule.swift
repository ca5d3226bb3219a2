/// How often an account posts.
public enum PostingFrequency: String, Sendable, Codable, CaseIterable {
    case twiceWeekly = "TWICE_WEEKLY"
    case threeWeekly = "THREE_WEEKLY"

    /// How many days of the week the rule must name.
    public var daysPerWeek: Int {
        switch self {
        case .twiceWeekly: 2
        case .threeWeekly: 3
        }
    }
}

/// The part of the day posts go out, in the account's local time: [start, end).
public enum TimeWindow: String, Sendable, Codable, CaseIterable {
    case morning = "MORNING"
    case afternoon = "AFTERNOON"
    case evening = "EVENING"

    /// Minutes after local midnight where the window opens.
    public var startMinute: Int {
        switch self {
        case .morning: 8 * 60
        case .afternoon: 12 * 60
        case .evening: 17 * 60
        }
    }

    /// Minutes after local midnight where the window closes (exclusive).
    public var endMinute: Int {
        switch self {
        case .morning: 11 * 60
        case .afternoon: 16 * 60
        case .evening: 20 * 60
        }
    }
}

/// An account's posting rule: how often, on which ISO weekdays (Monday = 1), and when in the day.
public struct PostingRule: Sendable, Equatable {
    public let frequency: PostingFrequency
    /// Sorted, distinct ISO weekdays, as many as the frequency says.
    public let daysOfWeek: [Int]
    public let timeWindow: TimeWindow

    /// A valid rule, or the reasons it is not one (422 details).
    public static func make(frequency: String, daysOfWeek: [Int], timeWindow: String) -> Result<PostingRule, PulseError> {
        var issues: [FieldIssue] = []
        let parsedFrequency = PostingFrequency(rawValue: frequency)
        if parsedFrequency == nil {
            issues.append(FieldIssue(field: "frequency", message: "must be TWICE_WEEKLY or THREE_WEEKLY"))
        }
        let parsedWindow = TimeWindow(rawValue: timeWindow)
        if parsedWindow == nil {
            issues.append(FieldIssue(field: "timeWindow", message: "must be MORNING (08:00–11:00), AFTERNOON (12:00–16:00) or EVENING (17:00–20:00)"))
        }
        let days = Array(Set(daysOfWeek)).sorted()
        if daysOfWeek.contains(where: { !(1...7).contains($0) }) {
            issues.append(FieldIssue(field: "daysOfWeek", message: "must be ISO weekdays from 1 (Monday) to 7 (Sunday)"))
        } else if days.count != daysOfWeek.count {
            issues.append(FieldIssue(field: "daysOfWeek", message: "must not repeat a day"))
        } else if let parsedFrequency, days.count != parsedFrequency.daysPerWeek {
            issues.append(
                FieldIssue(field: "daysOfWeek", message: "must name exactly \(parsedFrequency.daysPerWeek) days for \(parsedFrequency.rawValue)")
            )
        }
        guard issues.isEmpty, let parsedFrequency, let parsedWindow else { return .failure(.validation(issues)) }
        return .success(PostingRule(frequency: parsedFrequency, daysOfWeek: days, timeWindow: parsedWindow))
    }

    /// A rule already known to be valid (read back from storage).
    public init(frequency: PostingFrequency, daysOfWeek: [Int], timeWindow: TimeWindow) {
        self.frequency = frequency
        self.daysOfWeek = daysOfWeek
        self.timeWindow = timeWindow
    }
}
