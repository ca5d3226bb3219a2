extension RedisClient {
    /// Runs a Lua script with `EVALSHA`, loading it first when Redis does not know it.
    ///
    /// On a miss (never loaded, or `NOSCRIPT` after `SCRIPT FLUSH` or a Redis restart) the script
    /// runs with plain `EVAL`, which cannot miss, and is then loaded to learn its hash for next
    /// time: a flush between a load and a call can never fail the call.
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
            let result = try connection.command([Array("EVAL".utf8), scriptBytes] + tailBytes)
            if let hash = (try? connection.command([Array("SCRIPT".utf8), Array("LOAD".utf8), scriptBytes]))?.string {
                scripts.store(hash, for: script)
            }
            return result
        }
    }
}
