import Foundation
import Testing

@testable import PulseCore

/// Every suite is nested in `SchedulingTests` so `swift test --filter SchedulingTests` runs them all.
@Suite struct SchedulingTests {
    /// 2026-12-01T19:30:02Z.
    static let epoch: TimeInterval = 1_796_153_402
    static let base = Date(timeIntervalSince1970: epoch)

    // MARK: - ScheduleStatus

    @Suite struct Status {
        struct Expected: Sendable, CustomTestStringConvertible {
            let status: ScheduleStatus
            let terminal: Bool
            let changeable: Bool
            let publishedReport: Bool
            let failedReport: Bool
            var testDescription: String { self.status.rawValue }
        }

        static let table: [Expected] = [
            Expected(status: .queued, terminal: false, changeable: true, publishedReport: true, failedReport: false),
            Expected(status: .scheduled, terminal: false, changeable: true, publishedReport: true, failedReport: false),
            Expected(status: .publishing, terminal: false, changeable: false, publishedReport: true, failedReport: true),
            Expected(status: .published, terminal: true, changeable: false, publishedReport: false, failedReport: false),
            Expected(status: .failed, terminal: true, changeable: false, publishedReport: true, failedReport: false),
            Expected(status: .unknown, terminal: false, changeable: false, publishedReport: true, failedReport: true),
            Expected(status: .cancelled, terminal: true, changeable: false, publishedReport: false, failedReport: false),
        ]

        @Test func tableCoversEveryCaseOnce() {
            #expect(Self.table.map(\.status) == ScheduleStatus.allCases)
        }

        @Test(arguments: Self.table)
        func properties(_ row: Expected) {
            #expect(row.status.isTerminal == row.terminal)
            #expect(row.status.isChangeable == row.changeable)
            #expect(row.status.acceptsPublishedReport == row.publishedReport)
            #expect(row.status.acceptsFailedReport == row.failedReport)
        }

        @Test func rawValuesAreTheStoredStrings() {
            #expect(ScheduleStatus.allCases.map(\.rawValue) == ["QUEUED", "SCHEDULED", "PUBLISHING", "PUBLISHED", "FAILED", "UNKNOWN", "CANCELLED"])
        }
    }

    // MARK: - RetryPolicy

    @Suite struct Retry {
        static let now = SchedulingTests.base
        /// The slot is well in the past of `now` but inside the 6 h window.
        static let slot = SchedulingTests.base.addingTimeInterval(-600)
        static let almostOne = 0.999_999

        static func delay(
            _ policy: RetryPolicy = RetryPolicy(), attempt: Int, unit: Double, retryAfter: Duration? = nil,
            now: Date = Self.now, slot: Date = Self.slot
        ) -> TimeInterval? {
            policy.nextAttempt(after: attempt, now: now, slot: slot, retryAfter: retryAfter, unit: unit)?.timeIntervalSince(now)
        }

        @Test func defaults() {
            let policy = RetryPolicy()
            #expect(policy.maxAttempts == 5)
            #expect(policy.baseDelay == .seconds(30))
            #expect(policy.maxDelay == .seconds(1800))
            #expect(policy.window == .seconds(21600))
        }

        @Test(arguments: 1...4)
        func unitZeroRetriesNow(attempt: Int) {
            #expect(Self.delay(attempt: attempt, unit: 0) == 0)
        }

        /// base * 2^(attempt-1): 30, 60, 120, 240 s.
        @Test(arguments: [(1, 30.0), (2, 60.0), (3, 120.0), (4, 240.0)])
        func unitNearOneGivesAboutTheCeiling(attempt: Int, ceiling: Double) throws {
            let delay = try #require(Self.delay(attempt: attempt, unit: Self.almostOne))
            #expect(delay <= ceiling)
            #expect(abs(delay - ceiling) < 0.01)
        }

        @Test func jitterScalesTheCeilingLinearly() {
            #expect(Self.delay(attempt: 3, unit: 0.5) == 60)  // ceiling 120
            #expect(Self.delay(attempt: 2, unit: 0.25) == 15)  // ceiling 60
            #expect(Self.delay(attempt: 1, unit: 0.5) == 15)  // ceiling 30
        }

