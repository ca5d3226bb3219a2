extension RedisClient {
    /// Runs a Lua script with `EVALSHA`, loading it first when Redis does not know it.
    ///
    /// The load and the call happen on one connection in one thread-pool job, so a `NOSCRIPT`
    /// (after `SCRIPT FLUSH` or a Redis restart) costs one extra round trip, not a failure.
    public func eval(_ script: String, keys: [String], arguments: [String]) async throws -> RedisValue {
        let tail = [String(keys.count)] + keys + arguments
        let tailBytes = tail.map { Array($0.utf8) }
        let scriptBytes = Array(script.utf8)
        let cached = self.scripts.hash(for: script)
        let scripts = self.scripts

        return try await self.withConnection { connection throws(RedisError) in
            if let cached {
                do throws(RedisError) {
                    return try connection.command([Array("EVALSHA".utf8), Array(cached.utf8)] + tailBytes)
                } catch .server(let message) where message.hasPrefix("NOSCRIPT") {
                    // Fall through and load the script again.
                }
            }
            let loaded = try connection.command([Array("SCRIPT".utf8), Array("LOAD".utf8), scriptBytes])
            guard let hash = loaded.string else {
                throw .protocolError("SCRIPT LOAD did not return a hash")
            }
            scripts.store(hash, for: script)
            return try connection.command([Array("EVALSHA".utf8), Array(hash.utf8)] + tailBytes)
        }
    }
}
