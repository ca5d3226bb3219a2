import Foundation
import Hummingbird
import PulseCore
import PulseStore

/// Who belongs to an account and with which role. OWNERs manage members; anyone may leave.
struct MemberController {
    let accounts: any AccountRepository

    func addRoutes(to group: RouterGroup<AccountContext>) {
        group.get(use: self.list)
        group.post(use: self.add)
        group.patch(":userId", use: self.changeRole)
        group.delete(":userId", use: self.remove)
    }

    struct MemberListResponse: ResponseEncodable {
        let members: [MemberResponse]
    }

    @Sendable func list(_ request: Request, context: AccountContext) async throws -> MemberListResponse {
        MemberListResponse(members: try await self.accounts.members(accountId: context.accountId).map(MemberResponse.init))
    }

    struct AddRequest: Decodable {
        let email: String
        let role: String
    }

    @Sendable func add(_ request: Request, context: AccountContext) async throws -> EditedResponse<MemberResponse> {
        try context.require(.manageMembers)
        let input = try await request.decodeJSON(as: AddRequest.self, context: context)
        var validator = Validator()
        let email = EmailAddress(input.email)
        if email == nil { validator.add(FieldIssue(field: "email", message: "must be a valid email address")) }
        let role = validator.check(Self.role(input.role))
        try validator.finish()
        guard let email, let role else { throw PulseError.internalError }
        let member = try await self.accounts.addMember(
            accountId: context.accountId, actor: context.userId, email: email, role: role, authorize: context.check(.manageMembers)
        )
        return MemberResponse(member).created()
    }

    struct RoleRequest: Decodable {
        let role: String
    }

    @Sendable func changeRole(_ request: Request, context: AccountContext) async throws -> MemberResponse {
        try context.require(.manageMembers)
        let userId = try context.parameters.uuid("userId")
        let input = try await request.decodeJSON(as: RoleRequest.self, context: context)
        guard let role = try? Self.role(input.role).get() else {
            throw PulseError.invalid("role", "must be OWNER, ADMIN or MEMBER")
        }
        let member = try await self.accounts.changeRole(
            accountId: context.accountId, actor: context.userId, userId: userId, role: role, authorize: context.check(.manageMembers)
        )
        return MemberResponse(member)
    }

    @Sendable func remove(_ request: Request, context: AccountContext) async throws -> HTTPResponse.Status {
        let userId = try context.parameters.uuid("userId")
        let leaving = userId == context.userId
        let authorize: ActorCheck = { role, _ in
            guard MembershipRules.mayRemove(actorRole: role, actorIsTarget: leaving) else {
                throw PulseError.forbidden("Only an OWNER can remove other members.")
            }
        }
        try authorize(context.role, context.settings)
        try await self.accounts.removeMember(accountId: context.accountId, actor: context.userId, userId: userId, authorize: authorize)
        return .noContent
    }

    static func role(_ raw: String) -> Result<Role, FieldIssue> {
        guard let role = Role(rawValue: raw) else {
            return .failure(FieldIssue(field: "role", message: "must be OWNER, ADMIN or MEMBER"))
        }
        return .success(role)
    }
}
