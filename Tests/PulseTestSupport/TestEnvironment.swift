import Foundation
import Logging
import PulseCore
import PulseStore

/// The services `scripts/test` starts, reached through the environment. A test that needs one
/// fails with a message saying how to run it; it never skips.
public enum TestEnvironment {
    /// The value of `name`, or an error that explains how to run the tests.
    public static func require(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            throw MissingService(variable: name)
        }
        return value
    }

    /// The repository's `migrations/` directory.
    public static var migrationsDirectory: String {
        if let directory = ProcessInfo.processInfo.environment["MIGRATIONS_DIR"], !directory.isEmpty {
            return directory
        }
        // Tests/PulseTestSupport/TestEnvironment.swift → repository root.
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("migrations").path
    }

    /// A test configuration over the running services, with fixed secrets.
    /// Where tests' `file://` media storage writes: one temporary directory per test process.
    public static let mediaDirectory: String = {
        FileManager.default.temporaryDirectory.appendingPathComponent("pulseworks-media-\(UUID().uuidString.lowercased())", isDirectory: true).path
    }()

    public static func configuration(overrides: [String: String] = [:]) throws -> PulseConfiguration {
        var variables: [String: String] = [
            "PULSEWORKS_ENV": "test",
            "DATABASE_URL": try Self.require("DATABASE_URL"),
            "REDIS_URL": try Self.require("REDIS_URL"),
            "JWT_SECRET": "test-secret-0123456789-0123456789-0123456789",
            "ENCRYPTION_KEYS": "test1:" + Data(repeating: 7, count: 32).base64EncodedString(),
            "MIGRATIONS_DIR": Self.migrationsDirectory,
            "WORKER_METRICS_PORT": "0",
            "MEDIA_STORAGE": "file://" + Self.mediaDirectory,
        ]
        variables.merge(overrides) { _, new in new }
        return try PulseConfiguration(environment: variables)
    }

    /// A logger for tests: quiet unless LOG_LEVEL asks for more.
    public static func logger(_ label: String = "pulseworks.test") -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = Logger.Level(rawValue: ProcessInfo.processInfo.environment["LOG_LEVEL"] ?? "") ?? .warning
        return logger
    }
}

/// A service the tests need is not configured.
public struct MissingService: Error, CustomStringConvertible {
    public let variable: String

    public var description: String {
        "\(self.variable) is not set: run the tests through scripts/test, which starts Postgres, Redis and moto_server"
    }
}
