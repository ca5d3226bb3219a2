import Hummingbird

/// An error as Stripe answers it: the HTTP status and
/// `{"error":{"type","code","message","param"}}`, every key present (null when it does not apply).
struct StripeStubError: HTTPResponseError, Sendable, Equatable {
    let status: HTTPResponse.Status
    /// `invalid_request_error`, `api_error`, `card_error` or `idempotency_error`.
    let type: String
    let code: String?
    let message: String
    let param: String?

    init(_ status: HTTPResponse.Status, type: String = "invalid_request_error", code: String? = nil, _ message: String, param: String? = nil) {
        self.status = status
        self.type = type
        self.code = code
        self.message = message
        self.param = param
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        SandboxJSON.response(Body(error: .init(type: self.type, code: self.code, message: self.message, param: self.param)), status: self.status)
    }

    private struct Body: Encodable {
        struct Detail: Encodable {
            let type: String
            let code: String?
            let message: String
            let param: String?

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(self.type, forKey: .type)
                try container.encode(self.code, forKey: .code)
                try container.encode(self.message, forKey: .message)
                try container.encode(self.param, forKey: .param)
            }

            private enum CodingKeys: String, CodingKey { case type, code, message, param }
        }

        let error: Detail
    }
}

extension StripeStubError {
    /// A 400 `invalid_request_error` without a code.
    static func invalidRequest(_ message: String, param: String? = nil) -> StripeStubError {
        StripeStubError(.badRequest, code: "parameter_invalid", message, param: param)
    }

    /// A 400 for a required parameter that is absent or empty.
    static func missing(_ param: String) -> StripeStubError {
        StripeStubError(.badRequest, code: "parameter_missing", "Missing required param: \(param).", param: param)
    }

    /// A 404 (or, for a parameter that names something, a 400) `resource_missing`.
    static func noSuch(_ kind: String, _ id: String, param: String, status: HTTPResponse.Status = .badRequest) -> StripeStubError {
        StripeStubError(status, code: "resource_missing", "No such \(kind): '\(id)'", param: param)
    }

    static let missingAPIKey = StripeStubError(
        .unauthorized, "You did not provide an API key. Provide it in the Authorization header as a bearer token (Authorization: Bearer sk_…)."
    )

    static let invalidAPIKey = StripeStubError(.unauthorized, "Invalid API Key provided.")

    /// Same key, different request: Stripe refuses rather than guess which one was meant.
    static func idempotencyMismatch(_ key: String) -> StripeStubError {
        StripeStubError(
            .conflict, type: "idempotency_error",
            "Keys for idempotent requests can only be used with the same parameters they were first used with. "
                + "Try using a key other than '\(key)' if you meant to execute a different request."
        )
    }

    /// Same key while the first request is still running.
    static let idempotencyKeyInUse = StripeStubError(
        .conflict, type: "idempotency_error", code: "idempotency_key_in_use",
        "There is currently another in-progress request using this Idempotency Key. Try again later."
    )
}
