//! The drawing backend of the page's charts: its canvas, or an SVG string for a download, with
//! text measured by a canvas's own `measureText`.
//!
//! plotters' default text measurement on wasm32 builds a `<span>` with an inline `style`
//! attribute, which the page's Content-Security-Policy (`style-src 'self'`) rightly blocks — and
//! the measurement is then wrong. Measuring on the canvas itself is both allowed and exact.
//!
//! One backend type for both targets, so that plotters and the chart code are compiled once for
//! the page rather than once per target (about 3 % of the page's wasm).

use plotters::prelude::SVGBackend;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// Where a chart is drawn.
enum Target<'a> {
    Canvas(CanvasBackend),
    Svg(SVGBackend<'a>),
}

/// A drawing error of either target, as text.
#[derive(Debug)]
pub struct DrawError(String);

impl std::fmt::Display for DrawError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DrawError {}

type Error = DrawingErrorKind<DrawError>;

fn convert<E: std::error::Error + Send + Sync>(e: DrawingErrorKind<E>) -> Error {
    match e {
        DrawingErrorKind::DrawingError(e) => {
            DrawingErrorKind::DrawingError(DrawError(e.to_string()))
        }
        DrawingErrorKind::FontError(e) => DrawingErrorKind::FontError(e),
    }
}

/// The same call on whichever target, its error converted.
macro_rules! on_target {
    ($self:ident, $b:ident => $call:expr) => {
        match &mut $self.target {
            Target::Canvas($b) => $call.map_err(convert),
            Target::Svg($b) => $call.map_err(convert),
        }
    };
}

/// The page's canvas or an SVG string, with CSP-safe, exact text measurement.
pub struct Measured<'a> {
    target: Target<'a>,
    context: CanvasRenderingContext2d,
}

fn context_2d(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas
        .get_context("2d")
        .ok()
        .flatten()?
        .dyn_into::<CanvasRenderingContext2d>()
        .ok()
}

/// The page's canvas, measured on itself.
pub type MeasuredCanvas = Measured<'static>;

impl Measured<'static> {
    /// Wraps `canvas`; `None` if it has no 2D context.
    #[must_use]
    pub fn new(canvas: &HtmlCanvasElement) -> Option<Self> {
        Some(Measured {
            context: context_2d(canvas)?,
            target: Target::Canvas(CanvasBackend::with_canvas_object(canvas.clone())?),
        })
    }
}

impl<'a> Measured<'a> {
    /// An SVG of `size` pixels written into `svg`, measuring text on a detached canvas (never
    /// added to the page).
    #[must_use]
    pub fn svg(svg: &'a mut String, size: (u32, u32)) -> Option<Self> {
        let canvas = web_sys::window()?
            .document()?
            .create_element("canvas")
            .ok()?
            .dyn_into::<HtmlCanvasElement>()
            .ok()?;
        Some(Measured {
            context: context_2d(&canvas)?,
            target: Target::Svg(SVGBackend::with_string(svg, size)),
        })
    }
}

impl DrawingBackend for Measured<'_> {
    type ErrorType = DrawError;

    fn get_size(&self) -> (u32, u32) {
        match &self.target {
            Target::Canvas(b) => b.get_size(),
            Target::Svg(b) => b.get_size(),
        }
    }
    fn ensure_prepared(&mut self) -> Result<(), Error> {
        on_target!(self, b => b.ensure_prepared())
    }
    fn present(&mut self) -> Result<(), Error> {
        on_target!(self, b => b.present())
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Error> {
        on_target!(self, b => b.draw_pixel(point, color))
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), Error> {
        on_target!(self, b => b.draw_line(from, to, style))
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Error> {
        on_target!(self, b => b.draw_rect(upper_left, bottom_right, style, fill))
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Error> {
        on_target!(self, b => b.draw_path(path, style))
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), Error> {
        on_target!(self, b => b.draw_circle(center, radius, style, fill))
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), Error> {
        on_target!(self, b => b.fill_polygon(vert, style))
    }
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), Error> {
        on_target!(self, b => b.draw_text(text, style, pos))
    }
    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), Error> {
        // The same font string CanvasBackend::draw_text sets before it draws.
        self.context.set_font(&format!(
            "{} {}px {}",
            style.style().as_str(),
            style.size(),
            style.family().as_str()
        ));
        let width = self
            .context
            .measure_text(text)
            .map(|m| m.width())
            .unwrap_or(0.0);
        Ok((width.ceil() as u32, style.size().ceil() as u32))
    }
    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), Error> {
        on_target!(self, b => b.blit_bitmap(pos, size, src))
    }
}
