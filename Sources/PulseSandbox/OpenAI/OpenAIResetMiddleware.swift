import Hummingbird

/// Resets the OpenAI stub whenever `POST /sandbox/reset` succeeds, so one reset clears the whole
/// sandbox. A middleware rather than a line in the admin controller's reset, which knows only the
/// Ayrshare store.
struct OpenAIResetMiddleware<Context: RequestContext>: RouterMiddleware {
    let store: OpenAIStubStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response = try await next(request, context)
        if request.method == .post, request.uri.path == "/sandbox/reset", (200..<300).contains(response.status.code) {
            await self.store.reset()
        }
        return response
    }
}
