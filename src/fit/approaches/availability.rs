//! The three approaches of Hoffmann et al. 2022 (Sec. 3.1–3.3) and which of them a data set
//! allows, with the reason in a user's words when it does not.

use crate::fit::approaches::approach3::check_runs;
use crate::fit::approaches::powerlaw::{envelope_of_runs, group_budgets};
use crate::fit::approaches::unfit::Unfit;
use crate::fit::runs::{Dataset, EnvelopePoint, Run};
use crate::i18n::{fit, Lang};

/// Which of Hoffmann et al. 2022's approaches to fit.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum Approach {
    /// Approach 1 (Sec. 3.1): power laws through the compute-efficient envelope.
    One,
    /// Approach 2 (Sec. 3.2): IsoFLOP profiles, a parabola per budget.
    Two,
    /// Approach 3 (Sec. 3.3): the parametric loss L = E + A/N^α + B/D^β.
    #[default]
    Three,
}

impl Approach {
    /// All three, in the paper's order.
    pub const ALL: [Approach; 3] = [Approach::One, Approach::Two, Approach::Three];

    /// 1, 2 or 3, as the command line's `--approach` and the JSON's `approach` write it.
    #[must_use]
    pub fn number(self) -> u8 {
        match self {
            Approach::One => 1,
            Approach::Two => 2,
            Approach::Three => 3,
        }
    }

    /// The approach numbered `n`.
    #[must_use]
    pub fn from_number(n: u8) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.number() == n)
    }

    /// "Approach 2 (IsoFLOP profiles)" (the command line's English).
    #[must_use]
    pub fn title(self) -> &'static str {
        self.title_in(Lang::En)
    }

    /// The title in `lang`: "Approach 2 (IsoFLOP profiles)", 方法二（IsoFLOP 曲线）.
    #[must_use]
    pub fn title_in(self, lang: Lang) -> &'static str {
        match self {
            Approach::One => fit::approach_one(lang),
            Approach::Two => fit::approach_two(lang),
            Approach::Three => fit::approach_three(lang),
        }
    }
}

/// Neighbouring budgets of a sweep lie at least this factor apart in C (Hoffmann et al. 2022's
/// nine budgets from 6e18 to 3e21 are ×1.67 or more apart); C values closer than this between
/// clusters are a continuum, not budgets.
pub const BUDGET_GAP: f64 = 1.2;

/// How the budgets of a data set were found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum BudgetSource {
    /// From the file's budget column.
    Column,
    /// By clustering C within ±5 %.
    Clustered,
}

/// One budget as found in the data: its C, its runs and its distinct model sizes.
#[derive(Debug, Clone, PartialEq)]
pub struct Budget {
    /// C in FLOPs (the column's value or the cluster's geometric mean).
    pub flops: f64,
    /// Runs in it.
    pub runs: usize,
    /// Distinct model sizes in it.
    pub sizes: usize,
}

/// Which approaches the data allows: `Ok(())`, or the reason it does not.
#[derive(Debug, Clone, PartialEq)]
pub struct Availability {
    /// Approach 1.
    pub one: Result<(), Unfit>,
    /// Approach 2.
    pub two: Result<(), Unfit>,
    /// Approach 3.
    pub three: Result<(), Unfit>,
    /// The budgets found, and how (empty for envelope points).
    pub budgets: Vec<Budget>,
    /// How the budgets were found, when there are runs.
    pub budget_source: Option<BudgetSource>,
}

impl Availability {
    /// The verdict for `approach`.
    pub fn of(&self, approach: Approach) -> &Result<(), Unfit> {
        match approach {
            Approach::One => &self.one,
            Approach::Two => &self.two,
            Approach::Three => &self.three,
        }
    }

    /// Why `approach` is not available, as the fit panel says it under the approach's choice;
    /// `None` when it is.
    #[must_use]
    pub fn note(&self, approach: Approach, lang: Lang) -> Option<String> {
        self.of(approach)
            .as_ref()
            .err()
            .map(|why| fit::not_available(lang, &approach.title_in(lang), &why.text(lang)))
    }

