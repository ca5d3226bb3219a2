import CHiredis

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One blocking hiredis connection.
///
/// `@unchecked Sendable` is safe because the pool hands a connection to exactly one thread-pool
/// thread at a time (under the pool's lock) and takes it back before anyone else may use it;
/// the context is never touched concurrently.
final class RedisConnection: @unchecked Sendable {
    private let context: UnsafeMutablePointer<redisContext>
    private var isClosed = false

    private init(context: UnsafeMutablePointer<redisContext>) {
        self.context = context
    }

    /// Connects, applies timeouts, authenticates and selects the database. Blocking.
    static func open(_ configuration: RedisConfiguration) throws(RedisError) -> RedisConnection {
        let connectTimeout = configuration.connectTimeout.asTimeval
        let connected = configuration.host.withCString { host in
            redisConnectWithTimeout(host, Int32(clamping: configuration.port), connectTimeout)
        }
        guard let context = connected else {
            throw .unavailable("cannot allocate a connection to \(configuration.address)")
        }
        let connection = RedisConnection(context: context)
        guard context.pointee.err == 0 else {
            let reason = connection.errorText
            connection.close()
            throw .unavailable("cannot connect to \(configuration.address): \(reason)")
        }
        // Without a socket timeout a stalled server would block a pool thread forever.
        guard redisSetTimeout(context, configuration.commandTimeout.asTimeval) == REDIS_OK else {
            let reason = connection.errorText
            connection.close()
            throw .unavailable("cannot set the timeout on \(configuration.address): \(reason)")
        }
        // Keepalive lets the kernel notice a silently dropped peer on idle pooled connections.
        _ = redisEnableKeepAlive(context)

        do {
            try connection.prepare(configuration)
        } catch {
            connection.close()
            throw error
        }
        return connection
    }

    private func prepare(_ configuration: RedisConfiguration) throws(RedisError) {
        if let password = configuration.password {
            var arguments = ["AUTH"]
            if let username = configuration.username {
                arguments.append(username)
            }
            arguments.append(password)
            do {
                _ = try self.command(arguments.map { Array($0.utf8) })
            } catch .server(let message) {
                // The server's message never echoes the password, so it is safe to keep.
                throw .unavailable("authentication to \(configuration.address) failed: \(message)")
            }
        }
        if configuration.database != 0 {
            do {
                _ = try self.command(["SELECT", String(configuration.database)].map { Array($0.utf8) })
            } catch .server(let message) {
                throw .unavailable("cannot select database \(configuration.database): \(message)")
            }
        }
    }

    /// Whether hiredis has flagged the context as unusable; such a connection must be freed.
    var isBroken: Bool {
        self.isClosed || self.context.pointee.err != 0
    }

    /// Sends one command and reads its reply. Blocking.
    func command(_ arguments: [[UInt8]]) throws(RedisError) -> RedisValue {
        guard !self.isClosed else {
            throw .unavailable("connection already closed")
        }
        let raw = try withArgv(arguments) { argc, argv, lengths in
            redisCommandArgv(self.context, argc, argv, lengths)
        }
        // Captured straight away: errno is what tells a read timeout apart from other IO errors.
        let savedErrno = errno
        guard let raw else {
            throw self.contextError(errno: savedErrno)
        }
        let reply = raw.assumingMemoryBound(to: redisReply.self)
        defer { freeReplyObject(raw) }
        return try RedisReplyDecoder.decode(reply).get()
    }

