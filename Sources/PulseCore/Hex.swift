extension Sequence where Element == UInt8 {
    /// Lower-case hexadecimal, two digits a byte (digests, key ids, checksums).
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var output: [UInt8] = []
        for byte in self {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }
}
