//! Examples of the link format: exact links written by hand from the key table (the notices a
//! bad link raises are `tests_notices`).

use super::tests_shape::llama3_8b;
use super::*;
use crate::law::shape::{Convention, Recipe, Sharding};
use crate::law::{CustomAnchor, LawId, LossParams};

/// A configuration that differs from the default in every field.
fn everything() -> Config {
    Config {
        mode: Mode::Hardware,
        flops: 1e24,
        hardware: HardwareConfig {
            accelerator: crate::law::hardware::accelerator("a100").unwrap(),
            count: 2048,
            days: 60.0,
            mfu: 0.38,
            price: Some(2.5),
        },
        n_params: 8e9,
        anchor: CustomAnchor {
            n0: 1e9,
            d0: 2e10,
            a: 0.73,
            b: 0.27,
        },
        multiplier: 100.0,
        target_loss: 1.95,
        laws: vec![
            LawId::Epoch2024,
            LawId::Fit,
            LawId::Llama3Legend,
            LawId::SweepFit,
        ],
        judge: LawId::Fit,
        inference_tokens: Some(2e12),
        unique_tokens: Some(25e9),
        fit: Some(FitConfig {
            params: LossParams {
                e: 1.8172,
                a: 482.01,
                b: 2085.43,
                alpha: 0.3478,
                beta: 0.3658,
            },
            paper_method: true,
            delta: 1e-4,
        }),
        sweep_fit: Some(SweepFitConfig {
            coef: 0.0913,
            exponent: 0.5,
            approach: crate::fit::Approach::One,
        }),
        fixed: crate::fit::Constraints {
            alpha: Some(0.34),
            beta: None,
            e: Some(1.69),
            tie: true,
        },
        flat_percent: 1.0,
        hidden: vec![ColumnId::Loss, ColumnId::FlatN, ColumnId::InfFlops],
        theme: Theme::Dark,
        lang: crate::i18n::Lang::Zh,
        reconcile: ReconcileConfig {
            open: true,
            law: LawId::Fit,
            vocab: 128_256.0,
            aspect: 128.0,
        },
        shape: ShapeConfig {
            model: Some(ShapeModel::Typed(llama3_8b())),
            convention: Convention::Kaplan,
            aspect_ratio: 128.0,
            suggest_params: Some(7e10),
            recipe: Recipe::Bf16Adam,
            sharding: Sharding::Zero3,
        },
        recipe: RecipeConfig {
            schedule: crate::law::hyper::Schedule::Wsd,
            warmup: Some(500),
            context: Some(4096.0),
            run_params: Some(7e9),
            run_tokens: Some(2e12),
        },
        planner: PlanConfig {
            target: Some(1e25),
            spend: Some(2e22),
            law: LawId::Fit,
            budgets: Some(6),
            spacing: Some(3.0),
            sizes: Some(9),
            width: Some(2.5),
            offset: Some(1.25),
            noise_percent: Some(0.2),
            simulations: Some(300),
        },
    }
}

/// Each number's text, derived by hand: the shorter of plain and scientific notation.
#[test]
fn numbers_are_short_and_exact() {
    for (x, text) in [
        (1e21, "1e21"),
        (5.76e23, "5.76e23"),
        (0.4, "0.4"),
        (1024.0, "1024"),
        (70e9, "7e10"),
        (1e-3, "1e-3"),
        (2.5, "2.5"),
        (30.0, "30"),
        (0.1 + 0.2, "0.30000000000000004"),
    ] {
        assert_eq!(number(x), text);
        assert_eq!(text.parse::<f64>(), Ok(x));
    }
}

/// Every key, spelled as the module's table says; the default configuration is the empty link.
#[test]
fn every_field_has_its_key() {
    assert_eq!(encode(&Config::default()), "");
    let link = encode(&everything());
    assert_eq!(
        link,
        "v=1&mode=hardware&flops=1e24&laws=epoch2024,fit,llama3-legend,sweep-fit&gpu=a100&n=2048\
         &days=60&mfu=0.38&price=2.5&params=8e9&n0=1e9&d0=2e10&ca=0.73&cb=0.27&k=100\
         &loss=1.95&judge=fit&inf=2e12&unique=2.5e10&fit=1.8172,482.01,2085.43,0.3478,0.3658\
         &fitm=paper&fitd=1e-4&sfit=0.0913,0.5&sfita=1&fixa=0.34&fixe=1.69&tie=1&flat=1&hide=loss,flat-n,inf-flops&theme=dark&lang=zh&why=1&rlaw=fit&vocab=128256&aspect=128\
         &shape=32,4096,32,8,128,14336,128256,8192,gated\
         &conv=kaplan&sn=7e10&sa=128&mem=bf16-adam&shard=zero3\
         &sched=wsd&warm=500&ctx=4096&rn=7e9&rd=2e12\
         &ptarget=1e25&pspend=2e22&plaw=fit&pbud=6&pspace=3&psizes=9&pwidth=2.5&poff=1.25\
         &pnoise=0.2&psims=300"
    );
    let decoded = decode(&link);
    assert_eq!(decoded.config, everything());
    assert!(decoded.notices.is_empty(), "{:?}", decoded.notices);
    assert!(decoded.lang_given);
    assert!(!decode("v=1&theme=dark").lang_given);
    assert!(everything().is_valid());
}

