import PulseCore
import Testing

@Suite struct AccountProfileRulesTests {
    @Test func namesAreTrimmedAndBounded() throws {
        #expect(try AccountProfileRules.name("  Kiwi Bakery ").get() == "Kiwi Bakery")
        #expect((try? AccountProfileRules.name("   ").get()) == nil)
        #expect((try? AccountProfileRules.name(String(repeating: "n", count: 121)).get()) == nil)
        #expect((try? AccountProfileRules.name("bad\u{7}name").get()) == nil)
        #expect(try AccountProfileRules.name("'; DROP TABLE accounts; --").get() == "'; DROP TABLE accounts; --")
    }

    @Test func onlyIANATimezones() throws {
        #expect(try AccountProfileRules.timezone("Pacific/Auckland").get() == "Pacific/Auckland")
        #expect(try AccountProfileRules.timezone("America/New_York").get() == "America/New_York")
        #expect(try AccountProfileRules.timezone("UTC").get() == "UTC")
        for bad in ["", "Mars/Olympus", "GMT+5", "NZST", "pacific/auckland"] {
            #expect((try? AccountProfileRules.timezone(bad).get()) == nil, "\(bad)")
        }
    }

    @Test func websitesAreHTTP() throws {
        #expect(try AccountProfileRules.websiteURL("https://kiwi.example/").get() == "https://kiwi.example/")
        for bad in ["kiwi.example", "ftp://kiwi.example", "javascript:alert(1)", "https://", "http:// spaced.example"] {
            #expect((try? AccountProfileRules.websiteURL(bad).get()) == nil, "\(bad)")
        }
    }

    @Test func errorsMapToStatusAndCode() {
        #expect(PulseError.notFound.status == 404)
        #expect(PulseError.invalid("email", "is required").status == 422)
        #expect(PulseError.invalid("email", "is required").fieldIssues == [FieldIssue(field: "email", message: "is required")])
        #expect(PulseError.rateLimited(retryAfterSeconds: 30).retryAfterSeconds == 30)
        #expect(PulseError.conflict(code: "last_owner", message: "x").code == "last_owner")
        #expect(PulseError.invalidCredentials.code == "invalid_credentials")
    }
}
