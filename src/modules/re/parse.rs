//! Pattern parser: the pattern's code points become a syntax tree ([`Node`]).
//!
//! The grammar, the tree shapes and every error (message and position) follow
//! CPython 3.11's `re._parser`: positions are code-point indices into the pattern, and
//! the tokenizer reads one token ahead, so an error in the lookahead token (a trailing
//! backslash) is reported as soon as the previous token is consumed.

use super::charclass::{is_uni_digit, uni_digit_value, Cat, SetItem};
use super::{ReError, ASCII, IGNORECASE, LOCALE, UNICODE, VERBOSE};

/// "No upper bound" for a repeat (CPython's MAXREPEAT); larger counts are rejected.
pub(crate) const MAXREPEAT: u32 = u32::MAX;
/// Upper bound for group numbers (CPython's MAXGROUPS).
const MAXGROUPS: u64 = (1 << 30) - 1;
/// Cap of the widths computed by [`width`].
pub(crate) const MAXWIDTH: u128 = 1 << 64;
/// Deepest parser nesting accepted (two levels per parenthesis): 495 nested groups
/// compile, 496 fail, as when CPython's `re.compile` runs out of recursion.
const MAX_NESTING: usize = 990;

const TEMPLATE: u32 = super::TEMPLATE;
const DEBUG: u32 = super::DEBUG;
const TYPE_FLAGS: u32 = ASCII | LOCALE | UNICODE;
const GLOBAL_FLAGS: u32 = DEBUG | TEMPLATE;

/// Position assertions as written (before MULTILINE/ASCII resolution).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AtCode {
    /// `^`
    Beginning,
    /// `\A`
    BeginningString,
    /// `$`
    End,
    /// `\Z`
    EndString,
    /// `\b`
    Boundary,
    /// `\B`
    NonBoundary,
}

/// Greedy (`*`), lazy (`*?`) or possessive (`*+`) repetition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RepeatKind {
    Greedy,
    Lazy,
    Possessive,
}

/// One element of a parsed sequence. Sequences are `Vec<Node>`; group numbers are
/// 1-based.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Node {
    Literal(u32),
    NotLiteral(u32),
    Any,
    /// A class: its members and whether it is negated.
    In(Vec<SetItem>, bool),
    At(AtCode),
    Branch(Vec<Vec<Node>>),
    /// A parenthesized subpattern: capturing when `index` is set, with scoped flags.
    Group { index: Option<usize>, add: u32, del: u32, body: Vec<Node> },
    Repeat { min: u32, max: u32, kind: RepeatKind, body: Vec<Node> },
    GroupRef(usize),
    GroupRefExists { group: usize, yes: Vec<Node>, no: Option<Vec<Node>> },
    Assert { behind: bool, negate: bool, body: Vec<Node> },
    Atomic(Vec<Node>),
}

/// The result of [`parse`].
pub(crate) struct Parsed {
    pub nodes: Vec<Node>,
    /// Flags after inline global flags and the str/bytes fix-up.
    pub flags: u32,
    /// Number of capturing groups.
    pub groups: usize,
    pub names: Vec<(String, usize)>,
    /// `(min, max)` width of each group, index 0 unused.
    pub widths: Vec<(u128, u128)>,
}

/// A token: one pattern character, or a backslash and the character after it (`esc`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Tok {
    ch: u32,
    esc: bool,
}

impl Tok {
    fn is(self, c: char) -> bool {
        !self.esc && self.ch == c as u32
    }
    fn len(self) -> usize {
        1 + usize::from(self.esc)
    }
    fn text(self) -> String {
        let c = char::from_u32(self.ch).unwrap_or('\u{FFFD}');
        if self.esc {
            format!("\\{c}")
        } else {
            c.to_string()
        }
    }
    fn is_alpha(self) -> bool {
        !self.esc && char::from_u32(self.ch).is_some_and(char::is_alphabetic)
    }
}

fn is_tok(t: Option<Tok>, c: char) -> bool {
    t.is_some_and(|t| t.is(c))
}

fn flag_of(t: Tok) -> Option<u32> {
    if t.esc {
        return None;
    }
    Some(match char::from_u32(t.ch)? {
        'i' => IGNORECASE,
        'L' => LOCALE,
        'm' => super::MULTILINE,
        's' => super::DOTALL,
        'x' => VERBOSE,
        'a' => ASCII,
        't' => TEMPLATE,
        'u' => UNICODE,
        _ => return None,
    })
}

fn to_string(cps: &[u32]) -> String {
    cps.iter().map(|&c| char::from_u32(c).unwrap_or('\u{FFFD}')).collect()
}

