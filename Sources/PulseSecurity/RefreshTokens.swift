import Crypto

/// Refresh tokens: 256 random bits for the client, only their SHA-256 stored.
///
/// A plain hash is enough here (no Argon2): the token has full entropy, so it cannot be guessed
/// from its hash, and lookups by hash stay a single index probe.
public enum RefreshTokens {
    /// A new token and the hash to store.
    public static func make() -> (token: String, hash: [UInt8]) {
        let token = RandomToken.make(byteCount: 32)
        return (token, Self.hash(token))
    }

    /// The stored form of `token`; nil when it cannot be one of ours, so junk never reaches the database.
    public static func hashIfWellFormed(_ token: String) -> [UInt8]? {
        guard token.utf8.count == 43, let bytes = Base64URL.decode(token), bytes.count == 32 else { return nil }
        return Self.hash(token)
    }

    static func hash(_ token: String) -> [UInt8] {
        Array(SHA256.hash(data: Array(token.utf8)))
    }
}
