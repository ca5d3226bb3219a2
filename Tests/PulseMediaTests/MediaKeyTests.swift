import Foundation
import PulseCore
import Testing

@testable import PulseMedia

@Suite struct MediaKeyTests {
    static let account = UUID(uuidString: "6f1c2a4e-0000-4000-8000-000000000001")!
    static let content = UUID(uuidString: "6f1c2a4e-0000-4000-8000-0000000000c1")!

    @Test func renderAndUploadKeysHaveTheirFixedShape() throws {
        let month = try #require(YearMonth(year: 2026, month: 12))
        let render = MediaKey.render(accountId: Self.account, month: month, contentId: Self.content)
        #expect(render.description == "media/6f1c2a4e-0000-4000-8000-000000000001/2026-12/6f1c2a4e-0000-4000-8000-0000000000c1.png")
        #expect(MediaKey(render.description) == render)
        let upload = MediaKey.upload(accountId: Self.account, mediaId: Self.content, type: .jpeg)
        #expect(upload.description.hasSuffix("/uploads/6f1c2a4e-0000-4000-8000-0000000000c1.jpg"))
        #expect(MediaKey(upload.description) == upload)
        #expect(upload.contentType == "image/jpeg" && render.contentType == "image/png")
    }

    @Test(arguments: [
        "media/../etc/passwd", "media/6f1c2a4e-0000-4000-8000-000000000001/../x.png",
        "media/6f1c2a4e-0000-4000-8000-000000000001/2026-12/..png", "media/6F1C2A4E-0000-4000-8000-000000000001/2026-12/6f1c2a4e-0000-4000-8000-0000000000c1.png",
        "media/6f1c2a4e-0000-4000-8000-000000000001/2026-13/6f1c2a4e-0000-4000-8000-0000000000c1.png",
        "media/6f1c2a4e-0000-4000-8000-000000000001/2026-12/6f1c2a4e-0000-4000-8000-0000000000c1.jpg",
        "media/6f1c2a4e-0000-4000-8000-000000000001/uploads/6f1c2a4e-0000-4000-8000-0000000000c1.gif",
        "media/6f1c2a4e-0000-4000-8000-000000000001/uploads/6f1c2a4e-0000-4000-8000-0000000000c1.png/x",
        "other/6f1c2a4e-0000-4000-8000-000000000001/2026-12/6f1c2a4e-0000-4000-8000-0000000000c1.png", "", "media",
    ])
    func anythingElseIsNotAKey(_ text: String) {
        #expect(MediaKey(text) == nil)
    }
}
