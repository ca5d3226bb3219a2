import Crypto
import Hummingbird

extension StripeAPIController {
    /// Answers a form-encoded POST with `answer`, under Stripe's `Idempotency-Key` rules: the
    /// same key with the same method, path and body replays the first answer byte for byte
    /// (with `Idempotent-Replayed: true`); with anything else it is a 409 `idempotency_error`.
    /// A refused request keeps no answer, so it can be corrected and sent again under its key.
    func idempotent<Answer: Encodable>(
        _ request: Request, context: SandboxRequestContext, _ answer: (StripeFormBody) async throws -> Answer
    ) async throws -> Response {
        let body = Array(try await request.body.collect(upTo: context.maxUploadSize).readableBytesView)
        let form = try StripeFormBody(parsing: String(decoding: body, as: UTF8.self))
        guard let key = request.headers.value(named: "Idempotency-Key"), !key.isEmpty else {
            return SandboxJSON.response(try await answer(form))
        }
        let fingerprint = Array(SHA256.hash(data: Array("\(request.method.rawValue) \(request.uri.path)\n".utf8) + body))
        if let stored = try await self.store.admitIdempotent(key: key, fingerprint: fingerprint) {
            return Self.response(stored, key: key, replayed: true)
        }
        let stored: StoredAnswer
        do {
            stored = StoredAnswer(status: 200, body: SandboxJSON.encode(try await answer(form)))
        } catch {
            await self.store.abandonIdempotent(key: key, fingerprint: fingerprint)
            throw error
        }
        await self.store.finishIdempotent(key: key, fingerprint: fingerprint, answer: stored)
        return Self.response(stored, key: key, replayed: false)
    }

    /// A kept answer as a response, echoing the key as Stripe does.
    private static func response(_ stored: StoredAnswer, key: String, replayed: Bool) -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let name = HTTPFields.Element.Name("Idempotency-Key") { headers[name] = key }
        if replayed, let name = HTTPFields.Element.Name("Idempotent-Replayed") { headers[name] = "true" }
        return Response(
            status: HTTPResponse.Status(code: stored.status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: stored.body))
        )
    }
}
