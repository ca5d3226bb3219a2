import Crypto
import Foundation
import PulseCore

/// One plain-SQL migration file, `NNNN_name.sql`.
public struct Migration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let sql: String
    /// SHA-256 of the file's bytes, hex; an applied migration whose file changed is refused.
    public let checksum: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
        self.checksum = SHA256.hash(data: Array(sql.utf8)).hex
    }

    /// `0001_init`: how people and logs name it.
    public var stem: String {
        let digits = String(self.version)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + "_" + self.name
    }

    /// Every migration in `directory`, ordered by version.
    public static func load(directory: String) throws(MigrationError) -> [Migration] {
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw .unreadable("cannot list \(directory): is MIGRATIONS_DIR right?")
        }
        var migrations: [Migration] = []
        for file in files.sorted() where file.hasSuffix(".sql") {
            guard let (version, name) = Self.parseFileName(file) else {
                throw .invalidFileName(file)
            }
            guard let data = FileManager.default.contents(atPath: directory + "/" + file),
                let sql = String(data: data, encoding: .utf8)
            else {
                throw .unreadable("cannot read \(file)")
            }
            if let clash = migrations.first(where: { $0.version == version }) {
                throw .duplicateVersion(version, clash.name, name)
            }
            migrations.append(Migration(version: version, name: name, sql: sql))
        }
        return migrations.sorted { $0.version < $1.version }
    }

    /// `0007_add_things.sql` → (7, "add_things").
    static func parseFileName(_ file: String) -> (Int, String)? {
        let stem = file.dropLast(4)
        guard let underscore = stem.firstIndex(of: "_") else { return nil }
        let digits = stem[..<underscore]
        let name = stem[stem.index(after: underscore)...]
        guard digits.count == 4, let version = Int(digits), version > 0, !name.isEmpty,
            name.allSatisfy({ ($0.isLetter && $0.isLowercase) || $0.isNumber || $0 == "_" }),
            name.allSatisfy(\.isASCII)
        else { return nil }
        return (version, String(name))
    }
}

/// Why migrations cannot run.
public enum MigrationError: Error, Equatable, CustomStringConvertible {
    case unreadable(String)
    case invalidFileName(String)
    case duplicateVersion(Int, String, String)
    /// An applied migration's file no longer matches what was applied.
    case checksumMismatch(version: Int, name: String)
    /// The database has a migration this code does not know (it is older than the database).
    case unknownApplied(version: Int, name: String)
    /// `serve`/`worker` outside development with migrations not yet applied.
    case pending([String])

    public var description: String {
        switch self {
        case .unreadable(let reason):
            return "migrations: \(reason)"
        case .invalidFileName(let file):
            return "migrations: \(file) is not named NNNN_lowercase_name.sql"
        case .duplicateVersion(let version, let first, let second):
            return "migrations: version \(version) is used by both \(first) and \(second)"
        case .checksumMismatch(let version, let name):
            return "migrations: \(Migration(version: version, name: name, sql: "").stem).sql was changed after it was applied; "
                + "landed migrations are never edited: restore it and add a new migration"
        case .unknownApplied(let version, let name):
            return "migrations: the database has \(Migration(version: version, name: name, sql: "").stem) applied, which this build does not have"
        case .pending(let names):
            return "migrations pending: \(names.joined(separator: ", ")); run `pulseworks migrate` first"
        }
    }
}