/// Python's `repr` of a string.
pub(crate) fn py_repr(cps: &[u32]) -> String {
    let sq = u32::from(b'\'');
    let dq = u32::from(b'"');
    let quote = if cps.contains(&sq) && !cps.contains(&dq) { '"' } else { '\'' };
    let mut out = String::new();
    out.push(quote);
    for &c in cps {
        match char::from_u32(c) {
            Some('\\') => out.push_str("\\\\"),
            Some('\n') => out.push_str("\\n"),
            Some('\r') => out.push_str("\\r"),
            Some('\t') => out.push_str("\\t"),
            Some(ch) if ch == quote => {
                out.push('\\');
                out.push(ch);
            }
            Some(ch) if is_printable(ch) => out.push(ch),
            _ if c < 0x100 => out.push_str(&format!("\\x{c:02x}")),
            _ if c < 0x10000 => out.push_str(&format!("\\u{c:04x}")),
            _ => out.push_str(&format!("\\U{c:08x}")),
        }
    }
    out.push(quote);
    out
}

/// An approximation of `str.isprintable` for one character.
fn is_printable(ch: char) -> bool {
    if ch.is_ascii() {
        return (' '..='~').contains(&ch);
    }
    !(ch.is_control()
        || (ch.is_whitespace())
        || matches!(ch as u32, 0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x180E
            | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB
            | 0xE000..=0xF8FF | 0xF0000..=0x10FFFF))
}

/// An approximation of `str.isidentifier` (exact for ASCII).
fn is_identifier(name: &[u32]) -> bool {
    let mut chars = name.iter().map(|&c| char::from_u32(c));
    match chars.next() {
        Some(Some(c)) if c == '_' || c.is_alphabetic() => {}
        _ => return false,
    }
    chars.all(|c| c.is_some_and(|c| c == '_' || c.is_alphanumeric()))
}

/// Python's `int(s)` for a group number; `None` when it is not an integer or is negative.
/// Values are saturated at `u64::MAX`.
fn parse_py_int(s: &[u32]) -> Option<u64> {
    let is_space = |c: &u32| super::charclass::is_uni_space(*c);
    let start = s.iter().position(|c| !is_space(c))?;
    let end = s.iter().rposition(|c| !is_space(c))? + 1;
    let mut body = &s[start..end];
    let mut negative = false;
    if let Some(&c) = body.first() {
        if c == u32::from(b'+') || c == u32::from(b'-') {
            negative = c == u32::from(b'-');
            body = &body[1..];
        }
    }
    let mut value: u64 = 0;
    let mut prev_digit = false;
    for &c in body {
        if c == u32::from(b'_') {
            if !prev_digit {
                return None;
            }
            prev_digit = false;
            continue;
        }
        let d = if is_uni_digit(c) { uni_digit_value(c) } else { return None };
        value = value.saturating_mul(10).saturating_add(u64::from(d));
        prev_digit = true;
    }
    if !prev_digit || (negative && value != 0) {
        return None;
    }
    Some(value)
}

/// `(min, max)` number of characters `nodes` can match, saturated at [`MAXWIDTH`];
/// `widths[g]` is the width of group `g`.
pub(crate) fn width(nodes: &[Node], widths: &[(u128, u128)]) -> (u128, u128) {
    let (mut lo, mut hi) = (0u128, 0u128);
    for node in nodes {
        let (l, h) = match node {
            Node::Literal(_) | Node::NotLiteral(_) | Node::Any | Node::In(..) => (1, 1),
            Node::At(_) | Node::Assert { .. } => (0, 0),
            Node::Branch(alts) => {
                let mut l = MAXWIDTH;
                let mut h = 0;
                for alt in alts {
                    let (a, b) = width(alt, widths);
                    l = l.min(a);
                    h = h.max(b);
                }
                (l, h)
            }
            Node::Group { body, .. } | Node::Atomic(body) => width(body, widths),
            Node::Repeat { min, max, body, .. } => {
                let (a, b) = width(body, widths);
                let l = a.saturating_mul(u128::from(*min));
                let h = if *max == MAXREPEAT && b != 0 {
                    MAXWIDTH
                } else {
                    b.saturating_mul(u128::from(*max))
                };
                (l, h)
            }
            Node::GroupRef(g) => widths.get(*g).copied().unwrap_or((0, 0)),
            Node::GroupRefExists { yes, no, .. } => {
                let (a, b) = width(yes, widths);
                match no {
                    Some(no) => {
                        let (c, d) = width(no, widths);
                        (a.min(c), b.max(d))
                    }
                    None => (0, b),
                }
            }
        };
        lo = lo.saturating_add(l).min(MAXWIDTH);
        hi = hi.saturating_add(h).min(MAXWIDTH);
    }
    (lo, hi)
}

