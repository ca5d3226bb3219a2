import Foundation

/// One key for secrets at rest, from `ENCRYPTION_KEYS` (`kid:base64key,…`; the first is current).
public struct EncryptionKey: Sendable, Equatable, CustomStringConvertible {
    /// The key id stored beside every ciphertext so keys can be rotated.
    public let id: String
    /// 32 bytes of AES-256 key material.
    public let material: [UInt8]

    public init(id: String, material: [UInt8]) {
        self.id = id
        self.material = material
    }

    public var description: String { "EncryptionKey(\(self.id))" }

    /// Parses `kid:base64key,…`; every key must be 32 bytes and every id unique.
    public static func parseList(_ text: String) throws(ConfigurationError) -> [EncryptionKey] {
        var keys: [EncryptionKey] = []
        for entry in text.split(separator: ",") {
            let parts = entry.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else {
                throw ConfigurationError.invalid("ENCRYPTION_KEYS", "each entry must be kid:base64key")
            }
            let id = String(parts[0]).trimmingCharacters(in: .whitespaces)
            guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                throw ConfigurationError.invalid("ENCRYPTION_KEYS", "a key id must be letters, digits, - or _")
            }
            guard let data = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)), data.count == 32 else {
                throw ConfigurationError.invalid("ENCRYPTION_KEYS", "key \(id) must be 32 bytes, base64-encoded")
            }
            guard !keys.contains(where: { $0.id == id }) else {
                throw ConfigurationError.invalid("ENCRYPTION_KEYS", "key id \(id) appears twice")
            }
            keys.append(EncryptionKey(id: id, material: Array(data)))
        }
        guard !keys.isEmpty else {
            throw ConfigurationError.invalid("ENCRYPTION_KEYS", "at least one key is required")
        }
        return keys
    }
}