/// One field changed → `v=1` and that one key.
#[test]
fn only_changed_values_are_written() {
    let config = Config {
        flops: 1e21,
        ..Config::default()
    };
    assert_eq!(encode(&config), "v=1&flops=1e21");
    let config = Config {
        laws: vec![LawId::Kaplan2020, LawId::ChinchillaA1, LawId::Custom],
        ..Config::default()
    };
    assert_eq!(encode(&config), "v=1&laws=kaplan2020,chinchilla-a1,custom");
}

/// A typical link with a fit stays under 300 characters — here with a fit at full
/// f64 precision (17 significant digits per coefficient) and several other inputs.
#[test]
fn a_typical_link_with_a_fit_is_short() {
    let config = Config {
        mode: Mode::Hardware,
        laws: vec![LawId::ChinchillaA3Tex, LawId::Epoch2024, LawId::Fit],
        judge: LawId::Fit,
        hardware: HardwareConfig {
            count: 2048,
            days: 45.0,
            mfu: 0.38,
            price: Some(2.49),
            ..HardwareConfig::default()
        },
        inference_tokens: Some(2e12),
        fit: Some(FitConfig {
            params: LossParams {
                e: 1.817_234_567_890_123_4,
                a: 482.012_345_678_901_2,
                b: 2_085.432_109_876_543,
                alpha: 0.347_812_345_678_901_2,
                beta: 0.365_812_345_678_901_2,
            },
            paper_method: true,
            delta: 1e-3,
        }),
        ..Config::default()
    };
    let link = format!("https://isoflop.example/?{}", encode(&config));
    assert!(link.len() < 300, "{} characters: {link}", link.len());
    assert_eq!(decode(&encode(&config)).config, config);
}

/// A value that needs escaping survives the trip; `+` and `%20` read as spaces.
#[test]
fn percent_encoding() {
    assert_eq!(percent_encode("a b/ü,"), "a%20b%2F%C3%BC,");
    assert_eq!(percent_decode("a%20b%2F%C3%BC,+"), "a b/ü, ");
    assert_eq!(decode("fl%6Fps=5.76%C3%9710%5E23").config.flops, 5.76e23);
    assert_eq!(
        decode("?gpu=+H100-SXM+").config.hardware.accelerator.id,
        "h100"
    );
    // A `%` with fewer than two hex digits after it stays as typed.
    assert_eq!(percent_decode("%4"), "%4");
    assert_eq!(percent_decode("100%"), "100%");
}

/// Keys are read whatever their order; the last of repeated keys wins; unknown keys are
/// ignored without a notice.
#[test]
fn repeats_and_unknown_keys() {
    let d = decode("flops=1e21&utm_source=x&flops=2e22&&=&zz");
    assert_eq!(d.config.flops, 2e22);
    assert!(d.notices.is_empty(), "{:?}", d.notices);
    // A bad value before a good one is overridden silently; after it, named.
    assert!(decode("mfu=7&mfu=0.5").notices.is_empty());
    assert_eq!(decode("mfu=0.5&mfu=7").notices.len(), 1);
}

/// The Markdown form, per mode, written by hand.
#[test]
fn markdown_links() {
    let url = "https://isoflop.example/?v=1&flops=5.76e23";
    assert_eq!(
        markdown_link(url, &Config::default()),
        "[isoflop: 5.76e23 FLOPs](https://isoflop.example/?v=1&flops=5.76e23)"
    );
    let c = Config {
        flops: 1.0004e21,
        ..Config::default()
    };
    assert_eq!(markdown_link("u", &c), "[isoflop: 1e21 FLOPs](u)");
    let mode = |mode| Config {
        mode,
        ..Config::default()
    };
    assert_eq!(
        markdown_link("u", &mode(Mode::Hardware)),
        "[isoflop: 1024 × h100 for 30 days](u)"
    );
    assert_eq!(
        markdown_link("u", &mode(Mode::Params)),
        "[isoflop: 70.0B parameters](u)"
    );
    assert_eq!(
        markdown_link("u", &mode(Mode::Scale)),
        "[isoflop: 10× a 70.0B / 1.40T run](u)"
    );
    assert_eq!(
        markdown_link("u", &mode(Mode::Loss)),
        "[isoflop: loss 2](u)"
    );
    assert_eq!(
        markdown_link("a b(c)", &Config::default()),
        "[isoflop: 5.76e23 FLOPs](a%20b%28c%29)"
    );
}

/// Hiding and showing columns keeps the table's order, each column once.
#[test]
fn hidden_columns_keep_the_tables_order() {
    let mut c = Config::default();
    c.show_column(ColumnId::FlatN, false);
    c.show_column(ColumnId::Loss, false);
    c.show_column(ColumnId::Loss, false);
    assert_eq!(c.hidden, [ColumnId::Loss, ColumnId::FlatN]);
    assert!(c.is_hidden(ColumnId::Loss) && !c.is_hidden(ColumnId::NParams));
    c.show_column(ColumnId::Loss, true);
    assert_eq!(c.hidden, [ColumnId::FlatN]);
}

/// A field starts with what a person would type: a typed value exactly, a value derived to
/// full precision (the default aspect ratio behind Pearce & Song's ω) to four figures.
#[test]
fn fields_start_with_what_a_person_would_type() {
    for (x, text) in [
        (5.76e23, "5.76e23"),
        (1024.0, "1024"),
        (0.4, "0.4"),
        (39.225_207_931_556_76, "39.23"),
        (12.345_678, "12.345678"),
        (1.0 / 3.0, "0.3333"),
    ] {
        assert_eq!(field_text(x), text, "{x}");
    }
}
