//! A regular-expression engine with the matching semantics of CPython 3.11's `re`
//! module (the `sre` engine).
//!
//! [`compile`] turns a pattern (its code points, plus whether it was a `bytes`
//! pattern) into a [`Regex`], or a [`ReError`] whose message and position are the
//! ones CPython reports. [`Regex::exec`] performs one match attempt (`match`,
//! `fullmatch` or `search`) over a [`Subject`] and returns the spans of all groups
//! together with `lastindex`; the iteration helpers of `re` (`findall`, `sub`,
//! `split`, `finditer`) are built on top of it with `must_advance`.
//!
//! Supported: the full 3.11 syntax (classes, categories, escapes other than `\N{...}`,
//! backreferences, named groups, lookarounds, conditionals, atomic groups, possessive
//! and lazy quantifiers, inline and scoped flags) with IGNORECASE, MULTILINE, DOTALL,
//! VERBOSE, ASCII, UNICODE; LOCALE behaves as the C locale.
//!
//! Invariants: the engine never panics on any pattern or subject, never recurses
//! natively in proportion to the subject (backtracking state lives on the heap), and
//! spans returned are within `pos..=endpos` except that lookbehinds may inspect text
//! before `pos`.

mod charclass;
mod compile;
mod exec;
mod parse;
#[cfg(test)]
mod tests;

/// Flag bits, CPython's values.
pub const TEMPLATE: u32 = 1;
pub const IGNORECASE: u32 = 2;
pub const LOCALE: u32 = 4;
pub const MULTILINE: u32 = 8;
pub const DOTALL: u32 = 16;
pub const UNICODE: u32 = 32;
pub const VERBOSE: u32 = 64;
pub const DEBUG: u32 = 128;
pub const ASCII: u32 = 256;

/// A compile error, as `re.error`: message without the position suffix, and the
/// position (index in code points into the pattern) when CPython gives one.
///
/// A few conditions CPython reports with other exception types come back as a
/// `ReError` without position: "the repetition number is too large" (OverflowError),
/// the incompatible-flag messages of `fix_flags` (ValueError) and "maximum recursion
/// depth exceeded" (RecursionError, for very deeply nested groups).
#[derive(Debug, Clone, PartialEq)]
pub struct ReError {
    pub msg: String,
    pub pos: Option<usize>,
}

/// The text being matched: code points by index. Implemented for [u8] (bytes, or an
/// ASCII-only str) and [char].
///
/// Invariant expected from implementations: `at(i)` is defined for `i < len()`.
pub trait Subject {
    fn len(&self) -> usize;
    fn at(&self, i: usize) -> u32;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Subject for [u8] {
    fn len(&self) -> usize {
        <[u8]>::len(self)
    }
    fn at(&self, i: usize) -> u32 {
        u32::from(self[i])
    }
}

impl Subject for [char] {
    fn len(&self) -> usize {
        <[char]>::len(self)
    }
    fn at(&self, i: usize) -> u32 {
        u32::from(self[i])
    }
}

impl Subject for [u32] {
    fn len(&self) -> usize {
        <[u32]>::len(self)
    }
    fn at(&self, i: usize) -> u32 {
        self[i]
    }
}

/// Kind of match attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Anchored at `pos`.
    Match,
    /// Anchored at `pos` and ending at `endpos`.
    FullMatch,
    /// The first position `>= pos` where a match starts.
    Search,
}

/// A successful match.
///
/// Invariant: `spans.len() == groups + 1`; `spans[0]` is always `Some`, and every
/// `Some((a, b))` has `a <= b <= endpos`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatchResult {
    /// Span of group 0 (the whole match) and of each group; `None` for a group that
    /// did not participate.
    pub spans: Vec<Option<(usize, usize)>>,
    /// `Match.lastindex`: the group closed last, if any.
    pub lastindex: Option<usize>,
}

/// A compiled pattern.
#[derive(Clone, Debug)]
pub struct Regex {
    /// Number of capturing groups (CPython's `Pattern.groups`).
    pub groups: usize,
    /// Named groups in order of definition: (name, group number).
    pub group_names: Vec<(String, usize)>,
    /// Flags after inline flags were applied (e.g. `(?i)abc` adds IGNORECASE). For a str
    /// pattern without ASCII/LOCALE, UNICODE is added, as CPython does.
    pub flags: u32,
    prog: compile::Program,
}

/// Compiles `pattern` (the pattern's code points) under `flags`. `is_bytes` says
/// whether it came from a bytes pattern: then `\w \d \s` and case-insensitivity are
/// ASCII-only, `\u`, `\U` and `\N` are not escapes, and UNICODE is not added.
pub fn compile(pattern: &[u32], flags: u32, is_bytes: bool) -> Result<Regex, ReError> {
    let parsed = parse::parse(pattern, flags, is_bytes)?;
    let prog = compile::compile(&parsed.nodes, parsed.flags, &parsed.widths)?;
    Ok(Regex { groups: parsed.groups, group_names: parsed.names, flags: parsed.flags, prog })
}

impl Regex {
    /// One match attempt over `text[..endpos]` starting at `pos`.
    ///
    /// Requires `pos <= endpos <= text.len()` (otherwise the attempt simply fails).
    /// `must_advance` rejects an empty match located at `pos` (a non-empty match at
    /// `pos` is fine, and Search then goes on to `pos + 1`), as CPython does after an
    /// empty match in `findall`, `sub`, `split` and `finditer`. `^` and `\A` match only
    /// at index 0 of `text`, and lookbehinds may look before `pos`, as in CPython.
    pub fn exec<S: Subject + ?Sized>(
        &self,
        text: &S,
        pos: usize,
        endpos: usize,
        mode: Mode,
        must_advance: bool,
    ) -> Option<MatchResult> {
        if pos > endpos || endpos > text.len() || endpos - pos < self.prog.min_len {
            return None;
        }
        exec::exec(&self.prog, self.groups, text, pos, endpos, mode, must_advance)
    }
}
