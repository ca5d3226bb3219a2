import NIOPosix
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Resolves host names with the system resolver (`getaddrinfo`, the one AsyncHTTPClient
/// connects through), on NIO's blocking thread pool rather than Swift's cooperative pool.
enum HostResolver {
    /// Every address `host` resolves to, in the resolver's order, without duplicates; empty
    /// when it does not resolve.
    ///
    /// `getaddrinfo` cannot be interrupted, so cancellation (the fetch's time limit) resumes
    /// the caller at once with an empty answer and leaves the lookup to finish on its thread.
    static func addresses(of host: String) async -> [IPAddress] {
        let lookup = PendingLookup()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                guard lookup.start(continuation) else { return }
                NIOThreadPool.singleton.submit { state in
                    guard case .active = state else { return lookup.finish([]) }
                    lookup.finish(Self.blockingLookup(host))
                }
            }
        } onCancel: {
            lookup.finish([])
        }
    }

    private static func blockingLookup(_ host: String) -> [IPAddress] {
        // Family and socket type left open: every address a connection could end up at.
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return [] }
        defer { freeaddrinfo(first) }
        var addresses: [IPAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            if let socketAddress = entry.pointee.ai_addr, let address = Self.address(socketAddress), !addresses.contains(address) {
                addresses.append(address)
            }
            cursor = entry.pointee.ai_next
        }
        return addresses
    }

    private static func address(_ socketAddress: UnsafeMutablePointer<sockaddr>) -> IPAddress? {
        switch Int32(socketAddress.pointee.sa_family) {
        case AF_INET:
            return socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                IPAddress(bytes: withUnsafeBytes(of: $0.pointee.sin_addr) { Array($0) })
            }
        case AF_INET6:
            return socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                IPAddress(bytes: withUnsafeBytes(of: $0.pointee.sin6_addr) { Array($0) })
            }
        default:
            return nil
        }
    }
}

/// One lookup's continuation, resumed exactly once: by the lookup or by cancellation, whichever
/// comes first.
private final class PendingLookup: Sendable {
    private struct State {
        var continuation: CheckedContinuation<[IPAddress], Never>?
        var finished = false
    }

    private let state = Mutex(State())

    /// Registers the continuation; false (and resumed already) when cancellation came first.
    func start(_ continuation: CheckedContinuation<[IPAddress], Never>) -> Bool {
        let finished = self.state.withLock { state in
            if !state.finished { state.continuation = continuation }
            return state.finished
        }
        if finished { continuation.resume(returning: []) }
        return !finished
    }

    /// Resumes the caller with `addresses` unless it has been resumed already.
    func finish(_ addresses: [IPAddress]) {
        let continuation = self.state.withLock { state in
            state.finished = true
            defer { state.continuation = nil }
            return state.continuation
        }
        continuation?.resume(returning: addresses)
    }
}
