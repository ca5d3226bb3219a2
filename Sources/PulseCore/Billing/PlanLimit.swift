/// A limit of the plan catalogue, checked where it bites (inside the transaction that would go
/// over it). Going down a plan never deletes anything: what is over the new limit stays and
/// stops growing.
public enum PlanLimit: String, Sendable, CaseIterable {
    case members
    case connectedPlatforms

    /// The limit's value on `plan`.
    public func value(on plan: Plan) -> Int {
        switch self {
        case .members: plan.members
        case .connectedPlatforms: plan.connectedPlatforms
        }
    }

    /// Whether one more is allowed when `current` are in use.
    public func allowsAnother(current: Int, on plan: Plan) -> Bool {
        current < self.value(on: plan)
    }

    /// The 409 for going over it.
    public func exceeded(on plan: Plan) -> PulseError {
        let what = switch self {
        case .members: "\(plan.members) member(s)"
        case .connectedPlatforms: "\(plan.connectedPlatforms) connected platform(s)"
        }
        return .conflict(
            code: "plan_limit_reached",
            message: "The \(plan.rawValue) plan allows \(what); upgrade the plan to add more."
        )
    }
}
