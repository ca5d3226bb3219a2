import Foundation

/// Turns a local wall-clock time in a timezone into one instant, with daylight saving handled
/// explicitly rather than left to whatever `Calendar` happens to do:
///
/// - a local time that does not exist (clocks jump forward over it) moves forward to the first
///   valid instant, the moment the clocks jump;
/// - a local time that exists twice (clocks go back over it) takes the first occurrence.
public enum LocalTime {
    /// The instant of `year-month-day hour:minute` local time in `timeZone`.
    public static func instant(year: Int, month: Int, day: Int, hour: Int, minute: Int, in timeZone: TimeZone) -> Date? {
        var utc = Calendar(identifier: .gregorian)
        guard let gmt = TimeZone(identifier: "UTC") else { return nil }
        utc.timeZone = gmt
        // The wall-clock time read as if it were UTC; an offset turns it into a real instant.
        guard let wall = utc.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute)) else {
            return nil
        }
        // Offsets in force a day either side cover any transition near this time.
        let offsets = Set([-86_400.0, 0, 86_400.0].map { timeZone.secondsFromGMT(for: wall.addingTimeInterval($0)) })
        let valid = offsets.map { wall.addingTimeInterval(-Double($0)) }
            .filter { timeZone.secondsFromGMT(for: $0) == Int(wall.timeIntervalSince($0)) }
        if let first = valid.min() {
            return first
        }
        // In the gap: the first valid instant is the transition itself.
        let earliest = wall.addingTimeInterval(-Double(offsets.max() ?? 0))
        return timeZone.nextDaylightSavingTimeTransition(after: earliest.addingTimeInterval(-1))
    }
}
