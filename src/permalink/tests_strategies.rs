//! proptest strategies for every valid configuration the link can carry (`tests_props` states
//! the link's properties over them).

use proptest::prelude::*;
use proptest::sample::{select, subsequence};

use super::*;
use crate::law::hardware::ACCELERATORS;
use crate::law::limits;
use crate::law::shape::{shape_presets, Convention, Recipe, ShapeSpec, Sharding};
use crate::law::{all_presets, CustomAnchor, LawId, LossParams};

/// Every law id `law::preset` knows.
pub(super) fn law_ids() -> Vec<LawId> {
    all_presets().into_iter().map(|l| l.id).collect()
}

/// The ids of laws with a loss model: the possible judges.
fn loss_law_ids() -> Vec<LawId> {
    let mut ids: Vec<LawId> = all_presets()
        .into_iter()
        .filter(|l| l.loss_model.is_some())
        .map(|l| l.id)
        .collect();
    ids.push(LawId::Fit);
    ids
}

/// Any positive finite f64: arbitrary bit patterns (subnormals to 1.8e308) and round values.
fn positive() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<u64>()
            .prop_map(|bits| f64::from_bits(bits >> 1))
            .prop_filter("positive and finite", |x| x.is_finite() && *x > 0.0),
        (1u32..10_000, -30i32..40).prop_map(|(m, e)| f64::from(m) * 10f64.powi(e)),
    ]
}

/// Any f64 in `l` (both ends included): arbitrary bit patterns between the bounds, round
/// values, and the bounds themselves.
fn within(l: crate::law::limits::Limits) -> impl Strategy<Value = f64> {
    let (lo, hi) = (l.min.max(f64::MIN_POSITIVE), l.max);
    prop_oneof![
        (lo.to_bits()..=hi.to_bits()).prop_map(f64::from_bits),
        (1u32..10_000, -30i32..40)
            .prop_map(|(m, e)| f64::from(m) * 10f64.powi(e))
            .prop_filter("within the limits", move |x| l.contains(*x)),
        Just(l.min),
        Just(l.max),
    ]
}

/// k / 2^53 for k in `range`: fractions with all 53 bits in play.
fn fraction(range: std::ops::RangeInclusive<u64>) -> impl Strategy<Value = f64> {
    range.prop_map(|k| k as f64 / (1u64 << 53) as f64)
}

fn non_negative() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), positive()]
}

fn fit() -> impl Strategy<Value = FitConfig> {
    (
        non_negative(),
        [positive(), positive(), positive(), positive(), positive()],
        any::<bool>(),
    )
        .prop_map(|(e, [a, b, alpha, beta, delta], paper_method)| FitConfig {
            params: LossParams {
                e,
                a,
                b,
                alpha,
                beta,
            },
            paper_method,
            delta,
        })
}

fn hardware() -> impl Strategy<Value = HardwareConfig> {
    let ids: Vec<&'static crate::law::hardware::Accelerator> = ACCELERATORS.iter().collect();
    (
        select(ids),
        1u64..=10_000_000,
        within(limits::DAYS),
        fraction(1..=1 << 53),
        proptest::option::of(within(limits::PRICE)),
    )
        .prop_map(|(id, count, days, mfu, price)| HardwareConfig {
            accelerator: id,
            count,
            days,
            mfu,
            price,
        })
}

/// Any valid typed shape: every dimension over its whole range, KV heads a divisor of heads.
fn typed_shape() -> impl Strategy<Value = ShapeModel> {
    (
        (
            1u64..=1024,
            1u64..=131_072,
            1u64..=64,
            1u64..=64,
            1u64..=1024,
        ),
        (1u64..=1_048_576, 1u64..=10_000_000, 1u64..=10_000_000),
        (any::<bool>(), any::<bool>()),
        (
            select(POSITIONS.to_vec()),
            select(BIASES.to_vec()),
            select(NORMS.to_vec()),
        ),
    )
        .prop_filter_map(
            "a valid shape",
            |(
                (layers, d_model, groups, per_group, head_size),
                (ffn, vocab, context),
                (gated, tied),
                (position, bias, norm),
            )| {
                ShapeSpec {
                    layers,
                    d_model,
                    heads: groups * per_group,
                    kv_heads: Some(groups),
                    head_size: Some(head_size),
                    ffn,
                    gated,
                    vocab,
                    context,
                    tied_embeddings: tied,
                    position,
                    bias,
                    norm,
                }
                .build()
                .ok()
                .map(ShapeModel::Typed)
            },
        )
}

