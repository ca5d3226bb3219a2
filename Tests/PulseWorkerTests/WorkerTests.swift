import Foundation
import Logging
import PulseCore
import PulseStore
import PulseTestSupport
import ServiceLifecycle
import Testing

@testable import PulseWorker

@Suite(.serialized) struct WorkerTests {
    @Test func refusesToStartWithPendingMigrationsOutsideDevelopment() async throws {
        try await withScratchDatabase { _, url in
            let configuration = try TestEnvironment.configuration(overrides: ["DATABASE_URL": url])
            let worker = try WorkerServices(configuration: configuration, logger: TestEnvironment.logger())
            let group = ServiceGroup(services: worker.services(logger: TestEnvironment.logger()), logger: TestEnvironment.logger())
            await #expect(throws: MigrationError.self) { try await group.run() }
        }
    }

    @Test func developmentStartsDespitePendingMigrationsAndStopsGracefully() async throws {
        try await withScratchDatabase { _, url in
            let configuration = try TestEnvironment.configuration(overrides: ["DATABASE_URL": url, "PULSEWORKS_ENV": "development"])
            let worker = try WorkerServices(configuration: configuration, logger: TestEnvironment.logger(), heartbeatInterval: .milliseconds(50))
            let group = ServiceGroup(services: worker.services(logger: TestEnvironment.logger()), logger: TestEnvironment.logger())
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                try await Task.sleep(for: .milliseconds(300))
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
        }
    }

    @Test func heartbeatLogsUntilShutdown() async throws {
        try await TestMigrations.shared.ensureMigrated()
        let recorder = LogRecorder()
        let logger = recorder.logger(label: "heartbeat", level: .info)
        try await withDatabase { database in
            let heartbeat = HeartbeatService(database: database, interval: .milliseconds(20), logger: logger)
            let group = ServiceGroup(services: [heartbeat], logger: TestEnvironment.logger())
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                // Wait for two beats (bounded), however slow the first database round trip is.
                let deadline = ContinuousClock.now + .seconds(10)
                while recorder.messages.filter({ $0 == "worker heartbeat" }).count < 2, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(10))
                }
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
        }
        let messages = recorder.messages
        #expect(messages.filter { $0 == "worker heartbeat" }.count >= 2)
        #expect(messages.last == "worker stopped")
    }
}
