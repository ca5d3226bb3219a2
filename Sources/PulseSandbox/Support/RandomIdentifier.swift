import PulseCore

/// Random identifiers in the forms Ayrshare and the networks use. Always from the system
/// generator, never the seeded one: a fault seed repeats its sequence, identifiers must not.
enum RandomIdentifier {
    private static let alphanumerics = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    private static let upperAlphanumerics = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

    /// Lower-case hex of `bytes` random bytes (a `refId` is 20 bytes).
    static func hex(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) }.hex
    }

    /// Letters and digits, like an Ayrshare post id.
    static func alphanumeric(_ length: Int) -> String {
        Self.pick(length, from: Self.alphanumerics)
    }

    /// A profile key: five groups of seven upper-case letters and digits, long enough to be secret.
    static func profileKey() -> String {
        (0..<5).map { _ in Self.pick(7, from: Self.upperAlphanumerics) }.joined(separator: "-")
    }

    /// A decimal number of exactly `length` digits, like a network's numeric id.
    static func digits(_ length: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let first = String(Int.random(in: 1...9, using: &generator))
        return first + (1..<max(length, 1)).map { _ in String(Int.random(in: 0...9, using: &generator)) }.joined()
    }

    private static func pick(_ length: Int, from alphabet: [Character]) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "0" })
    }
}
