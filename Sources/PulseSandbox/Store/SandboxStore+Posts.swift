import Foundation

extension SandboxStore {
    /// What a `POST /api/post` did: the post, and whether it was an idempotent replay (nothing
    /// was published this time).
    struct PublishOutcome: Sendable {
        let post: SandboxPost
        let replayed: Bool
    }

    /// Publishes `request` for the profile `profileKey` selects, unless the profile already used
    /// its idempotency key: then the first post comes back and nothing is published again.
    func publish(_ request: PublishRequest, profileKey: String?) throws(SandboxError) -> PublishOutcome {
        let profile = try self.profile(key: profileKey)
        let scope = request.idempotencyKey.map { IdempotencyScope(refId: profile.refId, key: $0) }
        if let scope, let id = self.idempotentPosts[scope], let index = self.postIndex[id] {
            return PublishOutcome(post: self.posts[index], replayed: true)
        }
        let id = RandomIdentifier.alphanumeric(20)
        let post = SandboxPost(
            refId: profile.refId,
            profileTitle: profile.title,
            platforms: request.platforms,
            mediaUrls: request.mediaUrls,
            idempotencyKey: request.idempotencyKey,
            created: Date(),
            result: Publisher.publish(request, for: profile, id: id)
        )
        self.postIndex[id] = self.posts.count
        self.posts.append(post)
        // Counted on every real publish, so a broken replay would show up as 2, not hide as 1.
        self.publishCounts[IdempotencyScope(refId: profile.refId, key: request.idempotencyKey ?? id), default: 0] += 1
        if let scope { self.idempotentPosts[scope] = id }
        return PublishOutcome(post: post, replayed: false)
    }

    /// The post `id` of the profile `profileKey` selects; other profiles' posts are not found.
    func post(id: String, profileKey: String?) throws(SandboxError) -> SandboxPost {
        self.posts[try self.postIndex(id: id, profileKey: profileKey)]
    }

    /// Marks the post deleted; deleting it again succeeds again.
    func delete(id: String, profileKey: String?) throws(SandboxError) -> SandboxPost {
        let index = try self.postIndex(id: id, profileKey: profileKey)
        self.posts[index].deleted = true
        return self.posts[index]
    }

    /// The profile's posts that pass `filter`, newest first.
    func history(profileKey: String?, filter: HistoryFilter, now: Date = Date()) throws(SandboxError) -> [SandboxPost] {
        let profile = try self.profile(key: profileKey)
        return filter.apply(to: self.posts.reversed().filter { $0.refId == profile.refId }, now: now)
    }

    /// Every post of every profile, oldest first, each with how often its idempotency key (or,
    /// without one, the post itself) was actually published (admin API).
    func allPosts() -> [(post: SandboxPost, publishCount: Int)] {
        self.posts.map { post in
            (post, self.publishCounts[IdempotencyScope(refId: post.refId, key: post.idempotencyKey ?? post.id)] ?? 0)
        }
    }

    private func postIndex(id: String, profileKey: String?) throws(SandboxError) -> Int {
        let profile = try self.profile(key: profileKey)
        guard let index = self.postIndex[id], self.posts[index].refId == profile.refId else {
            throw .notFound("Post \(id) not found.")
        }
        return index
    }
}

/// The query of `GET /api/history`: values that are absent or unreadable filter nothing.
struct HistoryFilter: Sendable {
    var lastDays: Int?
    var limit: Int?
    var status: String?
    /// From `/api/history/:id`.
    var id: String?

    /// `posts` (newest first) narrowed to this filter.
    func apply(to posts: [SandboxPost], now: Date) -> [SandboxPost] {
        var selected = posts
        if let id = self.id {
            selected = selected.filter { $0.id == id }
        }
        if let status = self.status?.lowercased(), !status.isEmpty {
            selected = selected.filter { $0.status == status }
        }
        if let days = self.lastDays, days > 0 {
            let since = now.addingTimeInterval(-Double(days) * 86_400)
            selected = selected.filter { $0.created >= since }
        }
        if let limit = self.limit, limit > 0 {
            selected = Array(selected.prefix(limit))
        }
        return selected
    }
}
