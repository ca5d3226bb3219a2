import ArgumentParser
import PulseSandbox

/// `pulseworks sandbox`: the local Ayrshare-compatible provider, for development and tests.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run the local provider sandbox (development only)."
    )

    func run() async throws {
        let (configuration, logger) = try Startup.configure(label: "pulseworks.sandbox")
        if configuration.environment == .production {
            logger.warning("the sandbox is a development tool: it fakes a provider and keeps everything in memory")
        }
        let sandbox = SandboxConfiguration(configuration: configuration)
        let app = buildSandboxApplication(sandbox, logger: logger)
        logger.info("PulseWorks sandbox listening on http://\(sandbox.host):\(sandbox.port) (AYRSHARE_BASE_URL=http://\(sandbox.host):\(sandbox.port)/api)")
        try await app.runService()
    }
}
