/// What happens on each network when a post is published: it needs a linked account, and
/// Instagram needs an image or video. Pure, so the rules can be read (and tested) in one place.
enum Publisher {
    /// The result of publishing `request` for `profile` under Ayrshare post id `id`.
    static func publish(_ request: PublishRequest, for profile: SandboxProfile, id: String) -> PostResult {
        var errors: [PlatformError] = []
        var published: [PlatformPost] = []
        for platform in request.platforms {
            guard let account = profile.account(on: platform) else {
                errors.append(PlatformError(
                    code: 156,
                    message: "\(Self.displayName(platform)) is not linked. Please link it on the Social Accounts page.",
                    platform: platform
                ))
                continue
            }
            if platform == "instagram", request.mediaUrls.isEmpty {
                errors.append(PlatformError(code: 138, message: "Instagram requires an image or video.", platform: platform))
                continue
            }
            published.append(Self.networkPost(on: account))
        }
        return PostResult(
            status: errors.isEmpty ? "success" : "error",
            errors: errors,
            postIds: published,
            id: id,
            refId: profile.refId,
            post: request.post
        )
    }

    /// The network's record of a post: ids and URLs shaped like the real ones.
    private static func networkPost(on account: LinkedAccount) -> PlatformPost {
        switch account.platform {
        case "facebook":
            let id = "\(account.id)_\(RandomIdentifier.digits(16))"
            return PlatformPost(status: "success", id: id, postUrl: "https://www.facebook.com/\(id)", platform: account.platform)
        case "instagram":
            let id = RandomIdentifier.digits(17)
            let url = "https://www.instagram.com/p/\(RandomIdentifier.alphanumeric(11))/"
            return PlatformPost(status: "success", id: id, postUrl: url, platform: account.platform)
        default:
            let id = RandomIdentifier.digits(12)
            return PlatformPost(status: "success", id: id, postUrl: "https://example.com/\(account.platform)/\(id)", platform: account.platform)
        }
    }

    private static func displayName(_ platform: String) -> String {
        platform.prefix(1).uppercased() + platform.dropFirst()
    }
}
