import Foundation
import Testing

@testable import PulseIntegrations

/// Recorded answers of every shape in specs/ayrshare.md decode, and their failures classify.
@Suite struct AyrshareDecodingTests {
    static func fixture(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures/ayrshare"))
        return try Data(contentsOf: url)
    }

    @Test func bareAndWrappedPostResultsDecodeAlike() throws {
        let bare = try JSONDecoder().decode(AyrsharePostResponse.self, from: Self.fixture("post_success"))
        #expect(bare.post?.id == "RhrbDtYh7hdSMc67zC8H")
        #expect(bare.post?.postIds.first?.postUrl == "https://www.facebook.com/104923_5829")
        let wrapped = try JSONDecoder().decode(AyrsharePostResponse.self, from: Self.fixture("post_wrapped"))
        #expect(wrapped.post?.id == "wT7bA1")
        #expect(wrapped.post?.postIds.first?.platform == "instagram")
        #expect(wrapped.post?.refId == "ref-client-1")
    }

    @Test(arguments: [
        ("post_error_duplicate", AyrshareFailure.permanent(code: 137, message: "Duplicate or similar content posted within the same two day period.")),
        ("post_error_twitter_110", .permanent(code: 110, message: "Status is a duplicate.")),
        ("post_error_not_linked", .needsReconnect(code: 156, platform: "instagram", message: "Instagram is not linked. Please link it on the Social Accounts page.")),
        ("post_error_fb_auth", .needsReconnect(code: 161, platform: "facebook", message: "Facebook authorization has expired. Please relink.")),
    ])
    func postErrorsClassify(fixture: String, expected: AyrshareFailure) throws {
        let response = try JSONDecoder().decode(AyrsharePostResponse.self, from: Self.fixture(fixture))
        #expect(response.status == "error")
        #expect(AyrshareFailure.classify(status: 200, errors: response.errors, message: response.message, retryAfter: nil) == expected)
    }

    @Test func topLevelErrorCodesClassify() throws {
        let response = try JSONDecoder().decode(AyrsharePostResponse.self, from: Self.fixture("post_error_quota"))
        #expect(response.post == nil)
        let failure = AyrshareFailure.classify(status: 403, errors: [AyrshareError(code: 106, message: response.message)], message: nil, retryAfter: nil)
        #expect(failure == .permanent(code: 106, message: "Monthly post quota reached."))
    }

    @Test func aTopLevelErrorCodeOnASuccessfulCallClassifies() throws {
        let response = try JSONDecoder().decode(AyrsharePostResponse.self, from: Self.fixture("post_error_toplevel_156"))
        #expect(!response.publishedAnywhere)
        #expect(AyrshareFailure.classify(status: 200, errors: response.errors, message: response.message, retryAfter: nil)
            == .needsReconnect(code: 156, platform: nil, message: "Facebook is not linked."))
    }

    @Test func gatewayErrorsOnWritesAreAmbiguous() {
        if case .ambiguous = AyrshareFailure.classify(status: 504, errors: [], message: nil, retryAfter: nil, idempotent: false) {} else {
            Issue.record("a 504 on a write may have run")
        }
        #expect(AyrshareFailure.classify(status: 504, errors: [], message: nil, retryAfter: nil, idempotent: true)
            == .retryable(reason: "provider error (HTTP 504)", retryAfter: nil))
    }

    @Test func httpStatusesClassify() {
        #expect(AyrshareFailure.classify(status: 429, errors: [], message: nil, retryAfter: .seconds(30)) == .retryable(reason: "rate limited (HTTP 429)", retryAfter: .seconds(30)))
        #expect(AyrshareFailure.classify(status: 435, errors: [], message: nil, retryAfter: nil) == .retryable(reason: "rate limited (HTTP 435)", retryAfter: nil))
        #expect(AyrshareFailure.classify(status: 503, errors: [], message: nil, retryAfter: nil) == .retryable(reason: "provider error (HTTP 503)", retryAfter: nil))
        #expect(AyrshareFailure.classify(status: 400, errors: [], message: "Bad", retryAfter: nil) == .permanent(code: nil, message: "Bad"))
        // A reconnect code wins over the HTTP status.
        #expect(AyrshareFailure.classify(status: 400, errors: [AyrshareError(code: 156, message: "x", platform: "facebook")], message: nil, retryAfter: nil)
            == .needsReconnect(code: 156, platform: "facebook", message: "x"))
    }

    @Test func postsHistoryAndUsersDecode() throws {
        let post = try JSONDecoder().decode(AyrsharePost.self, from: Self.fixture("get_post"))
        #expect(post.status == "success")
        #expect(post.idempotencyKey == "3f1c7e1a-0000-4000-8000-000000000001")
        let pending = try JSONDecoder().decode(AyrsharePost.self, from: Self.fixture("get_post_pending"))
        #expect(pending.status == "pending")
        #expect(pending.postIds.isEmpty)
        #expect(try JSONDecoder().decode(AyrshareHistoryResponse.self, from: Self.fixture("history_array")).posts.map(\.id) == ["a1", "a2"])
        #expect(try JSONDecoder().decode(AyrshareHistoryResponse.self, from: Self.fixture("history_wrapped")).posts.map(\.id) == ["a1"])

        let linked = try JSONDecoder().decode(AyrshareUser.self, from: Self.fixture("user_linked"))
        #expect(linked.linkedAccounts.map(\.platform) == ["facebook", "instagram"])
        #expect(linked.linkedAccounts.last?.id == "17841400000000000")
        let empty = try JSONDecoder().decode(AyrshareUser.self, from: Self.fixture("user_empty"))
        #expect(empty.activeSocialAccounts.isEmpty)
        #expect(empty.linkedAccounts.isEmpty)

        let profile = try JSONDecoder().decode(AyrshareCreatedProfile.self, from: Self.fixture("profile_created"))
        #expect(profile.refId == "9abf1426d6ce9122ef11c72bd62e59807c5cc083")
        let hook = try JSONDecoder().decode(AyrsharePost.self, from: Self.fixture("webhook_scheduled"))
        #expect(hook.postIds.first?.id == "104923_5829")
    }

    @Test func transportErrorsClassifyByWhetherAnythingWasSent() {
        #expect(AyrshareClient.classify(transport: HTTPClientErrorProxy.connectTimeout, idempotent: false) == .retryable(reason: "could not connect (\(HTTPClientErrorProxy.connectTimeout))", retryAfter: nil))
        if case .ambiguous = AyrshareClient.classify(transport: HTTPClientErrorProxy.readTimeout, idempotent: false) {} else {
            Issue.record("a read timeout on a write must be ambiguous")
        }
        if case .retryable = AyrshareClient.classify(transport: HTTPClientErrorProxy.readTimeout, idempotent: true) {} else {
            Issue.record("a read timeout on a read is safe to retry")
        }
    }
}

import AsyncHTTPClient

typealias HTTPClientErrorProxy = HTTPClientError
