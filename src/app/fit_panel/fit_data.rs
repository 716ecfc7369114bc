//! What the fit panel read from the pasted or uploaded text: the column mapping, how many rows
//! are used, and every unused row with its line number and reason.

use leptos::prelude::*;

use crate::fit::data::SkippedRow;
use crate::fit::{Dataset, EnvelopePoint, FitError};

/// At most this many unusable rows are listed one by one; the rest are counted.
const LISTED_ROWS: usize = 50;

/// The rows not used, by line, with the reason (at most [`LISTED_ROWS`], then a count).
fn skipped_list(skipped: &[SkippedRow]) -> impl IntoView {
    let more = skipped.len().saturating_sub(LISTED_ROWS);
    let listed = skipped
        .iter()
        .take(LISTED_ROWS)
        .map(|s| {
            let line = s.line;
            let reason = s.reason.clone();
            view! { <li data-line=line>{format!("line {line}: {reason}")}</li> }
        })
        .collect_view();
    (!skipped.is_empty()).then(|| view! {
        <div class="fit-skipped">
            <p class="field-msg error">"Rows not used:"</p>
            <ul id="fit-skipped">{listed}</ul>
            {(more > 0).then(|| view! { <p class="field-msg">{format!("… and {more} more.")}</p> })}
        </div>
    })
}

/// "5 envelope points used (C, N_opt): Approach 1 only."
fn envelope_summary(points: usize, skipped: usize) -> String {
    let mut s = format!("{points} envelope points used (C, N_opt)");
    if skipped > 0 {
        s.push_str(&format!(", {skipped} rows unusable"));
    }
    s.push_str(": Approach 1 only.");
    s
}

/// The column mapping, row counts and unusable rows of `dataset`, or what was read of
/// `envelope` when the text is envelope points.
#[component]
pub fn DataSummary(
    dataset: Memo<Option<Result<Dataset, FitError>>>,
    envelope: Memo<Option<(Vec<EnvelopePoint>, Vec<SkippedRow>)>>,
) -> impl IntoView {
    move || {
        if let Some((points, skipped)) = envelope.get() {
            return view! {
                <div id="fit-data-summary" class="fit-data-summary">
                    <p><span id="fit-rows" data-kind="envelope" data-used=points.len() data-unusable=skipped.len() data-dropped=0>
                        {envelope_summary(points.len(), skipped.len())}
                    </span></p>
                    {skipped_list(&skipped)}
                </div>
            }
            .into_any();
        }
        dataset.with(|parsed| match parsed {
            None => view! {
                <p id="fit-data-summary" class="field-msg">
                    "Paste runs, upload a file or load the example. Columns are found by header: params (N), tokens (D) and/or flops (C), loss."
                </p>
            }
            .into_any(),
            Some(Err(e)) => view! {
                <p id="fit-data-summary" class="field-msg error" role="alert">{e.to_string()}</p>
            }
            .into_any(),
            Some(Ok(ds)) => {
                let map = ds.columns.mapping()
                    .into_iter()
                    .map(|(q, src)| view! { <li data-quantity=q><span class="fit-q">{q}</span>" ← "{src}</li> })
                    .collect_view();
                let dropped = ds
                    .dropped
                    .iter()
                    .map(|r| r.line.to_string())
                    .collect::<Vec<_>>()
                    .join(", ");
                let separator = if ds.separator == '\t' { "tab" } else { "comma" };
                view! {
                    <div id="fit-data-summary" class="fit-data-summary">
                        <p>
                            <span id="fit-rows" data-used=ds.runs.len() data-unusable=ds.skipped.len() data-dropped=ds.dropped.len()>{ds.summary()}</span>
                            {format!(" ({separator}-separated).")}
                        </p>
                        <ul class="fit-mapping" aria-label="Column mapping">{map}</ul>
                        {(!ds.dropped.is_empty()).then(|| view! {
                            <p class="field-msg">{format!("Left out as highest loss: lines {dropped}.")}</p>
                        })}
                        {skipped_list(&ds.skipped)}
                    </div>
                }
                .into_any()
            }
        })
    }
}
