import Foundation
import Testing

@testable import PulseCore

/// The content state machine, post text limits, plan allowances and brand profile rules.
@Suite struct ContentRulesTests {
    @Test func theStateMachineAllowsExactlyTheDocumentedMoves() {
        let allowed: [ContentStatus: [ContentStatus.Event: ContentStatus]] = [
            .draft: [.approve: .approved, .requestChanges: .changesRequested, .edit: .draft, .archive: .archived],
            .changesRequested: [.requestChanges: .changesRequested, .edit: .draft, .archive: .archived],
            .approved: [.requestChanges: .changesRequested, .edit: .draft, .schedule: .scheduled, .archive: .archived],
            .scheduled: [.unschedule: .approved, .publish: .published, .fail: .failed],
            .published: [:],
            .failed: [.publish: .published, .archive: .archived],
            .archived: [:],
        ]
        for status in ContentStatus.allCases {
            for event in ContentStatus.Event.allCases {
                #expect(status.after(event) == allowed[status]?[event], "\(status) after \(event)")
            }
        }
    }

    @Test func onlyUnapprovedContentIsReplaceableAndApprovalCommits() {
        #expect(ContentStatus.allCases.filter(\.isReplaceable) == [.draft, .changesRequested])
        #expect(ContentStatus.allCases.filter(\.isCommitted) == [.approved, .scheduled, .published, .failed])
        #expect(PulseError.illegalTransition(from: .scheduled, .edit).status == 409)
        #expect(PulseError.illegalTransition(from: .scheduled, .edit).code == "content_state_conflict")
    }

    @Test func plansGiveTheirMonthAndAQuarterOfPromos() {
        #expect(Plan.allCases.map(\.postsPerMonth) == [8, 12, 16])
        #expect(Plan.allCases.map(\.promosPerMonth) == [2, 3, 4])
        #expect(Plan.default == .essential)
    }

    @Test func postTextLimitsFollowTheStrictestTarget() {
        let caption = String(repeating: "a", count: 2_190)
        #expect(PostText.issues(title: "T", caption: caption, hashtags: ["bread"], platforms: [.instagram]).isEmpty)
        // The hashtags are part of what Instagram counts.
        #expect(PostText.issues(title: "T", caption: caption, hashtags: ["sourdough"], platforms: [.instagram]).map(\.field) == ["caption"])
        #expect(PostText.issues(title: "T", caption: caption + "bbbbbbbbbbbbbbbb", hashtags: [], platforms: [.facebook]).isEmpty)
        #expect(PostText.issues(title: "T", caption: "ok", hashtags: (0..<31).map { "t\($0)" }, platforms: [.facebook]).map(\.field) == ["hashtags"])
        #expect(PostText.issues(title: "T", caption: "ok", hashtags: ["#bread"], platforms: [.facebook]).map(\.field) == ["hashtags"])
        #expect(PostText.issues(title: "T", caption: "  ", hashtags: [], platforms: [.facebook]).map(\.field) == ["caption"])
        #expect(PostText.issues(title: String(repeating: "t", count: 121), caption: "ok", hashtags: [], platforms: [.facebook]).map(\.field) == ["title"])
        #expect(PostText.isValidHashtag("Café_2027"))
        #expect(!PostText.isValidHashtag("two words") && !PostText.isValidHashtag(""))
        #expect(PostText.compose(caption: "Hi", hashtags: ["a", "#b"]) == "Hi\n\n#a #b")
    }

    @Test func brandProfilesAreScrubbedAndColoursNormalised() throws {
        let profile = BrandProfile(name: "  Kiwi Bakery ", description: "Email hello@kiwi.nz", colors: ["#ABC", "#0a7f5a", "red"])
        let normalized = BrandProfileRules.normalized(profile)
        #expect(normalized.name == "Kiwi Bakery")
        #expect(normalized.description == "Email [email]")
        #expect(normalized.colors == ["#aabbcc", "#0a7f5a"])
        #expect(throws: PulseError.self) { try BrandProfileRules.validated(profile) }
        #expect(throws: PulseError.self) { try BrandProfileRules.validated(BrandProfile(headings: Array(repeating: "h", count: 31))) }
    }

