//! Colours, fonts and line widths shared by every chart, for light and dark themes.

use plotters::style::RGBColor;

/// How a chart looks; `scale` is the device pixel ratio so charts stay crisp on HiDPI screens.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartStyle {
    pub background: RGBColor,
    pub foreground: RGBColor,
    pub grid: RGBColor,
    /// Secondary marks: real models, crosshair.
    pub muted: RGBColor,
    pub font_family: &'static str,
    pub scale: f64,
}

impl ChartStyle {
    /// Dark text on white.
    #[must_use]
    pub fn light(scale: f64) -> Self {
        ChartStyle {
            background: RGBColor(255, 255, 255),
            foreground: RGBColor(33, 37, 41),
            grid: RGBColor(222, 226, 230),
            muted: RGBColor(90, 96, 102),
            font_family: "sans-serif",
            scale: sane_scale(scale),
        }
    }

    /// Light text on near-black.
    #[must_use]
    pub fn dark(scale: f64) -> Self {
        ChartStyle {
            background: RGBColor(24, 26, 27),
            foreground: RGBColor(230, 230, 230),
            grid: RGBColor(60, 64, 67),
            muted: RGBColor(170, 175, 180),
            font_family: "sans-serif",
            scale: sane_scale(scale),
        }
    }

    /// A length in CSS pixels, in device pixels.
    #[must_use]
    pub fn px(&self, css_px: f64) -> u32 {
        (css_px * self.scale).round().max(1.0) as u32
    }
}

fn sane_scale(scale: f64) -> f64 {
    if scale.is_finite() && scale > 0.0 {
        scale.clamp(0.5, 4.0)
    } else {
        1.0
    }
}

/// Series colours (Okabe–Ito-like, distinguishable for colour-blind readers), by law id.
#[must_use]
pub fn law_color(law_id: &str) -> RGBColor {
    match law_id {
        "kaplan2020" => RGBColor(213, 94, 0),
        "chinchilla-a1" => RGBColor(0, 114, 178),
        "chinchilla-a2" => RGBColor(86, 180, 233),
        "chinchilla-a3" => RGBColor(0, 158, 115),
        "chinchilla-a3-tex" => RGBColor(0, 100, 70),
        "epoch2024" => RGBColor(204, 121, 167),
        "deepseek2024" => RGBColor(230, 159, 0),
        "llama3" => RGBColor(120, 94, 240),
        "fit" => RGBColor(200, 30, 60),
        _ => RGBColor(120, 120, 120),
    }
}

/// `#rrggbb` for a colour, as CSS and the end-to-end tests read it.
#[must_use]
pub fn hex(color: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", color.0, color.1, color.2)
}
