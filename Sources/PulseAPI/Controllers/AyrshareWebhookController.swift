import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import PulseCore
import PulseIntegrations
import PulseStore

/// `POST /api/webhooks/ayrshare`: signed provider events, stored once, applied to the right account.
struct AyrshareWebhookController {
    let social: any SocialRepository
    let sync: ConnectionSync
    let secrets: [Secret]

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("api/webhooks/ayrshare", use: self.receive)
    }

    /// The fields this service reads; the whole body is stored.
    struct Delivery: Decodable {
        let action: String
        let refId: String?
        let platform: String?
        let type: String?
    }

    struct Acknowledgement: ResponseEncodable {
        let status: String
    }

    @Sendable func receive(_ request: Request, context: AppRequestContext) async throws -> Acknowledgement {
        let body = try await request.collectBody(limit: context.maxUploadSize)
        let bytes = Array(body.readableBytesView)
        do {
            try WebhookSignature.verify(
                body: bytes,
                timestamp: request.headers[HTTPField.Name(WebhookSignature.timestampHeader)!],
                signature: request.headers[HTTPField.Name(WebhookSignature.signatureHeader)!],
                secrets: self.secrets
            )
        } catch {
            context.logger.warning("ayrshare webhook refused", metadata: ["reason": .string("\(error)")])
            throw PulseError.invalidSignature
        }
        let delivery = try JSONBody.decode(Delivery.self, from: body)
        let accountId = try await delivery.refId.asyncFlatMap { try await self.social.account(forRefId: $0) }
        if accountId == nil {
            // Acknowledged so the provider stops retrying, and never applied to any account.
            context.logger.warning(
                "ayrshare webhook for an unknown profile", metadata: ["ref_id": .string(delivery.refId ?? "none"), "action": .string(delivery.action)]
            )
        }
        let isSocial = delivery.action == "social"
        let unlinked = isSocial && delivery.type == "unlink" ? delivery.platform.flatMap(SocialPlatform.init(providerName:)) : nil
        let recorded = try await self.social.recordWebhook(
            WebhookEvent(
                source: "ayrshare",
                // Deliveries carry no id of their own; a retry repeats the same body byte for byte.
                eventId: Array(SHA256.hash(data: bytes)).hex,
                accountId: accountId, eventType: delivery.action,
                payload: String(decoding: bytes, as: UTF8.self),
                unlinkedPlatform: unlinked, appliedOnReceipt: isSocial
            )
        )
        if recorded, isSocial, let accountId {
            // A link or refresh names no account id, and deliveries may arrive out of order: in
            // every case, learn from the provider what is linked now.
            self.sync.enqueue(accountId)
        }
        return Acknowledgement(status: recorded ? "ok" : "duplicate")
    }
}