    @Test func utcMonthOfADate() {
        #expect(YearMonth(utc: Date(timeIntervalSince1970: 1_798_761_599)).description == "2026-12")
        #expect(YearMonth(utc: Date(timeIntervalSince1970: 1_798_761_600)).description == "2027-01")
    }
}

/// The AI budget: ladder parsing, allowances, refusals and alerts.
@Suite struct AIBudgetTests {
    static let budget = AIBudget(
        globalMonthlyMicros: 1_000_000_000, accountMonthlyCapMicros: 25_000_000, regenerationsPerBrief: 3,
        ladder: AIBudget.parseLadder(AIBudget.defaultLadder) ?? []
    )

    static func standing(percent: Int64, account: Int64 = 0) -> AIBudget.Standing {
        AIBudget.Standing(globalMicros: percent * 10_000_000, accountMicros: account)
    }

    @Test func theDefaultLadderParses() {
        #expect(AIBudget.parseLadder(AIBudget.defaultLadder) == [
            .init(percent: 70, maxRegenerations: 1), .init(percent: 85, maxRegenerations: 0), .init(percent: 95, builtInOnly: true),
        ])
        #expect(AIBudget.parseLadder("50:regenerations=2+builtin") == [.init(percent: 50, maxRegenerations: 2, builtInOnly: true)])
        for bad in ["70", "70:fast", "120:builtin", "x:builtin", "70:regenerations=-1", "70:regenerations"] {
            #expect(AIBudget.parseLadder(bad) == nil, "\(bad)")
        }
    }

    @Test(arguments: [
        (0, 3, false, nil), (69, 3, false, nil), (70, 1, false, 70), (84, 1, false, 70), (85, 0, false, 85), (95, 0, true, 95), (150, 0, true, 95),
    ] as [(Int64, Int, Bool, Int?)])
    func theAllowanceTightensAlongTheLadder(percent: Int64, regenerations: Int, builtInOnly: Bool, rung: Int?) {
        let allowance = Self.budget.allowance(at: Self.standing(percent: percent))
        #expect(allowance.maxRegenerations == regenerations)
        #expect(allowance.builtInOnly == builtInOnly)
        #expect(allowance.rung == rung)
    }

    @Test func theFullBudgetMeansBuiltInOnlyWhateverTheLadder() {
        let bare = AIBudget(globalMonthlyMicros: 100, accountMonthlyCapMicros: 100, regenerationsPerBrief: 3, ladder: [])
        #expect(!bare.allowance(at: .init(globalMicros: 99, accountMicros: 0)).builtInOnly)
        #expect(bare.allowance(at: .init(globalMicros: 100, accountMicros: 0)).builtInOnly)
    }

    @Test func thePlansAICapAppliesWhenItIsLowerThanTheConfiguredOne() {
        #expect(Self.budget.capped(for: .essential).accountMonthlyCapMicros == 5_000_000)
        #expect(Self.budget.capped(for: .authority).accountMonthlyCapMicros == 20_000_000)
        var generous = Self.budget
        generous.accountMonthlyCapMicros = 1_000_000
        #expect(generous.capped(for: .authority).accountMonthlyCapMicros == 1_000_000)
    }

    @Test func refusalsAt402() {
        // The account cap: just under, at, over.
        #expect(Self.budget.refusal(generationsBefore: 0, at: Self.standing(percent: 0, account: 24_999_999)) == nil)
        #expect(Self.budget.refusal(generationsBefore: 0, at: Self.standing(percent: 0, account: 25_000_000))?.status == 402)
        #expect(Self.budget.refusal(generationsBefore: 0, at: Self.standing(percent: 0, account: 25_000_001))?.code == "ai_budget_exhausted")
        // `generationsBefore` batches exist, so this would be regeneration number `generationsBefore`:
        // 3 allowed while healthy, 1 from 70 %, none from 85 %; a first batch is never refused.
        #expect(Self.budget.refusal(generationsBefore: 3, at: Self.standing(percent: 0)) == nil)
        #expect(Self.budget.refusal(generationsBefore: 4, at: Self.standing(percent: 0))?.status == 402)
        #expect(Self.budget.refusal(generationsBefore: 1, at: Self.standing(percent: 70)) == nil)
        #expect(Self.budget.refusal(generationsBefore: 2, at: Self.standing(percent: 70))?.status == 402)
        #expect(Self.budget.refusal(generationsBefore: 0, at: Self.standing(percent: 85)) == nil)
        #expect(Self.budget.refusal(generationsBefore: 1, at: Self.standing(percent: 85))?.status == 402)
        #expect(Self.budget.refusal(generationsBefore: 0, at: Self.standing(percent: 100)) == nil)
        #expect(Self.budget.refusal(generationsBefore: 1, at: Self.standing(percent: 100))?.status == 402)
    }

    @Test func aPaidCallMustFitBothTheBudgetAndTheCap() {
        #expect(Self.budget.permits(estimatedMicros: 0, at: Self.standing(percent: 200, account: 99_000_000)))
        #expect(Self.budget.permits(estimatedMicros: 1_000, at: Self.standing(percent: 50)))
        #expect(!Self.budget.permits(estimatedMicros: 1_000, at: Self.standing(percent: 95)))
        #expect(!Self.budget.permits(estimatedMicros: 1_000, at: Self.standing(percent: 50, account: 24_999_500)))
        #expect(Self.budget.permits(estimatedMicros: 500, at: Self.standing(percent: 50, account: 24_999_500)))
    }

    @Test func alertsFireOnceWhenEachLevelIsCrossed() {
        let at = { (percent: Int64) in percent * 10_000_000 }
        #expect(Self.budget.crossedAlerts(from: at(60), to: at(69)).isEmpty)
        #expect(Self.budget.crossedAlerts(from: at(69), to: at(70)) == [70])
        #expect(Self.budget.crossedAlerts(from: at(70), to: at(84)).isEmpty)
        #expect(Self.budget.crossedAlerts(from: at(60), to: at(96)) == [70, 85, 95])
    }
}

