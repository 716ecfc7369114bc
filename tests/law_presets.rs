//! Every preset against its source's own printed numbers (each test cites its paper, table or
//! equation, and the papers' known typos) and against independently derived values.

use isoflop::law::{preset, presets, CustomAnchor, Law, LawError, Llama3Variant};

fn rel(a: f64, b: f64) -> f64 {
    ((a - b) / b).abs()
}

fn law(id: &str) -> Law {
    preset(id).unwrap_or_else(|| panic!("no preset {id}"))
}

#[test]
fn every_issue_id_is_a_preset_and_ids_are_unique() {
    let ids: Vec<String> = presets().into_iter().map(|l| l.id.to_string()).collect();
    for id in [
        "kaplan2020",
        "chinchilla-a1",
        "chinchilla-a2",
        "chinchilla-a3",
        "chinchilla-a3-tex",
        "epoch2024",
        "deepseek2024",
        "llama3",
        "custom",
    ] {
        assert!(ids.iter().any(|i| i == id), "{id} missing");
    }
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), ids.len());
    assert_eq!(law("llama3-legend").id, "llama3-legend");
    for l in presets() {
        assert!(!l.citation.is_empty() && !l.name.is_empty(), "{}", l.id);
    }
}

/// Hoffmann et al. 2022, Table 2: a = 0.50 / 0.49 / 0.46 for Approaches
/// 1–3 and 0.73 for Kaplan, printed to two decimals (tolerance 0.005, half the last digit).
#[test]
fn table2_exponents() {
    for (id, a) in [
        ("chinchilla-a1", 0.50),
        ("chinchilla-a2", 0.49),
        ("chinchilla-a3-tex", 0.46),
        ("kaplan2020", 0.73),
    ] {
        let l = law(id);
        assert!(
            (l.params_exponent() - a).abs() <= 0.005,
            "{id}: {}",
            l.params_exponent()
        );
        assert!((l.tokens_exponent() - (1.0 - a)).abs() <= 0.005, "{id}");
    }
    // Known discrepancy (Hoffmann et al. 2022, App. D.2, Eq. 10): the printed, rounded
    // α = 0.34, β = 0.28 give a = 0.28/0.62 = 0.4516, which rounds to 0.45, not Table 2's 0.46.
    let printed = law("chinchilla-a3").params_exponent();
    assert!((printed - 0.28 / 0.62).abs() < 1e-12);
    assert!((printed - 0.46).abs() > 0.005);
}

/// Hoffmann et al. 2022, Table A3, Approach 2: the law (a fit through these rows) gives each row's
/// N and D within 1 %, except the 67B row (3.5 %), whose "1.7T" and "67B" are printed to two
/// figures.
#[test]
fn table_a3_approach2_rows() {
    let rows: [(f64, f64, f64); 9] = [
        (4.0e8, 1.84e19, 7.7e9),
        (1.0e9, 1.20e20, 20.0e9),
        (1.0e10, 1.32e22, 219.5e9),
        (6.7e10, 6.88e23, 1.7e12),
        (1.75e11, 4.54e24, 4.3e12),
        (2.8e11, 1.18e25, 7.1e12),
        (5.2e11, 4.19e25, 13.4e12),
        (1.0e12, 1.59e26, 26.5e12),
        (1.0e13, 1.75e28, 292.0e12),
    ];
    let l = law("chinchilla-a2");
    for (n, c, d) in rows {
        let tol = if n == 6.7e10 { 0.035 } else { 0.01 };
        let a = l.allocate(c).unwrap();
        assert!(rel(a.n_params, n) < tol, "N at {c:e}: {:e}", a.n_params);
        assert!(rel(a.n_tokens, d) < tol, "D at {c:e}: {:e}", a.n_tokens);
    }
}

