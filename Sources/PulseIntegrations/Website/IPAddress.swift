#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 address as its network-order bytes (4 or 16 of them).
public struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    /// 4 bytes for IPv4, 16 for IPv6.
    public let bytes: [UInt8]

    /// The address `host` denotes when it is an IP literal, in any form the system resolver
    /// would accept without asking DNS: dotted IPv4 with decimal, octal (`0177.0.0.1`) or hex
    /// (`0x7f.1`) parts and fewer than four parts (`127.1`, `2130706433`) as `inet_aton` reads
    /// them; IPv6 with or without brackets and zone (`[fe80::1%eth0]`). Nil for a host name.
    ///
    /// Parsing IPv4 ourselves rather than through `inet_aton` keeps the result the same on
    /// every libc (glibc's stops at white space and ignores what follows).
    public init?(parsing host: String) {
        var text = Substring(host)
        if text.hasPrefix("["), text.hasSuffix("]") { text = text.dropFirst().dropLast() }
        if text.contains(":") {
            guard let bytes = Self.parseIPv6(String(text.prefix(while: { $0 != "%" }))) else { return nil }
            self.bytes = bytes
        } else {
            if text.hasSuffix(".") { text = text.dropLast() }
            guard let value = Self.parseIPv4(text) else { return nil }
            self.bytes = [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
        }
    }

    /// An address from its bytes; nil unless there are 4 or 16.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// Whether this is an IPv4 address.
    public var isIPv4: Bool { self.bytes.count == 4 }

    /// Dotted quad for IPv4; eight hexadecimal groups for IPv6 (not compressed: for logs and tests).
    public var description: String {
        if self.isIPv4 { return self.bytes.map(String.init).joined(separator: ".") }
        return stride(from: 0, to: 16, by: 2)
            .map { String(UInt16(self.bytes[$0]) << 8 | UInt16(self.bytes[$0 + 1]), radix: 16) }
            .joined(separator: ":")
    }

    /// `inet_aton` semantics: one to four parts, each decimal, octal (leading `0`) or hex
    /// (`0x`); the last part fills all the bytes the earlier parts did not.
    private static func parseIPv4(_ text: Substring) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...4).contains(parts.count) else { return nil }
        var values: [UInt64] = []
        for part in parts {
            guard let value = Self.parseNumber(part) else { return nil }
            values.append(value)
        }
        var address: UInt64 = 0
        for (index, value) in values.dropLast().enumerated() {
            guard value <= 0xFF else { return nil }
            address |= value << (8 * UInt64(3 - index))
        }
        let lastBits = 8 * UInt64(5 - parts.count)
        guard let last = values.last, last < (1 << lastBits) else { return nil }
        return UInt32(address | last)
    }

    private static func parseNumber(_ part: Substring) -> UInt64? {
        guard !part.isEmpty, part.count <= 12 else { return nil }
        let lower = part.lowercased()
        let (digits, radix): (Substring, Int)
        if lower.hasPrefix("0x") {
            (digits, radix) = (lower.dropFirst(2), 16)
        } else if lower.count > 1, lower.hasPrefix("0") {
            (digits, radix) = (lower.dropFirst(), 8)
        } else {
            (digits, radix) = (lower[...], 10)
        }
        // `UInt64(_:radix:)` would also take a sign, which no resolver does.
        guard digits.allSatisfy({ $0.isASCII && $0.isHexDigit }) else { return nil }
        if digits.isEmpty { return 0 }
        return UInt64(digits, radix: radix)
    }

    private static func parseIPv6(_ text: String) -> [UInt8]? {
        var address = in6_addr()
        guard inet_pton(AF_INET6, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: &address) { Array($0) }
    }
}
