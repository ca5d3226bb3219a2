import Foundation
import PulseCore

/// Where images live: the local disk or an S3-compatible service, chosen by `MEDIA_STORAGE`.
/// Every object is addressed by a `MediaKey`, which names its account, so nothing is stored or
/// read outside an account's own prefix.
public protocol MediaStorage: Sendable {
    /// Stores `bytes` at `key`, replacing what was there.
    func put(_ bytes: [UInt8], key: MediaKey, contentType: String) async throws
    /// The object's bytes, or nil when there is none.
    func get(_ key: MediaKey) async throws -> [UInt8]?
    /// Removes the object; removing a missing one is not an error.
    func delete(_ key: MediaKey) async throws
    /// A URL that lets whoever holds it GET the object until `now + lifetime`, and not after.
    func signedURL(for key: MediaKey, lifetime: Duration, now: Date) throws -> String
}

/// Why a storage operation failed. Messages never carry credentials.
public enum MediaStorageError: Error, Equatable, CustomStringConvertible {
    /// The service could not be reached or kept failing after the retries.
    case unavailable(String)
    /// The service refused the request (a 4xx other than 404).
    case rejected(status: Int, code: String?)
    /// The local disk failed.
    case io(String)

    public var description: String {
        switch self {
        case .unavailable(let reason): "media storage unavailable: \(reason)"
        case .rejected(let status, let code): "media storage refused the request (HTTP \(status)\(code.map { ", \($0)" } ?? ""))"
        case .io(let reason): "media storage I/O failed: \(reason)"
        }
    }
}

/// An object's key: `media/{accountId}/{month}/{contentId}.png` for a render,
/// `media/{accountId}/uploads/{mediaId}.{png|jpg}` for an upload. Only these shapes exist, so a
/// key can name no path outside its account's prefix.
public struct MediaKey: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case render(month: YearMonth, contentId: UUID)
        case upload(mediaId: UUID, fileExtension: String)
    }

    public let accountId: UUID
    public let kind: Kind

    public static func render(accountId: UUID, month: YearMonth, contentId: UUID) -> MediaKey {
        MediaKey(accountId: accountId, kind: .render(month: month, contentId: contentId))
    }

    public static func upload(accountId: UUID, mediaId: UUID, type: ImageType) -> MediaKey {
        MediaKey(accountId: accountId, kind: .upload(mediaId: mediaId, fileExtension: type.fileExtension))
    }

    /// The key as stored: lower-case ids, `/`-separated.
    public var description: String {
        let account = self.accountId.uuidString.lowercased()
        switch self.kind {
        case .render(let month, let contentId): return "media/\(account)/\(month)/\(contentId.uuidString.lowercased()).png"
        case .upload(let mediaId, let ext): return "media/\(account)/uploads/\(mediaId.uuidString.lowercased()).\(ext)"
        }
    }

    /// The key's path segments after `media/`: account, folder, file name.
    public var segments: (account: String, folder: String, file: String) {
        let parts = self.description.split(separator: "/").map(String.init)
        return (parts[1], parts[2], parts[3])
    }

    /// The content type its file name implies.
    public var contentType: String {
        switch self.kind {
        case .render: ImageType.png.contentType
        case .upload(_, let ext): (ImageType(fileExtension: ext) ?? .png).contentType
        }
    }

    /// Parses a stored key, or the three segments of a `/media/{account}/{folder}/{file}` path;
    /// nil for anything else.
    public init?(_ string: String) {
        let parts = string.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, parts[0] == "media" else { return nil }
        self.init(account: parts[1], folder: parts[2], file: parts[3])
    }

    public init?(account: String, folder: String, file: String) {
        guard account == account.lowercased(), let accountId = UUID(uuidString: account) else { return nil }
        let name = file.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard name.count == 2, name[0] == name[0].lowercased(), let id = UUID(uuidString: name[0]) else { return nil }
        if folder == "uploads" {
            guard ImageType(fileExtension: name[1]) != nil else { return nil }
            self.init(accountId: accountId, kind: .upload(mediaId: id, fileExtension: name[1]))
        } else {
            guard name[1] == "png", let month = YearMonth(folder), month.description == folder else { return nil }
            self.init(accountId: accountId, kind: .render(month: month, contentId: id))
        }
    }

    init(accountId: UUID, kind: Kind) {
        self.accountId = accountId
        self.kind = kind
    }
}

/// The image formats PulseWorks stores.
public enum ImageType: String, Sendable, Hashable, CaseIterable {
    case png
    case jpeg

    public var contentType: String {
        switch self {
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        }
    }

    public var fileExtension: String {
        switch self {
        case .png: "png"
        case .jpeg: "jpg"
        }
    }

    public init?(fileExtension: String) {
        switch fileExtension {
        case "png": self = .png
        case "jpg": self = .jpeg
        default: return nil
        }
    }
}