        @Test func ceilingIsCappedAtMaxDelay() throws {
            let policy = RetryPolicy(maxAttempts: 40, window: .seconds(100 * 86400))
            // 30 * 2^6 = 1920 > 1800
            let seventh = try #require(Self.delay(policy, attempt: 7, unit: Self.almostOne))
            #expect(abs(seventh - 1800) < 0.01)
            // 30 * 2^5 = 960 < 1800: not capped yet
            let sixth = try #require(Self.delay(policy, attempt: 6, unit: Self.almostOne))
            #expect(abs(sixth - 960) < 0.01)
            // Very large attempts stay capped (no overflow).
            #expect(Self.delay(policy, attempt: 35, unit: 0.5) == 900)
        }

        @Test func retryAfterIsAFloor() {
            // Jitter gives 15 s, the provider asks for 120 s.
            #expect(Self.delay(attempt: 1, unit: 0.5, retryAfter: .seconds(120)) == 120)
            // Even with unit 0.
            #expect(Self.delay(attempt: 1, unit: 0, retryAfter: .seconds(45)) == 45)
            // Jitter gives 60 s, the provider asks for only 10 s: jitter wins.
            #expect(Self.delay(attempt: 3, unit: 0.5, retryAfter: .seconds(10)) == 60)
        }

        @Test func noAttemptOnceMaxAttemptsIsReached() {
            #expect(Self.delay(attempt: 4, unit: 0.5) != nil)
            #expect(Self.delay(attempt: 5, unit: 0.5) == nil)
            #expect(Self.delay(attempt: 6, unit: 0) == nil)
            let two = RetryPolicy(maxAttempts: 2)
            #expect(Self.delay(two, attempt: 1, unit: 0) == 0)
            #expect(Self.delay(two, attempt: 2, unit: 0) == nil)
        }

        @Test func noAttemptAfterTheWindow() {
            // Now is 10 s before the window closes (slot + 6 h).
            let slot = Self.now.addingTimeInterval(-21600 + 10)
            #expect(Self.delay(attempt: 1, unit: 0.5, slot: slot) == nil)  // 15 s: too late
            #expect(Self.delay(attempt: 1, unit: 0.2, slot: slot) == 6)  // 6 s: fits
            #expect(Self.delay(attempt: 1, unit: 0, retryAfter: .seconds(11), slot: slot) == nil)  // the floor is too late
            #expect(Self.delay(attempt: 1, unit: 0, retryAfter: .seconds(10), slot: slot) == 10)  // exactly at the close
        }

        @Test func nothingOnceTheWindowHasClosed() {
            let slot = Self.now.addingTimeInterval(-21601)
            #expect(Self.delay(attempt: 1, unit: 0, slot: slot) == nil)
        }

        @Test func customWindowIsUsed() {
            let policy = RetryPolicy(window: .seconds(60))
            #expect(Self.delay(policy, attempt: 1, unit: 0.5, slot: Self.now) == 15)
            #expect(Self.delay(policy, attempt: 1, unit: 0, slot: Self.now.addingTimeInterval(-61)) == nil)
        }
    }

    // MARK: - ScheduleAssignment

    @Suite struct Assignment {
        static func slot(_ hours: Double) -> Date { SchedulingTests.base.addingTimeInterval(hours * 3600) }
        static func id(_ n: Int) -> UUID { UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", n))! }
        typealias Item = ScheduleAssignment.Item
        typealias Content = ScheduleAssignment.Content

        static let slots = [slot(0), slot(24), slot(48), slot(72)]

        @Test func contentFillsFreeSlotsInOrderSkippingOccupied() {
            let content = [
                Content(id: Self.id(1), platforms: [.facebook, .instagram]),
                Content(id: Self.id(2), platforms: [.instagram]),
                Content(id: Self.id(3), platforms: [.facebook]),
            ]
            let plan = ScheduleAssignment.assign(content: content, slots: Self.slots, occupied: [Self.slot(24)])
            #expect(
                plan.items == [
                    Item(contentItemId: Self.id(1), platform: .facebook, scheduledFor: Self.slot(0)),
                    Item(contentItemId: Self.id(1), platform: .instagram, scheduledFor: Self.slot(0)),
                    Item(contentItemId: Self.id(2), platform: .instagram, scheduledFor: Self.slot(48)),
                    Item(contentItemId: Self.id(3), platform: .facebook, scheduledFor: Self.slot(72)),
                ]
            )
            #expect(plan.unscheduled.isEmpty)
            #expect(!plan.items.contains { $0.scheduledFor == Self.slot(24) })
        }

