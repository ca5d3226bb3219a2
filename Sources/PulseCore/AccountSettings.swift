/// Per-account switches an OWNER controls.
public struct AccountSettings: Sendable, Codable, Equatable {
    /// Whether ADMIN members may approve content (OWNERs always may).
    public var adminsCanApprove: Bool

    public init(adminsCanApprove: Bool = false) {
        self.adminsCanApprove = adminsCanApprove
    }
}
