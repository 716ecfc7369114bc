//! The flat-optimum column against a second method: a dense scan of the IsoFLOP profile
//! L(N, C/(6N)) in ln N, independent of `flat_range`'s closed-form optimum and bisection.

use super::table::table;
use super::*;
use crate::law::quantity::format_count;
use crate::law::LawId;
use crate::permalink::{Config, Mode};

/// The smallest and largest N on a grid of 400 001 points over N_opt·e^(±4) whose loss at
/// budget `c` is within `tol` of the grid's own minimum.
fn scan(p: &LossParams, c: f64, tol: f64) -> (f64, f64) {
    let centre = p.optimal(c).0.ln();
    let xs: Vec<f64> = (0..=400_000)
        .map(|i| centre - 4.0 + 8.0 * f64::from(i) / 400_000.0)
        .collect();
    let loss = |x: f64| p.loss(x.exp(), c / (6.0 * x.exp()));
    let best = xs.iter().map(|x| loss(*x)).fold(f64::INFINITY, f64::min);
    let inside: Vec<f64> = xs
        .into_iter()
        .filter(|x| loss(*x) <= best * (1.0 + tol))
        .collect();
    (inside[0].exp(), inside[inside.len() - 1].exp())
}

/// Budget mode at the Gopher budget 5.76e23 (Hoffmann et al. 2022, Table 3) with +0.5 % and
/// +2 %: each parametric law's range matches the scan to 1e-4 (the grid spacing is 2e-5 in
/// ln N); Kaplan et al. 2020's loss and a law without loss say why they have none.
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
        let t = table(&plan);
        let col = |class: &str| t.columns.iter().position(|c| c.class == class).unwrap();
        let (n_col, d_col) = (col("flat-n"), col("flat-d"));
        assert_eq!(
            t.columns[n_col].header,
            format!("N within +{percent} % of the best loss")
        );
        let mut checked = 0;
        for (row, trow) in plan.rows.iter().zip(&t.rows) {
            let v = row.values.as_ref().unwrap();
            match row.law.loss_params() {
                Some(p) => {
                    let r = v.flat.as_ref().unwrap().as_ref().unwrap();
                    let c = v.allocation.flops;
                    assert!((c / 5.76e23 - 1.0).abs() < 1e-12);
                    let (lo, hi) = scan(&p, c, percent / 100.0);
                    assert!(
                        (r.n_min / lo - 1.0).abs() < 1e-4,
                        "{:?} {r:?} {lo}",
                        row.law.id
                    );
                    assert!(
                        (r.n_max / hi - 1.0).abs() < 1e-4,
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
                }
                None => {
                    assert_eq!(trow.cells[n_col].text, "—");
                    let why = trow.cells[n_col].title.clone().unwrap();
                    let expected = if row.law.loss_model.is_some() {
                        "needs a loss of the form E + A/N^α + B/D^β"
                    } else {
                        super::table::NO_LOSS_MODEL
                    };
                    assert_eq!(why, expected, "{:?}", row.law.id);
                }
            }
        }
        assert!(checked >= 2, "{checked} parametric laws checked");
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
    assert!(table(&cli)
        .columns
        .iter()
        .all(|c| !c.class.starts_with("flat")));
}
