import Foundation
import NIOCore
import NIOPosix

/// Errors that mean the request never reached the service: nothing was sent, so a retry is safe
/// whatever the request was.
enum ConnectionFailure {
    /// Whether `error` is a refused or unroutable connection.
    static func isRefused(_ error: any Error) -> Bool {
        if let error = error as? IOError {
            return [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH].contains(error.errnoCode)
        }
        return error is NIOConnectionError || String(describing: error).contains("connectionRefused")
    }
}
