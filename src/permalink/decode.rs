//! Query string → [`Config`]. Never fails and never panics: unknown keys are ignored, a value
//! that cannot be used keeps its default and is named in a short notice.

use std::collections::HashMap;

use super::columns::ColumnId;
use super::config::{Config, FitConfig, Mode, SweepFitConfig, Theme};
use super::text::{keys, percent_decode, shorten};
use super::validate::{fraction, is_known_law, is_loss_law, is_parametric_law, positive};
use super::{Decoded, VERSION};
use crate::fit::Approach;
use crate::law::hardware::accelerator;
use crate::law::limits::{self, Limits};
use crate::law::quantity::{parse_count, parse_flops, ParseError};
use crate::law::{LawId, LossParams};

use super::notice::Notice;
pub(super) use super::notice::Reason;

/// Reads a query string (with or without the leading `?`). Never fails: unknown keys are
/// ignored, a repeated key keeps its last value, and a value that cannot be used keeps its
/// default and is named in `notices`. The result always passes [`Config::validate`].
#[must_use]
pub fn decode(query: &str) -> Decoded {
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut values: HashMap<&'static str, String> = HashMap::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let key = percent_decode(key);
        if let Some(known) = keys::ALL.into_iter().find(|k| *k == key) {
            // Last wins: a later repeat replaces the earlier value.
            values.insert(known, percent_decode(value));
        }
    }
    let mut r = Reader {
        values,
        notices: Vec::new(),
    };
    let mut c = Config::default();

    if let Some(v) = r.values.remove(keys::VERSION) {
        match v.trim().parse::<u64>() {
            Ok(v) if v > u64::from(VERSION) => r.notices.push(Notice::Newer { version: v }),
            Ok(_) => {}
            Err(_) => r.ignored(keys::VERSION, &v, Reason::NotVersion),
        }
    }
    r.set(&mut c.mode, keys::MODE, |s| {
        Mode::from_id(s).ok_or(Reason::NotMode)
    });
    r.set(&mut c.flops, keys::FLOPS, |s| {
        parse_flops(s)
            .map_err(reason)
            .and_then(|x| limits::FLOPS.check(x).map_err(Reason::Outside))
    });
    let hw = &mut c.hardware;
    r.set(&mut hw.accelerator, keys::GPU, |s| {
        accelerator(s).ok_or(Reason::UnknownAccelerator)
    });
    r.set(&mut hw.count, keys::COUNT, |s| {
        let n = s
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|n| *n >= 1)
            .ok_or(Reason::NotWholeAtLeastOne)?;
        limits::DEVICES
            .check(n as f64)
            .map(|_| n)
            .map_err(Reason::Outside)
    });
    r.set(&mut hw.days, keys::DAYS, |s| {
        in_limits(positive_number(s), limits::DAYS)
    });
    r.set(&mut hw.mfu, keys::MFU, |s| {
        positive_number(s).and_then(|m| {
            if m <= 1.0 {
                Ok(m)
            } else {
                Err(Reason::AboveOne)
            }
        })
    });
    r.set(&mut hw.price, keys::PRICE, |s| {
        plain_number(s).and_then(|p| {
            if p >= 0.0 {
                limits::PRICE.check(p).map(Some).map_err(Reason::Outside)
            } else {
                Err(Reason::Negative)
            }
        })
    });
    r.set(&mut c.n_params, keys::PARAMS, |s| {
        in_limits(count(s), limits::PARAMS)
    });
    r.set(&mut c.anchor.n0, keys::N0, |s| {
        in_limits(count(s), limits::PARAMS)
    });
    r.set(&mut c.anchor.d0, keys::D0, |s| {
        in_limits(count(s), limits::TOKENS)
    });
    r.set(&mut c.anchor.a, keys::ANCHOR_A, exponent);
    r.set(&mut c.anchor.b, keys::ANCHOR_B, exponent);
    r.set(&mut c.multiplier, keys::MULTIPLIER, |s| {
        in_limits(positive_number(s), limits::MULTIPLIER)
    });
    r.set(&mut c.target_loss, keys::LOSS, |s| {
        in_limits(positive_number(s), limits::LOSS)
    });
    r.set(&mut c.inference_tokens, keys::INFERENCE, |s| {
        in_limits(count(s), limits::INFERENCE_TOKENS).map(Some)
    });
    r.set(&mut c.unique_tokens, keys::UNIQUE, |s| {
        in_limits(count(s), limits::UNIQUE_TOKENS).map(Some)
    });
    r.set(&mut c.fit, keys::FIT, |s| fit(s).map(Some));
    if let Some(fit) = c.fit.as_mut() {
        r.set(&mut fit.paper_method, keys::FIT_METHOD, |s| match s {
            "paper" => Ok(true),
            "global" => Ok(false),
            _ => Err(Reason::NotPaperOrGlobal),
        });
        r.set(&mut fit.delta, keys::FIT_DELTA, positive_number);
    }
    r.set(&mut c.sweep_fit, keys::SWEEP_FIT, |s| {
        sweep_fit(s).map(Some)
    });
    if let Some(sweep) = c.sweep_fit.as_mut() {
        r.set(&mut sweep.approach, keys::SWEEP_FIT_APPROACH, |s| {
            match s.trim().parse::<u8>().ok().and_then(Approach::from_number) {
                Some(a) if a != Approach::Three => Ok(a),
                _ => Err(Reason::NotOneOrTwo),
            }
        });
    }
    fixed(&mut r, &mut c.fixed);
    r.set(&mut c.flat_percent, keys::FLAT, |s| {
        positive_number(s).and_then(|x| {
            if x <= 100.0 * crate::law::flat::MAX_FLAT_TOLERANCE {
                Ok(x)
            } else {
                Err(Reason::AbovePercent)
            }
        })
    });
    let has_fit = c.fit.is_some();
    let has_sweep_fit = c.sweep_fit.is_some();
    if let Some(list) = r.values.remove(keys::LAWS) {
        laws(&mut r, &mut c.laws, &list, (has_fit, has_sweep_fit));
    }
    r.set(&mut c.judge, keys::JUDGE, |s| match LawId::parse(s) {
        Some(id) if is_loss_law(id, has_fit) => Ok(id),
        Some(LawId::Fit) => Err(Reason::NoFit),
        Some(id) if is_known_law(id, has_fit) || id == LawId::SweepFit => Err(Reason::NoLoss),
        _ => Err(Reason::UnknownLaw),
    });
    if let Some(list) = r.values.remove(keys::HIDE) {
        hidden(&mut r, &mut c.hidden, &list);
    }
    r.set(&mut c.theme, keys::THEME, |s| {
        Theme::from_id(s).ok_or(Reason::NotTheme)
    });
    let lang_given = r.values.contains_key(keys::LANG);
    r.set(&mut c.lang, keys::LANG, |s| {
        crate::i18n::Lang::from_id(s.trim()).ok_or(Reason::NotLang)
    });
    let why = &mut c.reconcile;
    r.set(&mut why.open, keys::WHY, |s| match s.trim() {
        "1" => Ok(true),
        "0" => Ok(false),
        _ => Err(Reason::NotZeroOrOne),
    });
    r.set(&mut why.law, keys::RECONCILE_LAW, |s| {
        match LawId::parse(s) {
            Some(id) if is_parametric_law(id, has_fit) => Ok(id),
            Some(LawId::Fit) => Err(Reason::NoFit),
            Some(_) => Err(Reason::NotParametric),
            None => Err(Reason::UnknownLaw),
        }
    });
    r.set(&mut why.vocab, keys::VOCAB, |s| {
        in_limits(count(s), limits::VOCAB)
    });
    r.set(&mut why.aspect, keys::ASPECT, |s| {
        in_limits(positive_number(s), limits::ASPECT)
    });
    super::shape::decode(&mut r, &mut c.shape);
    super::recipe::decode(&mut r, &mut c.recipe);
    super::planner::decode(&mut r, &mut c.planner, has_fit);
    Decoded {
        config: c,
        notices: r.notices,
        lang_given,
    }
}

