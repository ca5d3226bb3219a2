/// The generator that needs no network and costs nothing: it drafts a month from the template
/// library (`Templates/`), keyed by the brief's focus, tone and promotion and filled with the
/// brand and the month. The same request and seed always give the same batch, byte for byte.
public struct BuiltInGenerator: ContentGenerator {
    /// The ledger's provider name.
    public let provider = "builtin"
    /// The ledger's model name: the template library's version.
    public static let model = "templates-v1"
    /// How many seeds `draft` tries before it gives up on a fully valid batch.
    static let attempts = 4

    /// The generator holds no state: everything comes from the request and its seed.
    public init() {}

    /// Drafts the batch between the meter's authorisation and its record (cost 0, one unit per post).
    public func generate(_ request: GenerationRequest, meter: any GenerationMeter) async throws -> [GeneratedPost] {
        try await meter.authorize(provider: self.provider, estimatedMicros: 0)
        let posts = self.draft(request)
        let issues = GeneratedBatch.issues(posts, for: request)
        try await meter.record(
            GeneratorCall(
                provider: self.provider, model: Self.model, units: request.postCount, costMicros: 0, requestID: nil,
                succeeded: issues.isEmpty
            )
        )
        guard issues.isEmpty else {
            throw GenerationError.invalidOutput(issues.prefix(3).joined(separator: "; "))
        }
        return posts
    }

    /// The batch for `request`, without the meter: pure and deterministic. Tries a few derived
    /// seeds so that unusual brand text (a title clash with a kept post, say) still yields a batch
    /// that passes `GeneratedBatch.issues`; returns the last attempt if none does.
    public func draft(_ request: GenerationRequest) -> [GeneratedPost] {
        let seed = request.seed ^ Self.fingerprint(request)
        var posts: [GeneratedPost] = []
        for attempt in 0..<Self.attempts {
            var drafter = BatchDrafter(request: request, seed: seed &+ UInt64(attempt) &* 0x9E37_79B9_7F4A_7C15)
            posts = drafter.draft()
            if GeneratedBatch.issues(posts, for: request).isEmpty { return posts }
        }
        return posts
    }

    /// A stable hash of everything the drafts depend on, so two accounts with the same seed still
    /// get different batches. FNV-1a, not `Hasher`, which is seeded anew in every process.
    static func fingerprint(_ request: GenerationRequest) -> UInt64 {
        let brand = request.brand
        let fields: [String] = [
            request.accountName, request.month.description, request.focus.rawValue, request.tone.rawValue,
            String(request.promoEnabled), request.promoDetails ?? "", request.notes ?? "",
            request.platformTargets.map(\.rawValue).joined(separator: ","), brand?.name ?? "", brand?.tagline ?? "",
            brand?.description ?? "", (brand?.headings ?? []).joined(separator: "\u{1F}"),
            (brand?.serviceKeywords ?? []).joined(separator: "\u{1F}"), String(request.postCount), String(request.promoCount),
            request.existingTitles.joined(separator: "\u{1F}"),
        ]
        return SlotPlanner.fnv1a(fields.joined(separator: "\u{1E}"))
    }
}
