//! The last finished fit as this browser keeps it ([`RESULT_KEY`]), rewritten when a fit
//! finishes. It is kept whole — coefficients, intervals, bootstrap samples, the runs it was
//! fitted to with their residuals, its options and time — rather than re-run on load: a fit
//! with K = 4000 resamples takes seconds, and what comes back is exactly what was shown.
//!
//! The stored form ([`super::lines`]), one line per item, lists in order:
//!
//! ```text
//! isoflop-fit 1
//! method global
//! params <E> <A> <B> <α> <β>
//! theta <ln A> <ln B> <ln E> <α> <β>
//! objective <Σ Huber>
//! options <δ> <K> <seed> <budget or ->
//! elapsed <ms>
//! candidate <θ>                                  (each warm start)
//! run <line> <N> <D> <C> <loss> <budget or -> <residual>   (each run fitted)
//! ci <resamples> <failed>                        (when bootstrapped, then:)
//! interval <name> <lo> <hi>                      (each of fit::resampling::bootstrap::CI_NAMES it has)
//! sample <E> <A> <B> <α> <β>                     (each resample's law)
//! ```

use std::fmt::Write;

use super::lines::{header, num, nums, opt, parse_array, parse_num, parse_opt, parse_whole, Lines};
use crate::fit::approaches::approach3::Approach3Fit;
use crate::fit::resampling::bootstrap::{
    BootstrapCi, Interval, Intervals, CI_NAMES, MAX_RESAMPLES,
};
use crate::fit::{FitOptions, FitOutcome, FitReport, Method, Run};
use crate::law::loss::LossParams;

/// Where the last finished fit is kept.
pub const RESULT_KEY: &str = "isoflop.fit.result";
const HEADER: &str = "isoflop-fit";

fn params_nums(p: &LossParams) -> [f64; 5] {
    [p.e, p.a, p.b, p.alpha, p.beta]
}

fn params(words: &[&str]) -> Result<LossParams, String> {
    let [e, a, b, alpha, beta] = parse_array(words)?;
    let p = LossParams {
        e,
        a,
        b,
        alpha,
        beta,
    };
    p.check().map_err(|e| e.to_string())?;
    Ok(p)
}

fn positive(what: &str, x: f64) -> Result<f64, String> {
    if x > 0.0 {
        Ok(x)
    } else {
        Err(format!("{what} {x} is not positive"))
    }
}

/// The stored form of a finished fit.
#[must_use]
pub fn encode_fit(outcome: &FitOutcome) -> String {
    let FitOutcome {
        report,
        runs,
        options,
        elapsed_ms,
    } = outcome;
    let fit = &report.fit;
    let mut s = header(HEADER);
    let _ = write!(s, "\nmethod {}", fit.method.name());
    let _ = write!(s, "\nparams {}", nums(&params_nums(&fit.params)));
    let _ = write!(s, "\ntheta {}", nums(&fit.theta));
    let _ = write!(s, "\nobjective {}", num(fit.objective));
    let _ = write!(
        s,
        "\noptions {} {} {} {}",
        num(options.delta),
        options.bootstrap,
        options.seed,
        opt(options.budget_flops)
    );
    let _ = write!(s, "\nelapsed {}", num(*elapsed_ms));
    for c in &fit.candidates {
        let _ = write!(s, "\ncandidate {}", nums(c));
    }
    for (r, residual) in runs.iter().zip(&report.residuals) {
        let _ = write!(
            s,
            "\nrun {} {} {}",
            r.line,
            nums(&[r.n_params, r.n_tokens, r.flops, r.loss]),
            opt(r.budget)
        );
        let _ = write!(s, " {}", num(*residual));
    }
    if let Some(ci) = &report.ci {
        let _ = write!(s, "\nci {} {}", ci.resamples, ci.failed);
        for (name, [lo, hi]) in ci.intervals.named() {
            let _ = write!(s, "\ninterval {name} {} {}", num(lo), num(hi));
        }
        for p in &ci.samples {
            let _ = write!(s, "\nsample {}", nums(&params_nums(p)));
        }
    }
    s
}

