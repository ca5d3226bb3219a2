import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import PulseCore
import PulseMedia
import PulseStore

/// `…/media`: image uploads, attaching one to a content item, and serving stored images to
/// holders of a signed URL (`/media/…`, for the `file://` back end).
struct MediaController {
    let media: MediaRepository
    let services: MediaServices

    /// The largest image accepted: 10 MB.
    static let maximumBytes = 10 * 1024 * 1024
    /// Room for a multipart envelope around the image.
    static let envelopeBytes = 64 * 1024

    func addRoutes(to account: RouterGroup<AccountContext>) {
        account.post("media", use: self.upload)
        account.put("content/:contentId/media", use: self.attach)
    }

    /// The public route of signed media URLs; the signature is the credential.
    func addPublicRoutes(to router: Router<AppRequestContext>) {
        router.get("media/:account/:folder/:file", use: self.serve)
    }

    struct UploadResponse: ResponseEncodable {
        let id: String
        let url: String
        let width: Int
        let height: Int
        let contentType: String
        let bytes: Int
    }

    /// Accepts a PNG or JPEG of at most 10 MB, as `multipart/form-data` (the part named `file`)
    /// or as the raw body. Its type is read from its bytes; nothing is stored unless it is a whole
    /// image of an accepted size.
    @Sendable func upload(_ request: Request, context: AccountContext) async throws -> EditedResponse<UploadResponse> {
        try context.require(.writeContent)
        let contentType = request.headers[.contentType] ?? ""
        let boundary = Multipart.boundary(of: contentType)
        let limit = Self.maximumBytes + (boundary == nil ? 0 : Self.envelopeBytes)
        let body = Array(try await request.collectBody(limit: limit).readableBytesView)
        let bytes = try boundary.map { boundary throws(PulseError) in try Multipart.file(in: body, boundary: boundary) } ?? body
        guard bytes.count <= Self.maximumBytes else { throw PulseError.payloadTooLarge(limitBytes: Self.maximumBytes) }
        let image: InspectedImage
        do {
            image = try ImageInspector.inspect(bytes)
        } catch .unsupportedType {
            throw PulseError.unsupportedMediaType("Only PNG and JPEG images are accepted; this file is neither, whatever its name or type says.")
        } catch .empty {
            throw PulseError.unprocessable(code: "empty_upload", message: "The upload is empty.")
        } catch .corrupt(let reason) {
            throw PulseError.unprocessable(code: "invalid_image", message: "The image is damaged or incomplete: \(reason).")
        } catch .dimensions(let reason) {
            throw PulseError.unprocessable(code: "unsupported_dimensions", message: "The image cannot be posted: \(reason).")
        }
        let id = UUID()
        let key = MediaKey.upload(accountId: context.accountId, mediaId: id, type: image.type)
        do {
            try await self.services.storage.put(bytes, key: key, contentType: image.type.contentType)
        } catch {
            context.logger.error("storing an upload failed", metadata: ["error": .string(String(describing: error))])
            throw PulseError.unavailable("Media storage is unavailable; try again shortly.", retryAfterSeconds: 5)
        }
        let asset: MediaAssetRecord
        do {
            asset = try await self.media.insert(
                accountId: context.accountId, actor: context.userId, authorize: context.check(.writeContent),
                asset: MediaAssetRecord(
                    id: id, storageKey: key.description, contentType: image.type.contentType, width: image.width, height: image.height,
                    bytes: bytes.count, sha256: Array(SHA256.hash(data: bytes)).hex
                )
            )
        } catch {
            // Nothing half-stored: the bytes go again when their row was not written (checked, in
            // case the commit happened and only its answer was lost).
            if (try? await self.media.asset(accountId: context.accountId, id: id)) == nil {
                try? await self.services.storage.delete(key)
            }
            throw error
        }
        let url = self.services.url(for: asset.storageKey, accountId: context.accountId) ?? ""
        return EditedResponse(
            status: .created,
            response: UploadResponse(
                id: asset.id.text, url: url, width: asset.width, height: asset.height, contentType: asset.contentType, bytes: asset.bytes
            )
        )
    }

    struct AttachRequest: Decodable {
        let mediaId: String
    }

    /// Shows an uploaded image on a content item instead of its render; an approved item goes
    /// back to DRAFT, as with any edit.
    @Sendable func attach(_ request: Request, context: AccountContext) async throws -> ContentItemResponse {
        try context.require(.writeContent)
        let contentId = try context.parameters.uuid("contentId")
        let input = try await request.decodeJSON(as: AttachRequest.self, context: context)
        guard let mediaId = UUID(uuidString: input.mediaId) else { throw PulseError.invalid("mediaId", "must be the id of an uploaded image") }
        let item = try await self.media.attach(
            accountId: context.accountId, actor: context.userId, contentId: contentId, mediaId: mediaId, authorize: context.check(.writeContent)
        )
        return ContentItemResponse(item, accountId: context.accountId, media: self.services)
    }

    /// Serves a stored image to whoever holds a valid signed URL: 403 for an expired or altered
    /// signature, 404 for anything that is not a stored image (and always with the S3 back end,
    /// whose URLs point at the bucket).
    @Sendable func serve(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let files = self.services.files else { throw PulseError.notFound }
        let query = request.uri.queryParameters
        let served = try await files.serve(
            account: context.parameters.get("account") ?? "", folder: context.parameters.get("folder") ?? "",
            file: context.parameters.get("file") ?? "", expires: query.get("expires"), signature: query.get("signature"), now: Date()
        )
        switch served {
        case .forbidden:
            throw PulseError.forbidden("The link has expired or is not valid.")
        case .notFound:
            throw PulseError.notFound
        case .image(let bytes, let contentType):
            var headers = HTTPFields()
            headers[.contentType] = contentType
            // Never cached past the link's own expiry.
            let remaining = query.get("expires").flatMap(Double.init).map { Int(max(0, min(300, $0 - Date().timeIntervalSince1970))) } ?? 0
            headers[.cacheControl] = "private, max-age=\(remaining)"
            headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }
}
