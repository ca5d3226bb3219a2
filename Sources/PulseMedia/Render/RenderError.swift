/// Why a post image could not be rendered. Messages name the library's failure, never the
/// title or account they were drawing.
public enum RenderError: Error, Equatable, CustomStringConvertible {
    /// Cairo reported an error status (out of memory, a failed PNG write, …).
    case cairo(String)
    /// FreeType could not start or a font file could not be loaded.
    case font(String)
    /// The renderer has been shut down.
    case unavailable

    public var description: String {
        switch self {
        case .cairo(let reason): "image rendering failed: \(reason)"
        case .font(let reason): "font loading failed: \(reason)"
        case .unavailable: "the image renderer is shut down"
        }
    }
}
