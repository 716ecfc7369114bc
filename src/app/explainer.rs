//! A short explainer under the charts, with the formulas in MathML (no JS math library).

use leptos::prelude::*;

/// Static text: the two laws and why they differ. Written as MathML markup the browser renders.
const EXPLAINER: &str = r##"
<h2 id="explainer-title">How to read this</h2>
<p>Training a dense transformer with <math><mi>N</mi></math> parameters on <math><mi>D</mi></math>
tokens costs about
<math display="inline"><mi>C</mi><mo>≈</mo><mn>6</mn><mi>N</mi><mi>D</mi></math>
FLOPs (2 per parameter per token forward, 4 backward). A compute-optimal allocation picks the
<math><mi>N</mi></math> and <math><mi>D</mi></math> that give the lowest loss for a given
<math><mi>C</mi></math>.</p>
<p><strong>Kaplan et al. 2020</strong> found
<math><msub><mi>N</mi><mi>opt</mi></msub><mo>∝</mo><msup><mi>C</mi><mn>0.73</mn></msup></math>
and <math><msub><mi>D</mi><mi>opt</mi></msub><mo>∝</mo><msup><mi>C</mi><mn>0.27</mn></msup></math>:
ten times the compute should go mostly into a bigger model (5.37× parameters, 1.86× tokens).</p>
<p><strong>Hoffmann et al. 2022 (Chinchilla)</strong> fitted
<math display="block"><mi>L</mi><mo>(</mo><mi>N</mi><mo>,</mo><mi>D</mi><mo>)</mo><mo>=</mo><mi>E</mi><mo>+</mo><mfrac><mi>A</mi><msup><mi>N</mi><mi>α</mi></msup></mfrac><mo>+</mo><mfrac><mi>B</mi><msup><mi>D</mi><mi>β</mi></msup></mfrac></math>
whose minimum under <math><mi>C</mi><mo>=</mo><mn>6</mn><mi>N</mi><mi>D</mi></math> is
<math><msub><mi>N</mi><mi>opt</mi></msub><mo>=</mo><mi>G</mi><msup><mrow><mo>(</mo><mi>C</mi><mo>/</mo><mn>6</mn><mo>)</mo></mrow><mfrac><mi>β</mi><mrow><mi>α</mi><mo>+</mo><mi>β</mi></mrow></mfrac></msup></math>,
about <math><msup><mi>C</mi><mn>0.5</mn></msup></math> for both <math><mi>N</mi></math> and
<math><mi>D</mi></math>: scale them equally, about 20 tokens per parameter.</p>
<p><strong>Why they differ.</strong> Kaplan counted non-embedding parameters and compute
<math><mi>C</mi><mo>=</mo><mn>6</mn><msub><mi>N</mi><mi>non-emb</mi></msub><mi>D</mi></math>
on models as small as a few hundred parameters, where embeddings are most of the model: a
Chinchilla-form law seen that way has an exponent near 0.73 (Pearce &amp; Song 2024). Kaplan's
training setup moved it too: correcting it step by step — last-layer FLOPs, warm-up, cosine
decay, then tuned hyper-parameters — takes the exponent from 0.835 to 0.497, and the decay
schedule, the reason most summaries give, is the smallest of the steps (Porian et al. 2024).
<a href="#why">Both analyses are computed in the section above.</a></p>
"##;

/// The explainer section.
#[component]
pub fn Explainer() -> impl IntoView {
    view! { <section class="explainer" aria-labelledby="explainer-title" inner_html=EXPLAINER></section> }
}
