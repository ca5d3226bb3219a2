/// Rules for changing who belongs to an account.
public enum MembershipRules {
    /// Refuses a change that would leave the account without an OWNER.
    ///
    /// - Parameters:
    ///   - current: the member's role now.
    ///   - newRole: the role after the change, or nil for removal.
    ///   - ownerCount: how many OWNERs the account has now, counted under a lock.
    public static func checkOwnership(current: Role, newRole: Role?, ownerCount: Int) throws(PulseError) {
        guard current == .owner, newRole != .owner, ownerCount <= 1 else { return }
        throw PulseError.conflict(code: "last_owner", message: "An account must keep at least one OWNER.")
    }

    /// Whether `actor` may remove `target`: OWNERs manage members, and anyone may leave.
    public static func mayRemove(actorRole: Role, actorIsTarget: Bool) -> Bool {
        actorIsTarget || actorRole.permits(.manageMembers)
    }
}
