/// Why a Stripe call failed, classified so the caller knows whether to retry, fix the request,
/// or tell the customer. Every POST carries an idempotency key, so retrying a retryable failure
/// never performs the operation twice. `message` never contains the secret key.
public enum StripeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 400 or 404 (and other 4xx not listed below): the request is wrong or names something that
    /// does not exist (`code` `resource_missing`). `param` names the offending parameter.
    case invalidRequest(code: String?, message: String, param: String?)
    /// 401: the API key is missing, wrong or revoked.
    case authentication
    /// 403: the key may not do this.
    case permission(message: String)
    /// 402 `card_error`: the customer's card was refused; `message` is meant for the customer.
    case cardError(code: String?, declineCode: String?, message: String)
    /// 409 `idempotency_error`: the key was used with a different request (or is still in use).
    case idempotency(message: String)
    /// 429: too many requests; wait `retryAfter` when Stripe says how long.
    case rateLimited(retryAfter: Duration?)
    /// 5xx: Stripe failed; the same request may be retried.
    case server(status: Int)
    /// Stripe could not be reached (refused, DNS, TLS, connect timeout).
    case unreachable(reason: String)
    /// No complete answer within the configured request timeout.
    case timedOut
    /// A success answer that could not be read.
    case malformedResponse(reason: String)

    /// Whether the same request (with the same idempotency key) may be sent again.
    public var isRetryable: Bool {
        switch self {
        case .rateLimited, .server, .unreachable, .timedOut:
            return true
        case .invalidRequest, .authentication, .permission, .cardError, .idempotency, .malformedResponse:
            return false
        }
    }

    /// A description safe to log or show to an operator.
    public var message: String {
        switch self {
        case .invalidRequest(let code, let message, let param):
            return "Stripe refused the request" + (code.map { " (\($0))" } ?? "") + (param.map { " at \($0)" } ?? "") + ": \(message)"
        case .authentication:
            return "Stripe refused the API key"
        case .permission(let message):
            return "the API key may not do this: \(message)"
        case .cardError(let code, let declineCode, let message):
            let detail = [code, declineCode].compactMap { $0 }.joined(separator: ", ")
            return "card refused" + (detail.isEmpty ? "" : " (\(detail))") + ": \(message)"
        case .idempotency(let message):
            return "idempotency conflict: \(message)"
        case .rateLimited(let retryAfter):
            return "rate limited by Stripe" + (retryAfter.map { ", retry after \($0)" } ?? "")
        case .server(let status):
            return "Stripe failed (HTTP \(status))"
        case .unreachable(let reason):
            return "Stripe unreachable: \(reason)"
        case .timedOut:
            return "Stripe did not answer in time"
        case .malformedResponse(let reason):
            return "unreadable answer from Stripe: \(reason)"
        }
    }

    public var description: String { self.message }
}
