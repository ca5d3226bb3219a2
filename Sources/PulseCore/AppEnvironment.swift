/// Where the process runs; decides defaults and how strict configuration is.
public enum AppEnvironment: String, Sendable, CaseIterable {
    case development
    case test
    case production

    /// Whether the service may start with defaults and generated secrets.
    public var allowsGeneratedSecrets: Bool { self != .production }

    /// Whether `serve` and `worker` may start while migrations are pending.
    public var allowsPendingMigrations: Bool { self == .development }
}
