import CCairo
import Foundation

/// One render's Cairo surface, context and fonts, freed together when it goes out of scope (on
/// every path, thrown errors included).
///
/// Text is set with explicit font options (grey antialiasing, no hinting, unhinted metrics) so
/// that glyph shapes and measurements do not depend on the machine's font configuration.
struct PostCanvas: ~Copyable {
    private let surface: OpaquePointer
    private let context: OpaquePointer
    private let fonts: PostFonts

    /// A `width`×`height` RGB canvas.
    init(width: Int, height: Int) throws(RenderError) {
        let fonts = try PostFonts()
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)) else {
            throw .cairo("surface could not be created")
        }
        let surfaceStatus = cairo_surface_status(surface)
        guard surfaceStatus == CAIRO_STATUS_SUCCESS, let context = cairo_create(surface) else {
            cairo_surface_destroy(surface)
            throw .cairo(CairoStatus.message(surfaceStatus))
        }
        let contextStatus = cairo_status(context)
        guard contextStatus == CAIRO_STATUS_SUCCESS else {
            cairo_destroy(context)
            cairo_surface_destroy(surface)
            throw .cairo(CairoStatus.message(contextStatus))
        }
        if let options = cairo_font_options_create() {
            cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
            cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
            cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
            cairo_set_font_options(context, options)
            cairo_font_options_destroy(options)
        }
        self.surface = surface
        self.context = context
        self.fonts = fonts
    }

    deinit {
        cairo_destroy(self.context)
        cairo_surface_destroy(self.surface)
    }

    // MARK: Shapes

    /// Fills a rectangle.
    func fill(x: Double, y: Double, width: Double, height: Double, _ color: RGB) {
        self.setSource(color)
        cairo_rectangle(self.context, x, y, width, height)
        cairo_fill(self.context)
    }

    /// Fills a circle.
    func fillCircle(centerX: Double, centerY: Double, radius: Double, _ color: RGB) {
        self.setSource(color)
        cairo_new_path(self.context)
        cairo_arc(self.context, centerX, centerY, radius, 0, 2 * Double.pi)
        cairo_fill(self.context)
    }

    /// Fills a closed polygon through `points`.
    func fillPolygon(_ points: [(x: Double, y: Double)], _ color: RGB) {
        guard let first = points.first else { return }
        self.setSource(color)
        cairo_new_path(self.context)
        cairo_move_to(self.context, first.x, first.y)
        for point in points.dropFirst() {
            cairo_line_to(self.context, point.x, point.y)
        }
        cairo_close_path(self.context)
        cairo_fill(self.context)
    }

    // MARK: Text

    /// Makes `weight` at `size` pixels the font for measuring and drawing.
    func setFont(_ weight: FontWeight, size: Double) {
        cairo_set_font_face(self.context, self.fonts[weight])
        cairo_set_font_size(self.context, size)
    }

    /// Ascent and descent of the current font, in pixels, both positive.
    func fontMetrics() -> (ascent: Double, descent: Double) {
        var extents = cairo_font_extents_t()
        cairo_font_extents(self.context, &extents)
        return (extents.ascent, extents.descent)
    }

    /// What `text` covers in the current font when drawn from the origin: horizontally the union
    /// of its ink and its advance, vertically its ink (negative is above the baseline).
    func measure(_ text: String) -> LineMetrics {
        guard !text.isEmpty else { return LineMetrics(left: 0, right: 0, inkTop: 0, inkBottom: 0) }
        var extents = cairo_text_extents_t()
        cairo_text_extents(self.context, text, &extents)
        let hasInk = extents.width > 0 && extents.height > 0
        return LineMetrics(
            left: min(0, hasInk ? extents.x_bearing : 0),
            right: max(extents.x_advance, hasInk ? extents.x_bearing + extents.width : 0),
            inkTop: hasInk ? extents.y_bearing : 0,
            inkBottom: hasInk ? extents.y_bearing + extents.height : 0
        )
    }

    /// Draws a laid-out text in `color`, clipped to its box so nothing can spill out of it.
    func draw(_ layout: TextLayout, in box: TextBox, _ color: RGB) {
        guard !layout.lines.isEmpty else { return }
        cairo_save(self.context)
        cairo_rectangle(self.context, box.x, box.y, box.width, box.height)
        cairo_clip(self.context)
        self.setFont(box.weight, size: layout.fontSize)
        self.setSource(color)
        for line in layout.lines {
            cairo_move_to(self.context, line.x, line.baseline)
            cairo_show_text(self.context, line.text)
        }
        cairo_restore(self.context)
    }

    // MARK: Output

    /// The canvas as PNG bytes, or the error Cairo recorded while drawing.
    func png() throws(RenderError) -> [UInt8] {
        let drawingStatus = cairo_status(self.context)
        guard drawingStatus == CAIRO_STATUS_SUCCESS else {
            throw .cairo(CairoStatus.message(drawingStatus))
        }
        cairo_surface_flush(self.surface)
        let sink = PNGSink()
        let status = withExtendedLifetime(sink) {
            cairo_surface_write_to_png_stream(self.surface, { closure, data, length in
                guard let closure else { return CAIRO_STATUS_WRITE_ERROR }
                let sink = Unmanaged<PNGSink>.fromOpaque(closure).takeUnretainedValue()
                sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
                return CAIRO_STATUS_SUCCESS
            }, Unmanaged.passUnretained(sink).toOpaque())
        }
        guard status == CAIRO_STATUS_SUCCESS else {
            throw .cairo(CairoStatus.message(status))
        }
        return sink.bytes
    }

    private func setSource(_ color: RGB) {
        cairo_set_source_rgb(self.context, color.r, color.g, color.b)
    }
}

/// Where Cairo's PNG writer appends; used by one thread, for one write.
private final class PNGSink {
    var bytes: [UInt8] = []

    init() {
        self.bytes.reserveCapacity(64 * 1024)
    }
}