/// Any usable model-shape section: no shape, a preset or a typed shape; any convention, recipe
/// and sharding; an aspect ratio in range; N to suggest for or none.
fn shape_config() -> impl Strategy<Value = ShapeConfig> {
    let presets: Vec<ShapeModel> = shape_presets()
        .into_iter()
        .map(|p| ShapeModel::Preset(p.id))
        .collect();
    (
        prop_oneof![
            Just(None),
            select(presets).prop_map(Some),
            typed_shape().prop_map(Some),
        ],
        select(Convention::ALL.to_vec()),
        4.0f64..=1024.0,
        proptest::option::of(positive()),
        select(Recipe::ALL.to_vec()),
        select(Sharding::ALL.to_vec()),
    )
        .prop_map(
            |(model, convention, aspect_ratio, suggest_params, recipe, sharding)| ShapeConfig {
                model,
                convention,
                aspect_ratio,
                suggest_params,
                recipe,
                sharding,
            },
        )
}

/// A sweep fit: k > 0, a in (0, 1), Approach 1 or 2.
fn sweep_fit() -> impl Strategy<Value = SweepFitConfig> {
    (
        positive(),
        fraction(1..=(1 << 53) - 1),
        select(vec![crate::fit::Approach::One, crate::fit::Approach::Two]),
    )
        .prop_map(|(coef, exponent, approach)| SweepFitConfig {
            coef,
            exponent,
            approach,
        })
}

/// Fixed or tied coefficients the fit layer accepts: a tie never contradicts two fixed
/// exponents.
fn fixed_coefficients() -> impl Strategy<Value = crate::fit::Constraints> {
    (
        proptest::option::of(positive()),
        proptest::option::of(positive()),
        proptest::option::of(non_negative()),
        any::<bool>(),
    )
        .prop_map(|(alpha, beta, e, tie)| crate::fit::Constraints {
            alpha,
            beta,
            e,
            tie: tie && (alpha.is_none() || beta.is_none() || alpha == beta),
        })
}

/// A flat-optimum tolerance in (0, 100] percent.
fn flat_percent() -> impl Strategy<Value = f64> {
    prop_oneof![
        positive().prop_filter("at most 100", |x| *x <= 100.0),
        Just(100.0),
        Just(DEFAULT_FLAT_PERCENT),
    ]
}

/// Hidden table columns: any subset, in the table's order, each once.
fn hidden() -> impl Strategy<Value = Vec<ColumnId>> {
    subsequence(ColumnId::ALL.to_vec(), 0..=ColumnId::ALL.len())
}

/// Any configuration [`Config::validate`] accepts.
/// Any training-recipe inputs: each left unset or within its accepted range.
fn recipe_config() -> impl Strategy<Value = RecipeConfig> {
    use crate::law::hyper::Schedule;
    (
        select(Schedule::ALL.to_vec()),
        proptest::option::of(0u64..=10_000_000),
        proptest::option::of(1u64..=10_000_000),
        proptest::option::of(within(limits::PARAMS)),
        proptest::option::of(within(limits::TOKENS)),
    )
        .prop_map(
            |(schedule, warmup, context, run_params, run_tokens)| RecipeConfig {
                schedule,
                warmup,
                context: context.map(|c| c as f64),
                run_params,
                run_tokens,
            },
        )
}

/// A number in a range of a few decades: any bits, round numbers, or an end.
fn in_range(l: limits::Limits) -> impl Strategy<Value = Option<f64>> {
    proptest::option::of(prop_oneof![
        (l.min.max(f64::MIN_POSITIVE).to_bits()..=l.max.to_bits()).prop_map(f64::from_bits),
        (l.min..=l.max).prop_map(|x| (x * 100.0).round() / 100.0),
        Just(l.min),
        Just(l.max),
    ])
}

