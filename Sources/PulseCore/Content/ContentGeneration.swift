/// Everything a generator needs to draft one month's batch. Free text in it is already scrubbed
/// of personal data (see `PIIScrubber`).
public struct GenerationRequest: Sendable, Equatable {
    /// The account's name, used when the brand profile has none.
    public var accountName: String
    public var month: YearMonth
    public var focus: BriefFocus
    public var tone: BriefTone
    public var promoEnabled: Bool
    /// What the promotion is (scrubbed); nil or empty when there is none.
    public var promoDetails: String?
    /// The owner's notes for the month (scrubbed).
    public var notes: String?
    /// Where the posts will go; every generated post targets these.
    public var platformTargets: [SocialPlatform]
    public var brand: BrandProfile?
    /// How many posts to write.
    public var postCount: Int
    /// How many of them are PROMO posts (0 unless `promoEnabled`; at most a quarter of the plan).
    public var promoCount: Int
    /// Varies the built-in generator's choices; the same request and seed give the same batch.
    public var seed: UInt64
    /// Titles of the month's kept (approved or scheduled) items, which the new drafts must not repeat.
    public var existingTitles: [String]

    public init(
        accountName: String, month: YearMonth, focus: BriefFocus, tone: BriefTone, promoEnabled: Bool,
        promoDetails: String?, notes: String?, platformTargets: [SocialPlatform], brand: BrandProfile?,
        postCount: Int, promoCount: Int, seed: UInt64, existingTitles: [String] = []
    ) {
        self.accountName = accountName
        self.month = month
        self.focus = focus
        self.tone = tone
        self.promoEnabled = promoEnabled
        self.promoDetails = promoDetails
        self.notes = notes
        self.platformTargets = platformTargets
        self.brand = brand
        self.postCount = postCount
        self.promoCount = promoCount
        self.seed = seed
        self.existingTitles = existingTitles
    }
}

/// One drafted post as a generator returns it.
public struct GeneratedPost: Sendable, Codable, Equatable {
    public var type: ContentType
    public var title: String
    public var caption: String
    /// Without `#`.
    public var hashtags: [String]
    public var platformTargets: [SocialPlatform]

    public init(type: ContentType, title: String, caption: String, hashtags: [String], platformTargets: [SocialPlatform]) {
        self.type = type
        self.title = title
        self.caption = caption
        self.hashtags = hashtags
        self.platformTargets = platformTargets
    }
}

/// What one call to a generator's back end cost, for the AI spend ledger.
public struct GeneratorCall: Sendable, Equatable {
    /// `builtin`, `openai`, …
    public var provider: String
    public var model: String
    public var promptTokens: Int
    public var completionTokens: Int
    /// Tokens for a language model, posts for the built-in generator.
    public var units: Int
    /// Estimated cost in micro-dollars (1 USD = 1,000,000).
    public var costMicros: Int64
    /// The provider's id for the request (the completion id), when it gave one.
    public var requestID: String?
    /// Whether the call produced a usable answer.
    public var succeeded: Bool

    public init(
        provider: String, model: String, promptTokens: Int = 0, completionTokens: Int = 0, units: Int,
        costMicros: Int64, requestID: String?, succeeded: Bool
    ) {
        self.provider = provider
        self.model = model
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.units = units
        self.costMicros = costMicros
        self.requestID = requestID
        self.succeeded = succeeded
    }
}

/// The budget's hold on a generator: asked before every call, told after every call.
public protocol GenerationMeter: Sendable {
    /// Throws (a `GenerationError.budgetExhausted`) when a call estimated to cost
    /// `estimatedMicros` may not be made.
    func authorize(provider: String, estimatedMicros: Int64) async throws
    /// Records a call that was made, whatever its outcome (one AI spend ledger row).
    func record(_ call: GeneratorCall) async throws
}

/// Writes a month's drafts. Implementations: `BuiltInGenerator` (offline, deterministic) and the
/// OpenAI-compatible generator in PulseIntegrations.
public protocol ContentGenerator: Sendable {
    /// `builtin`, `openai`: the ledger's provider name.
    var provider: String { get }
    /// Exactly `request.postCount` posts that pass `GeneratedBatch.issues(_:for:)`.
    func generate(_ request: GenerationRequest, meter: any GenerationMeter) async throws -> [GeneratedPost]
}

/// Why a generator could not produce a batch.
public enum GenerationError: Error, Sendable, Equatable {
    /// The budget refused the call before it was made.
    case budgetExhausted
    /// The back end answered, but not with a valid batch (after the allowed retry).
    case invalidOutput(String)
    /// The back end could not be reached or failed (timeouts, 5xx); worth retrying later.
    case unavailable(String)
    /// The back end refused the request (4xx other than 429); retrying will not help.
    case rejected(String)
}
