import Logging

/// A ``FailureThrottle`` shared by all instances through Redis.
///
/// When Redis fails, each call falls back to an in-process ``LocalFailureThrottle``, so logins
/// keep working and are still throttled per instance during an outage.
public final class RedisFailureThrottle: FailureThrottle {
    /// Counts a failure and starts the window on the first one, atomically, so that concurrent
    /// failures can neither lose counts nor leave a counter without expiry. A counter found
    /// without a TTL (written by something else) gets one too, so nobody is locked out forever.
    static let recordScript = """
        local count = redis.call('INCR', KEYS[1])
        if count == 1 or redis.call('PTTL', KEYS[1]) < 0 then
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
        end
        return count
        """

    /// ``recordScript`` that also returns the remaining window, so an attempt is counted and
    /// judged in one round trip: `{count, pttl}`.
    static let attemptScript = """
        local count = redis.call('INCR', KEYS[1])
        if count == 1 or redis.call('PTTL', KEYS[1]) < 0 then
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
        end
        return {count, redis.call('PTTL', KEYS[1])}
        """

    /// The limit and window applied to every key.
    public let policy: ThrottlePolicy
    /// Prepended to every key, to keep throttle counters apart from other data.
    public let keyPrefix: String
    private let redis: RedisClient
    private let fallback: LocalFailureThrottle
    private let logger: Logger
    private let fallbackWarning = RateLimitedWarning(interval: .seconds(10))

    /// Creates a throttle on top of `redis`.
    ///
    /// - Parameters:
    ///   - redis: The client; its failures are absorbed by `fallback`.
    ///   - policy: The limit and window.
    ///   - keyPrefix: Prepended to every key.
    ///   - fallback: Used for any call during which Redis fails.
    ///   - logger: Receives a warning at most every few seconds while falling back.
    public init(
        redis: RedisClient,
        policy: ThrottlePolicy = ThrottlePolicy(),
        keyPrefix: String = "pulseworks:throttle:",
        fallback: LocalFailureThrottle,
        logger: Logger
    ) {
        self.redis = redis
        self.policy = policy
        self.keyPrefix = keyPrefix
        self.fallback = fallback
        self.logger = logger
    }

    /// Whether another attempt for `key` may proceed now.
    public func check(_ key: String) async -> ThrottleDecision {
        do {
            // GET and PTTL in one round trip; a race with a concurrent INCR is harmless here.
            let replies = try await self.redis.pipeline([
                ["GET", self.redisKey(key)],
                ["PTTL", self.redisKey(key)],
            ])
            guard replies.count == 2 else {
                throw RedisError.protocolError("expected 2 replies, got \(replies.count)")
            }
            let failures = replies[0].int ?? 0
            guard let ttl = replies[1].int else {
                throw RedisError.protocolError("PTTL did not return an integer")
            }
            // A negative TTL means no window (missing key, or no expiry): never block on that,
            // the next recorded failure repairs the expiry.
            guard failures >= self.policy.limit, ttl > 0 else {
                return .allowed
            }
            return .blocked(retryAfterSeconds: ThrottlePolicy.retryAfterSeconds(.milliseconds(ttl)))
        } catch {
            self.warnFallingBack(error)
            return await self.fallback.check(key)
        }
    }

    /// Counts one attempt for `key` and says whether it may proceed.
    public func attempt(_ key: String) async -> ThrottleDecision {
        do {
            let reply = try await self.redis.eval(
                Self.attemptScript,
                keys: [self.redisKey(key)],
                arguments: [String(self.policy.windowMilliseconds)]
            )
            guard let values = reply.array, values.count == 2, let count = values[0].int, let ttl = values[1].int else {
                throw RedisError.protocolError("the attempt script returned \(reply)")
            }
            guard count > self.policy.limit else {
                return .allowed
            }
            return .blocked(retryAfterSeconds: ThrottlePolicy.retryAfterSeconds(.milliseconds(max(ttl, 1))))
        } catch {
            self.warnFallingBack(error)
            return await self.fallback.attempt(key)
        }
    }

    /// Records one failed attempt for `key`.
    public func recordFailure(_ key: String) async {
        do {
            _ = try await self.redis.eval(
                Self.recordScript,
                keys: [self.redisKey(key)],
                arguments: [String(self.policy.windowMilliseconds)]
            )
        } catch {
            self.warnFallingBack(error)
            await self.fallback.recordFailure(key)
        }
    }

    /// Forgets the failures of `key`, in Redis and in the fallback (which may hold failures
    /// recorded during an outage).
    public func reset(_ key: String) async {
        await self.fallback.reset(key)
        do {
            _ = try await self.redis.command(["DEL", self.redisKey(key)])
        } catch {
            self.warnFallingBack(error)
        }
    }

    private func redisKey(_ key: String) -> String {
        self.keyPrefix + key
    }

    private func warnFallingBack(_ error: any Error) {
        self.fallbackWarning.log(
            "Redis throttle unavailable; using the in-process fallback",
            error: error,
            logger: self.logger
        )
    }
}