/// The link's values by key, and the notices so far.
pub(super) struct Reader {
    values: HashMap<&'static str, String>,
    notices: Vec<Notice>,
}

impl Reader {
    /// Parses `key`'s value into `slot` if the link has one; else leaves the default and adds
    /// a notice.
    pub(super) fn set<T>(
        &mut self,
        slot: &mut T,
        key: &'static str,
        parse: impl Fn(&str) -> Result<T, Reason>,
    ) {
        let Some(value) = self.values.remove(key) else {
            return;
        };
        let parsed = if value.trim().is_empty() {
            Err(Reason::Empty)
        } else {
            parse(&value)
        };
        match parsed {
            Ok(v) => *slot = v,
            Err(why) => self.ignored(key, &value, why),
        }
    }

    fn ignored(&mut self, key: &'static str, value: &str, why: Reason) {
        self.notices.push(Notice::Ignored {
            key,
            value: shorten(value),
            reason: why,
        });
    }
}

/// `laws=a,b,c`: known ids in order, repeats dropped; unknown ones named in one notice.
/// `fits` says whether the link has a `fit` and a `sfit`.
fn laws(r: &mut Reader, slot: &mut Vec<LawId>, list: &str, fits: (bool, bool)) {
    let (has_fit, has_sweep_fit) = fits;
    let known_law = |id: LawId| {
        if id == LawId::SweepFit {
            has_sweep_fit
        } else {
            is_known_law(id, has_fit)
        }
    };
    let mut known: Vec<LawId> = Vec::new();
    let mut unknown: Vec<&str> = Vec::new();
    for text in list.split(',').filter(|id| !id.is_empty()) {
        match LawId::parse(text).filter(|id| known_law(*id)) {
            None => unknown.push(text),
            Some(id) if !known.contains(&id) => known.push(id),
            Some(_) => {}
        }
    }
    if !unknown.is_empty() {
        let why = if unknown == [LawId::Fit.as_str()] {
            Reason::NoFit
        } else if unknown == [LawId::SweepFit.as_str()] {
            Reason::NoSweepFit
        } else {
            Reason::UnknownLawIds
        };
        r.ignored(keys::LAWS, &unknown.join(","), why);
    }
    if known.is_empty() {
        if unknown.is_empty() {
            r.ignored(keys::LAWS, list, Reason::NoLawIds);
        }
    } else {
        *slot = known;
    }
}

