//! Every error and link notice says the same thing in 中文 as in English: no English words left
//! (units, ids, symbols and names aside) and the same numbers. The English stays the command
//! line's text (its own tests compare it word for word).

use crate::i18n::{errors, fields, link, Lang};
use crate::law::beyond::{BeyondError, Expected};
use crate::law::limits;
use crate::law::quantity::{parse_count, parse_flops, CountParseError, ParseError};
use crate::law::shape::{Problem, ShapeError, ShapeField, ShapeSpec};
use crate::law::{Input, LawDefect, LawError};
use crate::permalink::{decode, Notice, Reason};
use crate::plan::shape_form::{message_for, ShapeForm};
use crate::plan::InferenceError;

/// Latin words a Chinese sentence may keep: units, symbols, ids of the link, names.
const KEPT: &[&str] = &[
    "FLOPs",
    "FLOP",
    "ZFLOPs",
    "PF",
    "days",
    "MFU",
    "GQA",
    "MQA",
    "KV",
    "FFN",
    "d_model",
    "n_layer",
    "log",
    "isoflop",
    "Chinchilla",
    "Pearce",
    "Song",
    "id",
    "auto",
    "light",
    "dark",
    "en",
    "zh",
    "paper",
    "global",
    "none",
    "zero",
    // The training recipe's schedules as a link spells them.
    "cosine",
    "wsd",
    "multistep",
    "token",
    "ND",
    "IsoFLOP",
];

/// The Latin words of `text` (runs of letters and `_`, two or more long) not in [`KEPT`].
fn english_words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_alphabetic() || c == '_'))
        .filter(|w| w.len() >= 2 && !KEPT.contains(w))
        .map(str::to_string)
        .collect()
}

/// The numbers of `text` (`1e12`, `0.001`, `1024`), sorted.
fn numbers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let exponent = c == 'e'
            && !current.is_empty()
            && chars
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_digit() || *n == '-');
        let sign = c == '-' && current.ends_with('e');
        let point =
            c == '.' && !current.is_empty() && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if c.is_ascii_digit() || exponent || sign || point {
            current.push(c);
        } else if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out.sort();
    out
}

/// `zh` has no English word and the same numbers as `en`.
fn same_message(en: &str, zh: &str) {
    assert_ne!(en, zh);
    assert!(
        english_words(zh).is_empty(),
        "{zh}: {:?}",
        english_words(zh)
    );
    assert_eq!(numbers(en), numbers(zh), "\n{en}\n{zh}");
}

#[test]
fn every_chinese_string_of_the_error_catalogs_is_chinese() {
    for entries in [errors::ALL, fields::ALL, link::ALL] {
        for (key, _, zh) in entries {
            // Placeholders are filled with Chinese or numbers.
            let text: String = zh
                .split(['{', '}'])
                .step_by(2)
                .collect::<Vec<_>>()
                .join(" ");
            assert!(
                english_words(&text).is_empty(),
                "[{key}] {zh}: {:?}",
                english_words(&text)
            );
        }
    }
}

#[test]
fn law_errors_read_in_chinese_with_the_same_numbers() {
    let mut cases = vec![
        LawError::InvalidFlops(-3.5),
        LawError::NoLossModel,
        LawError::LossUnreachable { floor: 1.69 },
        LawError::OutOfRange,
    ];
    cases.extend(Input::ALL.map(|what| LawError::InvalidInput { what, value: 0.0 }));
    cases.extend(LawDefect::ALL.map(LawError::InvalidLaw));
    for e in cases {
        same_message(&e.to_string(), &e.text(Lang::Zh));
        assert_eq!(e.to_string(), e.text(Lang::En));
    }
    // The English is the command line's, word for word.
    assert_eq!(
        LawError::InvalidInput {
            what: Input::Mfu,
            value: 1.5
        }
        .to_string(),
        "the MFU (a fraction in (0, 1]) must be a positive, finite number in range (got 1.5)"
    );
    assert_eq!(
        LawError::LossUnreachable { floor: 1.69 }.text(Lang::Zh),
        "此定律永远达不到该损失：只有当算力无限增长时，损失才趋近 1.6900"
    );
}

#[test]
fn beyond_and_inference_errors_read_in_chinese() {
    let mut cases: Vec<BeyondError> = [Expected::Positive, Expected::NonNegative, Expected::Finite]
        .into_iter()
        .map(|expected| BeyondError::InvalidInput {
            name: Input::UniqueTokens,
            value: -2e9,
            expected,
        })
        .collect();
    cases.extend([
        BeyondError::LossUnreachable {
            target: 1.5,
            irreducible: 1.69,
        },
        BeyondError::InvalidLaw,
        BeyondError::OutOfRange,
    ]);
    for e in &cases {
        same_message(&e.to_string(), &e.text(Lang::Zh));
    }
    assert_eq!(
        cases[0].to_string(),
        "the unique tokens must be a positive, finite number (got -2000000000)"
    );
    for e in [
        InferenceError::NoLossModel,
        InferenceError::NotParametric,
        InferenceError::NoTarget,
        InferenceError::Solver(BeyondError::OutOfRange),
    ] {
        same_message(&e.to_string(), &e.text(Lang::Zh));
    }
}

