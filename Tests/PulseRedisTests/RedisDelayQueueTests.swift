import Foundation
import PulseRedis
import Testing

@Suite("RedisDelayQueue against a real Redis")
struct RedisDelayQueueTests {
    @Test("pops only what is due, earliest first, and moves a member re-added with a new time")
    func popsDueInOrder() async throws {
        try await TestRedis.withClient { client in
            let queue = RedisDelayQueue(redis: client, key: TestRedis.uniquePrefix() + "queue")
            let now = Date()
            try await queue.add([("late", now.addingTimeInterval(60)), ("second", now.addingTimeInterval(-1)), ("first", now.addingTimeInterval(-2))])
            #expect(try await queue.depth() == 3)
            #expect(try await queue.popDue(now: now, limit: 10) == ["first", "second"])
            #expect(try await queue.popDue(now: now, limit: 10).isEmpty)
            #expect(try await queue.contains("late"))
            // Re-adding moves it: now it is due.
            try await queue.add([("late", now.addingTimeInterval(-5))])
            #expect(try await queue.depth() == 1)
            #expect(try await queue.popDue(now: now, limit: 1) == ["late"])
            #expect(try await queue.depth() == 0)
        }
    }

    @Test("concurrent consumers never pop the same member")
    func concurrentPopsAreDisjoint() async throws {
        try await TestRedis.withClient { client in
            let queue = RedisDelayQueue(redis: client, key: TestRedis.uniquePrefix() + "queue")
            let due = Date().addingTimeInterval(-1)
            let members = (0..<2000).map { "m\($0)" }
            try await queue.add(members.map { ($0, due) })
            let popped = try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        var mine: [String] = []
                        while true {
                            let batch = try await queue.popDue(now: Date(), limit: 37)
                            if batch.isEmpty { return mine }
                            mine += batch
                        }
                    }
                }
                return try await group.reduce(into: [String]()) { $0 += $1 }
            }
            #expect(popped.count == 2000)
            #expect(Set(popped) == Set(members))
        }
    }
}