/// `hide`: the known column ids are hidden; unknown ones are named in a notice.
fn hidden(r: &mut Reader, slot: &mut Vec<ColumnId>, list: &str) {
    let (known, unknown): (Vec<_>, Vec<_>) = list
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .partition(|s| ColumnId::from_id(s).is_some());
    if !unknown.is_empty() {
        r.ignored(keys::HIDE, &unknown.join(","), Reason::UnknownColumnIds);
    }
    let named: Vec<ColumnId> = known.into_iter().filter_map(ColumnId::from_id).collect();
    // The table's order, each once.
    *slot = ColumnId::ALL
        .into_iter()
        .filter(|c| named.contains(c))
        .collect();
}

/// `fixa`, `fixb`, `fixe` and `tie`: Approach 3's fixed or tied coefficients. A tie that
/// contradicts two different fixed exponents is dropped with a notice.
fn fixed(r: &mut Reader, slot: &mut crate::fit::Constraints) {
    r.set(&mut slot.alpha, keys::FIX_ALPHA, |s| {
        positive_number(s).map(Some)
    });
    r.set(&mut slot.beta, keys::FIX_BETA, |s| {
        positive_number(s).map(Some)
    });
    r.set(&mut slot.e, keys::FIX_E, |s| {
        plain_number(s).and_then(|x| {
            if x >= 0.0 {
                Ok(Some(x))
            } else {
                Err(Reason::Negative)
            }
        })
    });
    let mut tie = false;
    r.set(&mut tie, keys::TIE, |s| match s.trim() {
        "1" => Ok(true),
        "0" => Ok(false),
        _ => Err(Reason::NotZeroOrOne),
    });
    match (tie, slot.alpha, slot.beta) {
        (true, Some(a), Some(b)) if a != b => {
            r.ignored(keys::TIE, "1", Reason::FixedDiffer);
        }
        _ => slot.tie = tie,
    }
}

