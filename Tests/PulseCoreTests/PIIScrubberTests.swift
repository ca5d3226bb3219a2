import PulseCore
import Testing

/// An input and what scrubbing must turn it into.
struct ScrubCase: Sendable, CustomTestStringConvertible {
    let input: String
    let expected: String

    init(_ input: String, _ expected: String) {
        self.input = input
        self.expected = expected
    }

    var testDescription: String { self.input }
}

@Suite struct PIIScrubberTests {
    static let briefNote = """
        Call Sarah on 021 555 0199 or email sarah.jones+promo@kiwi-cafe.co.nz, we're at 12 Ponsonby Rd, Auckland. \
        Open 7am–3pm, flat whites $5.50 until 31/12/2026.
        """

    static let emails: [ScrubCase] = [
        ScrubCase("Email sarah@kiwicafe.nz today", "Email [email] today"),
        ScrubCase("sarah.jones+promo@kiwi-cafe.co.nz", "[email]"),
        ScrubCase("Bookings: bookings@mail.kiwi-cafe.co.nz.", "Bookings: [email]."),
        ScrubCase("Questions (orders@beach-house.com.au) welcome", "Questions ([email]) welcome"),
        ScrubCase("Write to Ana_Lee99@example.org, or call.", "Write to [email], or call."),
        ScrubCase("<info@cafe.io>", "<[email]>"),
        ScrubCase("mailto:team@cafe.io", "mailto:[email]"),
        ScrubCase("Email JOE.BLOGGS@EXAMPLE.COM!", "Email [email]!"),
        ScrubCase("a@b.co and c.d@e.f.org", "[email] and [email]"),
        ScrubCase("☕️ Email ana@café.nz 🎉", "☕️ Email [email] 🎉"),
    ]

    static let phones: [ScrubCase] = [
        // New Zealand
        "+64 21 123 4567", "021 123 4567", "(09) 123 4567", "+64 9 123 4567", "0800 123 456", "+64 (0)21 123 4567",
        "021-123-4567", "0211234567", "(+64) 21 123 4567", "0064 21 123 4567",
        // Australia
        "+61 412 345 678", "+61 4 1234 5678", "(02) 9123 4567", "0412 345 678", "1300 123 456",
        // United States and Canada
        "(415) 555-0132", "+1 415-555-0132", "415.555.0132", "415-555-0132", "1-800-555-0199", "+1 (415) 555-0132",
        // United Kingdom
        "+44 20 7946 0958", "07700 900123", "020 7946 0958", "+447700900123",
        // Germany
        "+49 30 123456", "030 123456", "+49 (0)30 1234 5678",
        // France
        "+33 1 23 45 67 89", "01 23 45 67 89",
        // Thailand
        "+66 2 123 4567", "081-234-5678", "02 123 4567",
        // India
        "+91 98765 43210", "98765 43210",
    ].map { ScrubCase("Call \($0) today.", "Call [phone] today.") }

    static let addresses: [ScrubCase] = [
        ScrubCase("We're at 12 Ponsonby Rd, Auckland.", "We're at [address], Auckland."),
        ScrubCase("Unit 4/12 Queen Street", "[address]"),
        ScrubCase("Flat 2, 10 High St is the place", "[address] is the place"),
        ScrubCase("Find us at 3/45 Mt Eden Road.", "Find us at [address]."),
        ScrubCase("Apt 5, 200 Fifth Avenue, New York", "[address], New York"),
        ScrubCase("45 Queen St, Apt 5", "[address]"),
        ScrubCase("10 Downing St.", "[address]."),
        ScrubCase("Visit 221B Baker Street.", "Visit [address]."),
        ScrubCase("22 St Heliers Bay Rd", "[address]"),
        ScrubCase("12-14 Wharf Pl", "[address]"),
        ScrubCase("88 Bay of Islands Hwy", "[address]"),
        ScrubCase("101 Collins St Melbourne", "[address] Melbourne"),
        ScrubCase("1600 Pennsylvania Avenue NW", "[address] NW"),
        ScrubCase("7 Marine Parade, Napier", "[address], Napier"),
        ScrubCase("5 Oriental Tce", "[address]"),
        ScrubCase("9 Kauri Cres", "[address]"),
        ScrubCase("30 Smith Ct", "[address]"),
        ScrubCase("2 Harbour View Dr", "[address]"),
        ScrubCase("14 Great North Road", "[address]"),
        ScrubCase("Level 2, 45 Customs Way", "[address]"),
        ScrubCase("at 12 ponsonby rd", "at [address]"),
        ScrubCase("Post to PO Box 1234, Wellington", "Post to [address], Wellington"),
        ScrubCase("P.O. Box 99", "[address]"),
        ScrubCase("Private Bag 92019", "[address]"),
    ]

    static let cards: [ScrubCase] = [
        ScrubCase("4111 1111 1111 1111", "[card]"),
        ScrubCase("5500-0000-0000-0004", "[card]"),
        ScrubCase("378282246310005", "[card]"),
        ScrubCase("Card 4111111111111111 exp 12/27", "Card [card] exp 12/27"),
        ScrubCase("Amex 3782 822463 10005.", "Amex [card]."),
        ScrubCase("Pay with 4111 1111 1111 1111, thanks", "Pay with [card], thanks"),
    ]

