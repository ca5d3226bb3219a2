import Foundation

/// What an uploaded file really is, read from its bytes (never its name or declared type).
public struct InspectedImage: Sendable, Equatable {
    public let type: ImageType
    public let width: Int
    public let height: Int
}

/// Why an upload is not an image PulseWorks stores.
public enum ImageProblem: Error, Equatable, CustomStringConvertible {
    case empty
    /// Neither a PNG nor a JPEG, whatever it is called.
    case unsupportedType
    /// A PNG or JPEG that ends early or whose structure is broken.
    case corrupt(String)
    /// Outside the sizes a social post accepts.
    case dimensions(String)

    public var description: String {
        switch self {
        case .empty: "the upload is empty"
        case .unsupportedType: "the file is not a PNG or JPEG image"
        case .corrupt(let reason): "the image is damaged or incomplete: \(reason)"
        case .dimensions(let reason): reason
        }
    }
}

/// Reads an image's real type and size from its bytes and checks the whole file is present:
/// a PNG's chunks all fit, pass their CRCs and end with IEND; a JPEG's segments all fit, it has
/// a frame header before its scan, and it ends with EOI. No pixels are decoded.
public enum ImageInspector {
    /// Accepted sides: 320 to 8,192 pixels, aspect ratio from 4:5 (portrait) to 1.91:1 — what
    /// Instagram's feed accepts.
    public static let minimumSide = 320
    public static let maximumSide = 8192
    public static let aspectRange: ClosedRange<Double> = 0.8...1.915  // 1.91:1 as rounded (1200×628 is 1.9108)

    public static func inspect(_ bytes: [UInt8]) throws(ImageProblem) -> InspectedImage {
        guard !bytes.isEmpty else { throw .empty }
        let image: InspectedImage
        if bytes.starts(with: PNG.signature) {
            image = try PNG.inspect(bytes)
        } else if bytes.count >= 3, bytes[0] == 0xFF, bytes[1] == 0xD8, bytes[2] == 0xFF {
            image = try JPEG.inspect(bytes)
        } else {
            throw .unsupportedType
        }
        try Self.checkDimensions(width: image.width, height: image.height)
        return image
    }

    static func checkDimensions(width: Int, height: Int) throws(ImageProblem) {
        guard (Self.minimumSide...Self.maximumSide).contains(width), (Self.minimumSide...Self.maximumSide).contains(height) else {
            throw .dimensions("each side must be \(Self.minimumSide) to \(Self.maximumSide) pixels; this image is \(width)×\(height)")
        }
        let ratio = Double(width) / Double(height)
        guard Self.aspectRange.contains(ratio) else {
            throw .dimensions("the aspect ratio must be between 4:5 and 1.91:1; this image is \(width)×\(height)")
        }
    }

    enum PNG {
        static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

        static func inspect(_ bytes: [UInt8]) throws(ImageProblem) -> InspectedImage {
            var offset = Self.signature.count
            var size: (Int, Int)?
            var sawData = false
            while true {
                guard offset + 12 <= bytes.count else { throw .corrupt("the file ends before its last chunk") }
                let length = Int(read32(bytes, offset))
                guard length <= 0x7FFF_FFFF, offset + 12 + length <= bytes.count else { throw .corrupt("a chunk runs past the end of the file") }
                let type = Array(bytes[(offset + 4)..<(offset + 8)])
                let stored = read32(bytes, offset + 8 + length)
                guard CRC32.checksum(bytes[(offset + 4)..<(offset + 8 + length)]) == stored else { throw .corrupt("a chunk fails its checksum") }
                let name = String(decoding: type, as: UTF8.self)
                if size == nil {
                    guard name == "IHDR", length == 13 else { throw .corrupt("the header chunk is missing") }
                    let width = Int(read32(bytes, offset + 8))
                    let height = Int(read32(bytes, offset + 12))
                    guard width > 0, height > 0 else { throw .corrupt("the header gives no size") }
                    size = (width, height)
                }
                if name == "IDAT" { sawData = true }
                offset += 12 + length
                if name == "IEND" { break }
            }
            guard sawData, let size else { throw .corrupt("there is no image data") }
            return InspectedImage(type: .png, width: size.0, height: size.1)
        }
    }

