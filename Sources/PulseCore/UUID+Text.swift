import Foundation

extension UUID {
    /// The canonical lower-case text form used in responses, logs and audit records.
    public var text: String { self.uuidString.lowercased() }
}
