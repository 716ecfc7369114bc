//! The link's spelling: key names, numbers as the shortest exact text, percent-encoding, and
//! the truncation that keeps notices short whatever the link holds.

/// The query keys, one per input (the table is in the module docs of `permalink`).
pub(crate) mod keys {
    pub const VERSION: &str = "v";
    pub const MODE: &str = "mode";
    pub const FLOPS: &str = "flops";
    pub const LAWS: &str = "laws";
    pub const GPU: &str = "gpu";
    pub const COUNT: &str = "n";
    pub const DAYS: &str = "days";
    pub const MFU: &str = "mfu";
    pub const PRICE: &str = "price";
    pub const PARAMS: &str = "params";
    pub const N0: &str = "n0";
    pub const D0: &str = "d0";
    pub const ANCHOR_A: &str = "ca";
    pub const ANCHOR_B: &str = "cb";
    pub const MULTIPLIER: &str = "k";
    pub const LOSS: &str = "loss";
    pub const JUDGE: &str = "judge";
    pub const INFERENCE: &str = "inf";
    pub const UNIQUE: &str = "unique";
    pub const FIT: &str = "fit";
    pub const FIT_METHOD: &str = "fitm";
    pub const FIT_DELTA: &str = "fitd";
    pub const SWEEP_FIT: &str = "sfit";
    pub const SWEEP_FIT_APPROACH: &str = "sfita";
    pub const FIX_ALPHA: &str = "fixa";
    pub const FIX_BETA: &str = "fixb";
    pub const FIX_E: &str = "fixe";
    pub const TIE: &str = "tie";
    pub const FLAT: &str = "flat";
    pub const HIDE: &str = "hide";
    pub const THEME: &str = "theme";
    pub const LANG: &str = "lang";
    pub const WHY: &str = "why";
    pub const RECONCILE_LAW: &str = "rlaw";
    pub const VOCAB: &str = "vocab";
    pub const ASPECT: &str = "aspect";

    pub const SHAPE: &str = "shape";
    pub const CONVENTION: &str = "conv";
    pub const SUGGEST_PARAMS: &str = "sn";
    pub const SUGGEST_ASPECT: &str = "sa";
    pub const MEMORY: &str = "mem";
    pub const SHARDING: &str = "shard";

    pub const SCHEDULE: &str = "sched";
    pub const WARMUP: &str = "warm";
    pub const CONTEXT: &str = "ctx";
    pub const RUN_PARAMS: &str = "rn";
    pub const RUN_TOKENS: &str = "rd";
    // The sweep planner.
    pub const PLAN_TARGET: &str = "ptarget";
    pub const PLAN_SPEND: &str = "pspend";
    pub const PLAN_LAW: &str = "plaw";
    pub const PLAN_BUDGETS: &str = "pbud";
    pub const PLAN_SPACING: &str = "pspace";
    pub const PLAN_SIZES: &str = "psizes";
    pub const PLAN_WIDTH: &str = "pwidth";
    pub const PLAN_OFFSET: &str = "poff";
    pub const PLAN_NOISE: &str = "pnoise";
    pub const PLAN_SIMULATIONS: &str = "psims";

    /// Every key, in the order `encode` writes them.
    pub const ALL: [&str; 57] = [
        VERSION,
        MODE,
        FLOPS,
        LAWS,
        GPU,
        COUNT,
        DAYS,
        MFU,
        PRICE,
        PARAMS,
        N0,
        D0,
        ANCHOR_A,
        ANCHOR_B,
        MULTIPLIER,
        LOSS,
        JUDGE,
        INFERENCE,
        UNIQUE,
        FIT,
        FIT_METHOD,
        FIT_DELTA,
        SWEEP_FIT,
        SWEEP_FIT_APPROACH,
        FIX_ALPHA,
        FIX_BETA,
        FIX_E,
        TIE,
        FLAT,
        HIDE,
        THEME,
        LANG,
        WHY,
        RECONCILE_LAW,
        VOCAB,
        ASPECT,
        SHAPE,
        CONVENTION,
        SUGGEST_PARAMS,
        SUGGEST_ASPECT,
        MEMORY,
        SHARDING,
        SCHEDULE,
        WARMUP,
        CONTEXT,
        RUN_PARAMS,
        RUN_TOKENS,
        PLAN_TARGET,
        PLAN_SPEND,
        PLAN_LAW,
        PLAN_BUDGETS,
        PLAN_SPACING,
        PLAN_SIZES,
        PLAN_WIDTH,
        PLAN_OFFSET,
        PLAN_NOISE,
        PLAN_SIMULATIONS,
    ];
}

/// The shortest text that reads back as exactly the same f64, in whichever of plain or
/// scientific notation is shorter (plain on a tie): `1e21`, `5.76e23`, `0.4`, `1024`, `7e10`.
///
/// Both of Rust's forms print the fewest digits that round-trip, so either parses back exactly.
#[must_use]
pub fn number(x: f64) -> String {
    let plain = format!("{x}");
    let scientific = format!("{x:e}");
    if scientific.len() < plain.len() {
        scientific
    } else {
        plain
    }
}

/// The text a field starts with: what a person would type. The link's exact [`number`] when it
/// has at most 8 significant digits (anything typed); four significant figures for a value
/// derived to full precision, such as the default aspect ratio 39.225 207 931 556 76 behind
/// Pearce & Song's ω (the configuration keeps the exact value until the field is edited).
#[must_use]
pub fn field_text(x: f64) -> String {
    let exact = number(x);
    let digits = exact
        .split(['e', 'E'])
        .next()
        .unwrap_or_default()
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>();
    if digits.trim_start_matches('0').len() <= 8 {
        exact
    } else {
        number(format!("{x:.3e}").parse().unwrap_or(x))
    }
}

/// `x` to three significant figures, without trailing zeros: `5.76e23`, `1e21`, `0.4`.
#[must_use]
pub(crate) fn three_figures(x: f64) -> String {
    let rounded: f64 = format!("{x:.2e}").parse().unwrap_or(x);
    number(rounded)
}

/// At most 24 characters of `s` (then `…`): notices name what they ignored without echoing
/// an unbounded link back to the page.
pub(crate) fn shorten(s: &str) -> String {
    const MAX: usize = 24;
    let mut chars = s.chars();
    let head: String = chars.by_ref().take(MAX).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

/// Percent-decoding of one query component (`+` is a space); invalid escapes stay as typed
/// and invalid UTF-8 becomes U+FFFD.
#[must_use]
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex_digit(bytes[i + 1]), hex_digit(bytes[i + 2]))
            {
                (Some(high), Some(low)) => {
                    out.push(high * 16 + low);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encoding of one query value: letters, digits and `-._~,` stay readable (law lists
/// and fit coefficients keep their commas); every other byte becomes `%XX`.
#[must_use]
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b',') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn hex_digit(b: u8) -> Option<u8> {
    char::from(b)
        .to_digit(16)
        .and_then(|d| u8::try_from(d).ok())
}
