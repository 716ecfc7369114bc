//! [`Config`] → query string, and the Markdown form of a link.

use super::config::{Config, FitConfig, Mode};
use super::text::{keys, number, percent_encode, three_figures};
use super::VERSION;
use crate::law::quantity::format_count;

/// The query string for `config` (without `?`): `v=1` and then only the values that differ
/// from the defaults, in the order of the key table; empty for the default configuration.
#[must_use]
pub fn encode(config: &Config) -> String {
    let d = Config::default();
    let mut pairs: Vec<(&str, String)> = Vec::new();
    let mut num = |key, x: f64, default: f64| {
        if x != default {
            pairs.push((key, number(x)));
        }
    };
    num(keys::FLOPS, config.flops, d.flops);
    num(keys::DAYS, config.hardware.days, d.hardware.days);
    num(keys::MFU, config.hardware.mfu, d.hardware.mfu);
    num(keys::PARAMS, config.n_params, d.n_params);
    num(keys::N0, config.anchor.n0, d.anchor.n0);
    num(keys::D0, config.anchor.d0, d.anchor.d0);
    num(keys::ANCHOR_A, config.anchor.a, d.anchor.a);
    num(keys::ANCHOR_B, config.anchor.b, d.anchor.b);
    num(keys::MULTIPLIER, config.multiplier, d.multiplier);
    num(keys::LOSS, config.target_loss, d.target_loss);
    num(keys::VOCAB, config.reconcile.vocab, d.reconcile.vocab);
    num(keys::ASPECT, config.reconcile.aspect, d.reconcile.aspect);
    // The default tolerance writes nothing.
    num(keys::FLAT, config.flat_percent, d.flat_percent);
    let optional = [
        (keys::PRICE, config.hardware.price),
        (keys::INFERENCE, config.inference_tokens),
        (keys::UNIQUE, config.unique_tokens),
        (keys::FIX_ALPHA, config.fixed.alpha),
        (keys::FIX_BETA, config.fixed.beta),
        (keys::FIX_E, config.fixed.e),
    ];
    for (key, value) in optional {
        if let Some(x) = value {
            pairs.push((key, number(x)));
        }
    }
    if config.mode != d.mode {
        pairs.push((keys::MODE, config.mode.id().to_string()));
    }
    if config.laws != d.laws {
        let ids: Vec<&str> = config.laws.iter().map(|id| id.as_str()).collect();
        pairs.push((keys::LAWS, ids.join(",")));
    }
    if config.hardware.accelerator != d.hardware.accelerator {
        pairs.push((keys::GPU, config.hardware.accelerator.id.to_string()));
    }
    if config.hardware.count != d.hardware.count {
        pairs.push((keys::COUNT, config.hardware.count.to_string()));
    }
    if config.judge != d.judge {
        pairs.push((keys::JUDGE, config.judge.as_str().to_string()));
    }
    if let Some(fit) = &config.fit {
        let p = fit.params;
        let coefficients = [p.e, p.a, p.b, p.alpha, p.beta].map(number);
        pairs.push((keys::FIT, coefficients.join(",")));
        if fit.paper_method {
            pairs.push((keys::FIT_METHOD, "paper".to_string()));
        }
        if fit.delta != FitConfig::DEFAULT_DELTA {
            pairs.push((keys::FIT_DELTA, number(fit.delta)));
        }
    }
    if let Some(sweep) = &config.sweep_fit {
        pairs.push((
            keys::SWEEP_FIT,
            format!("{},{}", number(sweep.coef), number(sweep.exponent)),
        ));
        if sweep.approach != crate::fit::Approach::Two {
            pairs.push((
                keys::SWEEP_FIT_APPROACH,
                sweep.approach.number().to_string(),
            ));
        }
    }
    if config.fixed.tie {
        pairs.push((keys::TIE, "1".to_string()));
    }
    if config.reconcile.open {
        pairs.push((keys::WHY, "1".to_string()));
    }
    if config.reconcile.law != d.reconcile.law {
        pairs.push((
            keys::RECONCILE_LAW,
            config.reconcile.law.as_str().to_string(),
        ));
    }
    if config.theme != d.theme {
        pairs.push((keys::THEME, config.theme.id().to_string()));
    }
    if !config.hidden.is_empty() {
        let ids: Vec<&str> = config.hidden.iter().map(|c| c.id()).collect();
        pairs.push((keys::HIDE, ids.join(",")));
    }
    if config.lang != d.lang {
        pairs.push((keys::LANG, config.lang.id().to_string()));
    }
    super::shape::encode(&config.shape, &mut pairs);
    super::recipe::encode(&config.recipe, &mut pairs);
    super::planner::encode(&config.planner, &mut pairs);
    if pairs.is_empty() {
        return String::new();
    }
    // The table's order, so that equal configurations give equal links.
    crate::sort::sort_by_key(&mut pairs, |(key, _)| {
        keys::ALL.iter().position(|k| k == key)
    });
    let body: Vec<String> = pairs
        .into_iter()
        .map(|(key, value)| format!("{key}={}", percent_encode(&value)))
        .collect();
    format!("{}={VERSION}&{}", keys::VERSION, body.join("&"))
}

/// The link as Markdown, titled by the mode's main quantity:
/// `[isoflop: 5.76e23 FLOPs](url)`, `[isoflop: 1024 × h100 for 30 days](url)`,
/// `[isoflop: 70B parameters](url)`, `[isoflop: 10× a 70B / 1.4T run](url)`,
/// `[isoflop: loss 2](url)`. Spaces and parentheses in `url` are escaped so the link holds.
#[must_use]
pub fn markdown_link(url: &str, config: &Config) -> String {
    let title = match config.mode {
        Mode::Budget => format!("{} FLOPs", three_figures(config.flops)),
        Mode::Hardware => {
            let hw = &config.hardware;
            let days = three_figures(hw.days);
            let unit = if hw.days == 1.0 { "day" } else { "days" };
            format!("{} × {} for {days} {unit}", hw.count, hw.accelerator.id)
        }
        Mode::Params => format!("{} parameters", format_count(config.n_params)),
        Mode::Scale => format!(
            "{}× a {} / {} run",
            three_figures(config.multiplier),
            format_count(config.anchor.n0),
            format_count(config.anchor.d0)
        ),
        Mode::Loss => format!("loss {}", three_figures(config.target_loss)),
    };
    let url = url
        .replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29");
    format!("[isoflop: {title}]({url})")
}
