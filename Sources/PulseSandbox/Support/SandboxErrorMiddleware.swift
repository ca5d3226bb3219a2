import Hummingbird
import Logging

/// Answers every error in Ayrshare's error shape, so a client (the official SDKs call `.json()` on
/// every answer) never sees an empty or differently shaped error body, unknown routes included.
struct SandboxErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as SandboxError {
            return try error.response(from: request, context: context)
        } catch let error as HTTPError {
            let mapped = SandboxError(error.status, error.body ?? error.status.reasonPhrase)
            return try mapped.response(from: request, context: context)
        } catch {
            context.logger.error("sandbox request failed", metadata: ["error": "\(String(describing: error).prefix(300))"])
            return try SandboxError(.internalServerError, "Internal error.").response(from: request, context: context)
        }
    }
}
