import NIOConcurrencyHelpers

/// Remembers the SHA1 that Redis reported for each script (from `SCRIPT LOAD`), so repeated
/// calls send `EVALSHA` instead of the whole script.
final class RedisScriptCache: Sendable {
    /// Scripts are constants in practice; the cap only guards against callers building scripts
    /// dynamically, which would otherwise grow the cache forever.
    private static let capacity = 256

    private let hashes = NIOLockedValueBox<[String: String]>([:])

    func hash(for script: String) -> String? {
        self.hashes.withLockedValue { $0[script] }
    }

    func store(_ hash: String, for script: String) {
        self.hashes.withLockedValue { hashes in
            if hashes.count >= Self.capacity {
                hashes.removeAll(keepingCapacity: true)
            }
            hashes[script] = hash
        }
    }
}
