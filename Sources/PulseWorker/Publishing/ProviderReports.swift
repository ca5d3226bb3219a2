import Foundation
import PulseCore
import PulseIntegrations

/// Reads what Ayrshare says about a post (a POST /post answer, GET /post/:id, a history entry,
/// a `scheduled` webhook) as one result per platform.
enum ProviderReports {
    static func report(_ post: AyrsharePost) -> ProviderPostReport {
        var results: [SocialPlatform: ProviderPostReport.Result] = [:]
        for error in post.errors {
            guard let platform = error.platform.flatMap(SocialPlatform.init(providerName:)) else { continue }
            results[platform] = .failed(code: error.code, message: error.message ?? "the provider refused the post")
        }
        for posted in post.postIds {
            guard let platform = SocialPlatform(providerName: posted.platform) else { continue }
            let status = posted.status?.lowercased()
            if status == nil || status == "success" {
                results[platform] = .published(platformPostId: posted.id, postURL: posted.postUrl)
            } else if status == "error" {
                results[platform] = results[platform] ?? .failed(code: nil, message: "the provider reports an error")
            } else {
                results[platform] = results[platform] ?? .pending
            }
        }
        // A post-wide error that names no platform applies to every platform the post was for.
        if post.status.lowercased() == "error" {
            for name in post.platforms ?? [] {
                guard let platform = SocialPlatform(providerName: name), results[platform] == nil else { continue }
                let first = post.errors.first
                results[platform] = .failed(code: first?.code, message: first?.message ?? "the provider reports an error")
            }
        }
        return ProviderPostReport(providerPostId: post.id, results: results)
    }

    /// A stored `scheduled` webhook body; nil when it does not describe a post.
    static func report(webhookPayload payload: String) -> ProviderPostReport? {
        guard let post = try? JSONDecoder().decode(AyrsharePost.self, from: Data(payload.utf8)) else { return nil }
        return Self.report(post)
    }
}