        @Test func onePerPlatformTarget() {
            let content = [Content(id: Self.id(1), platforms: [.instagram, .facebook])]
            let plan = ScheduleAssignment.assign(content: content, slots: Self.slots, occupied: [])
            #expect(plan.items.count == 2)
            #expect(Set(plan.items.map(\.platform)) == [.facebook, .instagram])
            #expect(plan.items.allSatisfy { $0.contentItemId == Self.id(1) && $0.scheduledFor == Self.slot(0) })
        }

        @Test func leftoverContentIsUnscheduledInOrder() {
            let content = (1...5).map { Content(id: Self.id($0), platforms: [.facebook]) }
            let plan = ScheduleAssignment.assign(content: content, slots: Self.slots, occupied: [Self.slot(0)])
            #expect(plan.items.map(\.contentItemId) == [Self.id(1), Self.id(2), Self.id(3)])
            #expect(plan.items.map(\.scheduledFor) == [Self.slot(24), Self.slot(48), Self.slot(72)])
            #expect(plan.unscheduled == [Self.id(4), Self.id(5)])
        }

        @Test func onlyThePlatformsTheProfileNamesAreScheduled() {
            let content = [
                Content(id: Self.id(1), platforms: [.facebook, .instagram]),
                Content(id: Self.id(2), platforms: [.facebook]),
                Content(id: Self.id(3), platforms: [.instagram]),
            ]
            let plan = ScheduleAssignment.assign(content: content, slots: Self.slots, occupied: [], platforms: [.instagram])
            // Facebook-only content takes no slot and stays approved.
            #expect(
                plan.items == [
                    Item(contentItemId: Self.id(1), platform: .instagram, scheduledFor: Self.slot(0)),
                    Item(contentItemId: Self.id(3), platform: .instagram, scheduledFor: Self.slot(24)),
                ]
            )
            #expect(plan.unscheduled == [Self.id(2)])
            let none = ScheduleAssignment.assign(content: content, slots: Self.slots, occupied: [], platforms: [])
            #expect(none.items.isEmpty)
            #expect(none.unscheduled == content.map(\.id))
            // Unscheduled keeps batch order whether content did not fit or had no platform.
            let crowded = ScheduleAssignment.assign(content: content, slots: [Self.slot(0)], occupied: [], platforms: [.instagram])
            #expect(crowded.items.map(\.contentItemId) == [Self.id(1)])
            #expect(crowded.unscheduled == [Self.id(2), Self.id(3)])
        }

