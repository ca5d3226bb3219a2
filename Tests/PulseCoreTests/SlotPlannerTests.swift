import Foundation
import PulseCore
import Testing

@Suite struct LocalTimeTests {
    static func utc(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text)!
    }

    static func instant(_ zone: String, _ y: Int, _ m: Int, _ d: Int, _ h: Int, _ min: Int) -> Date? {
        LocalTime.instant(year: y, month: m, day: d, hour: h, minute: min, in: TimeZone(identifier: zone)!)
    }

    @Test func ordinaryTimesUseTheOffsetInForce() {
        #expect(Self.instant("Pacific/Auckland", 2026, 12, 1, 8, 30) == Self.utc("2026-11-30T19:30:00Z"))  // NZDT +13
        #expect(Self.instant("Pacific/Auckland", 2026, 6, 1, 8, 30) == Self.utc("2026-05-31T20:30:00Z"))  // NZST +12
        #expect(Self.instant("UTC", 2026, 6, 1, 8, 30) == Self.utc("2026-06-01T08:30:00Z"))
    }

    /// Clocks jump forward: the missing local time moves to the first valid instant.
    @Test(arguments: [
        ("Pacific/Auckland", 2026, 9, 27, "2026-09-26T14:00:00Z"),  // 02:00 NZST → 03:00 NZDT
        ("Europe/Berlin", 2026, 3, 29, "2026-03-29T01:00:00Z"),  // 02:00 CET → 03:00 CEST
        ("America/New_York", 2026, 3, 8, "2026-03-08T07:00:00Z"),  // 02:00 EST → 03:00 EDT
    ])
    func missingLocalTimesMoveForward(zone: String, year: Int, month: Int, day: Int, expected: String) {
        #expect(Self.instant(zone, year, month, day, 2, 30) == Self.utc(expected))
    }

    /// Clocks go back: the repeated local time takes its first occurrence.
    @Test(arguments: [
        ("Pacific/Auckland", 2026, 4, 5, 2, "2026-04-04T13:30:00Z"),  // 02:30 NZDT, not NZST
        ("Europe/Berlin", 2026, 10, 25, 2, "2026-10-25T00:30:00Z"),  // 02:30 CEST, not CET
        ("America/New_York", 2026, 11, 1, 1, "2026-11-01T05:30:00Z"),  // 01:30 EDT, not EST
    ])
    func repeatedLocalTimesTakeTheFirst(zone: String, year: Int, month: Int, day: Int, hour: Int, expected: String) {
        #expect(Self.instant(zone, year, month, day, hour, 30) == Self.utc(expected))
    }
}

@Suite struct SlotPlannerTests {
    static let account = UUID(uuidString: "6f1c0a52-0d7e-4a0e-9c55-2b1f4e0c9a11")!
    static let longAgo = LocalTimeTests.utc("2020-01-01T00:00:00Z")