fn run(words: &[&str]) -> Result<(Run, f64), String> {
    let [line, n, d, c, loss, budget, residual] = words else {
        return Err(format!("a run of {} words", words.len()));
    };
    let run = Run {
        line: parse_whole(line)?,
        n_params: positive("N", parse_num(n)?)?,
        n_tokens: positive("D", parse_num(d)?)?,
        flops: positive("C", parse_num(c)?)?,
        loss: positive("the loss", parse_num(loss)?)?,
        budget: parse_opt(budget)?
            .map(|b| positive("the budget", b))
            .transpose()?,
    };
    Ok((run, parse_num(residual)?))
}

fn ci(lines: &mut Lines) -> Result<Option<BootstrapCi>, String> {
    if !lines.next_is("ci") {
        return Ok(None);
    }
    let [resamples, failed] = lines.words("ci")?[..] else {
        return Err("a ci line without two counts".to_string());
    };
    let (resamples, failed): (usize, usize) = (parse_whole(resamples)?, parse_whole(failed)?);
    if resamples > MAX_RESAMPLES || failed > resamples {
        return Err(format!("{resamples} resamples, {failed} failed"));
    }
    let mut found: [Option<Interval>; 9] = [None; 9];
    for words in lines.repeated("interval") {
        let (name, bounds) = words.split_first().ok_or("an empty interval")?;
        let i = CI_NAMES
            .iter()
            .position(|n| n == name)
            .ok_or_else(|| format!("an interval of {name:?}"))?;
        found[i] = Some(parse_array(bounds)?);
    }
    let need = |i: usize| found[i].ok_or_else(|| format!("no interval of {}", CI_NAMES[i]));
    let intervals = Intervals {
        e: need(0)?,
        a: need(1)?,
        b: need(2)?,
        alpha: need(3)?,
        beta: need(4)?,
        params_exponent: need(5)?,
        tokens_exponent: need(6)?,
        n_opt: found[7],
        d_opt: found[8],
    };
    let samples = lines
        .repeated("sample")
        .iter()
        .map(|w| params(w))
        .collect::<Result<_, _>>()?;
    Ok(Some(BootstrapCi {
        resamples,
        failed,
        intervals,
        samples,
    }))
}

/// Reads a stored fit back whole, checked as the fitter would have made it (a usable law,
/// finite numbers, positive runs), or says why it cannot be used.
pub fn decode_fit(stored: &str) -> Result<FitOutcome, String> {
    let mut lines = Lines::new(stored, HEADER)?;
    let method = Method::parse(lines.value("method")?).map_err(|e| e.to_string())?;
    let params = params(&lines.words("params")?)?;
    let theta = parse_array(&lines.words("theta")?)?;
    let [objective] = parse_array(&lines.words("objective")?)?;
    let [delta, bootstrap, seed, budget] = lines.words("options")?[..] else {
        return Err("an options line without four values".to_string());
    };
    let options = FitOptions {
        method,
        delta: positive("δ", parse_num(delta)?)?,
        bootstrap: parse_whole(bootstrap)?,
        seed: parse_whole(seed)?,
        budget_flops: parse_opt(budget)?
            .map(|b| positive("the budget", b))
            .transpose()?,
        // The panel keeps Approach-3 fits with free coefficients.
        ..FitOptions::default()
    };
    if options.bootstrap > MAX_RESAMPLES {
        return Err(format!("{} resamples", options.bootstrap));
    }
    let [elapsed_ms] = parse_array(&lines.words("elapsed")?)?;
    let candidates = lines
        .repeated("candidate")
        .iter()
        .map(|w| parse_array(w))
        .collect::<Result<_, _>>()?;
    let (runs, residuals): (Vec<Run>, Vec<f64>) = lines
        .repeated("run")
        .iter()
        .map(|w| run(w))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .unzip();
    let ci = ci(&mut lines)?;
    lines.end()?;
    Ok(FitOutcome {
        report: FitReport {
            fit: Approach3Fit {
                params,
                theta,
                objective,
                n_points: runs.len(),
                method,
                candidates,
                constraints: Default::default(),
            },
            residuals,
            ci,
        },
        runs,
        options,
        elapsed_ms,
    })
}