/// The plan catalogue and billing statuses.
@Suite struct PlanCatalogueTests {
    @Test func limitsPerPlan() {
        #expect(Plan.allCases.map(\.connectedPlatforms) == [1, 2, 2])
        #expect(Plan.allCases.map(\.members) == [3, 5, 10])
        #expect(PlanLimit.members.allowsAnother(current: 2, on: .essential))
        #expect(!PlanLimit.members.allowsAnother(current: 3, on: .essential))
        #expect(PlanLimit.connectedPlatforms.exceeded(on: .essential).code == "plan_limit_reached")
        #expect(Plan(stored: nil) == .essential && Plan(stored: "GROWTH") == .growth && Plan(stored: "GOLD") == .essential)
    }

    @Test func publishingNeedsTheAddOnAndGoodStanding() {
        for status in BillingStatus.allCases {
            let allowed = PublishingEntitlement.allowsPublishing(postingAddon: true, billingStatus: status.rawValue)
            #expect(allowed == (status == .active || status == .trialing), "\(status)")
            #expect(!PublishingEntitlement.allowsPublishing(postingAddon: false, billingStatus: status.rawValue))
        }
        #expect(BillingStatus(stripe: "past_due") == .pastDue)
        #expect(BillingStatus(stripe: "incomplete_expired") == .incompleteExpired)
        #expect(BillingStatus(stripe: "weird") == nil)
    }
}
