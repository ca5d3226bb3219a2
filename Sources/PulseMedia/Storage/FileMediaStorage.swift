import Foundation
import NIOPosix
import PulseCore

/// `MEDIA_STORAGE=file://path`: objects are files under `root`, at their key's path, written
/// atomically (a temporary file renamed into place). The API serves them at `/media/…` to holders
/// of a URL signed by `signer`.
public struct FileMediaStorage: MediaStorage {
    public let root: URL
    let signer: MediaURLSigner
    let pool: NIOThreadPool

    public init(root: String, signer: MediaURLSigner, pool: NIOThreadPool = .singleton) {
        self.root = URL(fileURLWithPath: root, isDirectory: true).standardizedFileURL
        self.signer = signer
        self.pool = pool
    }

    func path(_ key: MediaKey) -> URL {
        // A MediaKey has only fixed-shape segments (ids, a month, `uploads`), so this stays under root.
        self.root.appendingPathComponent(key.description, isDirectory: false)
    }

    public func put(_ bytes: [UInt8], key: MediaKey, contentType: String) async throws {
        let target = self.path(key)
        try await self.pool.runIfActive {
            do {
                let folder = target.deletingLastPathComponent()
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                let temporary = folder.appendingPathComponent(".\(UUID().uuidString.lowercased()).tmp")
                do {
                    try Data(bytes).write(to: temporary)
                } catch {
                    try? FileManager.default.removeItem(at: temporary)
                    throw error
                }
                if rename(temporary.path, target.path) != 0 {
                    let code = errno
                    try? FileManager.default.removeItem(at: temporary)
                    throw MediaStorageError.io("rename failed (errno \(code))")
                }
            } catch let error as MediaStorageError {
                throw error
            } catch {
                throw MediaStorageError.io("writing \(key) failed")
            }
        }
    }

    public func get(_ key: MediaKey) async throws -> [UInt8]? {
        let target = self.path(key)
        return try await self.pool.runIfActive {
            guard FileManager.default.fileExists(atPath: target.path) else { return nil }
            do {
                return Array(try Data(contentsOf: target))
            } catch {
                throw MediaStorageError.io("reading \(key) failed")
            }
        }
    }

    public func delete(_ key: MediaKey) async throws {
        let target = self.path(key)
        try await self.pool.runIfActive {
            guard FileManager.default.fileExists(atPath: target.path) else { return }
            do {
                try FileManager.default.removeItem(at: target)
            } catch {
                throw MediaStorageError.io("deleting \(key) failed")
            }
        }
    }

    public func signedURL(for key: MediaKey, lifetime: Duration, now: Date) throws -> String {
        self.signer.url(for: key, expires: now.addingTimeInterval(lifetime.seconds))
    }

    /// What a GET of `/media/{account}/{folder}/{file}?expires=…&signature=…` answers.
    public enum Served: Sendable, Equatable {
        case image(bytes: [UInt8], contentType: String)
        /// Missing, expired or altered signature.
        case forbidden
        /// Not a media path, or no such object.
        case notFound
    }

    /// Serves a signed URL's path and query. The signature is checked before the disk is read.
    public func serve(account: String, folder: String, file: String, expires: String?, signature: String?, now: Date) async throws -> Served {
        guard let key = MediaKey(account: account, folder: folder, file: file) else { return .notFound }
        guard self.signer.verify(key: key, expires: expires, signature: signature, now: now) else { return .forbidden }
        guard let bytes = try await self.get(key) else { return .notFound }
        return .image(bytes: bytes, contentType: key.contentType)
    }
}
