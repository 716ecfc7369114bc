//! What the fit panel read from the pasted or uploaded text: the column mapping, how many rows
//! are used, and every unused row with its line number and reason.

use leptos::prelude::*;

use crate::app::lang::use_lang;
use crate::fit::approaches::identify::unidentified;
use crate::fit::runs::SkippedRow;
use crate::fit::{Dataset, EnvelopePoint, FitError};
use crate::i18n::{fit as cat, Lang};

/// At most this many unusable rows are listed one by one; the rest are counted.
const LISTED_ROWS: usize = 50;

/// The rows not used, by line, with the reason (at most [`LISTED_ROWS`], then a count).
fn skipped_list(skipped: &[SkippedRow], lang: Lang) -> impl IntoView {
    let more = skipped.len().saturating_sub(LISTED_ROWS);
    let listed = skipped
        .iter()
        .take(LISTED_ROWS)
        .map(|s| {
            let line = s.line;
            let reason = s.reason.text(lang);
            view! { <li data-line=line>{cat::line_reason(lang, &line, &reason)}</li> }
        })
        .collect_view();
    (!skipped.is_empty()).then(|| view! {
        <div class="fit-skipped">
            <p class="field-msg error">{cat::rows_not_used(lang)}</p>
            <ul id="fit-skipped">{listed}</ul>
            {(more > 0).then(|| view! { <p class="field-msg">{cat::and_more(lang, &more)}</p> })}
        </div>
    })
}

/// "5 envelope points used (C, N_opt): Approach 1 only."
fn envelope_summary(points: usize, skipped: usize, lang: Lang) -> String {
    let mut s = cat::envelope_used(lang, &points);
    if skipped > 0 {
        s.push_str(&cat::rows_unusable(lang, &skipped));
    }
    s.push_str(cat::approach_one_only(lang));
    s
}

/// The column mapping, row counts and unusable rows of `dataset`, or what was read of
/// `envelope` when the text is envelope points.
#[component]
pub fn DataSummary(
    dataset: Memo<Option<Result<Dataset, FitError>>>,
    envelope: Memo<Option<(Vec<EnvelopePoint>, Vec<SkippedRow>)>>,
) -> impl IntoView {
    let lang = use_lang();
    move || {
        let lang = lang.get();
        if let Some((points, skipped)) = envelope.get() {
            return view! {
                <div id="fit-data-summary" class="fit-data-summary">
                    <p><span id="fit-rows" data-kind="envelope" data-used=points.len() data-unusable=skipped.len() data-dropped=0>
                        {envelope_summary(points.len(), skipped.len(), lang)}
                    </span></p>
                    {skipped_list(&skipped, lang)}
                </div>
            }
            .into_any();
        }
        dataset.with(|parsed| match parsed {
            None => view! {
                <p id="fit-data-summary" class="field-msg">
                    {cat::data_prompt(lang)}
                </p>
            }
            .into_any(),
            Some(Err(e)) => view! {
                <p id="fit-data-summary" class="field-msg error" role="alert">{e.text(lang)}</p>
            }
            .into_any(),
            Some(Ok(ds)) => {
                let map = ds.columns.mapping(lang)
                    .into_iter()
                    .map(|(q, src)| view! { <li data-quantity=q><span class="fit-q">{q}</span>" ← "{src}</li> })
                    .collect_view();
                let dropped = ds
                    .dropped
                    .iter()
                    .map(|r| r.line.to_string())
                    .collect::<Vec<_>>()
                    .join(", ");
                let separator = if ds.separator == '\t' {
                    cat::tab_separated(lang)
                } else {
                    cat::comma_separated(lang)
                };
                view! {
                    <div id="fit-data-summary" class="fit-data-summary">
                        <p>
                            <span id="fit-rows" data-used=ds.runs.len() data-unusable=ds.skipped.len() data-dropped=ds.dropped.len()>{ds.summary_in(lang)}</span>
                            {separator}
                        </p>
                        <ul class="fit-mapping" aria-label=cat::column_mapping(lang)>{map}</ul>
                        {unidentified(&ds.runs).map(|u| view! {
                            <p id="fit-identify" class="field-msg warning" role="status">{u.text(lang)}</p>
                        })}
                        {(!ds.dropped.is_empty()).then(|| view! {
                            <p class="field-msg">{cat::left_out_lines(lang, &dropped)}</p>
                        })}
                        {skipped_list(&ds.skipped, lang)}
                    </div>
                }
                .into_any()
            }
        })
    }
}
