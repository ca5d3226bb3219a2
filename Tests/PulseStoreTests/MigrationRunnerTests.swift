import Foundation
import PostgresNIO
import PulseStore
import PulseTestSupport
import Testing

@Suite(.serialized) struct MigrationRunnerTests {
    @Test func freshApplyThenRerunIsANoOp() async throws {
        try await withScratchDatabase { database, _ in
            let migrations = try Migration.load(directory: TestEnvironment.migrationsDirectory)
            #expect(!migrations.isEmpty)
            let runner = MigrationRunner(database: database, migrations: migrations)
            #expect(try await runner.status().pending.count == migrations.count)
            let applied = try await runner.migrate()
            #expect(applied.map(\.version) == migrations.map(\.version))
            #expect(try await runner.migrate().isEmpty)
            let status = try await runner.status()
            #expect(status.pending.isEmpty)
            #expect(status.applied.map(\.checksum) == migrations.map(\.checksum))
            try await runner.requireUpToDate()
        }
    }

    @Test func anEditedAppliedMigrationIsRefused() async throws {
        try await withScratchDatabase { database, _ in
            let original = [Migration(version: 1, name: "things", sql: "CREATE TABLE things (id int);")]
            try await MigrationRunner(database: database, migrations: original).migrate()
            let edited = [Migration(version: 1, name: "things", sql: "CREATE TABLE things (id bigint);")]
            await #expect(throws: MigrationError.checksumMismatch(version: 1, name: "things")) {
                try await MigrationRunner(database: database, migrations: edited).migrate()
            }
            await #expect(throws: MigrationError.self) {
                try await MigrationRunner(database: database, migrations: edited).requireUpToDate()
            }
        }
    }

    @Test func aFailingMigrationLeavesNothingBehind() async throws {
        try await withScratchDatabase { database, _ in
            let migrations = [
                Migration(version: 1, name: "good", sql: "CREATE TABLE good (id int);"),
                Migration(version: 2, name: "bad", sql: "CREATE TABLE half (id int); SELECT no_such_function();"),
            ]
            await #expect(throws: (any Error).self) { try await MigrationRunner(database: database, migrations: migrations).migrate() }
            let status = try await MigrationRunner(database: database, migrations: migrations).status()
            #expect(status.applied.map(\.version) == [1])
            let half = try await database.query("SELECT to_regclass('half') IS NULL").collect().first?.decode(Bool.self)
            #expect(half == true)
        }
    }

    @Test func concurrentRunnersApplyEachMigrationOnce() async throws {
        try await withScratchDatabase { database, _ in
            // Not idempotent on purpose: a second application would fail on the duplicate table.
            let migrations = (1...5).map { Migration(version: $0, name: "step_\($0)", sql: "CREATE TABLE step_\($0) (id int); SELECT pg_sleep(0.05);") }
            let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<4 {
                    group.addTask { try await MigrationRunner(database: database, migrations: migrations).migrate().count }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(counts.reduce(0, +) == 5)
            let rows = try await database.query("SELECT count(*) FROM schema_migrations").collect().first?.decode(Int.self)
            #expect(rows == 5)
        }
    }

    @Test func fileNamesAreChecked() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("migrations-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "SELECT 1;".write(to: directory.appendingPathComponent("0002_second.sql"), atomically: true, encoding: .utf8)
        try "SELECT 1;".write(to: directory.appendingPathComponent("0001_first.sql"), atomically: true, encoding: .utf8)
        try "notes".write(to: directory.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        #expect(try Migration.load(directory: directory.path).map(\.stem) == ["0001_first", "0002_second"])
        try "SELECT 1;".write(to: directory.appendingPathComponent("3_bad name.sql"), atomically: true, encoding: .utf8)
        #expect(throws: MigrationError.invalidFileName("3_bad name.sql")) { try Migration.load(directory: directory.path) }
        #expect(throws: MigrationError.self) { try Migration.load(directory: directory.path + "/missing") }
    }
}