/// The parser's complaint in a few words.
pub(super) fn reason(e: ParseError) -> Reason {
    match e {
        ParseError::Empty => Reason::Empty,
        ParseError::NotANumber => Reason::NotANumber,
        ParseError::NotPositive => Reason::NotPositiveFinite,
        ParseError::OutOfRange => Reason::OutOfRange,
        ParseError::Outside(limits) => Reason::Outside(limits),
        ParseError::ChineseUnit(_) => Reason::NotCountUnit,
    }
}

/// A finite decimal number (Rust's `inf` and `NaN` spellings refused).
pub(super) fn plain_number(s: &str) -> Result<f64, Reason> {
    match s.trim().parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(x),
        Ok(_) => Err(Reason::NotFinite),
        Err(_) => Err(Reason::NotANumber),
    }
}

pub(super) fn positive_number(s: &str) -> Result<f64, Reason> {
    plain_number(s).and_then(|x| {
        if positive(x) {
            Ok(x)
        } else {
            Err(Reason::NotPositive)
        }
    })
}

/// A parsed value, if within `l`.
pub(super) fn in_limits(x: Result<f64, Reason>, l: Limits) -> Result<f64, Reason> {
    x.and_then(|x| l.check(x).map_err(Reason::Outside))
}

/// A whole number within `within` (which starts at 0 or 1), written as digits.
pub(super) fn whole_in(s: &str, within: Limits) -> Result<u64, Reason> {
    let n = s
        .trim()
        .parse::<u64>()
        .map_err(|_| Reason::NotWholeNumbers)?;
    within.check(n as f64).map(|_| n).map_err(Reason::Outside)
}

/// A count of parameters or tokens: `7e10`, `70B`, `1.4T`.
pub(super) fn count(s: &str) -> Result<f64, Reason> {
    parse_count(s).map_err(|e| reason(e.0))
}

fn exponent(s: &str) -> Result<f64, Reason> {
    plain_number(s).and_then(|x| {
        if fraction(x) {
            Ok(x)
        } else {
            Err(Reason::NotFraction)
        }
    })
}

/// `sfit=k,a`: N_opt = k·C^a with k > 0 and a in (0, 1), from Approach 2 unless `sfita` says 1.
fn sweep_fit(s: &str) -> Result<SweepFitConfig, Reason> {
    let parts: Vec<&str> = s.split(',').collect();
    let [k, a] = parts[..] else {
        return Err(Reason::NeedsTwo);
    };
    let fit = SweepFitConfig {
        coef: positive_number(k)?,
        exponent: exponent(a)?,
        approach: Approach::Two,
    };
    if fit.is_usable() {
        Ok(fit)
    } else {
        Err(Reason::NeedsSweep)
    }
}

/// `fit=E,A,B,alpha,beta`, with the default method and δ (their own keys follow).
fn fit(s: &str) -> Result<FitConfig, Reason> {
    if s.split(',').count() != 5 {
        return Err(Reason::NeedsFive);
    }
    for x in s.split(',') {
        plain_number(x)?;
    }
    LossParams::from_list(s)
        .map(FitConfig::new)
        .map_err(|_| Reason::NeedsCoefficients)
}