/// Whether two nodes are equal leaves (CPython only factors out such common prefixes).
fn same_leaf(a: &Node, b: &Node) -> bool {
    match a {
        Node::Literal(_)
        | Node::NotLiteral(_)
        | Node::Any
        | Node::In(..)
        | Node::At(_)
        | Node::GroupRef(_) => a == b,
        _ => false,
    }
}

fn uniq(items: Vec<SetItem>) -> Vec<SetItem> {
    let mut out: Vec<SetItem> = Vec::with_capacity(items.len());
    for it in items {
        if !out.contains(&it) {
            out.push(it);
        }
    }
    out
}

/// What an escape inside a class stands for.
enum ClassCode {
    Lit(u32),
    Cat(Cat),
}

impl ClassCode {
    fn item(self) -> SetItem {
        match self {
            ClassCode::Lit(c) => SetItem::Literal(c),
            ClassCode::Cat(c) => SetItem::Category(c),
        }
    }
}

struct Parser<'a> {
    s: &'a [u32],
    /// Index just past the lookahead token.
    index: usize,
    /// The lookahead token (`None` at the end of the pattern).
    next: Option<Tok>,
    is_bytes: bool,
    flags: u32,
    names: Vec<(Vec<u32>, usize)>,
    /// Width of each group once closed; `widths.len()` is the next group number.
    widths: Vec<Option<(u128, u128)>>,
    /// Number of groups when the outermost enclosing lookbehind started.
    lookbehind_groups: Option<usize>,
    /// Group numbers used by conditionals, with the position to report if missing.
    groupref_pos: Vec<(u64, usize)>,
}

type PResult<T> = Result<T, ReError>;

impl<'a> Parser<'a> {
    fn advance(&mut self) -> PResult<()> {
        let i = self.index;
        let Some(&c) = self.s.get(i) else {
            self.next = None;
            return Ok(());
        };
        if c == u32::from(b'\\') {
            let Some(&d) = self.s.get(i + 1) else {
                return Err(ReError {
                    msg: "bad escape (end of pattern)".into(),
                    pos: Some(self.s.len() - 1),
                });
            };
            self.next = Some(Tok { ch: d, esc: true });
            self.index = i + 2;
        } else {
            self.next = Some(Tok { ch: c, esc: false });
            self.index = i + 1;
        }
        Ok(())
    }

    fn get(&mut self) -> PResult<Option<Tok>> {
        let t = self.next;
        self.advance()?;
        Ok(t)
    }

