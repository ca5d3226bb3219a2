import CCairo

/// The Cairo font faces of one render, each over its own FreeType face; destroyed with the render.
struct PostFonts: ~Copyable {
    private let regular: OpaquePointer
    private let bold: OpaquePointer

    /// Identifies the user data that ties each FreeType face's lifetime to its Cairo font face.
    /// Cairo only compares its address; nothing reads or writes it.
    nonisolated(unsafe) private static let faceKey = UnsafeMutablePointer<cairo_user_data_key_t>.allocate(capacity: 1)

    init() throws(RenderError) {
        let regular = try Self.load(.regular)
        do {
            self.bold = try Self.load(.bold)
        } catch {
            cairo_font_face_destroy(regular)
            throw error
        }
        self.regular = regular
    }

    deinit {
        cairo_font_face_destroy(self.regular)
        cairo_font_face_destroy(self.bold)
    }

    /// The Cairo font face for `weight`.
    subscript(weight: FontWeight) -> OpaquePointer {
        switch weight {
        case .regular: self.regular
        case .bold: self.bold
        }
    }

    /// A Cairo font face over a new FreeType face. Cairo may cache the font face beyond this
    /// render, so the FreeType face is freed by Cairo's destroy callback (the pattern Cairo's
    /// documentation gives for `cairo_ft_font_face_create_for_ft_face`), not by us.
    private static func load(_ weight: FontWeight) throws(RenderError) -> OpaquePointer {
        let face = try FreeTypeFaces.open(weight)
        // FT_LOAD_NO_HINTING (1 << 1): outlines at their design shape, so metrics scale exactly.
        guard let fontFace = cairo_ft_font_face_create_for_ft_face(face, 1 << 1) else {
            FreeTypeFaces.close(face)
            throw .cairo("font face could not be created")
        }
        var status = cairo_font_face_status(fontFace)
        if status == CAIRO_STATUS_SUCCESS {
            status = cairo_font_face_set_user_data(fontFace, Self.faceKey, UnsafeMutableRawPointer(face)) { pointer in
                if let pointer {
                    FreeTypeFaces.close(pointer.assumingMemoryBound(to: FT_FaceRec_.self))
                }
            }
        }
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_font_face_destroy(fontFace)
            FreeTypeFaces.close(face)
            throw .cairo(CairoStatus.message(status))
        }
        return fontFace
    }
}

/// Cairo status codes as error text.
enum CairoStatus {
    /// Cairo's own description of `status`; it never contains drawn text.
    static func message(_ status: cairo_status_t) -> String {
        cairo_status_to_string(status).map { String(cString: $0) } ?? "status \(status.rawValue)"
    }
}
