import PulseCore
import PulseSecurity
import Testing

@Suite struct PasswordHasherTests {
    @Test func hashesInPHCFormatWithAtLeastOWASPParameters() async throws {
        let hasher = PasswordHasher()
        let hash = try await hasher.hash("correct horse battery staple")
        let phc = try #require(PHCHash(hash))
        #expect(phc.algorithm == "argon2id")
        #expect(phc.version == 19)
        #expect(!phc.parameters.isWeaker(than: .owaspMinimum))
        #expect(try await hasher.verify("correct horse battery staple", against: hash))
        #expect(try await !hasher.verify("correct horse battery stapler", against: hash))
        #expect(!hasher.needsRehash(hash))
        try await hasher.shutdown()
    }

    @Test func saltsDiffer() async throws {
        let hasher = PasswordHasher()
        let first = try await hasher.hash("the same password")
        let second = try await hasher.hash("the same password")
        #expect(first != second)
        try await hasher.shutdown()
    }

    @Test func weakerStoredHashesAreVerifiedAndFlaggedForRehash() async throws {
        let weak = PasswordHasher(parameters: Argon2Parameters(memoryKiB: 4096, iterations: 1, parallelism: 1))
        let hash = try await weak.hash("upgrade me please")
        let strong = PasswordHasher()
        #expect(try await strong.verify("upgrade me please", against: hash))
        #expect(strong.needsRehash(hash))
        try await weak.shutdown()
        try await strong.shutdown()
    }

    @Test func malformedStoredHashesNeverMatch() async throws {
        let hasher = PasswordHasher()
        #expect(try await !hasher.verify("anything at all", against: "not a hash"))
        #expect(try await !hasher.verify("anything at all", against: "$argon2id$v=19$m=19456,t=2,p=1$AAAA$BBBB"))
        try await hasher.shutdown()
    }

    @Test func floodsBeyondTheQueueAreRefusedNotQueuedForever() async throws {
        let hasher = PasswordHasher(threads: 1, maximumQueued: 2)
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<12 {
                group.addTask { (try? await hasher.hash("password number \(index)")) != nil }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.contains(true))
        #expect(outcomes.contains(false))
        try await hasher.shutdown()
    }
}

@Suite struct RefreshTokenTests {
    @Test func tokensAreRandomAndOnlyTheirHashIsKept() {
        let (first, firstHash) = RefreshTokens.make()
        let (second, _) = RefreshTokens.make()
        #expect(first != second)
        #expect(first.utf8.count == 43)
        #expect(RefreshTokens.hashIfWellFormed(first) == firstHash)
        #expect(firstHash.count == 32)
    }

    @Test(arguments: ["", "short", String(repeating: "a", count: 44), String(repeating: "+", count: 43)])
    func malformedTokensAreRejectedBeforeAnyLookup(token: String) {
        #expect(RefreshTokens.hashIfWellFormed(token) == nil)
    }

    @Test func base64URLRoundTrips() {
        for length in 0..<40 {
            let bytes = RandomToken.bytes(length)
            let text = Base64URL.encode(bytes)
            #expect(!text.contains("=") && !text.contains("+") && !text.contains("/"))
            #expect(Base64URL.decode(text) == bytes)
        }
        #expect(Base64URL.decode("a") == nil)
        #expect(Base64URL.decode("ab+c") == nil)
    }

    @Test func fingerprintsAreKeyed() {
        let body = Array(#"{"password":"hunter2hunter2"}"#.utf8)
        let one = RequestFingerprint(secret: Secret("first-secret-first-secret-first-secret"))
        let two = RequestFingerprint(secret: Secret("second-secret-second-secret-second-secret"))
        #expect(one(body) == one(body))
        #expect(one(body) != two(body))
        #expect(one(body) != one(body + [32]))
    }
}
