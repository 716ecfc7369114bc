//! A shared link is a promise: links written by the build of 2026-12-06 (link version 1), each
//! with the configuration it must go on opening. A link writes only what differs from the
//! defaults, so these tests hold the *version-1 defaults* too, written out field by field here
//! rather than taken from `Config::default()`: changing a default without bumping the link
//! version (and reading version-1 links with the old defaults) fails them.
//!
//! The links were produced by that build's `permalink::encode` from the configurations below;
//! never edit a link or its expectation to make a test pass.

use isoflop::fit::{Approach, Constraints};
use isoflop::i18n::Lang;
use isoflop::law::hardware::accelerator;
use isoflop::law::hyper::Schedule;
use isoflop::law::shape::{Bias, Convention, Norm, Position, Recipe, ShapeSpec, Sharding};
use isoflop::law::{CustomAnchor, LawId, LossParams};
use isoflop::permalink::{
    decode, encode, Config, FitConfig, HardwareConfig, Mode, PlanConfig, RecipeConfig,
    ReconcileConfig, ShapeConfig, ShapeModel, SweepFitConfig, Theme,
};

/// What a version-1 link means for every input it does not name.
fn v1_defaults() -> Config {
    Config {
        mode: Mode::Budget,
        flops: 5.76e23,
        hardware: HardwareConfig {
            accelerator: accelerator("h100").expect("the H100 preset"),
            count: 1024,
            days: 30.0,
            mfu: 0.4,
            price: None,
        },
        n_params: 7e10,
        anchor: CustomAnchor {
            n0: 7e10,
            d0: 1.4e12,
            a: 0.5,
            b: 0.5,
        },
        multiplier: 10.0,
        target_loss: 2.0,
        laws: vec![LawId::Kaplan2020, LawId::ChinchillaA1],
        judge: LawId::ChinchillaA3Tex,
        inference_tokens: None,
        unique_tokens: None,
        fit: None,
        sweep_fit: None,
        fixed: Constraints {
            alpha: None,
            beta: None,
            e: None,
            tie: false,
        },
        flat_percent: 0.5,
        hidden: Vec::new(),
        theme: Theme::Auto,
        lang: Lang::En,
        reconcile: ReconcileConfig {
            open: false,
            law: LawId::Epoch2024,
            vocab: 32_000.0,
            aspect: 39.225_207_931_556_76,
        },
        shape: ShapeConfig {
            model: None,
            convention: Convention::Palm,
            aspect_ratio: 75.0,
            suggest_params: None,
            recipe: Recipe::MixedAdam,
            sharding: Sharding::None,
        },
        // The training recipe came after these links: they open it at cosine, DeepSeek's
        // warm-up, the shape's context and no run of the reader's.
        recipe: RecipeConfig {
            schedule: Schedule::Cosine,
            warmup: None,
            context: None,
            run_params: None,
            run_tokens: None,
        },
        // The sweep planner came after these links: they open it at its defaults (the page's
        // budget, 1 % of it spent, Epoch's refit as the prior, the design chosen by simulation).
        planner: PlanConfig {
            target: None,
            spend: None,
            law: LawId::Epoch2024,
            budgets: None,
            spacing: None,
            sizes: None,
            width: None,
            offset: None,
            noise_percent: None,
            simulations: None,
        },
    }
}

