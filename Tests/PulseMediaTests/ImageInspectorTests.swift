import Foundation
import Testing

@testable import PulseMedia

/// Uploads are judged by their bytes: type, size, and whether the whole file is there.
@Suite struct ImageInspectorTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
        return Array(try Data(contentsOf: url))
    }

    @Test(arguments: [
        ("photo.jpg", ImageType.jpeg, 640, 640), ("progressive.jpg", .jpeg, 640, 640), ("landscape.jpg", .jpeg, 1200, 628),
        ("portrait.png", .png, 1080, 1350),
    ])
    func realImagesAreReadFromTheirBytes(_ name: String, _ type: ImageType, _ width: Int, _ height: Int) throws {
        let image = try ImageInspector.inspect(try Self.fixture(name))
        #expect(image == InspectedImage(type: type, width: width, height: height))
    }

    @Test(arguments: ["photo.gif", "photo.webp"])
    func otherFormatsAreRefusedWhateverTheyAreCalled(_ name: String) throws {
        #expect(throws: ImageProblem.unsupportedType) { try ImageInspector.inspect(try Self.fixture(name)) }
    }

    @Test func textDisguisedAsAnImageIsRefused() {
        #expect(throws: ImageProblem.unsupportedType) { try ImageInspector.inspect(Array("<svg xmlns='http://www.w3.org/2000/svg'/>".utf8)) }
        #expect(throws: ImageProblem.empty) { try ImageInspector.inspect([]) }
    }

    @Test(arguments: ["photo.jpg", "progressive.jpg", "portrait.png"])
    func everyTruncationIsCaught(_ name: String) throws {
        let bytes = try Self.fixture(name)
        // Every cut, from just after the signature to one byte short.
        for length in stride(from: 3, to: bytes.count, by: max(1, bytes.count / 400)) + [bytes.count - 1, bytes.count - 2] {
            #expect(throws: ImageProblem.self, "cut at \(length) of \(bytes.count)") { try ImageInspector.inspect(Array(bytes.prefix(length))) }
        }
    }

    @Test func aFlippedByteInAPNGFailsItsChecksum() throws {
        var bytes = try Self.fixture("portrait.png")
        bytes[bytes.count / 2] ^= 0x40
        #expect(throws: ImageProblem.self) { try ImageInspector.inspect(bytes) }
    }

    @Test func aJPEGSignatureWithNothingBehindItIsCorrupt() {
        #expect(throws: ImageProblem.self) { try ImageInspector.inspect([0xFF, 0xD8, 0xFF, 0xD9]) }
        #expect(throws: ImageProblem.self) { try ImageInspector.inspect([0xFF, 0xD8, 0xFF]) }
    }

    @Test func sizesOutsideAFeedPostAreRefused() throws {
        #expect(throws: ImageProblem.self) { try ImageInspector.inspect(try Self.fixture("tiny.png")) }
        // 9:16 is a story, not a feed post.
        #expect(throws: ImageProblem.self) { try ImageInspector.inspect(try Self.fixture("story.png")) }
    }

    /// A phone photo stored sideways with EXIF orientation 6 is judged as it displays.
    @Test func exifOrientationSwapsTheSides() throws {
        #expect(try ImageInspector.inspect(try Self.fixture("rotated-portrait.jpg")) == InspectedImage(type: .jpeg, width: 1080, height: 1350))
        // Stored 1200×628, displayed 628×1200: too tall for a feed post.
        #expect(throws: ImageProblem.self) { try ImageInspector.inspect(try Self.fixture("rotated.jpg")) }
        // Big-endian ("MM") TIFF header, one IFD0 entry: orientation 8.
        let motorola: [UInt8] = Array("Exif".utf8) + [0, 0, 0x4D, 0x4D, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 8, 0, 0, 0, 0, 0, 0]
        #expect(ImageInspector.JPEG.exifOrientation(motorola[...]) == 8)
        #expect(ImageInspector.JPEG.exifOrientation(Array(motorola.prefix(16))[...]) == nil)
        #expect(ImageInspector.JPEG.exifOrientation(Array("JFIF".utf8)[...]) == nil)
    }

    @Test(arguments: [(320, 320, true), (319, 400, false), (8192, 8000, true), (8193, 8193, false), (1080, 1350, true), (1080, 1351, false), (1910, 1000, true), (1920, 1000, false)])
    func dimensionEdges(_ width: Int, _ height: Int, _ accepted: Bool) {
        let result = Result { () throws(ImageProblem) in try ImageInspector.checkDimensions(width: width, height: height) }
        #expect(((try? result.get()) != nil) == accepted)
    }
}
