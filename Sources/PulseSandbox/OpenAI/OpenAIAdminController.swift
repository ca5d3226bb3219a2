import Hummingbird

/// The OpenAI stub's part of the admin API, under `/sandbox/admin/openai`: its faults and how many
/// calls it has answered.
struct OpenAIAdminController {
    let store: OpenAIStubStore

    func addRoutes(to group: RouterGroup<SandboxRequestContext>) {
        group.get("faults", use: self.faults)
        group.post("faults", use: self.setFaults)
        group.get("calls", use: self.calls)
    }

    @Sendable func faults(_ request: Request, context: SandboxRequestContext) async throws -> OpenAIStubFaults {
        await self.store.faults
    }

    /// Replaces the faults with exactly the ones given; `{}` clears them.
    @Sendable func setFaults(_ request: Request, context: SandboxRequestContext) async throws -> OpenAIStubFaults {
        let faults = try await request.decodeBody(as: OpenAIStubFaults.self, context: context)
        try faults.validate()
        await self.store.setFaults(faults)
        context.logger.info("openai faults set", metadata: ["faults": "\(faults)"])
        return faults
    }

    /// `{calls, lastAuthorization}`: every call to `/v1/chat/completions` since the last reset,
    /// faulted ones included, and the `Authorization` header of the latest.
    @Sendable func calls(_ request: Request, context: SandboxRequestContext) async throws -> OpenAIStubCalls {
        OpenAIStubCalls(calls: await self.store.calls, lastAuthorization: await self.store.lastAuthorization)
    }
}

/// `{calls, lastAuthorization}`.
struct OpenAIStubCalls: ResponseEncodable {
    let calls: Int
    let lastAuthorization: String?
}

extension OpenAIStubFaults: ResponseEncodable {}
