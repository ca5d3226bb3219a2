/// One field that failed validation, listed in a 422's `details`.
public struct FieldIssue: Error, Sendable, Equatable, Codable {
    /// The JSON key path of the field, e.g. `email` or `settings.adminsCanApprove`.
    public var field: String
    /// What is wrong with it, for a person.
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

/// The domain's errors; each maps to one status and `snake_case` code of the error body.
public enum PulseError: Error, Sendable, Equatable {
    /// 400: the request cannot be read at all (not JSON, bad query parameter).
    case malformedRequest(String)
    /// 401: no valid credentials were presented.
    case unauthenticated
    /// 401: email and password do not match; deliberately says nothing more.
    case invalidCredentials
    /// 401: a refresh token that is unknown, expired, revoked or already used.
    case invalidRefreshToken
    /// 402: the account's spending allowance (e.g. its monthly AI budget) is used up.
    case paymentRequired(code: String, message: String)
    /// 403: the caller is a member but their role does not allow this.
    case forbidden(String)
    /// 404: nothing here, or nothing the caller may see.
    case notFound
    /// 409: the request conflicts with the current state.
    case conflict(code: String, message: String)
    /// 413: the body is larger than the route accepts.
    case payloadTooLarge(limitBytes: Int)
    /// 415: the body is not of a type the route accepts (judged by its bytes where it matters).
    case unsupportedMediaType(String)
    /// 422: well-formed but invalid input.
    case validation([FieldIssue])
    /// 422: the input is well-formed but names something that cannot be used (e.g. a website that
    /// cannot be read), with its own code.
    case unprocessable(code: String, message: String)
    /// 422: an `Idempotency-Key` reused with a different body.
    case idempotencyKeyReused
    /// 429: too many attempts; retry after the given seconds.
    case rateLimited(retryAfterSeconds: Int)
    /// 401: a webhook whose signature or timestamp does not verify.
    case invalidSignature
    /// 400: a webhook whose signature or timestamp does not verify, where the sender expects a
    /// 400 (Stripe); code `invalid_signature` as well.
    case badWebhookSignature
    /// 502: the social or billing provider refused, for a reason the caller cannot fix by retrying.
    case providerRejected(String)
    /// 500: a fault of ours; the details are in the log, never in the response.
    case internalError
    /// 503: a dependency is down or the server is saturated; retry after the given seconds.
    case unavailable(String, retryAfterSeconds: Int)

    /// A 422 for one field.
    public static func invalid(_ field: String, _ message: String) -> PulseError {
        .validation([FieldIssue(field: field, message: message)])
    }

    /// The HTTP status code.
    public var status: Int {
        switch self {
        case .malformedRequest, .badWebhookSignature: 400
        case .unauthenticated, .invalidCredentials, .invalidRefreshToken, .invalidSignature: 401
        case .paymentRequired: 402
        case .forbidden: 403
        case .notFound: 404
        case .conflict: 409
        case .payloadTooLarge: 413
        case .unsupportedMediaType: 415
        case .validation, .unprocessable, .idempotencyKeyReused: 422
        case .rateLimited: 429
        case .internalError: 500
        case .providerRejected: 502
        case .unavailable: 503
        }
    }

    /// The stable machine-readable code.
    public var code: String {
        switch self {
        case .malformedRequest: "malformed_request"
        case .unauthenticated: "unauthenticated"
        case .invalidCredentials: "invalid_credentials"
        case .invalidRefreshToken: "invalid_refresh_token"
        case .paymentRequired(let code, _): code
        case .forbidden: "forbidden"
        case .notFound: "not_found"
        case .conflict(let code, _): code
        case .payloadTooLarge: "payload_too_large"
        case .unsupportedMediaType: "unsupported_media_type"
        case .validation: "validation_failed"
        case .unprocessable(let code, _): code
        case .idempotencyKeyReused: "idempotency_key_reused"
        case .rateLimited: "rate_limited"
        case .internalError: "internal_error"
        case .invalidSignature, .badWebhookSignature: "invalid_signature"
        case .providerRejected: "provider_error"
        case .unavailable: "service_unavailable"
        }
    }

    /// The message for a person; never contains secrets or another tenant's data.
    public var message: String {
        switch self {
        case .malformedRequest(let reason): reason
        case .unauthenticated: "Authentication is required."
        case .invalidCredentials: "The email or password is incorrect."
        case .invalidRefreshToken: "The refresh token is invalid or has expired."
        case .paymentRequired(_, let message): message
        case .forbidden(let reason): reason
        case .notFound: "Not found."
        case .conflict(_, let message): message
        case .payloadTooLarge(let limit): "The request body is larger than \(limit) bytes."
        case .unsupportedMediaType(let reason): reason
        case .validation(let issues):
            issues.count == 1 ? "\(issues[0].field) \(issues[0].message)." : "Some fields are invalid."
        case .unprocessable(_, let message): message
        case .idempotencyKeyReused: "This Idempotency-Key was already used with a different request body."
        case .rateLimited(let seconds): "Too many attempts. Try again in \(seconds) seconds."
        case .internalError: "Internal error. It has been logged."
        case .invalidSignature, .badWebhookSignature: "The signature is missing, stale or wrong."
        case .providerRejected(let reason): reason
        case .unavailable(let reason, _): reason
        }
    }

    /// The fields of a validation error.
    public var fieldIssues: [FieldIssue]? {
        if case .validation(let issues) = self { return issues }
        return nil
    }

    /// Seconds for a `Retry-After` header, where one applies.
    public var retryAfterSeconds: Int? {
        switch self {
        case .rateLimited(let seconds), .unavailable(_, let seconds): seconds
        default: nil
        }
    }
}
