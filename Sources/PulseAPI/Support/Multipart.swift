import Foundation
import PulseCore

/// Just enough of `multipart/form-data` (RFC 7578) to take one uploaded file out of a body.
enum Multipart {
    /// The boundary of a `multipart/form-data` content type, nil for any other type.
    static func boundary(of contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let type = parts.first, type.lowercased() == "multipart/form-data" else { return nil }
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return (1...70).contains(value.utf8.count) ? value : nil
        }
        return nil
    }

    /// The bytes of the part named `file`, else of the first part with a file name; 400 when the
    /// body is not well-formed multipart or has no such part.
    static func file(in body: [UInt8], boundary: String) throws(PulseError) -> [UInt8] {
        let delimiter = Array("--\(boundary)".utf8)
        let malformed = PulseError.malformedRequest("The multipart body could not be read: send the image as the part named \"file\".")
        guard var cursor = Self.find(delimiter, in: body, from: 0) else { throw malformed }
        var parts: [(headers: String, bytes: ArraySlice<UInt8>)] = []
        while true {
            cursor += delimiter.count
            // "--" after a delimiter ends the body.
            if cursor + 1 < body.count, body[cursor] == 0x2D, body[cursor + 1] == 0x2D { break }
            guard let headerEnd = Self.find(Array("\r\n\r\n".utf8), in: body, from: cursor) else { throw malformed }
            let headers = String(decoding: body[cursor..<headerEnd], as: UTF8.self)
            let start = headerEnd + 4
            guard let next = Self.find(Array("\r\n".utf8) + delimiter, in: body, from: start) else { throw malformed }
            parts.append((headers, body[start..<next]))
            cursor = next + 2
        }
        let described = parts.map { (Self.disposition($0.headers), $0.bytes) }
        let chosen = described.first { $0.0["name"] == "file" } ?? described.first { $0.0["filename"] != nil }
        guard let chosen else { throw malformed }
        return Array(chosen.1)
    }

    /// The parameters of a part's `Content-Disposition` header (`name`, `filename`), names lower-cased.
    static func disposition(_ headers: String) -> [String: String] {
        for line in headers.split(separator: "\r\n") {
            let pair = line.split(separator: ":", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition" else { continue }
            var parameters: [String: String] = [:]
            for item in pair[1].split(separator: ";").dropFirst() {
                let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2 else { continue }
                var value = parts[1]
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
                parameters[parts[0].lowercased()] = value
            }
            return parameters
        }
        return [:]
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        let first = needle[0]
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first && haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