    /// The approaches the data allows, in the paper's order.
    #[must_use]
    pub fn allowed(&self) -> Vec<Approach> {
        Approach::ALL
            .into_iter()
            .filter(|a| self.of(*a).is_ok())
            .collect()
    }
}

/// The distinct model sizes among `runs`.
fn distinct_sizes(runs: &[Run]) -> usize {
    let mut n: Vec<f64> = runs.iter().map(|r| r.n_params).collect();
    crate::sort::sort_f64(&mut n);
    n.dedup();
    n.len()
}

/// The budgets of `runs` and how they were found (see [`group_budgets`]).
#[must_use]
pub fn budgets(runs: &[Run]) -> (Vec<Budget>, BudgetSource) {
    let source = if !runs.is_empty() && runs.iter().all(|r| r.budget.is_some()) {
        BudgetSource::Column
    } else {
        BudgetSource::Clustered
    };
    let list = group_budgets(runs)
        .into_iter()
        .map(|(flops, g)| Budget {
            flops,
            runs: g.len(),
            sizes: distinct_sizes(&g),
        })
        .collect();
    (list, source)
}

/// Approach 2's verdict: two or more budgets with three or more sizes each, and, when the
/// budgets come from clustering, clusters that are separated (neighbours ≥ [`BUDGET_GAP`] apart).
fn sweep_verdict(runs: &[Run], list: &[Budget], source: BudgetSource) -> Result<(), Unfit> {
    if runs.len() > 1 && runs.iter().all(|r| r.loss == runs[0].loss) {
        return Err(Unfit::NoMinimum);
    }
    if source == BudgetSource::Clustered {
        let groups = group_budgets(runs);
        let closest = groups
            .windows(2)
            .map(|w| {
                let last = w[0].1.iter().map(|r| r.flops).fold(0.0, f64::max);
                let first = w[1].1.iter().map(|r| r.flops).fold(f64::INFINITY, f64::min);
                first / last
            })
            .fold(f64::INFINITY, f64::min);
        if closest < BUDGET_GAP {
            return Err(Unfit::NotClustered {
                groups: groups.len(),
                closest,
                gap: BUDGET_GAP,
            });
        }
    }
    let good = list.iter().filter(|b| b.sizes >= 3).count();
    if good < 2 {
        return Err(Unfit::TooFewBudgets {
            source,
            count: list.len(),
            good,
        });
    }
    Ok(())
}

/// Approach 1's verdict: an envelope of two or more points.
fn envelope_verdict(runs: &[Run]) -> Result<(), Unfit> {
    let envelope = envelope_of_runs(runs);
    if envelope.len() >= 2 {
        Ok(())
    } else {
        Err(Unfit::ThinEnvelope(envelope.len()))
    }
}

/// Whether `runs` allow `approach` (Approach 3 as a free five-coefficient fit), or why not.
pub fn verdict(runs: &[Run], approach: Approach) -> Result<(), Unfit> {
    match approach {
        Approach::One => envelope_verdict(runs),
        Approach::Two => {
            let (list, source) = budgets(runs);
            sweep_verdict(runs, &list, source)
        }
        Approach::Three => check_runs(runs).map_err(Unfit::Fit),
    }
}

/// Which approaches the runs in `data` allow, and why not where they do not.
#[must_use]
pub fn availability(data: &Dataset) -> Availability {
    let runs = &data.runs;
    let (list, source) = budgets(runs);
    Availability {
        one: envelope_verdict(runs),
        two: sweep_verdict(runs, &list, source),
        three: check_runs(runs).map_err(Unfit::Fit),
        budgets: list,
        budget_source: Some(source),
    }
}

