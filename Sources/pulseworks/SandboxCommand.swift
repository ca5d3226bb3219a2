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
        // Its admin API is unauthenticated and lists profile keys: never next to real keys.
        guard configuration.environment != .production else {
            logger.critical("the sandbox is a development tool and refuses to run with PULSEWORKS_ENV=production")
            throw ExitCode(78)
        }
        let sandbox = SandboxConfiguration(configuration: configuration)
        let app = buildSandboxApplication(sandbox, logger: logger)
        logger.info("PulseWorks sandbox listening on http://\(sandbox.host):\(sandbox.port) (AYRSHARE_BASE_URL=http://\(sandbox.host):\(sandbox.port)/api)")
        try await app.runService()
    }
}
