//! The stored forms' line format: a header line `<name> <schema>`, then `key value…` lines in a
//! fixed order. Numbers are written with `{:e}`, the shortest text that reads back as the same
//! f64 (Rust's float formatting), and read back exactly with `str::parse`.

/// The schema every stored form is written with; another number reads as unreadable.
pub const SCHEMA: u32 = 1;

/// The first line of a stored form named `name`.
#[must_use]
pub fn header(name: &str) -> String {
    format!("{name} {SCHEMA}")
}

/// `x` as the shortest text that reads back as the same f64.
#[must_use]
pub fn num(x: f64) -> String {
    format!("{x:e}")
}

/// `x`, or `-` for none.
#[must_use]
pub fn opt(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), num)
}

/// `xs`, space-separated.
#[must_use]
pub fn nums(xs: &[f64]) -> String {
    xs.iter().map(|&x| num(x)).collect::<Vec<_>>().join(" ")
}

/// A finite number.
pub fn parse_num(word: &str) -> Result<f64, String> {
    word.parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .ok_or_else(|| format!("{word:?} is not a finite number"))
}

/// A finite number, or `-` for none.
pub fn parse_opt(word: &str) -> Result<Option<f64>, String> {
    if word == "-" {
        Ok(None)
    } else {
        parse_num(word).map(Some)
    }
}

/// A whole number.
pub fn parse_whole<T: std::str::FromStr>(word: &str) -> Result<T, String> {
    word.parse()
        .map_err(|_| format!("{word:?} is not a whole number"))
}

/// Exactly `N` finite numbers.
pub fn parse_array<const N: usize>(words: &[&str]) -> Result<[f64; N], String> {
    if words.len() != N {
        return Err(format!("{} numbers where {N} belong", words.len()));
    }
    let mut out = [0.0; N];
    for (o, w) in out.iter_mut().zip(words) {
        *o = parse_num(w)?;
    }
    Ok(out)
}

/// The lines of a stored form after its header, read in order.
pub struct Lines<'a> {
    rest: std::iter::Peekable<std::str::Lines<'a>>,
}

impl<'a> Lines<'a> {
    /// The lines after a header naming `name` and [`SCHEMA`].
    pub fn new(stored: &'a str, name: &str) -> Result<Self, String> {
        let mut rest = stored.lines().peekable();
        let first = rest.next().unwrap_or_default();
        if first != header(name) {
            return Err(format!("header {first:?}, expected {:?}", header(name)));
        }
        Ok(Lines { rest })
    }

    /// The text after `key ` on the next line, which must start with `key`.
    pub fn value(&mut self, key: &str) -> Result<&'a str, String> {
        let line = self.rest.next().ok_or_else(|| format!("no {key} line"))?;
        match line.split_once(' ') {
            Some((k, value)) if k == key => Ok(value),
            _ if line == key => Ok(""),
            _ => Err(format!("{line:?} where the {key} line belongs")),
        }
    }

    /// The words after `key` on the next line.
    pub fn words(&mut self, key: &str) -> Result<Vec<&'a str>, String> {
        Ok(self
            .value(key)?
            .split(' ')
            .filter(|w| !w.is_empty())
            .collect())
    }

    /// The words of each of the following lines that start with `key`.
    pub fn repeated(&mut self, key: &str) -> Vec<Vec<&'a str>> {
        let mut all = Vec::new();
        while self.next_is(key) {
            all.push(self.words(key).unwrap_or_default());
        }
        all
    }

    /// Whether the next line starts with `key`.
    pub fn next_is(&mut self, key: &str) -> bool {
        self.rest
            .peek()
            .is_some_and(|l| l.split(' ').next() == Some(key))
    }

    /// Checks that nothing follows.
    pub fn end(mut self) -> Result<(), String> {
        match self.rest.next() {
            None => Ok(()),
            Some(line) => Err(format!("unexpected line {line:?}")),
        }
    }
}
