import PulseCore
import Testing

@Suite struct RoleRulesTests {
    @Test func roleTableOfTheArchitecture() {
        let open = AccountSettings(adminsCanApprove: true)
        let closed = AccountSettings(adminsCanApprove: false)
        for role in Role.allCases {
            #expect(role.permits(.read))
            #expect(role.permits(.writeContent))
        }
        #expect(Role.owner.permits(.approveContent, settings: closed))
        #expect(Role.admin.permits(.approveContent, settings: open))
        #expect(!Role.admin.permits(.approveContent, settings: closed))
        #expect(!Role.member.permits(.approveContent, settings: open))
        for action in [AccountAction.managePublishing, .editAccountProfile, .readAudit] {
            #expect(Role.owner.permits(action) && Role.admin.permits(action) && !Role.member.permits(action))
        }
        for action in [AccountAction.manageMembers, .manageBilling, .deleteAccount, .editAccountSettings] {
            #expect(Role.owner.permits(action) && !Role.admin.permits(action) && !Role.member.permits(action))
        }
    }

    @Test func lastOwnerCannotBeRemovedOrDemoted() {
        #expect(throws: PulseError.self) { try MembershipRules.checkOwnership(current: .owner, newRole: nil, ownerCount: 1) }
        #expect(throws: PulseError.self) { try MembershipRules.checkOwnership(current: .owner, newRole: .admin, ownerCount: 1) }
        #expect(throws: Never.self) { try MembershipRules.checkOwnership(current: .owner, newRole: .owner, ownerCount: 1) }
        #expect(throws: Never.self) { try MembershipRules.checkOwnership(current: .owner, newRole: nil, ownerCount: 2) }
        #expect(throws: Never.self) { try MembershipRules.checkOwnership(current: .admin, newRole: nil, ownerCount: 1) }
    }

    @Test func onlyOwnersRemoveOthersButAnyoneMayLeave() {
        #expect(MembershipRules.mayRemove(actorRole: .member, actorIsTarget: true))
        #expect(!MembershipRules.mayRemove(actorRole: .admin, actorIsTarget: false))
        #expect(MembershipRules.mayRemove(actorRole: .owner, actorIsTarget: false))
    }
}
