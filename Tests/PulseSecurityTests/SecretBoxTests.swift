import Foundation
import PulseCore
import PulseSecurity
import Testing

@Suite struct SecretBoxTests {
    static let old = EncryptionKey(id: "k1", material: Array(repeating: 1, count: 32))
    static let new = EncryptionKey(id: "k2", material: Array(repeating: 2, count: 32))

    @Test func sealsUnderTheCurrentKeyAndOpensUnderAnyKnownOne() throws {
        let before = SecretBox(keys: [Self.old])
        let sealed = try before.seal("profile-key-123", context: "acct-1")
        #expect(sealed.keyID == "k1")
        #expect(!sealed.combined.contains(Data("profile-key-123".utf8)))
        // After rotation the old key still opens what it sealed; new secrets use the new key.
        let after = SecretBox(keys: [Self.new, Self.old])
        #expect(try after.open(sealed, context: "acct-1").value == "profile-key-123")
        #expect(try after.seal("x", context: "acct-1").keyID == "k2")
        #expect(throws: SecretBox.Failure.unknownKey("k1")) { try SecretBox(keys: [Self.new]).open(sealed, context: "acct-1") }
    }

    @Test func theContextAndTheBytesAreAuthenticated() throws {
        let box = SecretBox(keys: [Self.old])
        let sealed = try box.seal("secret", context: "acct-1")
        #expect(throws: SecretBox.Failure.corrupted) { try box.open(sealed, context: "acct-2") }
        var tampered = sealed.combined
        tampered[tampered.count - 1] ^= 1
        #expect(throws: SecretBox.Failure.corrupted) { try box.open(SecretBox.Sealed(keyID: "k1", combined: tampered), context: "acct-1") }
        #expect(try box.seal("secret", context: "acct-1").combined != sealed.combined)
    }
}
