/// Argon2id cost parameters; the defaults are OWASP's first recommendation (19 MiB, 2 passes, 1 lane).
public struct Argon2Parameters: Sendable, Equatable {
    /// Memory in KiB.
    public var memoryKiB: UInt32
    /// Number of passes.
    public var iterations: UInt32
    /// Lanes.
    public var parallelism: UInt32

    public static let owaspMinimum = Argon2Parameters(memoryKiB: 19 * 1024, iterations: 2, parallelism: 1)

    public init(memoryKiB: UInt32, iterations: UInt32, parallelism: UInt32) {
        self.memoryKiB = memoryKiB
        self.iterations = iterations
        self.parallelism = parallelism
    }

    /// Whether a hash made with these parameters is weaker than one made with `target`.
    public func isWeaker(than target: Argon2Parameters) -> Bool {
        self.memoryKiB < target.memoryKiB || self.iterations < target.iterations || self.parallelism < target.parallelism
    }
}

/// A password hash in the PHC string format: `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`.
public struct PHCHash: Sendable, Equatable {
    /// `argon2id`, `argon2i` or `argon2d`.
    public var algorithm: String
    /// Argon2 version (19 is 1.3).
    public var version: Int
    public var parameters: Argon2Parameters
    /// The salt, base64 without padding, as stored.
    public var salt: String
    /// The hash, base64 without padding, as stored.
    public var hash: String

    /// Parses a PHC string; nil when it is not one this service understands.
    public init?(_ text: String) {
        let fields = text.split(separator: "$", omittingEmptySubsequences: false)
        // "" / algorithm / v=19 / m=..,t=..,p=.. / salt / hash
        guard fields.count == 6, fields[0].isEmpty,
            ["argon2id", "argon2i", "argon2d"].contains(String(fields[1])),
            fields[2].hasPrefix("v="), let version = Int(fields[2].dropFirst(2))
        else { return nil }
        var values: [Substring: UInt32] = [:]
        for pair in fields[3].split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let value = UInt32(parts[1]), values[parts[0]] == nil else { return nil }
            values[parts[0]] = value
        }
        guard values.count == 3, let m = values["m"], let t = values["t"], let p = values["p"], m > 0, t > 0, p > 0 else {
            return nil
        }
        let base64 = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        guard !fields[4].isEmpty, !fields[5].isEmpty, fields[4].allSatisfy(base64.contains), fields[5].allSatisfy(base64.contains) else {
            return nil
        }
        self.algorithm = String(fields[1])
        self.version = version
        self.parameters = Argon2Parameters(memoryKiB: m, iterations: t, parallelism: p)
        self.salt = String(fields[4])
        self.hash = String(fields[5])
    }

    /// Whether a password that verifies against this hash should be hashed again with `target`.
    public func needsRehash(for target: Argon2Parameters) -> Bool {
        self.algorithm != "argon2id" || self.version != 19 || self.parameters.isWeaker(than: target)
    }
}
