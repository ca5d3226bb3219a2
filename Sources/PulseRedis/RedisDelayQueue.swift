import Foundation

/// A delay queue on one Redis sorted set: members scored by when they are due (milliseconds
/// since 1970), popped atomically once due. Never the source of truth: whoever pops a member
/// must still claim the work somewhere durable, and a lost member is put back by its owner.
public struct RedisDelayQueue: Sendable {
    /// Pops up to ARGV[2] members due at ARGV[1] (ms) or earlier, in due order, in one step, so
    /// two consumers never pop the same member.
    static let popScript = """
        local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
        if #due > 0 then
            redis.call('ZREM', KEYS[1], unpack(due))
        end
        return due
        """

    public let key: String
    let redis: RedisClient

    public init(redis: RedisClient, key: String) {
        self.redis = redis
        self.key = key
    }

    /// Adds members, or moves them to the given due time when already present.
    public func add(_ members: [(member: String, due: Date)]) async throws {
        // Bounded commands: a few hundred members per ZADD.
        var start = members.startIndex
        while start < members.endIndex {
            let end = min(start + 500, members.endIndex)
            var command = ["ZADD", self.key]
            for (member, due) in members[start..<end] {
                command.append(String(Self.score(due)))
                command.append(member)
            }
            _ = try await self.redis.command(command)
            start = end
        }
    }

    /// Removes and returns up to `limit` members due at `now` or earlier, earliest first.
    public func popDue(now: Date, limit: Int) async throws -> [String] {
        let reply = try await self.redis.eval(Self.popScript, keys: [self.key], arguments: [String(Self.score(now)), String(limit)])
        return reply.array?.compactMap(\.string) ?? []
    }

    /// How many members wait.
    public func depth() async throws -> Int {
        try await self.redis.command(["ZCARD", self.key]).int ?? 0
    }

    /// Whether `member` is queued.
    public func contains(_ member: String) async throws -> Bool {
        !(try await self.redis.command(["ZSCORE", self.key, member]).isNull)
    }

    static func score(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }
}
