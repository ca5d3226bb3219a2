import Foundation
import PostgresNIO
import PulseCore
import PulseStore
import PulseTestSupport
import Testing

@Suite(.serialized) struct SchemaTests {
    @Test func auditEventsAreAppendOnly() async throws {
        try await TestMigrations.shared.ensureMigrated()
        try await withDatabase { database in
            let id = UUID()
            try await database.query("INSERT INTO audit_events (id, event_type) VALUES (\(id), 'TEST_EVENT')")
            await #expect(throws: PSQLError.self) {
                try await database.query("UPDATE audit_events SET event_type = 'CHANGED' WHERE id = \(id)")
            }
            await #expect(throws: PSQLError.self) { try await database.query("DELETE FROM audit_events WHERE id = \(id)") }
            let count = try await database.query("SELECT count(*) FROM audit_events WHERE id = \(id) AND event_type = 'TEST_EVENT'")
                .collect().first?.decode(Int.self)
            #expect(count == 1)
        }
    }

    @Test func emailsAreUniqueWhateverTheirCase() async throws {
        try await TestMigrations.shared.ensureMigrated()
        try await withDatabase { database in
            let email = "case-\(UUID().uuidString.lowercased())@example.com"
            try await database.query("INSERT INTO users (id, email, password_hash) VALUES (\(UUID()), \(email), 'x')")
            await #expect(throws: PSQLError.self) {
                // Even a writer that skipped normalisation cannot create a second user (the CHECK or the index refuses).
                try await database.query("INSERT INTO users (id, email, password_hash) VALUES (\(UUID()), \(email.uppercased()), 'x')")
            }
        }
    }

    @Test func membershipsNeedARealAccountAndUser() async throws {
        try await TestMigrations.shared.ensureMigrated()
        try await withDatabase { database in
            await #expect(throws: PSQLError.self) {
                try await database.query("INSERT INTO memberships (account_id, user_id, role) VALUES (\(UUID()), \(UUID()), 'OWNER')")
            }
        }
    }

    @Test func transactionsRollBackAndKeepDomainErrors() async throws {
        try await TestMigrations.shared.ensureMigrated()
        try await withDatabase { database in
            let id = UUID()
            await #expect(throws: PulseError.notFound) {
                try await database.transaction { connection in
                    try await connection.query(
                        "INSERT INTO accounts (id, name) VALUES (\(id), 'Rolled back')", logger: database.logger
                    )
                    throw PulseError.notFound
                }
            }
            let count = try await database.query("SELECT count(*) FROM accounts WHERE id = \(id)").collect().first?.decode(Int.self)
            #expect(count == 0)
        }
    }
}
