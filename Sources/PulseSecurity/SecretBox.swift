import Crypto
import Foundation
import PulseCore

/// Encrypts secrets at rest with AES-256-GCM under `ENCRYPTION_KEYS`. New secrets use the first
/// (current) key; older ones open with whichever key id they were sealed under, so keys rotate by
/// putting a new one first and keeping the old ones until every row is re-sealed.
public struct SecretBox: Sendable {
    /// A sealed secret: the key id and nonce ‖ ciphertext ‖ tag.
    public struct Sealed: Sendable, Equatable {
        public let keyID: String
        public let combined: Data

        public init(keyID: String, combined: Data) {
            self.keyID = keyID
            self.combined = combined
        }
    }

    /// Opening failed; says nothing about the secret.
    public enum Failure: Error, Equatable {
        case unknownKey(String)
        case corrupted
    }

    private let keys: [(id: String, key: SymmetricKey)]

    public init(keys: [EncryptionKey]) {
        self.keys = keys.map { ($0.id, SymmetricKey(data: $0.material)) }
    }

    /// Seals `secret` under the current key; `context` (e.g. the account id) is authenticated too,
    /// so a ciphertext copied to another row does not open there.
    public func seal(_ secret: String, context: String) throws -> Sealed {
        guard let current = self.keys.first else { throw Failure.unknownKey("none") }
        let box = try AES.GCM.seal(Array(secret.utf8), using: current.key, authenticating: Array(context.utf8))
        guard let combined = box.combined else { throw Failure.corrupted }
        return Sealed(keyID: current.id, combined: combined)
    }

    /// Opens a sealed secret made with the same `context`.
    public func open(_ sealed: Sealed, context: String) throws(Failure) -> Secret {
        guard let key = self.keys.first(where: { $0.id == sealed.keyID })?.key else { throw .unknownKey(sealed.keyID) }
        do {
            let box = try AES.GCM.SealedBox(combined: sealed.combined)
            let plain = try AES.GCM.open(box, using: key, authenticating: Array(context.utf8))
            guard let text = String(bytes: plain, encoding: .utf8) else { throw Failure.corrupted }
            return Secret(text)
        } catch {
            throw .corrupted
        }
    }
}
