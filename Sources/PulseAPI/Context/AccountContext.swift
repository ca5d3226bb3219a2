import Foundation
import Hummingbird
import PulseCore
import PulseSecurity
import PulseStore

/// The context of every route under `/api/accounts/{accountId}/`: the account and the caller's
/// role in it are known and non-optional, so a handler cannot forget the tenant.
public struct AccountContext: ChildRequestContext, PulseRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let identity: AccessTokenIdentity
    public let accountId: UUID
    public let role: Role
    public let settings: AccountSettings

    public init(context: AuthenticatedContext) throws {
        // TenantMiddleware runs first; a missing tenant means no membership, which is a 404.
        guard let tenant = context.tenant else { throw PulseError.notFound }
        self.coreContext = context.coreContext
        self.identity = context.identity
        self.accountId = tenant.accountId
        self.role = tenant.role
        self.settings = tenant.settings
    }

    /// The signed-in user.
    public var userId: UUID { self.identity.userId }

    /// Throws 403 unless the caller's role permits `action` in this account.
    public func require(_ action: AccountAction) throws(PulseError) {
        try Self.permit(self.role, [action], settings: self.settings)
    }

    /// The same check for a repository to repeat inside its transaction, against the role and
    /// settings it reads there: a change made after this request began is honoured.
    public func check(_ actions: AccountAction...) -> ActorCheck {
        self.check(actions)
    }

    /// `check` for a list of actions that must all be permitted.
    public func check(_ actions: [AccountAction]) -> ActorCheck {
        return { role, settings in try Self.permit(role, actions, settings: settings) }
    }

    private static func permit(_ role: Role, _ actions: [AccountAction], settings: AccountSettings) throws(PulseError) {
        for action in actions where !role.permits(action, settings: settings) {
            throw .forbidden("Your role (\(role.rawValue)) cannot do this in this account.")
        }
    }
}
