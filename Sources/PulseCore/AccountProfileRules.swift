import Foundation

/// The rules for an account's name, timezone and website, shared by signup, create and update.
public enum AccountProfileRules {
    public static let defaultTimezone = "Pacific/Auckland"
    public static let maximumNameLength = 120
    public static let maximumURLLength = 2048

    /// A trimmed account name, or the issue with it.
    public static func name(_ raw: String, field: String = "name") -> Result<String, FieldIssue> {
        let name = raw.trimmingWhitespace()
        if name.isEmpty {
            return .failure(FieldIssue(field: field, message: "must not be empty"))
        }
        if name.unicodeScalars.count > Self.maximumNameLength {
            return .failure(FieldIssue(field: field, message: "must be at most \(Self.maximumNameLength) characters"))
        }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return .failure(FieldIssue(field: field, message: "must not contain control characters"))
        }
        return .success(name)
    }

    /// A known IANA timezone identifier, or the issue with it.
    public static func timezone(_ raw: String, field: String = "timezone") -> Result<String, FieldIssue> {
        let identifier = raw.trimmingWhitespace()
        // TimeZone(identifier:) also accepts abbreviations and offsets like "GMT+5"; only IANA names are kept.
        guard TimeZone.knownTimeZoneIdentifiers.contains(identifier) || identifier == "UTC",
            TimeZone(identifier: identifier) != nil
        else {
            return .failure(FieldIssue(field: field, message: "must be an IANA timezone such as Pacific/Auckland"))
        }
        return .success(identifier)
    }

    /// An absolute http(s) URL with a host, or the issue with it.
    public static func websiteURL(_ raw: String, field: String = "websiteUrl") -> Result<String, FieldIssue> {
        let text = raw.trimmingWhitespace()
        guard text.utf8.count <= Self.maximumURLLength,
            let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty, !host.contains(" ")
        else {
            return .failure(FieldIssue(field: field, message: "must be an http or https URL"))
        }
        return .success(text)
    }
}
