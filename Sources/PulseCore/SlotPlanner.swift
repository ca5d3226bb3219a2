import Foundation

/// Where a month's posts go: the rule's weekdays in the account's local calendar, at a time in
/// the window that is stable for the account and the day (so accounts spread over the window
/// instead of all firing at its start, and over the seconds of a shared minute), as UTC instants.
public enum SlotPlanner {
    /// The default shortest notice: a slot sooner than this is skipped.
    public static let defaultLeadTime: Duration = .seconds(10 * 60)

    /// The slots of `month`, in time order, that are at least `leadTime` after `now`.
    public static func slots(
        for rule: PostingRule, month: YearMonth, timeZone: TimeZone, accountId: UUID, now: Date,
        leadTime: Duration = Self.defaultLeadTime
    ) -> [Date] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        guard let first = calendar.date(from: DateComponents(year: month.year, month: month.month, day: 1, hour: 12)),
            let days = calendar.range(of: .day, in: .month, for: first)
        else { return [] }
        let earliest = now.addingTimeInterval(Double(leadTime.components.seconds))
        var slots: [Date] = []
        for day in days {
            guard let noon = calendar.date(from: DateComponents(year: month.year, month: month.month, day: day, hour: 12)) else { continue }
            // Calendar weekdays are Sunday = 1 … Saturday = 7; ISO is Monday = 1 … Sunday = 7.
            let isoWeekday = (calendar.component(.weekday, from: noon) + 5) % 7 + 1
            guard rule.daysOfWeek.contains(isoWeekday) else { continue }
            let minute = Self.minuteOfDay(in: rule.timeWindow, accountId: accountId, year: month.year, month: month.month, day: day)
            guard let start = LocalTime.instant(
                year: month.year, month: month.month, day: day, hour: minute / 60, minute: minute % 60, in: timeZone
            ) else { continue }
            // A stable second within the minute too: accounts that share a minute are spread over
            // it rather than all due at :00, which is what keeps a busy minute's dispatch on time.
            let slot = start.addingTimeInterval(Double(Self.secondOfMinute(accountId: accountId, year: month.year, month: month.month, day: day)))
            guard slot >= earliest else { continue }
            slots.append(slot)
        }
        return slots
    }

    /// A minute inside the window, the same every time for this account and date.
    static func minuteOfDay(in window: TimeWindow, accountId: UUID, year: Int, month: Int, day: Int) -> Int {
        let span = window.endMinute - window.startMinute
        let seed = "\(accountId.text)|\(year)-\(month)-\(day)"
        return window.startMinute + Int(Self.fnv1a(seed) % UInt64(span))
    }

    /// A second of the minute, the same every time for this account and date.
    static func secondOfMinute(accountId: UUID, year: Int, month: Int, day: Int) -> Int {
        Int(Self.fnv1a("\(accountId.text)|\(year)-\(month)-\(day)|second") % 60)
    }

    /// FNV-1a: a small, fixed hash (Swift's `Hasher` is seeded per process, so it would move slots).
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
