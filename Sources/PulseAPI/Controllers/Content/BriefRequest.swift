import Foundation
import PulseCore
import PulseStore

/// The body of `POST …/briefs` and `PATCH …/briefs/{id}` (where every field is optional and
/// the rest keep their values). Free text is scrubbed of personal data here, before anything
/// stores or sends it.
struct BriefRequest: Decodable {
    let month: String?
    let primaryFocus: String?
    let promoEnabled: Bool?
    let promoDetails: String?
    let tone: String?
    let notes: String?
    let platformTargets: [String]?

    static let maxPromoDetails = 2000
    static let maxNotes = 4000

    /// The fields to store: `current`'s where this request is silent (nil for a create, where
    /// month, focus, tone and targets are required).
    func fields(over current: BriefFields?) throws(PulseError) -> BriefFields {
        var validator = Validator()
        let month = validator.check(Self.month(self.month, current: current?.month))
        let focus = validator.check(Self.choice(self.primaryFocus, field: "primaryFocus", current: current?.focus))
        let tone = validator.check(Self.choice(self.tone, field: "tone", current: current?.tone))
        let targets = validator.check(Self.platforms(self.platformTargets, current: current?.platformTargets))
        let promoDetails = validator.check(Self.text(self.promoDetails, field: "promoDetails", limit: Self.maxPromoDetails, current: current?.promoDetails))
        let notes = validator.check(Self.text(self.notes, field: "notes", limit: Self.maxNotes, current: current?.notes))
        let promoEnabled = self.promoEnabled ?? current?.promoEnabled ?? false
        // A promotion the brief does not describe would have to be invented by the generator.
        if promoEnabled, promoDetails.map({ $0 == nil }) ?? true, validator.issues.allSatisfy({ $0.field != "promoDetails" }) {
            validator.add(FieldIssue(field: "promoDetails", message: "must describe the offer when promoEnabled is true"))
        }
        try validator.finish()
        guard let month, let focus, let tone, let targets else { throw .internalError }
        return BriefFields(
            month: month, focus: focus, promoEnabled: promoEnabled,
            promoDetails: promoDetails ?? nil, tone: tone, notes: notes ?? nil, platformTargets: targets
        )
    }

    static func month(_ raw: String?, current: YearMonth?) -> Result<YearMonth, FieldIssue> {
        guard let raw else {
            return current.map { .success($0) } ?? .failure(FieldIssue(field: "month", message: "is required"))
        }
        guard let month = YearMonth(raw) else { return .failure(FieldIssue(field: "month", message: "must be a month as YYYY-MM")) }
        return .success(month)
    }

    static func choice<T: RawRepresentable & CaseIterable>(_ raw: String?, field: String, current: T?) -> Result<T, FieldIssue>
    where T.RawValue == String {
        guard let raw else {
            return current.map { .success($0) } ?? .failure(FieldIssue(field: field, message: "is required"))
        }
        guard let value = T(rawValue: raw) else {
            return .failure(FieldIssue(field: field, message: "must be one of " + T.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        return .success(value)
    }

    /// One or both platforms, each once.
    static func platforms(_ raw: [String]?, current: [SocialPlatform]?, field: String = "platformTargets") -> Result<[SocialPlatform], FieldIssue> {
        guard let raw else {
            return current.map { .success($0) } ?? .failure(FieldIssue(field: field, message: "is required"))
        }
        let platforms = raw.compactMap(SocialPlatform.init(rawValue:))
        guard !raw.isEmpty, platforms.count == raw.count, Set(platforms).count == platforms.count else {
            return .failure(FieldIssue(field: field, message: "must list FACEBOOK and/or INSTAGRAM, each once"))
        }
        return .success(SocialPlatform.allCases.filter(platforms.contains))
    }

    /// Scrubbed, trimmed text (nil when empty); a nil `raw` keeps the current value. The limit
    /// applies to what is stored, counted as the database counts (Unicode scalars).
    static func text(_ raw: String?, field: String, limit: Int, current: String?) -> Result<String?, FieldIssue> {
        guard let raw else { return .success(current) }
        let scrubbed = PIIScrubber.scrub(raw).trimmingWhitespace()
        guard scrubbed.unicodeScalars.count <= limit else {
            return .failure(FieldIssue(field: field, message: "must be at most \(limit) characters"))
        }
        return .success(scrubbed.isEmpty ? nil : scrubbed)
    }
}