    /// Text that looks numeric or address-like but carries no personal data; scrubbing must leave it alone.
    static let mustNotRedact: [String] = [
        // prices and percentages
        "Flat whites $5.50, bagels $49 or $1,299.00 for the espresso machine.", "NZ$ 25 per person", "20% off everything",
        "20-30% off", "Raised $12,500 for 3 charities", "1,000,000 views", "€1 299 deal",
        // dates and years
        "Sale ends 2026-12-01", "until 01/12/2026", "on 1 December 2026", "from Dec 1st", "since 1998", "in 2026",
        "The 2026 Summer Menu", "Our 3rd birthday on the 12th", "Dates: 01.12.2026 to 15.12.2026", "01 12 2026",
        // opening hours and times
        "Open 9am–5pm", "09:00-17:30", "Mon–Fri 8:30 to 17:00", "open 7am-3pm daily", "Lunch 12:30, coffee 7:15am",
        "Times: 0900-1730", "Open 24/7",
        // quantities and counts
        "3 for 2 on muffins", "only 50 spots left", "buy 2 get 1 free", "a 10 minute drive", "50 cars on the way",
        "a 2 lane highway", "Serves 4, 200g flour, 2 eggs", "Bake at 180 degrees for 25 minutes", "Ages 5–12",
        "Sizes 10 12 14 16", "Sold 4000 cups in 2025", "room for 120 guests, 35 staff", "Score 10/10", "Stage 2 of 3",
        "Tickets 1 2 3 4 5", "Top 5 Coffee Spots on Ponsonby Road", "We have 12 Great Deals", "3 food street stalls",
        "Since 1998 Queen Street has hosted the market", "Call 0800 FLOWERS",
        // versions, references, card-length numbers that fail the Luhn check
        "Version 2.4.1 of our app", "v2.10.3", "ISBN 978-3-16-148410-0", "Invoice 2026-0042", "4111 1111 1111 1112",
        "Ref 1234567890123",
        // words, handles and hashtags
        "Street food festival this Saturday", "We love the street art on K Road", "#streetfood #Auckland2026 #1in2026",
        "Follow @kiwicafe on Instagram", "Call us!", "", "Road trip!", "Drive safe",
    ]

    @Test func briefNoteKeepsEverythingButThePersonalData() {
        #expect(
            PIIScrubber.scrub(Self.briefNote)
                == "Call Sarah on [phone] or email [email], we're at [address], Auckland. Open 7am–3pm, flat whites $5.50 until 31/12/2026."
        )
    }

    @Test func findingsAreInOrderAndCoverTheDatum() {
        let findings = PIIScrubber.findings(in: Self.briefNote)
        #expect(findings.map(\.kind) == [.phone, .email, .address])
        #expect(findings.map { String(Self.briefNote[$0.range]) } == ["021 555 0199", "sarah.jones+promo@kiwi-cafe.co.nz", "12 Ponsonby Rd"])
        for (earlier, later) in zip(findings, findings.dropFirst()) {
            #expect(earlier.range.upperBound <= later.range.lowerBound)
        }
    }

    @Test(arguments: Self.emails) func redactsEmails(_ example: ScrubCase) {
        #expect(PIIScrubber.scrub(example.input) == example.expected)
    }

    @Test(arguments: Self.phones) func redactsPhoneNumbers(_ example: ScrubCase) {
        #expect(PIIScrubber.scrub(example.input) == example.expected)
        #expect(PIIScrubber.findings(in: example.input).map(\.kind) == [.phone])
    }

    @Test(arguments: Self.addresses) func redactsAddresses(_ example: ScrubCase) {
        #expect(PIIScrubber.scrub(example.input) == example.expected)
    }

    @Test(arguments: Self.cards) func redactsLuhnValidCardNumbers(_ example: ScrubCase) {
        #expect(PIIScrubber.scrub(example.input) == example.expected)
    }

    @Test(arguments: Self.mustNotRedact) func leavesOrdinaryTextAlone(_ text: String) {
        #expect(PIIScrubber.findings(in: text).isEmpty)
        #expect(PIIScrubber.scrub(text) == text)
    }

    @Test(arguments: [
        ScrubCase("Call 021 555 0199 12 Ponsonby Rd", "Call [phone] [address]"),
        ScrubCase("Call 09 123 4567 50 spots left", "Call [phone] 50 spots left"),
        ScrubCase("021 555 0199 / 09 123 4567", "[phone] / [phone]"),
        ScrubCase("Phone: 021 555 0199\nEmail: jo@cafe.nz\nAddress: 3/45 Mt Eden Road", "Phone: [phone]\nEmail: [email]\nAddress: [address]"),
        ScrubCase("Card 4111 1111 1111 1111 021 555 0199", "Card [card] [phone]"),
        ScrubCase("0211234567@txt.example.com", "[email]"),
        ScrubCase("Mobile: 027-555-0199; Landline: (03) 477 1234", "Mobile: [phone]; Landline: [phone]"),
        ScrubCase("PO Box 5,021 555 0199", "[address],[phone]"),
        ScrubCase("$49 at 12 Queen St, 9am–5pm, ring (09) 123 4567", "$49 at [address], 9am–5pm, ring [phone]"),
    ]) func separatesNeighbouringData(_ example: ScrubCase) {
        #expect(PIIScrubber.scrub(example.input) == example.expected)
    }

    @Test func scrubIsIdempotent() {
        let corpus = [Self.briefNote] + (Self.emails + Self.phones + Self.addresses + Self.cards).map(\.input) + Self.mustNotRedact
        for text in corpus {
            let once = PIIScrubber.scrub(text)
            #expect(PIIScrubber.scrub(once) == once, "\(text)")
        }
    }

    @Test func placeholdersAreNotFlagged() {
        let placeholders = PIIKind.allCases.map(\.placeholder).joined(separator: " ")
        #expect(placeholders == "[email] [phone] [address] [card]")
        #expect(PIIScrubber.findings(in: placeholders).isEmpty)
        #expect(PIIScrubber.findings(in: "Call [phone] or email [email], at [address]; pay by [card].").isEmpty)
    }
}
