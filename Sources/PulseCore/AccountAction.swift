/// What a member may try to do in an account; `Role.permits` is the role table of ARCHITECTURE.md.
public enum AccountAction: Sendable, CaseIterable {
    /// Read anything in the account.
    case read
    /// Write briefs, generate and edit drafts.
    case writeContent
    /// Approve content (ADMIN only where the account's settings allow it).
    case approveContent
    /// Change the account's name, timezone and website.
    case editAccountProfile
    /// Change the account's settings (who may approve).
    case editAccountSettings
    /// Connect social accounts, verify the publishing profile, posting rules, schedule.
    case managePublishing
    /// Read the audit log.
    case readAudit
    /// Add, change and remove members.
    case manageMembers
    /// Billing and plans.
    case manageBilling
    /// Delete the account.
    case deleteAccount
}

extension Role {
    /// Whether this role may perform `action` in an account with `settings`.
    public func permits(_ action: AccountAction, settings: AccountSettings = AccountSettings()) -> Bool {
        switch action {
        case .read, .writeContent:
            return true
        case .approveContent:
            return self == .owner || (self == .admin && settings.adminsCanApprove)
        case .editAccountProfile, .managePublishing, .readAudit:
            return self >= .admin
        case .editAccountSettings, .manageMembers, .manageBilling, .deleteAccount:
            return self == .owner
        }
    }
}
