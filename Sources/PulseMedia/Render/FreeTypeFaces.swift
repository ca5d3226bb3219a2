import CCairo
import Synchronization

/// The two weights post images use, each a DejaVu Sans file loaded by path.
///
/// Fonts are opened from these files directly rather than looked up through fontconfig, so the
/// same glyphs are used whatever fonts or fontconfig settings a machine has, and the bytes of a
/// render depend only on its spec. DejaVu Sans covers Latin, Greek, Cyrillic, Armenian, Georgian,
/// Hebrew, basic Arabic and many symbols; it has no CJK or Thai glyphs and no colour emoji, so those
/// characters draw as empty boxes (still measured, so the fitting still holds).
enum FontWeight: Sendable, Hashable {
    case regular
    case bold

    /// The font file for this weight.
    var path: String {
        switch self {
        case .regular: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
        case .bold: "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
        }
    }
}

/// The process's one FreeType library, and the only place that creates or frees faces on it.
///
/// An `FT_Library` may be shared across threads only if creating and freeing faces is serialised,
/// so both happen under this lock. Each render opens its own faces (an `FT_Face` is not
/// thread-safe, and opening one from a file is fast), so renders never share a face. The library
/// itself lives for the whole process: Cairo may keep a face alive in its font cache after the
/// render that opened it, and that face needs the library until Cairo lets it go.
enum FreeTypeFaces {
    private static let library = Mutex<OpaquePointer?>(nil)

    /// Opens the font file of `weight` as a new face, starting the library on first use.
    static func open(_ weight: FontWeight) throws(RenderError) -> FT_Face {
        let path = weight.path
        let result: Result<FT_Face, RenderError> = Self.library.withLock { library in
            if library == nil {
                var created: FT_Library?
                guard FT_Init_FreeType(&created) == 0, let created else {
                    return .failure(.font("FreeType could not be initialised"))
                }
                library = created
            }
            var face: FT_Face?
            let error = FT_New_Face(library, path, 0, &face)
            guard error == 0, let face else {
                return .failure(.font("\(weight) font file could not be loaded (FreeType error \(error))"))
            }
            return .success(face)
        }
        return try result.get()
    }

    /// Frees a face made by ``open(_:)``.
    static func close(_ face: FT_Face) {
        Self.library.withLock { _ in
            _ = FT_Done_Face(face)
        }
    }
}
