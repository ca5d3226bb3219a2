import Foundation
import Hummingbird
import Logging
import NIOCore
import PostgresNIO
import PulseCore
import PulseRedis

/// Turns every error into the JSON error body, so no route answers with an empty or HTML error,
/// and nothing unexpected leaks: unknown errors become a logged 500 with a generic message.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let mapped = Self.map(error)
            if mapped.status >= 500 {
                context.logger.error(
                    "request failed",
                    metadata: ["error.type": "\(String(reflecting: type(of: error)))", "error": "\(Self.safeDescription(error))"]
                )
            }
            return ErrorBody.response(for: mapped)
        }
    }

    /// The API error for any thrown error.
    static func map(_ error: any Error) -> PulseError {
        switch error {
        case let error as PulseError:
            return error
        case let error as HTTPError:
            return Self.map(error)
        case let error as PSQLError:
            return Self.map(error)
        case is NIOTooManyBytesError:
            return .payloadTooLarge(limitBytes: 1 << 20)
        case is RedisError:
            return .unavailable("A dependency is unavailable. Try again shortly.", retryAfterSeconds: 2)
        case is DecodingError:
            return .malformedRequest("The request could not be read.")
        default:
            return .internalError
        }
    }

    private static func map(_ error: HTTPError) -> PulseError {
        switch error.status {
        case .notFound: return .notFound
        case .contentTooLarge: return .payloadTooLarge(limitBytes: 1 << 20)
        case .methodNotAllowed: return .notFound
        case .badRequest: return .malformedRequest(error.body ?? "The request could not be read.")
        case .unauthorized: return .unauthenticated
        default:
            if (400..<500).contains(error.status.code) {
                return .malformedRequest(error.body ?? error.status.reasonPhrase)
            }
            return .internalError
        }
    }

    private static func map(_ error: PSQLError) -> PulseError {
        guard let state = error.serverInfo?[.sqlState] else {
            // No server answer: the connection failed or timed out; the database is unreachable.
            return .unavailable("The database is unavailable. Try again shortly.", retryAfterSeconds: 2)
        }
        switch state {
        case "23505": return .conflict(code: "conflict", message: "This conflicts with an existing record.")
        case "23503": return .conflict(code: "conflict", message: "This refers to something that no longer exists.")
        case "23514", "22001", "22P02", "22P05", "22007", "22008", "22003", "22021":
            return .validation([FieldIssue(field: "body", message: "contains a value the server cannot store")])
        case "40001", "40P01", "55P03", "57014":
            return .unavailable("The server is busy. Try again.", retryAfterSeconds: 1)
        default:
            return .internalError
        }
    }

    /// A description that never contains query text or bind values.
    private static func safeDescription(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            return "PSQLError(code: \(error.code), sqlState: \(error.serverInfo?[.sqlState] ?? "none"))"
        }
        return String(describing: error).prefix(300).description
    }
}
