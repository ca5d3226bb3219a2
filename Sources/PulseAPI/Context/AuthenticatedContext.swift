import Foundation
import Hummingbird
import PulseCore
import PulseSecurity

/// The context of routes that need a signed-in user; `identity` is never nil here.
public struct AuthenticatedContext: ChildRequestContext, PulseRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let identity: AccessTokenIdentity
    /// The caller's membership of the account in the path, set by `TenantMiddleware`.
    public var tenant: Tenant?

    public init(context: AppRequestContext) throws {
        guard let identity = context.identity else { throw PulseError.unauthenticated }
        self.coreContext = context.coreContext
        self.identity = identity
        self.tenant = nil
    }
}

/// The caller's standing in one account.
public struct Tenant: Sendable {
    public let accountId: UUID
    public let role: Role
    public let settings: AccountSettings
}