/// Each link of that build and the configuration it opens.
fn links() -> Vec<(&'static str, Config)> {
    let d = v1_defaults;
    vec![
        // The copy-link button writes `v=1` for the default page (the bare address is the
        // home page, which follows today's defaults).
        ("v=1", d()),
        ("v=1&flops=1e21", Config { flops: 1e21, ..d() }),
        (
            "v=1&mode=hardware&gpu=a100&n=2048&days=45&mfu=0.38&price=2.5",
            Config {
                mode: Mode::Hardware,
                hardware: HardwareConfig {
                    accelerator: accelerator("a100").expect("the A100 preset"),
                    count: 2048,
                    days: 45.0,
                    mfu: 0.38,
                    price: Some(2.5),
                },
                ..d()
            },
        ),
        (
            "v=1&mode=params&laws=chinchilla-a3-tex,epoch2024,kaplan2020&params=7e9",
            Config {
                mode: Mode::Params,
                n_params: 7e9,
                laws: vec![LawId::ChinchillaA3Tex, LawId::Epoch2024, LawId::Kaplan2020],
                ..d()
            },
        ),
        (
            "v=1&mode=scale&n0=1e9&d0=2e10&k=100",
            Config {
                mode: Mode::Scale,
                anchor: CustomAnchor {
                    n0: 1e9,
                    d0: 2e10,
                    a: 0.5,
                    b: 0.5,
                },
                multiplier: 100.0,
                ..d()
            },
        ),
        (
            "v=1&mode=loss&laws=chinchilla-a3,epoch2024&loss=2.1&judge=epoch2024",
            Config {
                mode: Mode::Loss,
                target_loss: 2.1,
                laws: vec![LawId::ChinchillaA3, LawId::Epoch2024],
                judge: LawId::Epoch2024,
                ..d()
            },
        ),
        (
            "v=1&laws=kaplan2020,chinchilla-a1,fit&judge=fit&fit=1.82,482,2085,0.35,0.37&fitm=paper&fitd=1e-4",
            Config {
                laws: vec![LawId::Kaplan2020, LawId::ChinchillaA1, LawId::Fit],
                judge: LawId::Fit,
                fit: Some(FitConfig {
                    params: LossParams {
                        e: 1.82,
                        a: 482.0,
                        b: 2085.0,
                        alpha: 0.35,
                        beta: 0.37,
                    },
                    paper_method: true,
                    delta: 1e-4,
                }),
                ..d()
            },
        ),
        (
            "v=1&laws=kaplan2020,chinchilla-a1,sweep-fit&sfit=0.0913,0.5&sfita=1",
            Config {
                laws: vec![LawId::Kaplan2020, LawId::ChinchillaA1, LawId::SweepFit],
                sweep_fit: Some(SweepFitConfig {
                    coef: 0.0913,
                    exponent: 0.5,
                    approach: Approach::One,
                }),
                ..d()
            },
        ),
        (
            "v=1&shape=llama3-8b&conv=chinchilla_no_embedding&mem=bf16-adam&shard=zero3",
            Config {
                shape: ShapeConfig {
                    model: Some(ShapeModel::Preset("llama3-8b".into())),
                    convention: Convention::ChinchillaNoEmbedding,
                    recipe: Recipe::Bf16Adam,
                    sharding: Sharding::Zero3,
                    ..d().shape
                },
                ..d()
            },
        ),
        (
            "v=1&shape=24,2048,16,4,128,5632,50304,4096,gated,tied&sn=3e9&sa=128",
            Config {
                shape: ShapeConfig {
                    model: Some(ShapeModel::Typed(
                        ShapeSpec {
                            layers: 24,
                            d_model: 2048,
                            heads: 16,
                            kv_heads: Some(4),
                            head_size: Some(128),
                            ffn: 5632,
                            gated: true,
                            vocab: 50304,
                            context: 4096,
                            tied_embeddings: true,
                            position: Position::None,
                            bias: Bias::None,
                            norm: Norm::RmsNorm,
                        }
                        .build()
                        .expect("a valid shape"),
                    )),
                    suggest_params: Some(3e9),
                    aspect_ratio: 128.0,
                    ..d().shape
                },
                ..d()
            },
        ),
        (
            "v=1&flops=3e23&lang=zh",
            Config {
                flops: 3e23,
                lang: Lang::Zh,
                ..d()
            },
        ),
        (
            "v=1&inf=2e12&unique=2.5e11&fixa=0.34&fixe=1.69&flat=1&theme=dark&why=1&rlaw=chinchilla-a3&vocab=128256",
            Config {
                inference_tokens: Some(2e12),
                unique_tokens: Some(2.5e11),
                fixed: Constraints {
                    alpha: Some(0.34),
                    beta: None,
                    e: Some(1.69),
                    tie: false,
                },
                flat_percent: 1.0,
                theme: Theme::Dark,
                reconcile: ReconcileConfig {
                    open: true,
                    law: LawId::ChinchillaA3,
                    vocab: 128_256.0,
                    ..d().reconcile
                },
                ..d()
            },
        ),
        // The planner's keys, from the build that added them.
        (
            "v=1&flops=1e24&ptarget=3e25&pspend=1e23&plaw=chinchilla-a3&pbud=6&pspace=3&psizes=9&pwidth=4&poff=0.8&pnoise=0.25&psims=400",
            Config {
                flops: 1e24,
                planner: PlanConfig {
                    target: Some(3e25),
                    spend: Some(1e23),
                    law: LawId::ChinchillaA3,
                    budgets: Some(6),
                    spacing: Some(3.0),
                    sizes: Some(9),
                    width: Some(4.0),
                    offset: Some(0.8),
                    noise_percent: Some(0.25),
                    simulations: Some(400),
                },
                ..d()
            },
        ),
    ]
}

/// Every version-1 link opens exactly the configuration it was written for, with no notice.
#[test]
fn version_1_links_keep_their_meaning() {
    for (link, expected) in links() {
        let decoded = decode(link);
        assert!(decoded.notices.is_empty(), "{link}: {:?}", decoded.notices);
        assert_eq!(decoded.config, expected, "the link ?{link}");
    }
}

/// Those configurations still make links that open them again (whatever version today's
/// links carry).
#[test]
fn version_1_configurations_still_round_trip() {
    for (link, expected) in links() {
        let again = decode(&encode(&expected));
        assert_eq!(again.config, expected, "re-encoding what ?{link} opens");
    }
}

/// The language a link names is its own; a link without one follows the browser.
#[test]
fn version_1_links_say_whether_they_chose_the_language() {
    for (link, _) in links() {
        assert_eq!(decode(link).lang_given, link.contains("lang="), "{link}");
    }
}
