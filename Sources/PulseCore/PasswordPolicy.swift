/// The password rules: 12 to 128 characters (Unicode scalars), nothing else imposed (NIST 800-63B).
public enum PasswordPolicy {
    public static let minimumLength = 12
    public static let maximumLength = 128

    /// The problem with `password`, or nil when it is acceptable. `field` names it in the 422.
    public static func issue(with password: String, field: String = "password") -> FieldIssue? {
        let length = password.unicodeScalars.count
        if length < Self.minimumLength {
            return FieldIssue(field: field, message: "must be at least \(Self.minimumLength) characters")
        }
        if length > Self.maximumLength {
            return FieldIssue(field: field, message: "must be at most \(Self.maximumLength) characters")
        }
        if password.unicodeScalars.contains(where: { $0.value == 0 }) {
            return FieldIssue(field: field, message: "must not contain NUL characters")
        }
        return nil
    }
}
