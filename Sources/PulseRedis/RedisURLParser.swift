/// Parses `redis://` URLs by hand: Foundation's URL parser is not needed for this small grammar,
/// and doing it here keeps every error message free of the (possibly secret) input.
enum RedisURLParser {
    struct Parsed: Equatable {
        var host: String
        var port: Int
        var database: Int
        var username: String?
        var password: String?
    }

    static let defaultPort = 6379

    static func parse(_ url: String) throws(RedisError) -> Parsed {
        let scheme = "redis://"
        guard url.lowercased().hasPrefix(scheme) else {
            throw .invalidURL("the URL must start with redis:// (TLS and unix sockets are not supported)")
        }
        let rest = url.dropFirst(scheme.count)
        // The authority ends at the first slash; a slash inside a password must be percent-encoded.
        let authority: Substring
        let path: Substring
        if let slash = rest.firstIndex(of: "/") {
            authority = rest[..<slash]
            path = rest[rest.index(after: slash)...]
        } else {
            authority = rest
            path = ""
        }

        var parsed = Parsed(host: "", port: Self.defaultPort, database: 0)
        var hostAndPort = authority
        // The last `@` separates credentials, so an unencoded `@` in a password still works.
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            hostAndPort = authority[authority.index(after: at)...]
            guard let colon = userInfo.firstIndex(of: ":") else {
                throw .invalidURL("credentials must be written as user:password@ or :password@")
            }
            let user = try Self.percentDecode(userInfo[..<colon], what: "user name")
            let password = try Self.percentDecode(userInfo[userInfo.index(after: colon)...], what: "password")
            parsed.username = user.isEmpty ? nil : user
            parsed.password = password.isEmpty ? nil : password
        }

        try Self.parseHostAndPort(hostAndPort, into: &parsed)
        try Self.parseDatabase(path, into: &parsed)
        return parsed
    }

    private static func parseHostAndPort(_ text: Substring, into parsed: inout Parsed) throws(RedisError) {
        var portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                throw .invalidURL("unterminated IPv6 address")
            }
            parsed.host = String(text[text.index(after: text.startIndex)..<close])
            let after = text[text.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else {
                    throw .invalidURL("unexpected text after the IPv6 address")
                }
                portText = after.dropFirst()
            }
        } else if let colon = text.firstIndex(of: ":") {
            parsed.host = String(text[..<colon])
            portText = text[text.index(after: colon)...]
        } else {
            parsed.host = String(text)
        }
        guard !parsed.host.isEmpty else {
            throw .invalidURL("the host is missing")
        }
        guard !parsed.host.contains(where: { $0 == "?" || $0 == "#" || $0 == " " }) else {
            throw .invalidURL("the host contains invalid characters")
        }
        if let portText {
            guard let port = Int(portText), (1...65_535).contains(port) else {
                throw .invalidURL("the port must be a number between 1 and 65535")
            }
            parsed.port = port
        }
    }

    private static func parseDatabase(_ path: Substring, into parsed: inout Parsed) throws(RedisError) {
        guard !path.isEmpty else {
            return
        }
        guard let database = Int(path), database >= 0 else {
            throw .invalidURL("the path must be a database number such as /0")
        }
        parsed.database = database
    }

    /// Decodes `%XX` escapes; a malformed escape is rejected rather than kept literally, because a
    /// silently wrong password would only show up later as a confusing AUTH failure.
    static func percentDecode(_ text: Substring, what: String) throws(RedisError) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(Self.hexValue),
                let low = iterator.next().flatMap(Self.hexValue)
            else {
                throw .invalidURL("the \(what) contains an invalid percent escape")
            }
            bytes.append(high << 4 | low)
        }
        let decoded = String(decoding: bytes, as: UTF8.self)
        guard decoded.utf8.elementsEqual(bytes) else {
            throw .invalidURL("the \(what) is not valid UTF-8 after percent-decoding")
        }
        return decoded
    }

    /// Encodes everything but unreserved characters, for showing a user name inside a URL.
    static func percentEncode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            if scalar.properties.isASCIIHexDigit || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                || "-._~".unicodeScalars.contains(scalar)
            {
                result.unicodeScalars.append(scalar)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                result += byte < 16 ? "%0\(hex)" : "%\(hex)"
            }
        }
        return result
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
