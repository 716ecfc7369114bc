//! Colours, fonts and line widths shared by every chart, for light and dark themes.

use plotters::style::RGBColor;

use crate::law::shape::Convention;
use crate::law::LawId;

/// The charts' font: the system's sans-serif, with the usual CJK sans-serif faces named so that
/// Chinese labels find one (no web fonts: the page loads nothing from elsewhere).
pub const FONT_STACK: &str = "'Helvetica Neue', Arial, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif";

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
            font_family: FONT_STACK,
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
            font_family: FONT_STACK,
            scale: sane_scale(scale),
        }
    }

    /// The dark or the light style.
    #[must_use]
    pub fn themed(dark: bool, scale: f64) -> Self {
        if dark {
            ChartStyle::dark(scale)
        } else {
            ChartStyle::light(scale)
        }
    }

    /// `css_px` CSS pixels in device pixels.
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

/// The colour of the run the reader chose (the training recipe's chart): Tol's olive, which
/// no law uses and both themes' backgrounds show.
pub const RUN_COLOR: RGBColor = RGBColor(153, 153, 51);

/// Series colours (Okabe–Ito-like, distinguishable for colour-blind readers), by law id.
#[must_use]
pub fn law_color(law: LawId) -> RGBColor {
    match law {
        LawId::Kaplan2020 => RGBColor(213, 94, 0),
        LawId::ChinchillaA1 => RGBColor(0, 114, 178),
        LawId::ChinchillaA2 => RGBColor(86, 180, 233),
        LawId::ChinchillaA3 => RGBColor(0, 158, 115),
        LawId::ChinchillaA3Tex => RGBColor(0, 100, 70),
        LawId::Epoch2024 => RGBColor(204, 121, 167),
        LawId::DeepSeek2024 => RGBColor(230, 159, 0),
        LawId::Llama3 => RGBColor(120, 94, 240),
        LawId::Fit => RGBColor(200, 30, 60),
        LawId::SweepFit => RGBColor(150, 60, 20),
        LawId::Llama3Legend | LawId::Custom => RGBColor(120, 120, 120),
    }
}

/// The colours of a sweep's budgets, smallest C first (Okabe–Ito hues, then repeating).
pub const BUDGET_COLORS: [RGBColor; 7] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(230, 159, 0),
    RGBColor(86, 180, 233),
    RGBColor(120, 94, 240),
];

/// The colour of the `i`-th budget of a sweep chart.
#[must_use]
pub fn budget_color(i: usize) -> RGBColor {
    BUDGET_COLORS[i % BUDGET_COLORS.len()]
}

/// Line colours of the FLOPs-per-token chart, by convention (Okabe–Ito hues, 6N in grey).
#[must_use]
pub fn convention_color(convention: Convention) -> RGBColor {
    match convention {
        Convention::SixN => RGBColor(128, 128, 128),
        Convention::SixNNonEmbedding => RGBColor(86, 180, 233),
        Convention::Kaplan => RGBColor(213, 94, 0),
        Convention::Chinchilla => RGBColor(0, 114, 178),
        Convention::ChinchillaNoEmbedding => RGBColor(0, 158, 115),
        Convention::DeepSeek => RGBColor(230, 159, 0),
        Convention::Palm => RGBColor(204, 121, 167),
    }
}

/// The flat optimum's shade on the IsoFLOP chart: amber (230, 160, 0) at 25 % over the
/// background, (249, 231, 191) on white.
#[must_use]
pub fn flat_shade(style: &ChartStyle) -> RGBColor {
    let mix = |amber: u8, bg: u8| {
        let v = 0.25 * f64::from(amber) + 0.75 * f64::from(bg);
        v.round().clamp(0.0, 255.0) as u8
    };
    let b = style.background;
    RGBColor(mix(230, b.0), mix(160, b.1), mix(0, b.2))
}

/// `#rrggbb` for a colour, as CSS and the end-to-end tests read it.
#[must_use]
pub fn hex(color: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", color.0, color.1, color.2)
}