    /// Local date parts and minute of day of `date` in `zone`.
    static func local(_ date: Date, _ zone: TimeZone) -> (year: Int, month: Int, isoWeekday: Int, minute: Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .weekday, .hour, .minute], from: date)
        return (parts.year!, parts.month!, (parts.weekday! + 5) % 7 + 1, parts.hour! * 60 + parts.minute!)
    }

    static func rule(_ frequency: PostingFrequency, _ days: [Int], _ window: TimeWindow) -> PostingRule {
        try! PostingRule.make(frequency: frequency.rawValue, daysOfWeek: days, timeWindow: window.rawValue).get()
    }

    static func combinations(_ count: Int) -> [[Int]] {
        func pick(_ start: Int, _ left: Int) -> [[Int]] {
            guard left > 0 else { return [[]] }
            return (start...7).flatMap { day in day + left - 1 <= 7 ? pick(day + 1, left - 1).map { [day] + $0 } : [] }
        }
        return pick(1, count)
    }

    @Test(arguments: TimeWindow.allCases)
    func everyRuleCombinationLandsOnItsDaysInsideItsWindow(window: TimeWindow) throws {
        let zone = try #require(TimeZone(identifier: "Pacific/Auckland"))
        let month = try #require(YearMonth("2026-12"))
        for frequency in PostingFrequency.allCases {
            for days in Self.combinations(frequency.daysPerWeek) {
                let rule = Self.rule(frequency, days, window)
                let slots = SlotPlanner.slots(for: rule, month: month, timeZone: zone, accountId: Self.account, now: Self.longAgo)
                // December 2026 starts on a Tuesday: every weekday occurs 4 or 5 times.
                let expected = days.map { [2, 3, 4].contains($0) ? 5 : 4 }.reduce(0, +)
                #expect(slots.count == expected, "\(frequency) \(days) \(window)")
                #expect(slots == slots.sorted())
                for slot in slots {
                    let local = Self.local(slot, zone)
                    #expect(local.year == 2026 && local.month == 12)
                    #expect(days.contains(local.isoWeekday))
                    #expect((window.startMinute..<window.endMinute).contains(local.minute))
                }
            }
        }
    }

    @Test func timesAreStablePerAccountAndSpreadAcrossAccounts() throws {
        let zone = try #require(TimeZone(identifier: "Europe/Berlin"))
        let month = try #require(YearMonth("2026-07"))
        let rule = Self.rule(.threeWeekly, [1, 3, 5], .morning)
        let first = SlotPlanner.slots(for: rule, month: month, timeZone: zone, accountId: Self.account, now: Self.longAgo)
        #expect(first == SlotPlanner.slots(for: rule, month: month, timeZone: zone, accountId: Self.account, now: Self.longAgo))
        let minutes = Set((0..<50).map { _ in
            Self.local(SlotPlanner.slots(for: rule, month: month, timeZone: zone, accountId: UUID(), now: Self.longAgo)[0], zone).minute
        })
        #expect(minutes.count > 20)
    }

    @Test func accountsSharingAMinuteAreSpreadOverItsSeconds() throws {
        let zone = try #require(TimeZone(identifier: "Pacific/Auckland"))
        let month = try #require(YearMonth("2026-09"))
        let rule = Self.rule(.twiceWeekly, [2, 4], .evening)
        let slots = (0..<200).map { _ in SlotPlanner.slots(for: rule, month: month, timeZone: zone, accountId: UUID(), now: Self.longAgo)[0] }
        let seconds = slots.map { Int($0.timeIntervalSince1970.rounded()) % 60 }
        // Whole seconds, spread over the minute, and stable for one account.
        #expect(slots.allSatisfy { $0.timeIntervalSince1970 == $0.timeIntervalSince1970.rounded() })
        #expect(Set(seconds).count > 40)
        let again = SlotPlanner.slots(for: rule, month: month, timeZone: zone, accountId: Self.account, now: Self.longAgo)
        #expect(again == SlotPlanner.slots(for: rule, month: month, timeZone: zone, accountId: Self.account, now: Self.longAgo))
    }

    @Test(arguments: [
        // Auckland: DST starts 27 Sep, ends 5 Apr. Slots keep their local time; their offset changes.
        ("Pacific/Auckland", "2026-09", "2026-09-26T14:00:00Z", 12 * 3600, 13 * 3600),
        ("Pacific/Auckland", "2026-04", "2026-04-04T14:00:00Z", 13 * 3600, 12 * 3600),
        ("Europe/Berlin", "2026-03", "2026-03-29T01:00:00Z", 3600, 7200),
        ("Europe/Berlin", "2026-10", "2026-10-25T01:00:00Z", 7200, 3600),
        ("America/New_York", "2026-03", "2026-03-08T07:00:00Z", -5 * 3600, -4 * 3600),
        ("America/New_York", "2026-11", "2026-11-01T06:00:00Z", -4 * 3600, -5 * 3600),
    ])
    func daylightSavingChangesTheOffsetNotTheLocalTime(zone: String, month: String, switchAt: String, before: Int, after: Int) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        let boundary = LocalTimeTests.utc(switchAt)
        // The expected instant is the timezone database's own transition.
        #expect(timeZone.nextDaylightSavingTimeTransition(after: boundary.addingTimeInterval(-86_400)) == boundary)
        let rule = Self.rule(.threeWeekly, [1, 4, 7], .morning)
        let slots = SlotPlanner.slots(
            for: rule, month: try #require(YearMonth(month)), timeZone: timeZone, accountId: Self.account, now: Self.longAgo
        )
        #expect(slots.contains { $0 > boundary })
        for slot in slots {
            #expect(timeZone.secondsFromGMT(for: slot) == (slot < boundary ? before : after))
            #expect((TimeWindow.morning.startMinute..<TimeWindow.morning.endMinute).contains(Self.local(slot, timeZone).minute))
        }
        // Where the month has slots on both sides, both offsets are used.
        if slots.contains(where: { $0 < boundary }) {
            #expect(Set(slots.map { timeZone.secondsFromGMT(for: $0) }) == [before, after])
        }
    }

    @Test func monthsFollowTheLocalCalendarNotUTC() throws {
        // 1 April 08:00 in Auckland is still 31 March in UTC; it belongs to April.
        let zone = try #require(TimeZone(identifier: "Pacific/Auckland"))
        let rule = Self.rule(.twiceWeekly, [2, 3], .morning)  // Tue 31 Mar, Wed 1 Apr 2026
        let march = SlotPlanner.slots(for: rule, month: try #require(YearMonth("2026-03")), timeZone: zone, accountId: Self.account, now: Self.longAgo)
        let april = SlotPlanner.slots(for: rule, month: try #require(YearMonth("2026-04")), timeZone: zone, accountId: Self.account, now: Self.longAgo)
        #expect(march.allSatisfy { Self.local($0, zone).month == 3 })
        #expect(april.allSatisfy { Self.local($0, zone).month == 4 })
        #expect(march.contains { Self.local($0, zone).isoWeekday == 2 && Calendar(identifier: .gregorian).component(.day, from: $0) == 30 })
        #expect(Set(march).isDisjoint(with: Set(april)))
    }

    @Test func slotsTooSoonOrPastAreSkipped() throws {
        let zone = try #require(TimeZone(identifier: "UTC"))
        let month = try #require(YearMonth("2026-12"))
        let rule = Self.rule(.twiceWeekly, [1, 4], .afternoon)
        let all = SlotPlanner.slots(for: rule, month: month, timeZone: zone, accountId: Self.account, now: Self.longAgo)
        let third = all[2]
        let justTooLate = SlotPlanner.slots(for: rule, month: month, timeZone: zone, accountId: Self.account, now: third.addingTimeInterval(-9 * 60))
        #expect(justTooLate.first == all[3])
        let inTime = SlotPlanner.slots(for: rule, month: month, timeZone: zone, accountId: Self.account, now: third.addingTimeInterval(-10 * 60))
        #expect(inTime.first == third)
        let custom = SlotPlanner.slots(
            for: rule, month: month, timeZone: zone, accountId: Self.account, now: third.addingTimeInterval(-3600), leadTime: .seconds(7200)
        )
        #expect(custom.first == all[3])
        #expect(SlotPlanner.slots(for: rule, month: month, timeZone: zone, accountId: Self.account, now: all.last!.addingTimeInterval(1)).isEmpty)
    }
}

@Suite struct PostingRuleTests {
    @Test func validRulesAreNormalised() throws {
        let rule = try PostingRule.make(frequency: "THREE_WEEKLY", daysOfWeek: [5, 1, 3], timeWindow: "EVENING").get()
        #expect(rule.daysOfWeek == [1, 3, 5])
        #expect(rule.frequency.daysPerWeek == 3)
    }

    @Test(arguments: [
        ("TWICE_WEEKLY", [1, 2, 3], "MORNING", ["daysOfWeek"]),
        ("THREE_WEEKLY", [1, 2], "MORNING", ["daysOfWeek"]),
        ("TWICE_WEEKLY", [1, 1], "MORNING", ["daysOfWeek"]),
        ("TWICE_WEEKLY", [0, 8], "MORNING", ["daysOfWeek"]),
        ("DAILY", [1, 2], "NIGHT", ["frequency", "timeWindow"]),
    ])
    func invalidRulesNameTheirFields(frequency: String, days: [Int], window: String, fields: [String]) {
        guard case .failure(let error) = PostingRule.make(frequency: frequency, daysOfWeek: days, timeWindow: window) else {
            Issue.record("expected a validation error")
            return
        }
        #expect(error.status == 422)
        #expect(error.fieldIssues?.map(\.field) == fields)
    }

    @Test func monthsParseStrictly() {
        #expect(YearMonth("2026-12")?.description == "2026-12")
        for bad in ["2026-13", "2026-1", "26-12", "2026/12", "2026-12-01", "", "abcd-ef", "1999-01"] {
            #expect(YearMonth(bad) == nil, "\(bad)")
        }
    }
}
