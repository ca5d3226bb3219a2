import CArgon2
import NIOPosix
import PulseCore
import Synchronization

/// Hashes and verifies passwords with Argon2id (libargon2), in PHC string format.
///
/// Argon2 is deliberately slow and memory-hard, so it never runs on Swift's cooperative pool:
/// it runs on a small dedicated thread pool, which also bounds how many hashes run at once. A
/// bounded queue in front of it turns a flood of logins into fast 503s instead of a growing backlog.
public final class PasswordHasher: Sendable {
    /// The parameters new hashes are made with.
    public let parameters: Argon2Parameters
    private let threadPool: NIOThreadPool
    private let maximumQueued: Int
    private let queued = Mutex(0)
    /// A hash of a random password, verified against when the email is unknown so that
    /// both failures take the same time. Made on first use, on the pool, not in `init`.
    private let dummyHash = Mutex<String?>(nil)

    /// - Parameters:
    ///   - parameters: cost of new hashes; at least `Argon2Parameters.owaspMinimum`.
    ///   - threads: how many hashes may run at once.
    ///   - maximumQueued: how many may wait; beyond that `hash`/`verify` throw `PulseError.unavailable`.
    public init(parameters: Argon2Parameters = .owaspMinimum, threads: Int = 2, maximumQueued: Int = 256) {
        self.parameters = parameters
        self.maximumQueued = maximumQueued
        self.threadPool = NIOThreadPool(numberOfThreads: max(1, threads))
        self.threadPool.start()
    }

    /// Hashes `password` with a fresh random salt.
    public func hash(_ password: String) async throws -> String {
        let parameters = self.parameters
        let bytes = Array(password.utf8)
        let salt = RandomToken.bytes(16)
        return try await self.run { try Self.hashBlocking(bytes, salt: salt, parameters: parameters) }
    }

    /// Whether `password` matches `storedHash`; a malformed stored hash never matches.
    public func verify(_ password: String, against storedHash: String) async throws -> Bool {
        guard let phc = PHCHash(storedHash), phc.algorithm == "argon2id" else {
            // Still spend the time, so a corrupt row is not a timing oracle.
            _ = try await self.verifyDummy(password)
            return false
        }
        let bytes = Array(password.utf8)
        return try await self.run { Self.verifyBlocking(bytes, encoded: storedHash) }
    }

    /// Spends the time of one verification against a hash no password matches.
    @discardableResult
    public func verifyDummy(_ password: String) async throws -> Bool {
        let bytes = Array(password.utf8)
        let dummy: String
        if let made = self.dummyHash.withLock({ $0 }) {
            dummy = made
        } else {
            dummy = try await self.hash(RandomToken.make(byteCount: 24))
            self.dummyHash.withLock { $0 = $0 ?? dummy }
        }
        return try await self.run { Self.verifyBlocking(bytes, encoded: dummy) }
    }

    /// Makes the dummy hash now, so that the first unknown-email login costs no more than the rest.
    public func warmUp() async throws {
        _ = try await self.verifyDummy("")
    }

    /// Whether a stored hash should be replaced after a successful login.
    public func needsRehash(_ storedHash: String) -> Bool {
        PHCHash(storedHash)?.needsRehash(for: self.parameters) ?? true
    }

    /// Stops the thread pool; call once at shutdown.
    public func shutdown() async throws {
        try await self.threadPool.shutdownGracefully()
    }

    private func run<T: Sendable>(_ work: @Sendable @escaping () throws -> T) async throws -> T {
        let admitted = self.queued.withLock { count in
            guard count < self.maximumQueued else { return false }
            count += 1
            return true
        }
        guard admitted else {
            throw PulseError.unavailable("The server is busy. Try again shortly.", retryAfterSeconds: 1)
        }
        defer { self.queued.withLock { $0 -= 1 } }
        return try await self.threadPool.runIfActive(work)
    }

    private static func hashBlocking(_ password: [UInt8], salt: [UInt8], parameters: Argon2Parameters) throws -> String {
        let hashLength = 32
        let encodedLength = argon2_encodedlen(
            parameters.iterations, parameters.memoryKiB, parameters.parallelism,
            UInt32(salt.count), UInt32(hashLength), Argon2_id
        )
        var encoded = [CChar](repeating: 0, count: encodedLength)
        let result = password.withUnsafeBytes { passwordBytes in
            salt.withUnsafeBytes { saltBytes in
                argon2id_hash_encoded(
                    parameters.iterations, parameters.memoryKiB, parameters.parallelism,
                    passwordBytes.baseAddress, passwordBytes.count,
                    saltBytes.baseAddress, saltBytes.count,
                    hashLength, &encoded, encodedLength
                )
            }
        }
        guard result == ARGON2_OK.rawValue else {
            throw PasswordHashingError(code: result)
        }
        return String(decoding: encoded.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func verifyBlocking(_ password: [UInt8], encoded: String) -> Bool {
        password.withUnsafeBytes { passwordBytes in
            argon2id_verify(encoded, passwordBytes.baseAddress, passwordBytes.count) == ARGON2_OK.rawValue
        }
    }
}

/// libargon2 refused to hash; carries its error code, never the password.
public struct PasswordHashingError: Error, CustomStringConvertible {
    public let code: Int32

    public var description: String {
        "argon2 failed: " + String(cString: argon2_error_message(self.code))
    }
}
