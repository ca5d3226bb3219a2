/// Why the process cannot start with the configuration it was given. Never contains a secret's value.
public enum ConfigurationError: Error, Equatable, CustomStringConvertible {
    /// Variables that this environment requires are not set (names, comma-separated).
    case missing(String)
    /// A variable is set but unusable; the second value says why.
    case invalid(String, String)

    public var description: String {
        switch self {
        case .missing(let name):
            return "\(name) must be set in this environment"
        case .invalid(let name, let reason):
            return "\(name) is invalid: \(reason)"
        }
    }
}
