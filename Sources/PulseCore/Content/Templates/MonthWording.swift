/// Words for a month that read true in either hemisphere: its name and where it sits in the
/// year, never its season or weather.
enum MonthWording {
    static let names = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    /// Where the month sits in the calendar year, used as "With {monthPhrase} here, …".
    static let phrases = [
        "the start of a new year", "the shortest month of the year", "the end of the first quarter",
        "the start of the second quarter", "the run-up to the middle of the year", "the middle of the year",
        "the start of the second half of the year", "the second half of the year", "the final four months of the year",
        "the last quarter of the year", "the run-up to the end of the year", "the end of the year",
    ]

    /// "December" for month 12.
    static func name(_ month: Int) -> String {
        Self.names[(month - 1 + 12) % 12]
    }

    /// The name of the month after `month` ("January" after December).
    static func nameAfter(_ month: Int) -> String {
        Self.name(month % 12 + 1)
    }

    static func phrase(_ month: Int) -> String {
        Self.phrases[(month - 1 + 12) % 12]
    }
}

extension YearMonth {
    /// The month's English name ("December"), as posts and prompts write it.
    public var monthName: String {
        MonthWording.name(self.month)
    }
}