/// Hoffmann et al. 2022, Table A3, Approach 3, loose: no published coefficient set reproduces this
/// column. The unrounded TeX values come within 8 % on N and 11 % on D. The 175B row's printed
/// 1.26e24 FLOPs is a typo for 1.26e25 (= 6·175e9·12.0e12), used here.
#[test]
fn table_a3_approach3_rows_loosely() {
    let rows: [(f64, f64, f64); 9] = [
        (4.0e8, 2.21e19, 9.2e9),
        (1.0e9, 1.62e20, 27.1e9),
        (1.0e10, 2.46e22, 410.1e9),
        (6.7e10, 1.71e24, 4.1e12),
        (1.75e11, 1.26e25, 12.0e12), // printed 1.26e24 (typo)
        (2.8e11, 3.52e25, 20.1e12),
        (5.2e11, 1.36e26, 43.5e12),
        (1.0e12, 5.65e26, 94.1e12),
        (1.0e13, 8.55e28, 1425.5e12),
    ];
    let tex = law("chinchilla-a3-tex");
    let printed = law("chinchilla-a3");
    for (n, c, d) in rows {
        let a = tex.allocate(c).unwrap();
        assert!(rel(a.n_params, n) < 0.08, "N at {c:e}: {:e}", a.n_params);
        assert!(rel(a.n_tokens, d) < 0.11, "D at {c:e}: {:e}", a.n_tokens);
        // The printed, rounded values are further off (18–30 % on N), always smaller.
        let p = printed.allocate(c).unwrap();
        assert!(
            p.n_params < a.n_params && rel(p.n_params, n) > 0.15,
            "{c:e}"
        );
    }
}

/// an independent Python derivation: N_opt, D_opt and loss from an independent Python evaluation of
/// Hoffmann et al. 2022, Eq. 2 and Eq. 4, at 1e20, 5.76e23 and 1e26 FLOPs. Tolerance 1e-9 relative.
#[test]
fn parametric_laws_match_derived_oracles() {
    let cases: [(&str, f64, f64, f64, f64); 9] = [
        (
            "chinchilla-a3",
            1e20,
            644_857_508.998_731_5,
            25_845_502_974.052_227,
            2.599_849_746_854_365_3,
        ),
        (
            "chinchilla-a3",
            5.76e23,
            32_189_859_151.368_168,
            2_982_305_686_662.796,
            1.930_748_101_731_648,
        ),
        (
            "chinchilla-a3",
            1e26,
            330_476_955_191.908_7,
            50_432_159_957_986.31,
            1.799_063_481_244_167_7,
        ),
        (
            "chinchilla-a3-tex",
            1e20,
            774_873_738.783_455,
            21_508_880_521.403_637,
            2.553_419_177_291_679,
        ),
        (
            "chinchilla-a3-tex",
            5.76e23,
            40_360_938_387.236_29,
            2_378_537_363_996.447,
            1.918_412_045_996_850_1,
        ),
        (
            "chinchilla-a3-tex",
            1e26,
            424_997_551_932.404_05,
            39_215_912_164_401.14,
            1.794_643_435_908_041_4,
        ),
        (
            "epoch2024",
            1e20,
            853_477_265.943_308,
            19_527_956_199.566_525,
            2.553_404_768_116_823_5,
        ),
        (
            "epoch2024",
            5.76e23,
            72_248_702_500.382_42,
            1_328_743_585_388.154_8,
            1.974_441_108_397_412,
        ),
        (
            "epoch2024",
            1e26,
            1_015_931_913_516.635_6,
            16_405_298_863_951.684,
            1.879_901_752_537_027_2,
        ),
    ];
    for (id, c, n, d, loss) in cases {
        let l = law(id);
        let a = l.allocate(c).unwrap();
        assert!(
            rel(a.n_params, n) < 1e-9,
            "{id} N at {c:e}: {:e}",
            a.n_params
        );
        assert!(rel(a.n_tokens, d) < 1e-9, "{id} D at {c:e}");
        assert!(
            rel(l.predicted_loss(&a).unwrap(), loss) < 1e-9,
            "{id} loss at {c:e}"
        );
    }
}

