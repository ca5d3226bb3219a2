extension IPAddress {
    /// Whether the address belongs to the public internet: not loopback, private, shared
    /// (CGNAT), link-local (cloud metadata lives at 169.254.169.254), unspecified, multicast,
    /// broadcast, reserved or documentation space. An IPv6 address that embeds an IPv4 one
    /// (IPv4-mapped, IPv4-compatible, NAT64, 6to4) is judged by the IPv4 address it reaches.
    public var isPubliclyRoutable: Bool {
        if self.isIPv4 { return !Self.nonPublicIPv4.contains { self.isIn($0.prefix, bits: $0.bits) } }
        if let embedded = self.embeddedIPv4 { return embedded.isPubliclyRoutable }
        return !Self.nonPublicIPv6.contains { self.isIn($0.prefix, bits: $0.bits) }
    }

    /// The IPv4 address an IPv6 address stands for, when it has one: a connection to it ends up
    /// at that IPv4 address (through the kernel, a NAT64 gateway or a 6to4 relay).
    var embeddedIPv4: IPAddress? {
        guard !self.isIPv4 else { return nil }
        let head = Array(self.bytes[0..<12])
        if head == Array(repeating: 0, count: 10) + [0xFF, 0xFF]  // ::ffff:a.b.c.d, mapped
            || head == Array(repeating: 0, count: 12)  // ::a.b.c.d, compatible (also :: and ::1)
            || head == [0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0, 0]  // ::ffff:0:a.b.c.d, translated
            || head == [0x00, 0x64, 0xFF, 0x9B] + Array(repeating: 0, count: 8)  // 64:ff9b::/96, NAT64
        {
            return IPAddress(bytes: Array(self.bytes[12..<16]))
        }
        if self.bytes[0] == 0x20, self.bytes[1] == 0x02 {  // 2002::/16, 6to4
            return IPAddress(bytes: Array(self.bytes[2..<6]))
        }
        return nil
    }

    private func isIn(_ prefix: [UInt8], bits: Int) -> Bool {
        for index in 0..<((bits + 7) / 8) {
            let remaining = bits - index * 8
            let mask: UInt8 = remaining >= 8 ? 0xFF : ~(0xFF >> UInt8(remaining))
            if self.bytes[index] & mask != prefix[index] & mask { return false }
        }
        return true
    }

    private static let nonPublicIPv4: [(prefix: [UInt8], bits: Int)] = [
        ([0, 0, 0, 0], 8),  // "this network", 0.0.0.0
        ([10, 0, 0, 0], 8),  // private
        ([100, 64, 0, 0], 10),  // shared address space (CGNAT)
        ([127, 0, 0, 0], 8),  // loopback
        ([169, 254, 0, 0], 16),  // link-local, cloud metadata
        ([172, 16, 0, 0], 12),  // private
        ([192, 0, 0, 0], 24),  // IETF protocol assignments
        ([192, 0, 2, 0], 24),  // documentation
        ([192, 88, 99, 0], 24),  // 6to4 relay anycast
        ([192, 168, 0, 0], 16),  // private
        ([198, 18, 0, 0], 15),  // benchmarking
        ([198, 51, 100, 0], 24),  // documentation
        ([203, 0, 113, 0], 24),  // documentation
        ([224, 0, 0, 0], 4),  // multicast
        ([240, 0, 0, 0], 4),  // reserved, and 255.255.255.255 broadcast
    ]

    private static let nonPublicIPv6: [(prefix: [UInt8], bits: Int)] = [
        ([0x00, 0x64, 0xFF, 0x9B, 0x00, 0x01], 48),  // local-use NAT64
        ([0x01, 0x00, 0, 0, 0, 0, 0, 0], 64),  // discard-only
        ([0x20, 0x01, 0x00, 0x00], 32),  // Teredo: the IPv4 end is obscured, so refuse it
        ([0x20, 0x01, 0x0D, 0xB8], 32),  // documentation
        ([0xFC], 7),  // unique local (private)
        ([0xFE, 0x80], 10),  // link-local
        ([0xFE, 0xC0], 10),  // site-local (deprecated, still routed internally)
        ([0xFF], 8),  // multicast
    ]
}
