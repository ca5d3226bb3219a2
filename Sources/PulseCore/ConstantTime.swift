/// Comparisons whose time does not depend on where two secrets differ.
public enum ConstantTime {
    /// Whether `left` and `right` are equal, looking at every byte (when the lengths match).
    public static func equals(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices {
            difference |= left[index] ^ right[index]
        }
        return difference == 0
    }
}
