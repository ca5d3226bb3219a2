/// The body of `POST /api/post`. Unknown fields (`shortenLinks`, the SDKs' `source`, …) are ignored.
struct PostRequestBody: Decodable {
    let post: String?
    let platforms: [String]?
    let mediaUrls: [String]?
    let idempotencyKey: String?
    /// Accepted and ignored: the sandbox publishes every post at once.
    let scheduleDate: String?

    /// The request with its required fields checked and platforms normalised.
    func validated() throws(SandboxError) -> PublishRequest {
        guard let post = self.post, !post.isEmpty else { throw .missing("post") }
        var platforms: [String] = []
        for platform in self.platforms ?? [] {
            let name = platform.lowercased()
            if !name.isEmpty, !platforms.contains(name) { platforms.append(name) }
        }
        guard !platforms.isEmpty else { throw .missing("platforms") }
        let key = self.idempotencyKey.flatMap { $0.isEmpty ? nil : $0 }
        return PublishRequest(post: post, platforms: platforms, mediaUrls: self.mediaUrls ?? [], idempotencyKey: key)
    }
}

/// A post to publish, validated.
struct PublishRequest: Sendable {
    let post: String
    /// Lower-case, without duplicates, in the order given.
    let platforms: [String]
    let mediaUrls: [String]
    let idempotencyKey: String?
}
