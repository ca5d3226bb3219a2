/// Where a content item is in its life, and the one state machine every writer follows.
/// See docs/content.md for the diagram.
///
/// `DRAFT` ⇄ `CHANGES_REQUESTED` (the owner asks, an edit answers) → `APPROVED` (in a batch, with
/// a hash of what was approved) → `SCHEDULED` (schedule items exist) → `PUBLISHED` | `FAILED`.
/// Editing an approved item voids the approval (back to `DRAFT`); once scheduled, content is
/// frozen until its schedule items are cancelled (back to `APPROVED`).
public enum ContentStatus: String, Sendable, Codable, CaseIterable {
    case draft = "DRAFT"
    case changesRequested = "CHANGES_REQUESTED"
    case approved = "APPROVED"
    case scheduled = "SCHEDULED"
    case published = "PUBLISHED"
    case failed = "FAILED"
    case archived = "ARCHIVED"

    /// What moves content from one status to another.
    public enum Event: String, Sendable, CaseIterable {
        /// The owner (or a permitted admin) approves it as part of a batch.
        case approve
        /// The owner asks for changes, with a comment.
        case requestChanges
        /// Someone edits title, caption, hashtags, targets or image.
        case edit
        /// Scheduling placed it on the calendar.
        case schedule
        /// Its last live schedule item was cancelled.
        case unschedule
        /// Every schedule item reached an end; at least one published.
        case publish
        /// Every schedule item reached an end; none published.
        case fail
        /// Taken out of the month for good.
        case archive
    }

    /// The status after `event`, or nil when the move is illegal (a 409).
    public func after(_ event: Event) -> ContentStatus? {
        switch (self, event) {
        case (.draft, .approve): .approved
        case (.draft, .requestChanges), (.approved, .requestChanges), (.changesRequested, .requestChanges): .changesRequested
        case (.draft, .edit), (.changesRequested, .edit), (.approved, .edit): .draft
        case (.approved, .schedule): .scheduled
        case (.scheduled, .unschedule): .approved
        case (.scheduled, .publish), (.failed, .publish): .published
        case (.scheduled, .fail): .failed
        case (.draft, .archive), (.changesRequested, .archive), (.approved, .archive), (.failed, .archive): .archived
        default: nil
        }
    }

    /// Whether a regeneration may replace (delete) it: only what nobody has approved yet.
    public var isReplaceable: Bool {
        self == .draft || self == .changesRequested
    }

    /// Whether approval has been given and still stands (the brief's content is committed).
    public var isCommitted: Bool {
        switch self {
        case .approved, .scheduled, .published, .failed: true
        case .draft, .changesRequested, .archived: false
        }
    }
}

/// The 409 for an illegal move.
extension PulseError {
    public static func illegalTransition(from status: ContentStatus, _ event: ContentStatus.Event) -> PulseError {
        let verb: String = switch event {
        case .approve: "approved"
        case .requestChanges: "sent back for changes"
        case .edit: "edited"
        case .schedule: "scheduled"
        case .unschedule: "unscheduled"
        case .publish: "published"
        case .fail: "failed"
        case .archive: "archived"
        }
        return .conflict(code: "content_state_conflict", message: "Content that is \(status.rawValue) cannot be \(verb).")
    }
}