    enum JPEG {
        static func inspect(_ bytes: [UInt8]) throws(ImageProblem) -> InspectedImage {
            var offset = 2
            var size: (Int, Int)?
            var rotated = false
            while offset < bytes.count {
                guard bytes[offset] == 0xFF else { throw .corrupt("a segment does not start with a marker") }
                offset += 1
                // Fill bytes: any number of 0xFF before the marker.
                while offset < bytes.count, bytes[offset] == 0xFF { offset += 1 }
                guard offset < bytes.count else { throw .corrupt("the file ends inside a marker") }
                let marker = bytes[offset]
                offset += 1
                switch marker {
                case 0xD9:
                    throw .corrupt("the image ends before its scan")
                case 0x01, 0xD0...0xD7:
                    continue
                default:
                    break
                }
                guard offset + 2 <= bytes.count else { throw .corrupt("the file ends inside a segment header") }
                let length = Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
                guard length >= 2, offset + length <= bytes.count else { throw .corrupt("a segment runs past the end of the file") }
                if marker == 0xE1, let orientation = Self.exifOrientation(bytes[(offset + 2)..<(offset + length)]) {
                    // 5–8: the picture is stored turned a quarter; it displays with sides swapped.
                    rotated = (5...8).contains(orientation)
                }
                if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                    guard length >= 7 else { throw .corrupt("the frame header is too short") }
                    let height = Int(bytes[offset + 3]) << 8 | Int(bytes[offset + 4])
                    let width = Int(bytes[offset + 5]) << 8 | Int(bytes[offset + 6])
                    guard width > 0, height > 0 else { throw .corrupt("the frame header gives no size") }
                    size = (width, height)
                }
                offset += length
                if marker == 0xDA {
                    guard let size else { throw .corrupt("the scan comes before the frame header") }
                    // Entropy-coded data, then more segments (progressive) or EOI.
                    guard try Self.reachesEnd(bytes, from: offset) else { throw .corrupt("the file ends before its end marker") }
                    return rotated
                        ? InspectedImage(type: .jpeg, width: size.1, height: size.0)
                        : InspectedImage(type: .jpeg, width: size.0, height: size.1)
                }
            }
            throw .corrupt("the file ends before its scan")
        }

        /// The EXIF orientation (tag 0x0112 of IFD0) of an APP1 segment's payload, if it is an
        /// Exif segment that has one.
        static func exifOrientation(_ payload: ArraySlice<UInt8>) -> Int? {
            let data = Array(payload)
            guard data.count >= 14, data.starts(with: Array("Exif".utf8) + [0, 0]) else { return nil }
            let tiff = 6
            let little: Bool
            switch (data[tiff], data[tiff + 1]) {
            case (0x49, 0x49): little = true
            case (0x4D, 0x4D): little = false
            default: return nil
            }
            func u16(_ at: Int) -> Int? {
                guard at >= 0, at + 2 <= data.count else { return nil }
                return little ? Int(data[at]) | Int(data[at + 1]) << 8 : Int(data[at]) << 8 | Int(data[at + 1])
            }
            func u32(_ at: Int) -> Int? {
                guard let high = u16(little ? at + 2 : at), let low = u16(little ? at : at + 2) else { return nil }
                return high << 16 | low
            }
            guard let ifd = u32(tiff + 4), let count = u16(tiff + ifd) else { return nil }
            for entry in 0..<min(count, 512) {
                let at = tiff + ifd + 2 + entry * 12
                guard let tag = u16(at) else { return nil }
                if tag == 0x0112 { return u16(at + 8) }
            }
            return nil
        }

        /// Whether the scan data from `offset` leads, through any further segments and scans, to
        /// an end-of-image marker.
        static func reachesEnd(_ bytes: [UInt8], from start: Int) throws(ImageProblem) -> Bool {
            var offset = start
            while offset + 1 < bytes.count {
                guard bytes[offset] == 0xFF else {
                    offset += 1
                    continue
                }
                let next = bytes[offset + 1]
                switch next {
                case 0x00, 0xFF, 0xD0...0xD7:
                    // Stuffed byte, fill, restart marker: still scan data.
                    offset += next == 0xFF ? 1 : 2
                case 0xD9:
                    return true
                default:
                    // Another segment (tables, another scan of a progressive image).
                    guard offset + 4 <= bytes.count else { return false }
                    let length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
                    guard length >= 2, offset + 2 + length <= bytes.count else { return false }
                    offset += 2 + length
                }
            }
            return false
        }
    }

    static func read32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }
}

/// CRC-32 (ISO 3309, as PNG uses it).
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = Self.table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
