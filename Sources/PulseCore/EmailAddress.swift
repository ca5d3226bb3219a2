/// An email address normalised for identity: trimmed and lower-cased, so lookups are case-insensitive.
public struct EmailAddress: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The normalised address.
    public let value: String

    /// Normalises and checks `raw`; nil when it is not a plausible address.
    public init?(_ raw: String) {
        let trimmed = raw.trimmingWhitespace().lowercased()
        guard trimmed.utf8.count <= 254,
            let at = trimmed.lastIndex(of: "@"),
            trimmed.firstIndex(of: "@") == at
        else { return nil }
        let local = trimmed[..<at]
        let domain = trimmed[trimmed.index(after: at)...]
        guard !local.isEmpty, local.utf8.count <= 64,
            domain.contains("."), !domain.hasPrefix("."), !domain.hasSuffix("."), !domain.contains(".."),
            trimmed.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F && !"<>()[],;:\\\"".unicodeScalars.contains($0) || $0 == "@" })
        else { return nil }
        self.value = trimmed
    }

    public var description: String { self.value }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let email = EmailAddress(raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an email address"))
        }
        self = email
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.value)
    }
}
