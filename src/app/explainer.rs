//! A short explainer under the charts, with the formulas in MathML (no JS math library). The
//! prose is in `locales/sections.toml`; the formulas are here, filled into its placeholders.

use leptos::prelude::*;

use super::lang::use_lang;
use crate::i18n::{sections as t, Lang};

const N: &str = "<math><mi>N</mi></math>";
const D: &str = "<math><mi>D</mi></math>";
const C: &str = "<math><mi>C</mi></math>";
/// The training cost, C ≈ 6ND (Kaplan et al. 2020, §2.1).
const C_6ND: &str =
    r#"<math display="inline"><mi>C</mi><mo>≈</mo><mn>6</mn><mi>N</mi><mi>D</mi></math>"#;
const C_6ND_EQ: &str = "<math><mi>C</mi><mo>=</mo><mn>6</mn><mi>N</mi><mi>D</mi></math>";
/// Kaplan et al. 2020's frontier exponents (§6.1).
const N_OPT_KAPLAN: &str = "<math><msub><mi>N</mi><mi>opt</mi></msub><mo>∝</mo><msup><mi>C</mi><mn>0.73</mn></msup></math>";
const D_OPT_KAPLAN: &str = "<math><msub><mi>D</mi><mi>opt</mi></msub><mo>∝</mo><msup><mi>C</mi><mn>0.27</mn></msup></math>";
/// Hoffmann et al. 2022, Eq. 2 (the parametric loss) and Eq. 4 (its compute-optimal minimum).
const LOSS: &str = r#"<math display="block"><mi>L</mi><mo>(</mo><mi>N</mi><mo>,</mo><mi>D</mi><mo>)</mo><mo>=</mo><mi>E</mi><mo>+</mo><mfrac><mi>A</mi><msup><mi>N</mi><mi>α</mi></msup></mfrac><mo>+</mo><mfrac><mi>B</mi><msup><mi>D</mi><mi>β</mi></msup></mfrac></math>"#;
const N_OPT_CHINCHILLA: &str = "<math><msub><mi>N</mi><mi>opt</mi></msub><mo>=</mo><mi>G</mi><msup><mrow><mo>(</mo><mi>C</mi><mo>/</mo><mn>6</mn><mo>)</mo></mrow><mfrac><mi>β</mi><mrow><mi>α</mi><mo>+</mo><mi>β</mi></mrow></mfrac></msup></math>";
const C_HALF: &str = "<math><msup><mi>C</mi><mn>0.5</mn></msup></math>";
/// Kaplan et al. 2020's counting, C = 6·N_non-emb·D (non-embedding parameters, §2.1), with
/// the subscript in `lang`.
fn c_kaplan(lang: Lang) -> String {
    format!(
        "<math><mi>C</mi><mo>=</mo><mn>6</mn><msub><mi>N</mi><mi>{}</mi></msub><mi>D</mi></math>",
        t::explainer_non_emb(lang)
    )
}

/// The section's markup in `lang`: the two laws and why they differ.
fn explainer(lang: Lang) -> String {
    format!(
        "<h2 id=\"explainer-title\">{}</h2>\n<p>{}</p>\n<p>{}</p>\n<p>{}</p>\n<p>{}</p>\n",
        t::explainer_title(lang),
        t::explainer_cost(lang, &N, &D, &C_6ND, &C),
        t::explainer_kaplan(lang, &N_OPT_KAPLAN, &D_OPT_KAPLAN),
        t::explainer_chinchilla(lang, &LOSS, &C_6ND_EQ, &N_OPT_CHINCHILLA, &C_HALF, &N, &D),
        t::explainer_why(lang, &c_kaplan(lang)),
    )
}

/// The explainer section.
#[component]
pub fn Explainer() -> impl IntoView {
    let lang = use_lang();
    view! { <section class="explainer" aria-labelledby="explainer-title" inner_html=move || explainer(lang.get())></section> }
}