    /// Sends all commands in one write, then reads every reply in order. Blocking.
    ///
    /// Each element is the reply or the error reply of the command at the same index; transport
    /// failures throw, since the remaining replies are lost with the connection.
    func pipeline(_ commands: [[[UInt8]]]) throws(RedisError) -> [Result<RedisValue, RedisError>] {
        guard !self.isClosed else {
            throw .unavailable("connection already closed")
        }
        for arguments in commands {
            let status = try withArgv(arguments) { argc, argv, lengths in
                redisAppendCommandArgv(self.context, argc, argv, lengths)
            }
            guard status == REDIS_OK else {
                throw self.contextError(errno: errno)
            }
        }
        var results: [Result<RedisValue, RedisError>] = []
        results.reserveCapacity(commands.count)
        for _ in commands {
            var raw: UnsafeMutableRawPointer?
            let status = redisGetReply(self.context, &raw)
            let savedErrno = errno
            guard status == REDIS_OK, let raw else {
                throw self.contextError(errno: savedErrno)
            }
            results.append(RedisReplyDecoder.decode(raw.assumingMemoryBound(to: redisReply.self)))
            freeReplyObject(raw)
        }
        return results
    }

    /// Frees the context; later calls fail instead of touching freed memory.
    func close() {
        guard !self.isClosed else {
            return
        }
        self.isClosed = true
        redisFree(self.context)
    }

    deinit {
        self.close()
    }

    private var errorText: String {
        withUnsafeBytes(of: self.context.pointee.errstr) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
    }

    private func contextError(errno savedErrno: Int32) -> RedisError {
        let text = self.errorText
        switch self.context.pointee.err {
        case REDIS_ERR_IO:
            // A blocking read that hits SO_RCVTIMEO fails with EAGAIN; hiredis keeps errno and
            // stores strerror(errno), so either is enough to recognise the timeout.
            if savedErrno == EAGAIN || savedErrno == EWOULDBLOCK || savedErrno == ETIMEDOUT
                || text.contains("temporarily unavailable") || text.contains("timed out")
            {
                return .timeout
            }
            return .unavailable("connection error: \(text)")
        case REDIS_ERR_EOF:
            return .unavailable("connection closed by the server")
        case REDIS_ERR_PROTOCOL:
            return .protocolError(text)
        case 0:
            return .unavailable("hiredis returned no reply")
        default:
            return .unavailable(text)
        }
    }
}

/// Lays all arguments out in one buffer so hiredis gets stable pointers plus explicit lengths,
/// which keeps binary values (including NUL bytes) intact.
private func withArgv<T>(
    _ arguments: [[UInt8]],
    _ body: (Int32, UnsafeMutablePointer<UnsafePointer<CChar>?>, UnsafePointer<Int>) -> T
) throws(RedisError) -> T {
    guard !arguments.isEmpty, let argc = Int32(exactly: arguments.count) else {
        throw .protocolError("a command needs between 1 and \(Int32.max) arguments")
    }
    var storage: [UInt8] = []
    storage.reserveCapacity(arguments.reduce(1) { $0 + $1.count })
    var offsets: [Int] = []
    var lengths: [Int] = []
    offsets.reserveCapacity(arguments.count)
    lengths.reserveCapacity(arguments.count)
    for argument in arguments {
        offsets.append(storage.count)
        lengths.append(argument.count)
        storage.append(contentsOf: argument)
    }
    // A trailing byte keeps the buffer non-empty so it always has a base address.
    storage.append(0)

    let result: T? = storage.withUnsafeBytes { bytes in
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self) else {
            return nil
        }
        var argv: [UnsafePointer<CChar>?] = offsets.map { UnsafePointer(base + $0) }
        return argv.withUnsafeMutableBufferPointer { argvBuffer in
            lengths.withUnsafeBufferPointer { lengthBuffer in
                guard let argvBase = argvBuffer.baseAddress, let lengthBase = lengthBuffer.baseAddress else {
                    return nil
                }
                return body(argc, argvBase, lengthBase)
            }
        }
    }
    guard let result else {
        throw .protocolError("cannot lay out the command arguments")
    }
    return result
}

extension Duration {
    /// The duration as a `struct timeval`, never negative.
    var asTimeval: timeval {
        let (seconds, attoseconds) = self.components
        guard seconds >= 0, attoseconds >= 0 else {
            return timeval(tv_sec: 0, tv_usec: 0)
        }
        return timeval(tv_sec: .init(seconds), tv_usec: .init(attoseconds / 1_000_000_000_000))
    }
}
