import Foundation

/// The canonical forms AWS Signature Version 4 signs: URI-encoded paths and query strings,
/// normalised headers, and the ISO 8601 basic timestamp. Pure functions, shared by the signer and
/// by the code that builds the URLs actually sent, so the two never disagree.
enum SigV4Canonical {
    /// RFC 3986 percent-encoding as SigV4 defines it: every byte except `A-Z a-z 0-9 - _ . ~` is
    /// `%XX` with upper-case hex digits (a space is `%20`, never `+`).
    static func uriEncode(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        let digits = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            if Self.isUnreserved(byte) {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(digits[Int(byte >> 4)])
                output.append(digits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    /// The canonical URI of an unencoded path: each `/`-separated segment encoded once, the
    /// separators kept. S3 neither normalises `.`/`..` nor encodes twice, so neither happens here.
    static func uri(_ path: String) -> String {
        guard !path.isEmpty else { return "/" }
        return path.split(separator: "/", omittingEmptySubsequences: false).map { Self.uriEncode(String($0)) }.joined(separator: "/")
    }

    /// The canonical query string: names and values encoded, sorted by encoded name and then by
    /// encoded value (byte order), `name=value` joined by `&`; a parameter without a value is
    /// `name=`.
    static func query(_ items: [SigV4.QueryItem]) -> String {
        items.map { (name: Self.uriEncode($0.name), value: Self.uriEncode($0.value)) }
            .sorted { left, right in
                if left.name != right.name { return left.name.utf8.lexicographicallyPrecedes(right.name.utf8) }
                return left.value.utf8.lexicographicallyPrecedes(right.value.utf8)
            }
            .map { "\($0.name)=\($0.value)" }
            .joined(separator: "&")
    }

    /// The canonical header block and the signed-headers list: names lower-cased, values trimmed
    /// with inner runs of spaces collapsed to one, repeated names joined by `,` in the order given,
    /// sorted by name.
    static func headers(_ headers: [SigV4.Header]) -> (block: String, signed: String) {
        var values: [String: [String]] = [:]
        for header in headers {
            values[header.name.lowercased(), default: []].append(Self.trimmed(header.value))
        }
        let names = values.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let block = names.map { "\($0):\(values[$0, default: []].joined(separator: ","))\n" }.joined()
        return (block, names.joined(separator: ";"))
    }

    /// `value` without leading or trailing whitespace, each inner run of spaces or tabs one space.
    static func trimmed(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    /// `yyyyMMdd'T'HHmmss'Z'` and `yyyyMMdd` in UTC, whole seconds (truncated).
    static func timestamp(_ date: Date) -> (full: String, day: String) {
        let parts = Self.utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { let v = value ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        let year = String(parts.year ?? 0)
        let day = String(repeating: "0", count: max(0, 4 - year.count)) + year + two(parts.month) + two(parts.day)
        return (day + "T" + two(parts.hour) + two(parts.minute) + two(parts.second) + "Z", day)
    }

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        return calendar
    }()
}
