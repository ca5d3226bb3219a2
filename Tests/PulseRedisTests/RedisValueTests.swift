import PulseRedis
import Testing

@Suite("RedisValue conveniences")
struct RedisValueTests {
    @Test("int reads integers and numeric strings")
    func int() {
        #expect(RedisValue.integer(42).int == 42)
        #expect(RedisValue.bulk(Array("-7".utf8)).int == -7)
        #expect(RedisValue.status("12").int == 12)
        #expect(RedisValue.bulk(Array("x".utf8)).int == nil)
        #expect(RedisValue.null.int == nil)
    }

    @Test("string reads bulk UTF-8 and status replies only")
    func string() {
        #expect(RedisValue.bulk(Array("héllo".utf8)).string == "héllo")
        #expect(RedisValue.status("OK").string == "OK")
        #expect(RedisValue.bulk([0xFF, 0xFE]).string == nil)
        #expect(RedisValue.integer(1).string == nil)
    }

    @Test("array reads array replies only")
    func array() {
        #expect(RedisValue.array([.integer(1), .null]).array == [.integer(1), .null])
        #expect(RedisValue.null.array == nil)
    }
}
