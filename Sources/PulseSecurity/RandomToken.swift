import Foundation

/// Cryptographically random bytes and URL-safe tokens (the system generator reads the kernel's CSPRNG).
public enum RandomToken {
    /// `count` random bytes.
    public static func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// `byteCount` random bytes as unpadded base64url.
    public static func make(byteCount: Int = 32) -> String {
        Base64URL.encode(Self.bytes(byteCount))
    }
}

/// Unpadded base64url (RFC 4648 §5), as JWTs and opaque tokens use.
public enum Base64URL {
    /// Encodes without padding.
    public static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes unpadded base64url; nil on any other character or an impossible length.
    public static func decode(_ text: String) -> [UInt8]? {
        guard !text.contains("+"), !text.contains("/"), !text.contains("=") else { return nil }
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        standard += String(repeating: "=", count: (4 - standard.count % 4) % 4)
        return Data(base64Encoded: standard).map(Array.init)
    }
}