#[test]
fn field_messages_read_in_chinese_with_the_same_numbers() {
    let mut cases = vec![
        ParseError::Empty,
        ParseError::NotANumber,
        ParseError::NotPositive,
        ParseError::OutOfRange,
        ParseError::ChineseUnit("亿亿亿".to_string()),
    ];
    cases.extend(
        [limits::FLOPS, limits::DAYS, limits::PRICE, limits::ASPECT].map(ParseError::Outside),
    );
    for e in &cases {
        // The forms are examples that differ by language; the message's own numbers do not.
        let en = e.message_in(Lang::En, fields::quantity_days(Lang::En), "");
        let zh = e.message_in(Lang::Zh, fields::quantity_days(Lang::Zh), "");
        same_message(&en, &zh);
        let zh = e.flops_text(Lang::Zh);
        assert!(english_words(&zh).is_empty(), "{zh}");
    }
    assert_eq!(
        ParseError::Outside(limits::DAYS).message_in(Lang::Zh, "天数", "例如 30"),
        "超出可接受范围（0.001 至 36525）：天数（例如 30）。"
    );
    let count = parse_count("lots").unwrap_err();
    assert_eq!(count, CountParseError(ParseError::NotANumber));
    assert!(english_words(&count.text(Lang::Zh)).is_empty());
    assert!(parse_flops("")
        .unwrap_err()
        .flops_text(Lang::Zh)
        .starts_with("请输入以 FLOPs 计的计算预算"));
}

#[test]
fn shape_errors_read_in_chinese_with_the_same_numbers() {
    let good = ShapeSpec {
        layers: 32,
        d_model: 4096,
        heads: 32,
        kv_heads: None,
        head_size: None,
        ffn: 14336,
        gated: true,
        vocab: 128_256,
        context: 8192,
        tied_embeddings: false,
        position: Default::default(),
        bias: Default::default(),
        norm: Default::default(),
    };
    let bad = [
        ShapeSpec {
            layers: 0,
            d_model: 10_000_000,
            ffn: 0,
            vocab: u64::MAX,
            context: 1 << 40,
            ..good
        },
        ShapeSpec { heads: 7, ..good },
        ShapeSpec {
            heads: 2,
            d_model: 4096,
            ..good
        },
        ShapeSpec {
            kv_heads: Some(3),
            ..good
        },
        ShapeSpec {
            head_size: Some(5000),
            ..good
        },
    ];
    let mut n = 0;
    for spec in bad {
        let err = spec.build().unwrap_err();
        for e in err.errors() {
            same_message(&e.message(), &e.text(Lang::Zh));
            n += 1;
        }
        same_message(&err.to_string(), &err.text(Lang::Zh));
    }
    assert!(n >= 8, "{n}");
    for problem in [
        Problem::ParamsRange { min: 1e9, max: 1e8 },
        Problem::SeriesPoints { got: 500 },
        Problem::SuggestParams {
            max: 1e15,
            got: -1.0,
        },
        Problem::Aspect {
            lo: 4.0,
            hi: 1024.0,
            got: 2.0,
        },
        Problem::FfnRatio { got: 40.0 },
        Problem::TooLarge {
            max_d_model: 131_072,
            max_layers: 1024,
            n_params: 1e15,
            aspect: 128.0,
        },
    ] {
        let err = ShapeError::one(ShapeField::Params, problem);
        same_message(&err.to_string(), &err.text(Lang::Zh));
    }
    // The form's own messages, in the form's words.
    let mut form = ShapeForm::default();
    form.texts[0] = "3x".to_string();
    let errors = form.check().unwrap_err();
    let en = message_for(&errors, ShapeField::Layers, Lang::En).unwrap();
    let zh = message_for(&errors, ShapeField::Layers, Lang::Zh).unwrap();
    assert_eq!(en, "Not a whole number: Layers (e.g. 32).");
    same_message(&en.replace("Layers", ""), &zh);
    let zh = message_for(&errors, ShapeField::Context, Lang::Zh).unwrap();
    assert_eq!(zh, "请输入上下文长度（例如 8192）。");
}

#[test]
fn link_notices_read_in_chinese_with_the_same_numbers() {
    for query in [
        "v=2",
        "v=two",
        "flops=1e40",
        "flops=NaN",
        "n=0",
        "days=1e9",
        "mfu=1.5",
        "price=-2",
        "theme=blue",
        "lang=fr",
        "laws=nope",
        "fit=1,2,3",
        "shape=0,4096,32,8,128,14336,128256,8192",
        "shape=llama",
        "conv=x",
        "sa=2",
        "shard=zero9",
        "params=亿亿亿",
    ] {
        let d = decode(query);
        assert_eq!(d.notices.len(), 1, "{query}: {:?}", d.notices);
        let notice = &d.notices[0];
        let (en, zh) = (notice.to_string(), notice.text(Lang::Zh));
        assert_eq!(en, notice.text(Lang::En));
        // The link's own `key=value` is quoted as typed.
        let quoted = match notice {
            Notice::Ignored { key, value, .. } => format!("{key}={value}"),
            Notice::Newer { .. } => String::new(),
        };
        assert!(zh.contains(&quoted), "{zh}");
        same_message(&en.replace(&quoted, ""), &zh.replace(&quoted, ""));
    }
    assert_eq!(
        decode("flops=1e40").notices[0].text(Lang::Zh),
        "已忽略 flops=1e40：超出可接受范围（1e12 至 1e35）。"
    );
    for reason in Reason::ALL {
        same_message(&reason.to_string(), &reason.text(Lang::Zh));
    }
}