/// What envelope points (C, N_opt[, D_opt], no loss) allow: Approach 1 only.
#[must_use]
pub fn envelope_availability(points: &[EnvelopePoint]) -> Availability {
    let mut c: Vec<f64> = points.iter().map(|p| p.flops).collect();
    crate::sort::sort_f64(&mut c);
    c.dedup();
    let no_loss = || Err(Unfit::NoLossColumn);
    Availability {
        one: if c.len() >= 2 {
            Ok(())
        } else {
            Err(Unfit::FewComputeValues(c.len()))
        },
        two: no_loss(),
        three: no_loss(),
        budgets: Vec::new(),
        budget_source: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(line: usize, n: f64, c: f64, loss: f64, budget: Option<f64>) -> Run {
        Run {
            line,
            n_params: n,
            n_tokens: c / (6.0 * n),
            flops: c,
            loss,
            budget,
        }
    }

    /// Two budgets ×10 apart with four sizes each (±1 % jitter in C): every approach allowed.
    /// One more run at 1.2e20, ×1.165 above the second budget's largest C (1.03e20): a group of
    /// its own, too close to be a separate budget, so Approach 2 is refused with the reason.
    #[test]
    fn separated_clusters_allow_approach_two_and_a_continuum_does_not() {
        let mut runs = Vec::new();
        for c in [1e19f64, 1e20] {
            for (k, n) in [1e8f64, 2e8, 4e8, 8e8].into_iter().enumerate() {
                let loss = 3.0 + 0.02 * (n.ln() - 19.5).powi(2) - 0.1 * c.log10();
                runs.push(run(
                    runs.len() + 2,
                    n,
                    c * (1.0 + 0.01 * k as f64),
                    loss,
                    None,
                ));
            }
        }
        let ds = Dataset {
            runs: runs.clone(),
            skipped: vec![],
            dropped: vec![],
            columns: Default::default(),
            separator: ',',
        };
        let a = availability(&ds);
        assert_eq!(a.allowed(), Approach::ALL.to_vec(), "{a:?}");
        assert_eq!(a.budget_source, Some(BudgetSource::Clustered));
        assert_eq!(a.budgets.len(), 2);
        runs.push(run(99, 1e8, 1.2e20, 2.0, None));
        let close = availability(&Dataset { runs, ..ds });
        let note = close.note(Approach::Two, Lang::En).unwrap();
        assert!(
            note.starts_with("Approach 2 (IsoFLOP profiles) is not available: the compute values do not cluster into budgets"),
            "{note}"
        );
        assert_eq!(close.note(Approach::Three, Lang::En), None);
        let why = close.two.unwrap_err().to_string();
        assert!(why.contains("do not cluster into budgets"), "{why}");
    }

    /// With a budget column the column decides; one budget is refused with the count.
    #[test]
    fn a_budget_column_decides_and_one_budget_is_not_enough() {
        let runs: Vec<Run> = [1e8, 2e8, 4e8]
            .into_iter()
            .enumerate()
            .map(|(i, n)| {
                run(
                    i + 2,
                    n,
                    1e19 * (1.0 + 0.1 * i as f64),
                    3.0 - 0.1 * i as f64,
                    Some(1e19),
                )
            })
            .collect();
        let (list, source) = budgets(&runs);
        assert_eq!(
            (list.len(), list[0].sizes, source),
            (1, 3, BudgetSource::Column)
        );
        let ds = Dataset {
            runs,
            skipped: vec![],
            dropped: vec![],
            columns: Default::default(),
            separator: ',',
        };
        let why = availability(&ds).two.unwrap_err().to_string();
        assert!(
            why.starts_with("the budget column names 1 budget, 1 of them"),
            "{why}"
        );
    }

    #[test]
    fn envelope_points_allow_approach_one_only() {
        let p = |c: f64| EnvelopePoint {
            line: 2,
            flops: c,
            n_params: 1e9,
            n_tokens: c / 6e9,
        };
        let a = envelope_availability(&[p(1e20), p(1e21)]);
        assert_eq!(a.allowed(), vec![Approach::One]);
        assert!(a.three.unwrap_err().to_string().contains("no loss column"));
        assert!(envelope_availability(&[p(1e20)]).one.is_err());
        assert_eq!(Approach::from_number(2), Some(Approach::Two));
        assert_eq!(Approach::default(), Approach::Three);
    }
}
