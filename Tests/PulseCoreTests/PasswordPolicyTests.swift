import PulseCore
import Testing

@Suite struct PasswordPolicyTests {
    @Test(arguments: ["", "short", "elevenchars"])
    func tooShortIsRefused(password: String) {
        #expect(PasswordPolicy.issue(with: password)?.message == "must be at least 12 characters")
    }

    @Test func boundariesAreInclusive() {
        #expect(PasswordPolicy.issue(with: String(repeating: "a", count: 12)) == nil)
        #expect(PasswordPolicy.issue(with: String(repeating: "a", count: 128)) == nil)
        #expect(PasswordPolicy.issue(with: String(repeating: "a", count: 129))?.message == "must be at most 128 characters")
    }

    @Test func lengthCountsCharactersNotBytes() {
        // 12 non-ASCII characters are 24+ bytes but a valid length.
        #expect(PasswordPolicy.issue(with: String(repeating: "é", count: 12)) == nil)
        #expect(PasswordPolicy.issue(with: String(repeating: "ü", count: 11)) != nil)
    }

    @Test func nulIsRefusedAndFieldIsNamed() {
        let issue = PasswordPolicy.issue(with: "abcdefghijkl\u{0}", field: "newPassword")
        #expect(issue?.field == "newPassword")
    }
}

@Suite struct EmailAddressTests {
    @Test func normalisesCaseAndWhitespace() throws {
        let email = try #require(EmailAddress("  Alice.Smith@Example.COM \n"))
        #expect(email.value == "alice.smith@example.com")
        #expect(EmailAddress("ALICE.smith@example.com") == email)
    }

    @Test(arguments: [
        "", "plain", "@example.com", "a@", "a@b", "a@@b.com", "a b@c.com", "a@b..com", "a@.b.com", "a@b.com.",
        "<a@b.com>", "a,b@c.com", String(repeating: "x", count: 65) + "@example.com", "a@b.com\u{0}",
    ])
    func refusesImplausibleAddresses(raw: String) {
        #expect(EmailAddress(raw) == nil)
    }

    @Test func acceptsCommonForms() {
        #expect(EmailAddress("first.last+tag@sub.example.co.nz") != nil)
        #expect(EmailAddress("o'brien@example.ie") != nil)
    }
}