        @Test func moreSlotsThanContent() {
            let content = [Content(id: Self.id(7), platforms: [.instagram]), Content(id: Self.id(8), platforms: [.facebook])]
            let plan = ScheduleAssignment.assign(content: content, slots: Self.slots, occupied: [])
            #expect(
                plan.items == [
                    Item(contentItemId: Self.id(7), platform: .instagram, scheduledFor: Self.slot(0)),
                    Item(contentItemId: Self.id(8), platform: .facebook, scheduledFor: Self.slot(24)),
                ]
            )
            #expect(plan.unscheduled.isEmpty)
        }

        @Test func everySlotOccupiedLeavesAllUnscheduled() {
            let content = [Content(id: Self.id(1), platforms: [.facebook]), Content(id: Self.id(2), platforms: [.instagram])]
            let plan = ScheduleAssignment.assign(content: content, slots: Self.slots, occupied: Set(Self.slots))
            #expect(plan.items.isEmpty)
            #expect(plan.unscheduled == [Self.id(1), Self.id(2)])
        }

        @Test func noContentNoSlots() {
            let none = ScheduleAssignment.assign(content: [], slots: Self.slots, occupied: [])
            #expect(none.items.isEmpty && none.unscheduled.isEmpty)
            let noSlots = ScheduleAssignment.assign(content: [Content(id: Self.id(1), platforms: [.facebook])], slots: [], occupied: [])
            #expect(noSlots.items.isEmpty)
            #expect(noSlots.unscheduled == [Self.id(1)])
        }
    }

    // MARK: - PublishVerification

    @Suite struct Verification {
        static let account = UUID(uuidString: "6f1c0a52-0d7e-4a0e-9c55-2b1f4e0c9a11")!
        static let otherAccount = UUID(uuidString: "0b7a2f43-8d1c-4f6e-a1b2-3c4d5e6f7a80")!

        static let valid = PublishFacts(
            itemAccountId: account, contentAccountId: account, contentStatus: "APPROVED", approvedHash: "hash-1", currentHash: "hash-1",
            frozenProviderProfileId: "profile-key-1", frozenPlatformAccountId: "page-1", profileStatus: "VERIFIED",
            profileProviderProfileId: "profile-key-1", profilePlatformAccountId: "page-1",
            connectionStatus: "CONNECTED", connectionProviderProfileId: "profile-key-1", connectionPlatformAccountId: "page-1",
            postingAddon: true, billingStatus: "ACTIVE"
        )

        static func refusal(_ change: (inout PublishFacts) -> Void) -> PublishErrorCode? {
            var facts = Self.valid
            change(&facts)
            return PublishVerification.refusal(facts)
        }

        @Test func validFactsPublish() {
            #expect(PublishVerification.refusal(Self.valid) == nil)
            #expect(Self.refusal { $0.contentStatus = "SCHEDULED" } == nil)
            #expect(Self.refusal { $0.billingStatus = "TRIALING" } == nil)
        }

        @Test func accountMismatch() {
            #expect(Self.refusal { $0.contentAccountId = Self.otherAccount } == .accountMismatch)
            #expect(Self.refusal { $0.itemAccountId = Self.otherAccount } == .accountMismatch)
            #expect(Self.refusal { $0.contentAccountId = nil } == .accountMismatch)
        }

        @Test func profileNotVerified() {
            #expect(Self.refusal { $0.profileStatus = "NEEDS_RECONNECT" } == .publishingProfileNotVerified)
            #expect(Self.refusal { $0.profileStatus = nil } == .publishingProfileNotVerified)
        }

        @Test func profileMismatch() {
            #expect(Self.refusal { $0.profileProviderProfileId = "profile-key-2" } == .profileMismatch)
            #expect(Self.refusal { $0.profilePlatformAccountId = "page-2" } == .profileMismatch)
            #expect(Self.refusal { $0.profileProviderProfileId = nil } == .profileMismatch)
            #expect(Self.refusal { $0.profilePlatformAccountId = nil } == .profileMismatch)
            // The frozen side changing is the same mismatch.
            #expect(Self.refusal { $0.frozenPlatformAccountId = "page-2" } == .profileMismatch)
        }

        @Test func connectionMissing() {
            #expect(Self.refusal { $0.connectionStatus = "DISCONNECTED" } == .connectionMissing)
            #expect(Self.refusal { $0.connectionStatus = nil } == .connectionMissing)
            #expect(Self.refusal { $0.connectionProviderProfileId = "profile-key-2" } == .connectionMissing)
            #expect(Self.refusal { $0.connectionPlatformAccountId = "page-2" } == .connectionMissing)
            #expect(
                Self.refusal {
                    $0.connectionStatus = nil
                    $0.connectionProviderProfileId = nil
                    $0.connectionPlatformAccountId = nil
                } == .connectionMissing
            )
        }

        @Test func contentNotApproved() {
            #expect(Self.refusal { $0.contentStatus = "DRAFT" } == .contentNotApproved)
            #expect(Self.refusal { $0.contentStatus = "ARCHIVED" } == .contentNotApproved)
            #expect(Self.refusal { $0.contentStatus = nil } == .contentNotApproved)
        }

        @Test func contentChanged() {
            #expect(Self.refusal { $0.currentHash = "hash-2" } == .contentChanged)
            #expect(Self.refusal { $0.approvedHash = nil } == .contentChanged)
            #expect(Self.refusal { $0.currentHash = nil } == .contentChanged)
            #expect(
                Self.refusal {
                    $0.approvedHash = nil
                    $0.currentHash = nil
                } == .contentChanged
            )
        }

        @Test func planDoesNotAllowPublishing() {
            #expect(Self.refusal { $0.postingAddon = false } == .planDoesNotAllowPublishing)
            #expect(Self.refusal { $0.billingStatus = "PAST_DUE" } == .planDoesNotAllowPublishing)
            #expect(Self.refusal { $0.billingStatus = "CANCELED" } == .planDoesNotAllowPublishing)
        }

        @Test func firstReasonWins() {
            #expect(
                Self.refusal {
                    $0.contentAccountId = nil
                    $0.profileStatus = "NEEDS_RECONNECT"
                    $0.billingStatus = "PAST_DUE"
                } == .accountMismatch
            )
            #expect(
                Self.refusal {
                    $0.connectionStatus = "DISCONNECTED"
                    $0.contentStatus = "DRAFT"
                } == .connectionMissing
            )
        }
    }

    // MARK: - PublishingEntitlement

    @Suite struct Entitlement {
        @Test(arguments: [
            (true, "ACTIVE", true),
            (true, "TRIALING", true),
            (true, "active", true),
            (true, "Trialing", true),
            (false, "ACTIVE", false),
            (false, "TRIALING", false),
            (true, "PAST_DUE", false),
            (true, "CANCELED", false),
            (true, "INCOMPLETE", false),
            (true, "", false),
        ])
        func allowsPublishing(addon: Bool, status: String, allowed: Bool) {
            #expect(PublishingEntitlement.allowsPublishing(postingAddon: addon, billingStatus: status) == allowed)
        }
    }

    // MARK: - Timestamp

    @Suite struct Timestamps {
        static let base = SchedulingTests.base

        @Test func textHasMillisecondsAndZ() {
            #expect(Timestamp.text(Self.base) == "2026-12-01T19:30:02.000Z")
            #expect(Timestamp.text(Date(timeIntervalSince1970: SchedulingTests.epoch + 0.5)) == "2026-12-01T19:30:02.500Z")
        }

        @Test func roundTripWithMilliseconds() throws {
            let text = "2026-12-01T19:30:02.125Z"
            let date = try #require(Timestamp.parse(text))
            #expect(abs(date.timeIntervalSince1970 - (SchedulingTests.epoch + 0.125)) < 0.000_5)
            #expect(Timestamp.text(date) == text)
        }

        @Test func twoTimesInOneSecondDiffer() {
            let a = Timestamp.text(Date(timeIntervalSince1970: SchedulingTests.epoch + 0.25))
            let b = Timestamp.text(Date(timeIntervalSince1970: SchedulingTests.epoch + 0.75))
            #expect(a != b)
            #expect(Timestamp.parse(a).map(Timestamp.text) == a)
            #expect(Timestamp.parse(b).map(Timestamp.text) == b)
        }

        @Test func parsesWithoutFractionalSeconds() {
            #expect(Timestamp.parse("2026-12-01T19:30:02Z") == Self.base)
        }

        @Test(arguments: ["2026-12-02T08:30:02+13:00", "2026-12-01T14:30:02-05:00", "2026-12-01T19:30:02+00:00"])
        func parsesOffsets(_ text: String) {
            #expect(Timestamp.parse(text) == Self.base)
        }

        @Test func parsesOffsetWithFraction() throws {
            let date = try #require(Timestamp.parse("2026-12-02T08:30:02.125+13:00"))
            #expect(abs(date.timeIntervalSince1970 - (SchedulingTests.epoch + 0.125)) < 0.000_5)
        }

        @Test(arguments: ["", "garbage", "2026-12-01", "19:30:02Z", "2026-12-01T19:30:02", "2026-13-01T19:30:02Z", "2026-12-01T25:30:02Z", "1796153402"])
        func rejectsGarbage(_ text: String) {
            #expect(Timestamp.parse(text) == nil)
        }
    }
}