/// Any sweep-planner inputs: each left unset or within its range, the law as given.
fn planner_config(law: LawId) -> impl Strategy<Value = PlanConfig> {
    let whole = |l: limits::Limits| proptest::option::of(l.min as u64..=l.max as u64);
    (
        proptest::option::of(within(limits::FLOPS)),
        proptest::option::of(within(limits::FLOPS)),
        whole(limits::SWEEP_BUDGETS),
        in_range(limits::SWEEP_SPACING),
        whole(limits::SWEEP_SIZES),
        in_range(limits::SWEEP_WIDTH),
        in_range(limits::SWEEP_OFFSET),
        in_range(limits::SWEEP_NOISE_PERCENT),
        whole(limits::SWEEP_SIMULATIONS),
    )
        .prop_map(
            move |(target, spend, budgets, spacing, sizes, width, offset, noise, sims)| {
                PlanConfig {
                    target,
                    spend,
                    law,
                    budgets,
                    spacing,
                    sizes,
                    width,
                    offset,
                    noise_percent: noise,
                    simulations: sims,
                }
            },
        )
}

pub(super) fn valid_config() -> impl Strategy<Value = Config> {
    (
        proptest::option::of(fit()),
        proptest::option::of(sweep_fit()),
    )
        .prop_flat_map(|(fit, sweep)| {
            let mut ids = law_ids();
            let mut judges = loss_law_ids();
            if fit.is_none() {
                judges.retain(|id| *id != LawId::Fit);
            } else {
                ids.push(LawId::Fit);
            }
            if sweep.is_some() {
                ids.push(LawId::SweepFit);
            }
            let n = ids.len();
            (
                Just((fit, sweep)),
                subsequence(ids, 1..=n).prop_shuffle(),
                select(judges),
                select(Mode::ALL.to_vec()),
                select(Theme::ALL.to_vec()),
                hardware(),
            )
        })
        .prop_flat_map(|fixed| {
            let anchor = (
                within(limits::PARAMS),
                within(limits::TOKENS),
                fraction(1..=(1 << 53) - 1),
                fraction(1..=(1 << 53) - 1),
            );
            let numbers = (
                within(limits::FLOPS),
                within(limits::PARAMS),
                within(limits::MULTIPLIER),
                within(limits::LOSS),
            );
            let optional = (
                proptest::option::of(within(limits::INFERENCE_TOKENS)),
                proptest::option::of(within(limits::UNIQUE_TOKENS)),
            );
            let mut parametric = vec![
                LawId::ChinchillaA3,
                LawId::ChinchillaA3Tex,
                LawId::Epoch2024,
            ];
            if fixed.0 .0.is_some() {
                parametric.push(LawId::Fit);
            }
            let planner = select(parametric.clone()).prop_flat_map(planner_config);
            let reconcile = (
                any::<bool>(),
                select(parametric),
                within(limits::VOCAB),
                within(limits::ASPECT),
            )
                .prop_map(|(open, law, vocab, aspect)| ReconcileConfig {
                    open,
                    law,
                    vocab,
                    aspect,
                });
            (
                Just(fixed),
                anchor,
                numbers,
                optional,
                reconcile,
                shape_config(),
                (
                    fixed_coefficients(),
                    flat_percent(),
                    hidden(),
                    recipe_config(),
                    planner,
                ),
            )
        })
        .prop_map(
            |(
                ((fit, sweep_fit), laws, judge, mode, theme, hardware),
                (n0, d0, a, b),
                numbers,
                tokens,
                reconcile,
                shape,
                (fixed, flat_percent, hidden, recipe, planner),
            )| {
                let (flops, n_params, multiplier, target_loss) = numbers;
                Config {
                    mode,
                    flops,
                    hardware,
                    n_params,
                    anchor: CustomAnchor { n0, d0, a, b },
                    multiplier,
                    target_loss,
                    laws,
                    judge,
                    inference_tokens: tokens.0,
                    unique_tokens: tokens.1,
                    fit,
                    sweep_fit,
                    fixed,
                    flat_percent,
                    hidden,
                    theme,
                    // Either language, from a bit the other strategies already vary.
                    lang: if n_params.to_bits() & 1 == 1 {
                        crate::i18n::Lang::Zh
                    } else {
                        crate::i18n::Lang::En
                    },
                    reconcile,
                    shape,
                    recipe,
                    planner,
                }
            },
        )
}
