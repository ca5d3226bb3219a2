import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PulseCore
import PulseSandbox
import Testing

@testable import PulseIntegrations

/// The OpenAI-compatible generator against the sandbox's chat completions stub over real HTTP:
/// success, every retry path, every failure class, and the meter around each call.
@Suite(.serialized) struct OpenAIGeneratorTests {
    static let apiKey = "sk-test-secret-key-0123456789"

    /// Remembers what it was asked and told; refuses every call when `refuses` is set.
    actor LedgerMeter: GenerationMeter {
        let refuses: Bool
        private(set) var estimates: [Int64] = []
        private(set) var records: [GeneratorCall] = []

        init(refuses: Bool = false) {
            self.refuses = refuses
        }

        func authorize(provider: String, estimatedMicros: Int64) async throws {
            #expect(provider == "openai")
            self.estimates.append(estimatedMicros)
            if self.refuses { throw GenerationError.budgetExhausted }
        }

        func record(_ call: GeneratorCall) async throws {
            self.records.append(call)
        }
    }

    struct Harness: Sendable {
        let generator: OpenAIGenerator
        let admin: any TestClientProtocol

        func admin(_ method: HTTPRequest.Method, _ path: String, _ json: [String: any Sendable]? = nil) async throws -> [String: Any] {
            let body = try json.map { ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: $0)) }
            let text = try await self.admin.execute(uri: path, method: method, headers: [.contentType: "application/json"], body: body) {
                String(buffer: $0.body)
            }
            return (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        }

        func faults(_ json: [String: any Sendable]) async throws {
            _ = try await self.admin(.post, "/sandbox/admin/openai/faults", json)
        }

        func calls() async throws -> Int {
            try await self.admin(.get, "/sandbox/admin/openai/calls")["calls"] as? Int ?? -1
        }

