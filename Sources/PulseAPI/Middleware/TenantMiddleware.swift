import Foundation
import Hummingbird
import PulseCore
import PulseStore

/// Loads the caller's membership of `{accountId}`. A malformed id, an unknown account and an
/// account the caller does not belong to all look the same: 404, so existence is never revealed.
struct TenantMiddleware: RouterMiddleware {
    typealias Context = AuthenticatedContext
    let accounts: any AccountRepository

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let raw = context.parameters.get("accountId"), let accountId = UUID(uuidString: raw) else {
            throw PulseError.notFound
        }
        guard let membership = try await self.accounts.membership(accountId: accountId, userId: context.identity.userId) else {
            throw PulseError.notFound
        }
        var context = context
        context.tenant = Tenant(accountId: accountId, role: membership.role, settings: membership.settings)
        context.logger[metadataKey: "account_id"] = .string(accountId.text)
        return try await next(request, context)
    }
}
