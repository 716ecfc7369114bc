//! The flat-optimum column against a second method: a dense scan of the IsoFLOP profile
//! L(N, C/(6N)) in ln N, independent of `flat_range`'s closed-form optimum and bisection.

use super::table::table;
use super::*;
use crate::law::quantity::format_count;
use crate::law::{Law, LawId};
use crate::permalink::{Config, Mode};

/// The smallest and largest N on a grid of 400 001 points evenly spaced in ln N from 1e5 to
/// 1e16 (6e-5 apart) whose loss at budget `c` is within `tol` of the grid's own minimum.
fn scan(law: &Law, c: f64, tol: f64) -> (f64, f64) {
    let (lo, hi) = (1e5f64.ln(), 1e16f64.ln());
    let xs: Vec<f64> = (0..=400_000)
        .map(|i| lo + (hi - lo) * f64::from(i) / 400_000.0)
        .collect();
    let loss = |x: f64| law.loss(x.exp(), c / (6.0 * x.exp())).unwrap();
    let best = xs.iter().map(|x| loss(*x)).fold(f64::INFINITY, f64::min);
    let inside: Vec<f64> = xs
        .into_iter()
        .filter(|x| loss(*x) <= best * (1.0 + tol))
        .collect();
    (inside[0].exp(), inside[inside.len() - 1].exp())
}

/// Budget mode at the Gopher budget 5.76e23 (Hoffmann et al. 2022, Table 3) with +0.5 % and
/// +2 %: each loss law's range — the parametric ones' closed form and Kaplan et al. 2020's
/// numeric search alike — matches the scan to 2e-4 (the grid spacing is 6e-5 in ln N); a law
/// without a loss says why it has none.
#[test]
fn flat_column_matches_a_scan_of_the_profile() {
    for percent in [0.5, 2.0] {
        let config = Config {
            mode: Mode::Budget,
            laws: vec![
                LawId::Kaplan2020,
                LawId::ChinchillaA3Tex,
                LawId::Epoch2024,
                LawId::ChinchillaA1,
            ],
            flat_percent: percent,
            ..Config::default()
        };
        let plan = plan(&config);
        let t = table(&plan, crate::i18n::Lang::En);
        let col = |class: &str| t.columns.iter().position(|c| c.class() == class).unwrap();
        let (n_col, d_col) = (col("flat-n"), col("flat-d"));
        assert_eq!(
            t.columns[n_col].header,
            format!("N within +{percent} % of the best loss")
        );
        let mut checked = 0;
        for (row, trow) in plan.rows.iter().zip(&t.rows) {
            let v = row.values.as_ref().unwrap();
            if row.law.loss_model.is_some() {
                let r = v.flat.as_ref().unwrap().as_ref().unwrap();
                let c = v.allocation.flops;
                assert!((c / 5.76e23 - 1.0).abs() < 1e-12);
                let (lo, hi) = scan(&row.law, c, percent / 100.0);
                assert!(
                    (r.n_min / lo - 1.0).abs() < 2e-4,
                    "{:?} {r:?} {lo}",
                    row.law.id
                );
                assert!(
                    (r.n_max / hi - 1.0).abs() < 2e-4,
                    "{:?} {r:?} {hi}",
                    row.law.id
                );
                assert_eq!(
                    trow.cells[n_col].text,
                    format!("{} – {}", format_count(r.n_min), format_count(r.n_max))
                );
                // D = C/(6N): the fewest tokens go with the largest model.
                assert!((r.d_min * 6.0 * r.n_max / c - 1.0).abs() < 1e-12);
                assert_eq!(
                    trow.cells[d_col].text,
                    format!("{} – {}", format_count(r.d_min), format_count(r.d_max))
                );
                checked += 1;
            } else {
                assert_eq!(trow.cells[n_col].text, "—");
                let why = trow.cells[n_col].title.clone().unwrap();
                assert_eq!(
                    why,
                    crate::i18n::table::no_loss_model(crate::i18n::Lang::En),
                    "{:?}",
                    row.law.id
                );
            }
        }
        // Kaplan, the two parametric laws; Chinchilla's Approach 1 has no loss of its own.
        assert_eq!(checked, 3, "loss laws checked");
    }
}

/// Under the user's fit (the law `fit`) the column is the fit's own range; the command line's
/// question asks for no column.
#[test]
fn the_fit_has_a_flat_range_and_the_command_line_no_column() {
    let p = crate::law::presets::EPOCH2024;
    let mut config = Config::default();
    config.use_fit(crate::permalink::FitConfig::new(p));
    let plan = plan(&config);
    let r = plan
        .values(LawId::Fit)
        .unwrap()
        .flat
        .clone()
        .unwrap()
        .unwrap();
    assert_eq!(Ok(r), p.flat_range(config.flops, 0.005));
    let cli = answer(&Question::new(Given::Budget(1e22), vec![]));
    assert!(table(&cli, crate::i18n::Lang::En)
        .columns
        .iter()
        .all(|c| !c.class().starts_with("flat")));
}
