import Foundation

/// One platform's error in an Ayrshare answer.
public struct AyrshareError: Sendable, Equatable, Decodable {
    public let code: Int?
    public let message: String?
    public let platform: String?
    public let action: String?
    public let status: String?

    public init(code: Int?, message: String?, platform: String? = nil, action: String? = nil, status: String? = nil) {
        self.code = code
        self.message = message
        self.platform = platform
        self.action = action
        self.status = status
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.code = try container.decodeLenientInt(forKey: .code)
        self.message = try? container.decodeIfPresent(String.self, forKey: .message)
        self.platform = try? container.decodeIfPresent(String.self, forKey: .platform)
        self.action = try? container.decodeIfPresent(String.self, forKey: .action)
        self.status = try? container.decodeIfPresent(String.self, forKey: .status)
    }

    private enum CodingKeys: String, CodingKey { case code, message, platform, action, status }
}

/// A post as published on one network.
public struct AyrsharePostedID: Sendable, Equatable, Decodable {
    public let platform: String
    public let id: String?
    public let postUrl: String?
    public let status: String?
}

/// A post as Ayrshare reports it (POST /post result, GET /post/:id, history entries, `scheduled` webhooks).
public struct AyrsharePost: Sendable, Equatable, Decodable {
    /// Ayrshare's own post id.
    public let id: String
    /// `success`, `error`, `pending`, `deleted`, `awaiting approval`.
    public let status: String
    public let postIds: [AyrsharePostedID]
    public let errors: [AyrshareError]
    public let refId: String?
    public let post: String?
    public let platforms: [String]?
    public let idempotencyKey: String?

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.id = try container.decode(String.self, forKey: .id)
        self.status = (try? container.decodeIfPresent(String.self, forKey: .status)) ?? "unknown"
        self.postIds = (try? container.decodeIfPresent([AyrsharePostedID].self, forKey: .postIds)) ?? []
        self.errors = (try? container.decodeIfPresent([AyrshareError].self, forKey: .errors)) ?? []
        self.refId = try? container.decodeIfPresent(String.self, forKey: .refId)
        self.post = try? container.decodeIfPresent(String.self, forKey: .post)
        self.platforms = try? container.decodeIfPresent([String].self, forKey: .platforms)
        self.idempotencyKey = try? container.decodeIfPresent(String.self, forKey: .idempotencyKey)
    }

    private enum CodingKeys: String, CodingKey { case id, status, postIds, errors, refId, post, platforms, idempotencyKey }
}

/// The answer to POST /post, bare or wrapped in `posts` (profile-key calls), reduced to one post.
struct AyrsharePostResponse: Decodable {
    let status: String?
    let post: AyrsharePost?
    let errors: [AyrshareError]
    let message: String?

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.status = try? container.decodeIfPresent(String.self, forKey: .status)
        self.message = try? container.decodeIfPresent(String.self, forKey: .message)
        if let wrapped = try? container.decodeIfPresent([AyrsharePost].self, forKey: .posts), let first = wrapped.first {
            self.post = first
        } else {
            self.post = try? AyrsharePost(from: decoder)
        }
        let topErrors = (try? container.decodeIfPresent([AyrshareError].self, forKey: .errors)) ?? []
        let code = try container.decodeLenientInt(forKey: .code)
        let listed = topErrors.isEmpty ? (self.post?.errors ?? []) : topErrors
        // `{"status":"error","code":156,"message":…}` carries its error at the top level.
        let message = self.message
        self.errors = listed.isEmpty ? (code.map { [AyrshareError(code: $0, message: message)] } ?? []) : listed
    }

    /// Whether any platform published.
    var publishedAnywhere: Bool {
        self.post?.postIds.contains { $0.status == "success" || ($0.status == nil && $0.id != nil) } ?? false
    }

    private enum CodingKeys: String, CodingKey { case status, posts, errors, message, code }
}

/// GET /history: a bare array or `{"history": [...]}`.
struct AyrshareHistoryResponse: Decodable {
    let posts: [AyrsharePost]

    init(from decoder: any Decoder) throws {
        if let posts = try? [AyrsharePost](from: decoder) {
            self.posts = posts
        } else {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.posts = try container.decode([AyrsharePost].self, forKey: .history)
        }
    }

    private enum CodingKeys: String, CodingKey { case history }
}

/// A social account linked to a profile.
public struct AyrshareLinkedAccount: Sendable, Equatable, Decodable {
    /// `facebook`, `instagram`, …
    public let platform: String
    /// The network's account id (Facebook Page id, Instagram account id).
    public let id: String
    public let displayName: String?
    public let username: String?
    public let profileUrl: String?

    public init(platform: String, id: String, displayName: String?, username: String? = nil, profileUrl: String? = nil) {
        self.platform = platform
        self.id = id
        self.displayName = displayName
        self.username = username
        self.profileUrl = profileUrl
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.platform = try container.decode(String.self, forKey: .platform)
        // Network ids arrive as strings or numbers depending on the network.
        if let text = try? container.decode(String.self, forKey: .id) {
            self.id = text
        } else {
            self.id = String(try container.decode(Int64.self, forKey: .id))
        }
        self.displayName = try? container.decodeIfPresent(String.self, forKey: .displayName)
        self.username = try? container.decodeIfPresent(String.self, forKey: .username)
        self.profileUrl = try? container.decodeIfPresent(String.self, forKey: .profileUrl)
    }

    private enum CodingKeys: String, CodingKey { case platform, id, displayName, username, profileUrl }
}

/// GET /user: which accounts are linked. `activeSocialAccounts` is absent when none are.
public struct AyrshareUser: Sendable, Equatable, Decodable {
    public let activeSocialAccounts: [String]
    public let displayNames: [AyrshareLinkedAccount]
    public let refId: String?
    public let title: String?

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.activeSocialAccounts = (try? container.decodeIfPresent([String].self, forKey: .activeSocialAccounts)) ?? []
        // Entries without a usable id are skipped rather than failing the whole answer.
        let entries = (try? container.decodeIfPresent([FailableLinkedAccount].self, forKey: .displayNames)) ?? []
        self.displayNames = entries.compactMap(\.value)
        self.refId = try? container.decodeIfPresent(String.self, forKey: .refId)
        self.title = try? container.decodeIfPresent(String.self, forKey: .title)
    }

    /// Linked accounts of platforms that are active.
    public var linkedAccounts: [AyrshareLinkedAccount] {
        let active = Set(self.activeSocialAccounts.map { $0.lowercased() })
        return self.displayNames.filter { active.contains($0.platform.lowercased()) }
    }

    private enum CodingKeys: String, CodingKey { case activeSocialAccounts, displayNames, refId, title }

    private struct FailableLinkedAccount: Decodable {
        let value: AyrshareLinkedAccount?

        init(from decoder: any Decoder) throws {
            self.value = try? AyrshareLinkedAccount(from: decoder)
        }
    }
}

/// POST /profiles: the new profile. The key is returned only here.
public struct AyrshareCreatedProfile: Sendable, Decodable {
    public let title: String
    public let refId: String
    public let profileKey: String
}

extension KeyedDecodingContainer {
    /// An integer sent as a number or as a numeric string.
    func decodeLenientInt(forKey key: Key) throws -> Int? {
        if let value = try? self.decodeIfPresent(Int.self, forKey: key) { return value }
        if let text = try? self.decodeIfPresent(String.self, forKey: key) { return Int(text) }
        return nil
    }
}
