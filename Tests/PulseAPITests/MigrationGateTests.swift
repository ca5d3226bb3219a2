import Foundation
import HummingbirdTesting
import PulseAPI
import PulseStore
import PulseTestSupport
import Testing

@Suite(.serialized) struct MigrationGateTests {
    @Test func serveRefusesADatabaseWithPendingMigrations() async throws {
        try await withScratchDatabase { _, url in
            let configuration = try TestEnvironment.configuration(overrides: ["DATABASE_URL": url])
            let services = try await WebServices(configuration: configuration, logger: TestEnvironment.logger())
            let app = buildApplication(services, logger: TestEnvironment.logger())
            await #expect(throws: MigrationError.self) {
                try await app.test(.router) { client in
                    _ = try await client.execute(uri: "/health/live", method: .get) { $0.status }
                }
            }
        }
    }
}
