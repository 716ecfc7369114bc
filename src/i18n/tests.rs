//! The catalogs: both languages for every key with the same placeholders, read back from the
//! files by the same checker `build.rs` uses, and the checker refusing each kind of mistake.

use super::check::{check_entry, parse, placeholders, Entry};
use super::{Lang, CATALOGS};

fn entry(en: Option<&str>, zh: Option<&str>) -> Entry {
    Entry {
        key: "k".to_string(),
        line: 1,
        en: en.map(str::to_string),
        zh: zh.map(str::to_string),
        same: false,
    }
}

#[test]
fn every_compiled_entry_has_both_languages_and_the_same_placeholders() {
    let mut n = 0;
    for (file, entries) in CATALOGS {
        for (key, en, zh) in *entries {
            let mut pe = placeholders(en).unwrap();
            let mut pz = placeholders(zh).unwrap();
            pe.sort();
            pz.sort();
            assert_eq!(pe, pz, "{file}.toml [{key}]");
            assert!(
                !en.trim().is_empty() && !zh.trim().is_empty(),
                "{file}.toml [{key}]"
            );
            n += 1;
        }
    }
    assert!(n > 0);
}

#[test]
fn the_files_hold_exactly_what_was_compiled() {
    // Read the files again, independently of the build: every key in them is compiled, and
    // nothing else.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/locales");
    let mut files = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let mut errors = Vec::new();
        let parsed = parse(&text, &name, &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        let compiled = CATALOGS
            .iter()
            .find(|(f, _)| *f == name)
            .expect("compiled")
            .1;
        assert_eq!(parsed.len(), compiled.len(), "{name}");
        for (e, (key, en, zh)) in parsed.iter().zip(compiled.iter()) {
            assert!(check_entry(e).is_ok() && e.line > 0, "{name} [{key}]");
            assert_eq!(
                (&e.key[..], e.en.as_deref(), e.zh.as_deref()),
                (*key, Some(*en), Some(*zh))
            );
        }
        files += 1;
    }
    assert_eq!(files, CATALOGS.len());
}

#[test]
fn the_checker_refuses_each_mistake() {
    assert!(
        check_entry(&entry(Some("Budget"), None)).is_err(),
        "missing zh"
    );
    assert!(
        check_entry(&entry(None, Some("预算"))).is_err(),
        "missing en"
    );
    assert!(
        check_entry(&entry(Some("Budget"), Some(" "))).is_err(),
        "empty"
    );
    assert!(
        check_entry(&entry(Some("Budget"), Some("Budget"))).is_err(),
        "left in English"
    );
    let mut unit = entry(Some("FLOPs"), Some("FLOPs"));
    unit.same = true;
    assert!(check_entry(&unit).is_ok(), "a unit marked same");
    assert!(
        check_entry(&entry(Some("{n} runs"), Some("{m} 次运行"))).is_err(),
        "renamed placeholder"
    );
    assert!(
        check_entry(&entry(Some("{n} of {k}"), Some("{n} 次"))).is_err(),
        "dropped placeholder"
    );
    assert_eq!(
        check_entry(&entry(Some("{a} then {b}"), Some("先 {b} 后 {a}"))).unwrap(),
        vec!["a", "b"],
        "order may change"
    );
    assert!(
        check_entry(&entry(Some("{N} x"), Some("{N} 个"))).is_err(),
        "not snake_case"
    );
    assert!(
        check_entry(&entry(Some("a } b"), Some("甲 } 乙"))).is_err(),
        "lone brace"
    );
    assert_eq!(
        check_entry(&entry(Some("{{literal}}"), Some("{{字面}}"))).unwrap(),
        Vec::<String>::new()
    );
}

#[test]
fn the_parser_reads_the_toml_subset() {
    let text = "# c\n[a_key]\nen = \"say \\\"hi\\\" \\u00e9\"\nzh = \"你好\"\nnote = \"x\"\n\n[b]\nen = \"x\"\nzh = \"x\"\nsame = true\n";
    let mut errors = Vec::new();
    let entries = parse(text, "t", &mut errors);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].en.as_deref(), Some("say \"hi\" é"));
    assert!(entries[1].same);
    let mut errors = Vec::new();
    parse("[Bad Key]\nen = unquoted\n[a]\n[a]\n", "t", &mut errors);
    assert_eq!(errors.len(), 3, "{errors:?}");
}

#[test]
fn generated_functions_fill_placeholders_in_each_language() {
    assert_eq!(super::page::theme_button(Lang::En, &"dark"), "Theme: dark");
    assert_eq!(super::page::theme_button(Lang::Zh, &"深色"), "主题：深色");
    assert_eq!(super::page::lang_switch_label(Lang::Zh), "语言");
}

#[test]
fn browser_preferences_choose_chinese_for_any_zh_tag() {
    assert_eq!(Lang::from_preferences(&["zh-CN", "en"]), Lang::Zh);
    assert_eq!(Lang::from_preferences(&["en-US", "zh-Hant-TW"]), Lang::Zh);
    assert_eq!(Lang::from_preferences(&["ZH"]), Lang::Zh);
    assert_eq!(Lang::from_preferences(&["en-US", "ja"]), Lang::En);
    assert_eq!(Lang::from_preferences::<&str>(&[]), Lang::En);
    assert_eq!(Lang::from_preferences(&["zhx"]), Lang::En);
    for l in Lang::ALL {
        assert_eq!(Lang::from_id(l.id()), Some(l));
    }
}