/// Hoffmann et al. 2022, Fig. 4 caption: "≈40B" at the Gopher budget; the TeX values give 4.04e10
/// (1 % tolerance, three printed figures). The printed values give 3.22e10 instead.
#[test]
fn tex_values_give_40b_at_the_gopher_budget() {
    let a = law("chinchilla-a3-tex").allocate(5.76e23).unwrap();
    assert!(rel(a.n_params, 4.04e10) < 0.01, "{:e}", a.n_params);
    assert!(
        rel(
            law("chinchilla-a3").allocate(5.76e23).unwrap().n_params,
            3.22e10
        ) < 0.01
    );
}

/// Epoch refit (Besiroglu et al. 2024), derived from its point estimate: N_opt = 7.225e10 and
/// D/N = 18.4 at 5.76e23; D/N 22.9 at 1e20, 20.4 at 1e22 and 18.1 at 1e24 (tolerance: half the last
/// printed digit). A hand derivation from the same refit prints 16.2 at 1e26, but
/// an independent Python derivation has 16.148 there (which rounds to 16.1): we use 16.148.
#[test]
fn epoch_tokens_per_param() {
    let l = law("epoch2024");
    let a = l.allocate(5.76e23).unwrap();
    assert!(rel(a.n_params, 7.225e10) < 1e-3, "{:e}", a.n_params);
    for (c, ratio) in [
        (1e20, 22.9),
        (1e22, 20.4),
        (5.76e23, 18.4),
        (1e24, 18.1),
        (1e26, 16.148),
    ] {
        let got = l.allocate(c).unwrap().tokens_per_param();
        assert!((got - ratio).abs() <= 0.05, "{c:e}: {got}");
    }
}

/// Kaplan et al. 2020 (App. A; an independent Python derivation): N_opt = 1.3e9·C_min^0.73 gives 7.77e9 at
/// C_min = 1e21 FLOPs, i.e. C = 2e21 here; 10× compute → 10^0.73 = 5.37× params and
/// 10^0.27 = 1.86× tokens (Chinchilla Sec. 1 rounds these to 5.5× and 1.8×).
#[test]
fn kaplan_derived_values() {
    let l = law("kaplan2020");
    let a = l.allocate(2e21).unwrap();
    assert!(
        rel(a.n_params, 7_767_626_242.304_698) < 1e-9,
        "{:e}",
        a.n_params
    );
    let b = l.allocate(2e22).unwrap();
    assert!(rel(b.n_params / a.n_params, 5.370_317_963_702_527) < 1e-9);
    assert!(rel(b.n_tokens / a.n_tokens, 1.862_087_136_662_867_5) < 1e-9);
    // The note's claim: Kaplan's own D_opt = 2e10·C_min^0.27 gives 6·N·D = 1.8056·C_min,
    // i.e. 0.903·C with C = 2·C_min, 10 % short of the budget.
    let c_min_pf_days: f64 = 1e21 / 8.64e19;
    let d_kaplan = 2e10 * c_min_pf_days.powf(0.27);
    assert!(rel(6.0 * a.n_params * d_kaplan / 1e21, 1.805_555_555_555_555_6) < 1e-9);
    assert!(l.notes.contains("10 %"));
    // Eq. 1.5 with the Table 2 fit: L(1e9, 1e11) = 2.3308 (an independent Python derivation).
    assert!((l.loss(1e9, 1e11).unwrap() - 2.330_782_451_703_18).abs() < 1e-9);
}

/// DeepSeek LLM (DeepSeek-AI 2024, Eq. 4; an independent Python derivation) at 1e24: M_opt = 6.568e11
/// so N = M/6 = 1.0947e11; printed D_opt = 1.5226e12. Our D = C/M differs from the printed D_opt
/// by M·D/C − 1 = 0.012 %, so tolerance 2e-4 on D.
#[test]
fn deepseek_at_1e24() {
    let a = law("deepseek2024").allocate(1e24).unwrap();
    assert!(
        rel(a.n_params, 109_474_475_717.226_49) < 1e-9,
        "{:e}",
        a.n_params
    );
    assert!(
        rel(a.n_tokens, 1_522_606_667_669.453) < 2e-4,
        "{:e}",
        a.n_tokens
    );
}

