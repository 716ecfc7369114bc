//! The FLOPs-per-token chart on the SVG backend, through the same functions the page uses.

use plotters::prelude::*;

use super::shape_ratio::{draw_ratio, readout, RatioView};
use super::style::{convention_color, hex};
use super::views::{shape_ratio_view, ChartView};
use super::ChartStyle;
use crate::i18n::{charts, Lang};
use crate::law::shape::{shape_preset, Convention, ShapeSpec};
use crate::permalink::{Config, ShapeModel};

fn ratio(config: &Config) -> RatioView {
    match shape_ratio_view(&config.shape, config.lang) {
        ChartView::ShapeRatio(v) => v,
        other => panic!("not a ratio view: {other:?}"),
    }
}

fn svg(view: &RatioView) -> String {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (900, 560)).into_drawing_area();
        draw_ratio(&area, view, &ChartStyle::light(1.0)).unwrap();
    }
    svg
}

fn with_model(model: ShapeModel, convention: Convention) -> Config {
    let mut config = Config::default();
    config.shape.model = Some(model);
    config.shape.convention = convention;
    config
}

/// With no shape, Chinchilla's 51 presets: a line per convention in its colour, the legend,
/// Table A4's six crosses with their printed labels, readable ticks, no NaN.
#[test]
fn chinchilla_family_svg() {
    let view = ratio(&Config::default());
    assert_eq!(view.series.len(), 7);
    assert!(view.series.iter().all(|s| s.points.len() == 51));
    assert_eq!(view.current, None);
    assert_eq!(view.printed.len(), 6);
    let text = svg(&view).to_lowercase();
    for c in Convention::ALL {
        assert!(text.contains(&hex(convention_color(c))), "{}", c.id());
        // (SVG escapes the apostrophe of "Kaplan's C".)
        let label = c.label().split('\'').next().unwrap().to_lowercase();
        assert!(text.contains(&label), "{}", c.label());
    }
    for label in ["73m", "305m", "6.8b", "100m", "1b", "10b", "100b", "1.0"] {
        assert!(text.contains(label), "missing {label}");
    }
    assert!(text.contains(&charts::printed_label(Lang::En).to_lowercase()));
    assert!(text.contains("training flops per token / 6n"));
    assert!(!text.contains("nan") && !text.contains("00000"));
    // Every printed ratio (0.99 to 1.10) and every line is inside the y range.
    let (y0, y1) = view.y_range();
    for y in view
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.1))
        .chain(view.printed.iter().map(|m| m.y))
    {
        assert!(y0 <= y && y <= y1, "{y} outside {y0}..{y1}");
    }
}

/// A preset: its family's lines (Llama 3: 8B, 70B, 405B), the preset ringed at its exact N and
/// the chosen convention's ratio (PaLM: 6.1066e10 / 4.8182e10 = 1.2674 for Llama 3 8B).
#[test]
fn a_preset_rings_itself_on_its_family() {
    let config = with_model(ShapeModel::Preset("llama3-8b".into()), Convention::Palm);
    let view = ratio(&config);
    assert!(view.x_desc.contains("Llama 3"), "{}", view.x_desc);
    assert!(view.series.iter().all(|s| s.points.len() == 3));
    let chosen: Vec<_> = view.series.iter().filter(|s| s.chosen).collect();
    assert_eq!(chosen.len(), 1);
    assert_eq!(chosen[0].color, convention_color(Convention::Palm));
    let current = view.current.clone().unwrap();
    assert_eq!(current.label, "Llama 3 8B");
    assert!((current.x - 8_030_261_248f64.log10()).abs() < 1e-12);
    assert!((current.y - 1.2674).abs() < 5e-4, "{}", current.y);
    // The readout at the ring names the preset.
    let lines = readout(&view, (current.x, current.y), 0.15);
    assert!(lines[0].starts_with("N = 8.03B"), "{lines:?}");
    assert!(lines.iter().any(|l| l.contains("Llama 3 8B")), "{lines:?}");
    assert!(!svg(&view).contains("NaN"));
}

/// A typed shape: 25 suggested shapes like it from 10^8 to 10^12 parameters.
#[test]
fn a_typed_shape_draws_shapes_like_it() {
    let mut spec = shape_preset("llama3-8b").unwrap().shape.spec();
    spec.context = 4096;
    let shape = ShapeSpec { ..spec }.build().unwrap();
    let view = ratio(&with_model(ShapeModel::Typed(shape), Convention::Kaplan));
    assert!(view.x_desc.contains("suggested"), "{}", view.x_desc);
    for s in &view.series {
        assert_eq!(s.points.len(), 25);
        assert!(
            s.points[0].0 >= 7.9 && s.points[24].0 <= 12.1,
            "{:?}",
            s.points
        );
    }
    assert_eq!(view.current.unwrap().label, "your shape");
}
