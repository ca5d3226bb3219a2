import PulseCore
import Testing

@Suite struct PHCHashTests {
    let sample = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$3Wv0SNWpZRpHCY4C1y1jD4WFJ7JGz8k7bWFO2l9mU1s"

    @Test func parsesArgon2idStrings() throws {
        let phc = try #require(PHCHash(self.sample))
        #expect(phc.algorithm == "argon2id")
        #expect(phc.version == 19)
        #expect(phc.parameters == Argon2Parameters(memoryKiB: 19456, iterations: 2, parallelism: 1))
        #expect(phc.salt == "c29tZXNhbHRzb21lc2FsdA")
    }

    @Test(arguments: [
        "", "argon2id$v=19$m=1,t=1,p=1$a$b", "$bcrypt$v=19$m=1,t=1,p=1$a$b", "$argon2id$v=x$m=1,t=1,p=1$a$b",
        "$argon2id$v=19$m=1,t=1$a$b", "$argon2id$v=19$m=1,t=1,p=1,m=2$a$b", "$argon2id$v=19$m=0,t=1,p=1$a$b",
        "$argon2id$v=19$m=1,t=1,p=1$$b", "$argon2id$v=19$m=1,t=1,p=1$a$b$c", "$argon2id$v=19$m=1,t=1,p=1$a!$b",
    ])
    func refusesMalformedStrings(text: String) {
        #expect(PHCHash(text) == nil)
    }

    @Test func weakerParametersNeedRehash() throws {
        let target = Argon2Parameters.owaspMinimum
        #expect(try #require(PHCHash(self.sample)).needsRehash(for: target) == false)
        let weak = try #require(PHCHash("$argon2id$v=19$m=4096,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g"))
        #expect(weak.needsRehash(for: target))
        let oldAlgorithm = try #require(PHCHash("$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g"))
        #expect(oldAlgorithm.needsRehash(for: target))
        let raised = Argon2Parameters(memoryKiB: 19456, iterations: 3, parallelism: 1)
        #expect(try #require(PHCHash(self.sample)).needsRehash(for: raised))
    }
}