/// Llama 3 (Dubey et al. 2024, Sec. 3.2.1): the paper extrapolates 402B params on 16.55T tokens at
/// 3.8e25 FLOPs. The text's (0.53, 0.29) gives 1.046e13 tokens (37 % short, a known mismatch); the
/// Fig. 3 legend's (0.537, 0.299) gives 1.629e13 (within 2 % of 16.55T) and N = 3.89e11 (within 4 %
/// of 402B; 6·402e9·16.55e12 = 3.99e25 ≠ 3.8e25, so the paper's pair is itself loose).
#[test]
fn llama3_variants() {
    let printed = Law::llama3(Llama3Variant::Printed)
        .allocate(3.8e25)
        .unwrap();
    assert!(rel(printed.n_tokens, 10_463_652_401_050.807) < 1e-9);
    assert!(rel(printed.n_tokens, 16.55e12) > 0.3);
    let legend = Law::llama3(Llama3Variant::Legend).allocate(3.8e25).unwrap();
    assert!(rel(legend.n_tokens, 16_293_522_313_716.691) < 1e-9);
    assert!(rel(legend.n_tokens, 16.55e12) < 0.02);
    assert!(rel(legend.n_params, 402e9) < 0.04, "{:e}", legend.n_params);
}

/// Custom law: anchored at (N0, D0) it returns exactly the anchor at C0 = 6·N0·D0,
/// and 10× compute gives 10^a × params: Kaplan 0.73 → 5.37× / 1.86×, Chinchilla 0.5 → 3.16×.
#[test]
fn custom_anchor_and_ten_x_rule() {
    let chinchilla = Law::custom(CustomAnchor::CHINCHILLA).unwrap();
    let at_anchor = chinchilla.allocate(6.0 * 70e9 * 1.4e12).unwrap();
    assert!(rel(at_anchor.n_params, 70e9) < 1e-12 && rel(at_anchor.n_tokens, 1.4e12) < 1e-12);
    let ten = chinchilla.allocate(6.0 * 70e9 * 1.4e12 * 10.0).unwrap();
    assert!(rel(ten.n_params / 70e9, 10f64.sqrt()) < 1e-12);
    assert!(rel(ten.n_tokens / 1.4e12, 10f64.sqrt()) < 1e-12);

    let kaplan = Law::custom(CustomAnchor {
        n0: 1e9,
        d0: 2e10,
        a: 0.73,
        b: 0.27,
    })
    .unwrap();
    let (x, y) = (
        kaplan.allocate(1e21).unwrap(),
        kaplan.allocate(1e22).unwrap(),
    );
    assert!(rel(y.n_params / x.n_params, 5.370_317_963_702_527) < 1e-9);
    assert!(rel(y.n_tokens / x.n_tokens, 1.862_087_136_662_867_5) < 1e-9);

    for bad in [
        CustomAnchor {
            a: 0.6,
            b: 0.6,
            ..CustomAnchor::CHINCHILLA
        },
        CustomAnchor {
            a: 1.0,
            b: 0.0,
            ..CustomAnchor::CHINCHILLA
        },
        CustomAnchor {
            n0: -1.0,
            ..CustomAnchor::CHINCHILLA
        },
        CustomAnchor {
            d0: f64::NAN,
            ..CustomAnchor::CHINCHILLA
        },
        CustomAnchor {
            a: f64::INFINITY,
            ..CustomAnchor::CHINCHILLA
        },
    ] {
        assert!(matches!(
            Law::custom(bad),
            Err(LawError::InvalidLaw(_) | LawError::InvalidInput { .. })
        ));
    }
}
