/// Encodes request parameters as `application/x-www-form-urlencoded` in Stripe's bracket-nesting
/// convention: `line_items[0][price]=price_1`, `metadata[account_id]=…`.
///
/// Parameters come out in the order they are given, so the same request always encodes to the
/// same bytes (the idempotency key is a hash of them). Escaping follows Python's `quote_plus`, as
/// stripe-python sends it: letters, digits and `-._~` stay as they are, a space becomes `+`, and
/// every other byte of the UTF-8 form, the brackets in names included, becomes `%XX`.
enum FormEncoder {
    /// A parameter value: text, a list (indexed from 0), or named fields in order.
    indirect enum Value: Sendable, Equatable {
        case text(String)
        case list([Value])
        case fields([Field])
    }

    /// One named value.
    struct Field: Sendable, Equatable {
        let name: String
        let value: Value

        init(_ name: String, _ value: Value) {
            self.name = name
            self.value = value
        }

        init(_ name: String, _ text: String) {
            self.init(name, .text(text))
        }
    }

    /// The form body for `fields`, e.g. `mode=subscription&line_items%5B0%5D%5Bprice%5D=price_1`.
    static func encode(_ fields: [Field]) -> String {
        Self.pairs(fields)
            .map { Self.escape($0.name) + "=" + Self.escape($0.value) }
            .joined(separator: "&")
    }

    /// The flattened `(name, value)` pairs, names bracket-nested and not yet escaped.
    static func pairs(_ fields: [Field]) -> [(name: String, value: String)] {
        var pairs: [(name: String, value: String)] = []
        for field in fields {
            Self.flatten(field.value, name: field.name, into: &pairs)
        }
        return pairs
    }

    /// Fields for a string dictionary, sorted by key: a dictionary has no order of its own.
    static func fields(_ dictionary: [String: String]) -> [Field] {
        dictionary.sorted { $0.key < $1.key }.map { Field($0.key, $0.value) }
    }

    private static func flatten(_ value: Value, name: String, into pairs: inout [(name: String, value: String)]) {
        switch value {
        case .text(let text):
            pairs.append((name, text))
        case .list(let items):
            for (index, item) in items.enumerated() {
                Self.flatten(item, name: "\(name)[\(index)]", into: &pairs)
            }
        case .fields(let fields):
            for field in fields {
                Self.flatten(field.value, name: "\(name)[\(field.name)]", into: &pairs)
            }
        }
    }

    /// Percent-encodes one name or value, `quote_plus` style.
    static func escape(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                output.append(byte)
            case UInt8(ascii: " "):
                output.append(UInt8(ascii: "+"))
            default:
                output.append(contentsOf: [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