    fn eat(&mut self, c: char) -> PResult<bool> {
        if is_tok(self.next, c) {
            self.advance()?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    fn tell(&self) -> usize {
        self.index - self.next.map_or(0, Tok::len)
    }

    fn seek(&mut self, index: usize) -> PResult<()> {
        self.index = index;
        self.advance()
    }

    /// An error located `offset` code points before the current position.
    fn err(&self, msg: impl Into<String>, offset: usize) -> ReError {
        let mut msg: String = msg.into();
        if self.is_bytes && !msg.is_ascii() {
            msg = msg
                .chars()
                .map(|c| if c.is_ascii() { c.to_string() } else { format!("\\x{:02x}", c as u32) })
                .collect();
        }
        ReError { msg, pos: Some(self.tell().saturating_sub(offset)) }
    }

    fn groups(&self) -> usize {
        self.widths.len()
    }

    fn check_group(&self, gid: usize) -> bool {
        gid < self.groups() && self.widths[gid].is_some()
    }

    fn check_lookbehind_group(&self, gid: usize) -> PResult<()> {
        if let Some(lb) = self.lookbehind_groups {
            if !self.check_group(gid) {
                return Err(self.err("cannot refer to an open group", 0));
            }
            if gid >= lb {
                return Err(self.err(
                    "cannot refer to group defined in the same lookbehind subpattern",
                    0,
                ));
            }
        }
        Ok(())
    }

    fn lookup(&self, name: &[u32]) -> Option<usize> {
        self.names.iter().find(|(n, _)| n == name).map(|&(_, g)| g)
    }

    /// Up to `n` unescaped characters satisfying `pred`.
    fn getwhile(&mut self, n: usize, pred: fn(u32) -> bool) -> PResult<Vec<u32>> {
        let mut out = Vec::new();
        while out.len() < n {
            match self.next {
                Some(t) if !t.esc && pred(t.ch) => {
                    out.push(t.ch);
                    self.advance()?;
                }
                _ => break,
            }
        }
        Ok(out)
    }

    /// The text up to `term` (consumed), as written (escapes keep their backslash).
    fn getuntil(&mut self, term: char, what: &str) -> PResult<Vec<u32>> {
        let mut out = Vec::new();
        loop {
            let c = self.get()?;
            match c {
                None if out.is_empty() => return Err(self.err(format!("missing {what}"), 0)),
                None => {
                    return Err(self.err(format!("missing {term}, unterminated name"), out.len()))
                }
                Some(t) if t.is(term) => {
                    if out.is_empty() {
                        return Err(self.err(format!("missing {what}"), 1));
                    }
                    return Ok(out);
                }
                Some(t) => {
                    if t.esc {
                        out.push(u32::from(b'\\'));
                    }
                    out.push(t.ch);
                }
            }
        }
    }

    fn check_group_name(&self, name: &[u32], offset: usize) -> PResult<()> {
        if !is_identifier(name) {
            let msg = format!("bad character in group name {}", py_repr(name));
            return Err(self.err(msg, name.len() + offset));
        }
        Ok(())
    }

    /// `\x..`, `\u....`, `\U........` and `\N{...}` (the caller saw the letter `kind`).
    fn numeric_escape(&mut self, kind: char) -> PResult<u32> {
        let hex = |c: u32| char::from_u32(c).is_some_and(|c| c.is_ascii_hexdigit());
        let n = match kind {
            'x' => 2,
            'u' => 4,
            'U' => 8,
            _ => {
                if !self.eat('{')? {
                    return Err(self.err("missing {", 0));
                }
                let name = self.getuntil('}', "character name")?;
                return Err(self.err("\\N escapes are not supported", name.len() + 4));
            }
        };
        let digits = self.getwhile(n, hex)?;
        let text = format!("\\{kind}{}", to_string(&digits));
        if digits.len() != n {
            return Err(self.err(format!("incomplete escape {text}"), digits.len() + 2));
        }
        let value = u32::from_str_radix(&to_string(&digits), 16).unwrap_or(u32::MAX);
        if value > 0x10FFFF {
            return Err(self.err(format!("bad escape {text}"), digits.len() + 2));
        }
        Ok(value)
    }

    fn bad_escape(&self, t: Tok) -> ReError {
        self.err(format!("bad escape {}", t.text()), 2)
    }

    /// An escape outside a class.
    fn escape(&mut self, t: Tok) -> PResult<Node> {
        let class = |c| Node::In(vec![SetItem::Category(c)], false);
        let Some(ch) = char::from_u32(t.ch) else { return Ok(Node::Literal(t.ch)) };
        Ok(match ch {
            'A' => Node::At(AtCode::BeginningString),
            'Z' => Node::At(AtCode::EndString),
            'b' => Node::At(AtCode::Boundary),
            'B' => Node::At(AtCode::NonBoundary),
            'd' => class(Cat::Digit),
            'D' => class(Cat::NotDigit),
            's' => class(Cat::Space),
            'S' => class(Cat::NotSpace),
            'w' => class(Cat::Word),
            'W' => class(Cat::NotWord),
            'x' => Node::Literal(self.numeric_escape('x')?),
            'u' | 'U' | 'N' if !self.is_bytes => Node::Literal(self.numeric_escape(ch)?),
            '0' => {
                let digits = self.getwhile(2, |c| (0x30..=0x37).contains(&c))?;
                Node::Literal(digits.iter().fold(0, |v, d| v * 8 + (d - 0x30)))
            }
            '1'..='9' => self.backref_or_octal(t.ch)?,
            _ => match simple_escape(ch) {
                Some(v) => Node::Literal(v),
                None if ch.is_ascii_alphabetic() => return Err(self.bad_escape(t)),
                None => Node::Literal(t.ch),
            },
        })
    }

    fn backref_or_octal(&mut self, first: u32) -> PResult<Node> {
        let octal = |c: u32| (0x30..=0x37).contains(&c);
        let mut digits = vec![first];
        if let Some(t) = self.next.filter(|t| !t.esc && (0x30..=0x39).contains(&t.ch)) {
            self.advance()?;
            digits.push(t.ch);
            if let Some(t3) = self.next.filter(|t3| !t3.esc && octal(t3.ch)) {
                if octal(first) && octal(t.ch) {
                    self.advance()?;
                    digits.push(t3.ch);
                    let value = digits.iter().fold(0, |v, d| v * 8 + (d - 0x30));
                    if value > 0o377 {
                        let msg = format!(
                            "octal escape value \\{} outside of range 0-0o377",
                            to_string(&digits)
                        );
                        return Err(self.err(msg, 4));
                    }
                    return Ok(Node::Literal(value));
                }
            }
        }
        let group = digits.iter().fold(0usize, |v, d| v * 10 + (d - 0x30) as usize);
        if group < self.groups() {
            if !self.check_group(group) {
                return Err(self.err("cannot refer to an open group", digits.len() + 1));
            }
            self.check_lookbehind_group(group)?;
            return Ok(Node::GroupRef(group));
        }
        Err(self.err(format!("invalid group reference {group}"), digits.len()))
    }

    /// An escape inside a class.
    fn class_escape(&mut self, t: Tok) -> PResult<ClassCode> {
        let Some(ch) = char::from_u32(t.ch) else { return Ok(ClassCode::Lit(t.ch)) };
        if let Some(v) = simple_escape(ch) {
            return Ok(ClassCode::Lit(v));
        }
        Ok(match ch {
            'b' => ClassCode::Lit(8),
            'd' => ClassCode::Cat(Cat::Digit),
            'D' => ClassCode::Cat(Cat::NotDigit),
            's' => ClassCode::Cat(Cat::Space),
            'S' => ClassCode::Cat(Cat::NotSpace),
            'w' => ClassCode::Cat(Cat::Word),
            'W' => ClassCode::Cat(Cat::NotWord),
            'x' => ClassCode::Lit(self.numeric_escape('x')?),
            'u' | 'U' | 'N' if !self.is_bytes => ClassCode::Lit(self.numeric_escape(ch)?),
            '0'..='7' => {
                let digits = self.getwhile(2, |c| (0x30..=0x37).contains(&c))?;
                let value = digits.iter().fold(t.ch - 0x30, |v, d| v * 8 + (d - 0x30));
                if value > 0o377 {
                    let msg = format!(
                        "octal escape value \\{ch}{} outside of range 0-0o377",
                        to_string(&digits)
                    );
                    return Err(self.err(msg, digits.len() + 2));
                }
                ClassCode::Lit(value)
            }
            '8' | '9' => return Err(self.bad_escape(t)),
            c if c.is_ascii_alphabetic() => return Err(self.bad_escape(t)),
            _ => ClassCode::Lit(t.ch),
        })
    }
}

/// The one-letter escapes shared by classes and sequences (`\b` excluded).
fn simple_escape(ch: char) -> Option<u32> {
    Some(match ch {
        'a' => 7,
        'f' => 12,
        'n' => 10,
        'r' => 13,
        't' => 9,
        'v' => 11,
        '\\' => 92,
        _ => return None,
    })
}

mod grammar;

/// Parses `pattern` under `flags`. Errors are CPython's, including the flag checks that
/// CPython reports as `ValueError` or `OverflowError` (those have no position).
pub(crate) fn parse(pattern: &[u32], flags: u32, is_bytes: bool) -> Result<Parsed, ReError> {
    let mut p = Parser {
        s: pattern,
        index: 0,
        next: None,
        is_bytes,
        flags,
        names: Vec::new(),
        widths: vec![None],
        lookbehind_groups: None,
        groupref_pos: Vec::new(),
    };
    p.advance()?;
    let nodes = p.parse_sub(flags & VERBOSE != 0, 0)?;
    p.flags = fix_flags(p.flags, is_bytes)?;
    if p.next.is_some() {
        return Err(p.err("unbalanced parenthesis", 0));
    }
    for &(g, pos) in &p.groupref_pos {
        if g >= p.groups() as u64 {
            return Err(ReError { msg: format!("invalid group reference {g}"), pos: Some(pos) });
        }
    }
    Ok(Parsed {
        nodes,
        flags: p.flags,
        groups: p.groups() - 1,
        names: p.names.iter().map(|(n, g)| (to_string(n), *g)).collect(),
        widths: p.widths.iter().map(|w| w.unwrap_or((0, 0))).collect(),
    })
}

fn fix_flags(flags: u32, is_bytes: bool) -> Result<u32, ReError> {
    let fail = |msg: &str| Err(ReError { msg: msg.into(), pos: None });
    if !is_bytes {
        if flags & LOCALE != 0 {
            return fail("cannot use LOCALE flag with a str pattern");
        }
        if flags & ASCII == 0 {
            return Ok(flags | UNICODE);
        }
        if flags & UNICODE != 0 {
            return fail("ASCII and UNICODE flags are incompatible");
        }
    } else {
        if flags & UNICODE != 0 {
            return fail("cannot use UNICODE flag with a bytes pattern");
        }
        if flags & LOCALE != 0 && flags & ASCII != 0 {
            return fail("ASCII and LOCALE flags are incompatible");
        }
    }
    Ok(flags)
}