        func generate(_ request: GenerationRequest = OpenAIGeneratorTests.request(), meter: LedgerMeter) async throws -> [GeneratedPost] {
            try await self.generator.generate(request, meter: meter)
        }
    }

    static func request(seed: UInt64 = 5) -> GenerationRequest {
        GenerationRequest(
            accountName: "Harbour Cuts Ltd", month: YearMonth(year: 2026, month: 11)!, focus: .product, tone: .promotional,
            promoEnabled: true, promoDetails: "A free fringe trim with every colour booking", notes: nil,
            platformTargets: [.facebook, .instagram],
            brand: BrandProfile(name: "Harbour Cuts", serviceKeywords: ["haircuts", "colour", "balayage"]),
            postCount: 8, promoCount: 2, seed: seed, existingTitles: []
        )
    }

    static func withStub(
        timeout: Duration = .seconds(10), apiKey: String? = Self.apiKey, _ body: @Sendable (Harness) async throws -> Void
    ) async throws {
        let app = buildSandboxApplication(SandboxConfiguration(), logger: Logger(label: "sandbox"))
        try await app.test(.live) { admin in
            let port = try #require(admin.port)
            let http = HTTPClient(eventLoopGroupProvider: .singleton)
            let settings = OpenAIGeneratorSettings(baseURL: "http://127.0.0.1:\(port)/", apiKey: apiKey, timeout: timeout)
            let generator = OpenAIGenerator(httpClient: http, settings: settings, logger: Logger(label: "openai"))
            do {
                try await body(Harness(generator: generator, admin: admin))
            } catch {
                try await http.shutdown()
                throw error
            }
            try await http.shutdown()
        }
    }

    @Test func aPlanComesBackValidAndIsMetered() async throws {
        try await Self.withStub { harness in
            let meter = LedgerMeter()
            let request = Self.request()
            let posts = try await harness.generate(request, meter: meter)
            #expect(posts.count == 8)
            #expect(posts.filter { $0.type == .promo }.count == 2)
            #expect(GeneratedBatch.issues(posts, for: request) == [])
            // The stub wrote from the brief in the prompt: the brand's own hashtag is there.
            #expect(posts.contains { $0.hashtags.contains("HarbourCuts") })

            let estimates = await meter.estimates
            #expect(estimates.count == 1)
            #expect((estimates.first ?? 0) > 0)
            let records = await meter.records
            let call = try #require(records.first)
            #expect(records.count == 1)
            #expect(call.provider == "openai" && call.model == "gpt-4o-mini" && call.succeeded)
            #expect(call.promptTokens > 0 && call.completionTokens > 0)
            #expect(call.units == call.promptTokens + call.completionTokens)
            let expected = (Double(call.promptTokens) * 0.15 + Double(call.completionTokens) * 0.60).rounded(.up)
            #expect(call.costMicros == Int64(expected) && call.costMicros > 0)
            #expect(call.costMicros <= estimates[0])
            #expect(call.requestID?.hasPrefix("chatcmpl-") == true)

            let calls = try await harness.admin(.get, "/sandbox/admin/openai/calls")
            #expect(calls["calls"] as? Int == 1)
            #expect(calls["lastAuthorization"] as? String == "Bearer \(Self.apiKey)")
        }
    }

    @Test func theSameRequestGetsTheSamePlan() async throws {
        try await Self.withStub { harness in
            let first = try await harness.generate(meter: LedgerMeter())
            let second = try await harness.generate(meter: LedgerMeter())
            #expect(first == second)
        }
    }

    @Test func noKeyMeansNoAuthorizationHeader() async throws {
        try await Self.withStub(apiKey: nil) { harness in
            _ = try await harness.generate(meter: LedgerMeter())
            let calls = try await harness.admin(.get, "/sandbox/admin/openai/calls")
            #expect(calls["lastAuthorization"] == nil || calls["lastAuthorization"] is NSNull)
        }
    }

    @Test(arguments: ["invalidJSONOnce", "finishReasonLengthOnce", "refusalOnce"])
    func oneUnusableAnswerIsRetried(fault: String) async throws {
        try await Self.withStub { harness in
            try await harness.faults([fault: true])
            let meter = LedgerMeter()
            let posts = try await harness.generate(meter: meter)
            #expect(posts.count == 8)
            #expect(try await harness.calls() == 2)
            #expect(await meter.estimates.count == 2)
            #expect(await meter.records.map(\.succeeded) == [false, true])
        }
    }

    @Test(arguments: [("invalidJSONAlways", "not valid JSON"), ("finishReasonLength", "cut off")])
    func answersThatStayUnusableFailAfterTwoCalls(fault: String, expected: String) async throws {
        try await Self.withStub { harness in
            try await harness.faults([fault: true])
            let meter = LedgerMeter()
            do {
                _ = try await harness.generate(meter: meter)
                Issue.record("expected invalid output")
            } catch let error as GenerationError {
                guard case .invalidOutput(let reason) = error else {
                    Issue.record("expected invalidOutput, got \(error)")
                    return
                }
                #expect(reason.contains(expected))
            }
            #expect(try await harness.calls() == 2)
            let records = await meter.records
            #expect(records.map(\.succeeded) == [false, false])
            // The failed calls were still paid for.
            #expect(records.allSatisfy { $0.costMicros > 0 })
        }
    }

    @Test(arguments: [500, 503, 429])
    func serverTroubleIsUnavailable(status: Int) async throws {
        try await Self.withStub { harness in
            try await harness.faults(["status": status, "statusCount": 1])
            let meter = LedgerMeter()
            await #expect {
                try await harness.generate(meter: meter)
            } throws: { error in
                guard case .unavailable(let message) = error as? GenerationError else { return false }
                return message.contains("\(status)")
            }
            #expect(try await harness.calls() == 1)
            let records = await meter.records
            #expect(records.count == 1 && records.first?.succeeded == false && records.first?.costMicros == 0)
            // The fault was for one call only: the next generation goes through.
            _ = try await harness.generate(meter: LedgerMeter())
        }
    }

    @Test(arguments: [400, 401])
    func refusalsAreRejectedWithoutTheKey(status: Int) async throws {
        try await Self.withStub { harness in
            try await harness.faults(["status": status])
            do {
                _ = try await harness.generate(meter: LedgerMeter())
                Issue.record("expected a rejection")
            } catch let error as GenerationError {
                guard case .rejected(let message) = error else {
                    Issue.record("expected rejected, got \(error)")
                    return
                }
                #expect(message.contains("\(status)"))
                #expect(!message.contains(Self.apiKey))
                #expect(!message.contains("secret-key"))
                #expect(!"\(error)".contains(Self.apiKey))
            }
            #expect(try await harness.calls() == 1)
        }
    }

    @Test func aRefusingMeterStopsTheCall() async throws {
        try await Self.withStub { harness in
            let before = try await harness.calls()
            let meter = LedgerMeter(refuses: true)
            await #expect(throws: GenerationError.budgetExhausted) {
                try await harness.generate(meter: meter)
            }
            #expect(try await harness.calls() == before)
            #expect(await meter.records.isEmpty)
        }
    }

    @Test func aSlowServerTimesOut() async throws {
        try await Self.withStub(timeout: .milliseconds(500)) { harness in
            try await harness.faults(["latencyMs": 1500])
            let meter = LedgerMeter()
            await #expect {
                try await harness.generate(meter: meter)
            } throws: { error in
                if case .unavailable = error as? GenerationError { return true }
                return false
            }
            // No answer, but the request went out: the ledger gets the prompt's estimate.
            let records = await meter.records
            #expect(records.count == 1)
            #expect(records.first?.succeeded == false && records.first?.completionTokens == 0 && (records.first?.promptTokens ?? 0) > 0)
        }
    }

    @Test func anUnreachableServerIsUnavailable() async throws {
        // The pool retries a refused connection until its connect timeout: keep that short here.
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .milliseconds(300))
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let generator = OpenAIGenerator(
            httpClient: http, settings: OpenAIGeneratorSettings(baseURL: "http://127.0.0.1:1", apiKey: Self.apiKey), logger: Logger(label: "openai")
        )
        let meter = LedgerMeter()
        do {
            _ = try await generator.generate(Self.request(), meter: meter)
            Issue.record("expected a connection failure")
        } catch {
            if case .unavailable(let message) = error as? GenerationError {
                #expect(!message.contains(Self.apiKey))
            } else {
                Issue.record("connection refused must be unavailable, got \(error)")
            }
        }
        // Whether a request went out cannot be told apart from here: every call leaves a row.
        #expect(await meter.records.map(\.succeeded) == [false])
        try await http.shutdown()
    }

    @Test func theSandboxResetClearsTheStub() async throws {
        try await Self.withStub { harness in
            try await harness.faults(["invalidJSONAlways": true])
            _ = try? await harness.generate(meter: LedgerMeter())
            #expect(try await harness.calls() == 2)
            _ = try await harness.admin(.post, "/sandbox/reset")
            #expect(try await harness.calls() == 0)
            let faults = try await harness.admin(.get, "/sandbox/admin/openai/faults")
            #expect(faults["invalidJSONAlways"] == nil)
            _ = try await harness.generate(meter: LedgerMeter())
        }
    }
}
