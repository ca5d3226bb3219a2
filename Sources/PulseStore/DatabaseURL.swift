import Foundation
import NIOSSL
import PostgresNIO
import PulseCore

/// Turns `DATABASE_URL` (`postgres://user:pass@host:port/db?sslmode=…`) into a client configuration.
public enum DatabaseURL {
    /// The client configuration for `url`; the error never repeats the URL, which holds a password.
    public static func configuration(_ url: Secret, maximumConnections: Int = 20) throws(ConfigurationError) -> PostgresClient.Configuration {
        guard let components = URLComponents(string: url.value),
            let scheme = components.scheme, scheme == "postgres" || scheme == "postgresql",
            let host = components.host, !host.isEmpty,
            let user = components.user, !user.isEmpty
        else {
            throw .invalid("DATABASE_URL", "must look like postgres://user:password@host:port/database")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        let mode = components.queryItems?.first(where: { $0.name == "sslmode" })?.value
            ?? (Self.isLoopback(host) ? "disable" : "prefer")
        let tls: PostgresClient.Configuration.TLS
        switch mode {
        case "disable": tls = .disable
        case "prefer", "allow": tls = .prefer(.makeClientConfiguration())
        case "require", "verify-ca", "verify-full": tls = .require(.makeClientConfiguration())
        default: throw .invalid("DATABASE_URL", "sslmode must be disable, prefer or require")
        }
        var configuration = PostgresClient.Configuration(
            host: host,
            port: components.port ?? 5432,
            username: user.removingPercentEncoding ?? user,
            password: components.password.map { $0.removingPercentEncoding ?? $0 },
            database: database.isEmpty ? nil : database,
            tls: tls
        )
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }
}
