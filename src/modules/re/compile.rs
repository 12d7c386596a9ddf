//! Syntax tree → matcher program.
//!
//! The program is a flat list of [`Inst`]s whose shape follows CPython's `sre` code:
//! single-character repeats become `RepeatOne`, other repeats a `Repeat` … `Until`
//! pair, and case-insensitivity is resolved per instruction from the flags in force
//! where the instruction was written (scoped flags included).

use super::charclass::{
    ascii_iscased, ascii_lower, extra_cases, uni_iscased, uni_lower, CaseMode, CharSet, Fold, SetItem,
};
use super::parse::{width, AtCode, Node, RepeatKind, MAXREPEAT};
use super::{ReError, ASCII, DOTALL, IGNORECASE, LOCALE, MULTILINE, TEMPLATE, UNICODE};

/// A test of one subject character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Test {
    Lit(u32),
    NotLit(u32),
    /// ASCII-lowercased character equals the value.
    LitAscii(u32),
    NotLitAscii(u32),
    /// Unicode-lowercased character equals the value.
    LitUni(u32),
    NotLitUni(u32),
    /// The character, its ASCII lowercase or its ASCII uppercase equals the value.
    LitLocale(u32),
    NotLitLocale(u32),
    /// Anything but a line break.
    Any,
    AnyAll,
    /// Membership in `Program::sets[i]`.
    Set(usize),
}

/// Position assertions, resolved for MULTILINE and ASCII/Unicode word characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum At {
    Beginning,
    BeginningLine,
    End,
    EndLine,
    EndString,
    Boundary { unicode: bool },
    NonBoundary { unicode: bool },
}

/// One instruction. Unless stated, execution continues at the next instruction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Inst {
    Failure,
    /// End of the pattern or of a sub-match (lookaround, atomic group, possessive body).
    Success,
    /// Consume one character passing the test.
    Char(Test),
    At(At),
    /// Record the position in mark slot `n` (`2g-2` opens group `g`, `2g-1` closes it).
    Mark(usize),
    /// Try the alternatives starting at these pcs in order; each ends with a `Jump`.
    Branch(Vec<usize>),
    Jump(usize),
    /// Repeat a single-character test; the tail starts at the next instruction.
    RepeatOne { kind: RepeatKind, min: u32, max: u32, test: Test },
    /// General greedy/lazy repeat: the body starts at the next instruction and ends with
    /// the `MaxUntil`/`MinUntil` at `until`; the tail follows `until`.
    Repeat { min: u32, max: u32, until: usize },
    MaxUntil,
    MinUntil,
    /// Possessive repeat: the body starts at the next instruction and ends with a
    /// `Success`; the tail starts at `tail`.
    PossessiveRepeat { min: u32, max: u32, tail: usize },
    /// Atomic group: body at the next instruction ending with `Success`; tail at `tail`.
    Atomic { tail: usize },
    /// Lookaround: the body (next instruction, ending with `Success`) is matched starting
    /// `back` characters before the current position.
    Assert { back: usize, negate: bool, tail: usize },
    /// Backreference to mark slots `2g`, `2g+1` (`g` is 0-based here).
    GroupRef { group: usize, fold: Fold },
    /// Continue at the next instruction if group `g` (0-based) matched, else at `no`.
    GroupRefExists { group: usize, no: usize },
}

/// A compiled pattern. Invariant: every pc stored in an instruction is in bounds, and
/// the last instruction is `Success`.
#[derive(Clone, Debug)]
pub(crate) struct Program {
    pub insts: Vec<Inst>,
    pub sets: Vec<CharSet>,
    /// CPython's search pre-filter for the first character of a match, compiled with the
    /// pattern's top-level flags even where scoped flags say otherwise (so that
    /// searches skip exactly the positions CPython skips).
    pub search_filter: Option<CharSet>,
    /// No match is shorter than this (the pattern's minimum width, as CPython computes
    /// it; attempts with less room left fail at once, as in CPython).
    pub min_len: usize,
}

impl Program {
    /// A test every match must pass on its first character, if one is known.
    pub fn first_test(&self) -> Option<Test> {
        for inst in &self.insts {
            match inst {
                Inst::Mark(_) => continue,
                Inst::Char(t) => return Some(*t),
                Inst::RepeatOne { min, test, .. } if *min > 0 => return Some(*test),
                _ => return None,
            }
        }
        None
    }
}

fn combine_flags(flags: u32, add: u32, del: u32) -> u32 {
    let mut f = flags;
    if add & (ASCII | LOCALE | UNICODE) != 0 {
        f &= !(ASCII | LOCALE | UNICODE);
    }
    (f | add) & !del
}

/// Whether a repeat body is a single character test (possibly inside flag-only groups).
fn simple(nodes: &[Node]) -> bool {
    match nodes {
        [Node::Group { index: None, body, .. }] => simple(body),
        [Node::Literal(_) | Node::NotLiteral(_) | Node::Any | Node::In(..)] => true,
        _ => false,
    }
}

struct Compiler<'a> {
    prog: Program,
    widths: &'a [(u128, u128)],
}

/// Compiles the parsed `nodes` under `flags`; `widths` are the group widths from parsing.
pub(crate) fn compile(nodes: &[Node], flags: u32, widths: &[(u128, u128)]) -> Result<Program, ReError> {
    let min_len = width(nodes, widths).0.min(u128::from(u32::MAX)) as usize;
    let search_filter = if min_len > 0 { search_filter(nodes, flags) } else { None };
    let prog = Program { insts: Vec::new(), sets: Vec::new(), search_filter, min_len };
    let mut c = Compiler { prog, widths };
    c.nodes(nodes, flags)?;
    c.emit(Inst::Success);
    Ok(c.prog)
}

impl Compiler<'_> {
    fn emit(&mut self, inst: Inst) -> usize {
        self.prog.insts.push(inst);
        self.prog.insts.len() - 1
    }

    fn pc(&self) -> usize {
        self.prog.insts.len()
    }

    fn add_set(&mut self, set: CharSet) -> Test {
        self.prog.sets.push(set);
        Test::Set(self.prog.sets.len() - 1)
    }

    fn case_mode(flags: u32) -> CaseMode {
        CaseMode {
            ignorecase: flags & IGNORECASE != 0,
            locale: flags & LOCALE != 0,
            unicode: flags & UNICODE != 0,
        }
    }

    /// The test for a literal (`negate`: a negated single-character class).
    fn literal(&mut self, c: u32, negate: bool, flags: u32) -> Test {
        let pick = |pos: fn(u32) -> Test, neg: fn(u32) -> Test, v| if negate { neg(v) } else { pos(v) };
        if flags & IGNORECASE == 0 {
            return pick(Test::Lit, Test::NotLit, c);
        }
        if flags & LOCALE != 0 {
            return pick(Test::LitLocale, Test::NotLitLocale, c);
        }
        if flags & UNICODE == 0 {
            if !ascii_iscased(c) {
                return pick(Test::Lit, Test::NotLit, c);
            }
            return pick(Test::LitAscii, Test::NotLitAscii, ascii_lower(c));
        }
        if !uni_iscased(c) {
            return pick(Test::Lit, Test::NotLit, c);
        }
        let lo = uni_lower(c);
        let extra = extra_cases(lo);
        if extra.is_empty() {
            return pick(Test::LitUni, Test::NotLitUni, lo);
        }
        let ranges = {
            let mut r: Vec<(u32, u32)> = std::iter::once(lo).chain(extra.iter().copied()).map(|k| (k, k)).collect();
            r.sort_unstable();
            r
        };
        self.add_set(CharSet { negate, fold: Fold::Unicode, ranges, cats: Vec::new(), upper_ranges: Vec::new() })
    }

    /// The test for a single-character node (see [`simple`]).
    fn test(&mut self, node: &Node, flags: u32) -> Test {
        match node {
            Node::Literal(c) => self.literal(*c, false, flags),
            Node::NotLiteral(c) => self.literal(*c, true, flags),
            Node::Any if flags & DOTALL != 0 => Test::AnyAll,
            Node::Any => Test::Any,
            Node::In(items, negate) => self.class(items, *negate, flags),
            Node::Group { body, add, del, .. } => self.test(&body[0], combine_flags(flags, *add, *del)),
            _ => Test::AnyAll,
        }
    }

    fn class(&mut self, items: &[SetItem], negate: bool, flags: u32) -> Test {
        let unicode_cats = flags & LOCALE == 0 && flags & UNICODE != 0;
        let set = CharSet::build(items, negate, Self::case_mode(flags), unicode_cats);
        self.add_set(set)
    }

    fn at(code: AtCode, flags: u32) -> At {
        let multiline = flags & MULTILINE != 0;
        let unicode = flags & LOCALE == 0 && flags & UNICODE != 0;
        match code {
            AtCode::Beginning if multiline => At::BeginningLine,
            AtCode::Beginning | AtCode::BeginningString => At::Beginning,
            AtCode::End if multiline => At::EndLine,
            AtCode::End => At::End,
            AtCode::EndString => At::EndString,
            AtCode::Boundary => At::Boundary { unicode },
            AtCode::NonBoundary => At::NonBoundary { unicode },
        }
    }

    fn patch(&mut self, at: usize, target: usize) {
        match &mut self.prog.insts[at] {
            Inst::Jump(t) | Inst::GroupRefExists { no: t, .. } => *t = target,
            Inst::Repeat { until: t, .. }
            | Inst::PossessiveRepeat { tail: t, .. }
            | Inst::Atomic { tail: t }
            | Inst::Assert { tail: t, .. } => *t = target,
            _ => {}
        }
    }

    fn nodes(&mut self, nodes: &[Node], flags: u32) -> Result<(), ReError> {
        for node in nodes {
            self.node(node, flags)?;
        }
        Ok(())
    }

    fn node(&mut self, node: &Node, flags: u32) -> Result<(), ReError> {
        match node {
            Node::Literal(_) | Node::NotLiteral(_) | Node::Any | Node::In(..) => {
                let t = self.test(node, flags);
                self.emit(Inst::Char(t));
            }
            Node::At(code) => {
                self.emit(Inst::At(Self::at(*code, flags)));
            }
            Node::Repeat { min, max, kind, body } => self.repeat(*min, *max, *kind, body, flags)?,
            Node::Group { index, add, del, body } => {
                if let Some(g) = index {
                    self.emit(Inst::Mark(2 * g - 2));
                }
                self.nodes(body, combine_flags(flags, *add, *del))?;
                if let Some(g) = index {
                    self.emit(Inst::Mark(2 * g - 1));
                }
            }
            Node::Atomic(body) => {
                let at = self.emit(Inst::Atomic { tail: 0 });
                self.nodes(body, flags)?;
                self.emit(Inst::Success);
                let pc = self.pc();
                self.patch(at, pc);
            }
            Node::Assert { behind, negate, body } => {
                let mut back = 0;
                if *behind {
                    let (lo, hi) = width(body, self.widths);
                    if lo > u128::from(u32::MAX) {
                        return Err(ReError { msg: "looks too much behind".into(), pos: None });
                    }
                    if lo != hi {
                        let msg = "look-behind requires fixed-width pattern";
                        return Err(ReError { msg: msg.into(), pos: None });
                    }
                    back = lo as usize;
                }
                let at = self.emit(Inst::Assert { back, negate: *negate, tail: 0 });
                self.nodes(body, flags)?;
                self.emit(Inst::Success);
                let pc = self.pc();
                self.patch(at, pc);
            }
            Node::Branch(alts) => {
                let at = self.emit(Inst::Branch(Vec::new()));
                let mut starts = Vec::with_capacity(alts.len());
                let mut jumps = Vec::with_capacity(alts.len());
                for alt in alts {
                    starts.push(self.pc());
                    self.nodes(alt, flags)?;
                    jumps.push(self.emit(Inst::Jump(0)));
                }
                self.emit(Inst::Failure);
                let end = self.pc();
                for j in jumps {
                    self.patch(j, end);
                }
                self.prog.insts[at] = Inst::Branch(starts);
            }
            Node::GroupRef(g) => {
                let fold = if flags & IGNORECASE == 0 {
                    Fold::None
                } else if flags & LOCALE != 0 {
                    Fold::Locale
                } else if flags & UNICODE == 0 {
                    Fold::Ascii
                } else {
                    Fold::Unicode
                };
                self.emit(Inst::GroupRef { group: g - 1, fold });
            }
            Node::GroupRefExists { group, yes, no } => {
                let at = self.emit(Inst::GroupRefExists { group: group - 1, no: 0 });
                self.nodes(yes, flags)?;
                match no {
                    Some(no) => {
                        let j = self.emit(Inst::Jump(0));
                        let pc = self.pc();
                        self.patch(at, pc);
                        self.nodes(no, flags)?;
                        let end = self.pc();
                        self.patch(j, end);
                    }
                    None => {
                        let pc = self.pc();
                        self.patch(at, pc);
                    }
                }
            }
        }
        Ok(())
    }

    fn repeat(&mut self, min: u32, max: u32, kind: RepeatKind, body: &[Node], flags: u32) -> Result<(), ReError> {
        if flags & TEMPLATE != 0 {
            let name = match kind {
                RepeatKind::Greedy => "MAX_REPEAT",
                RepeatKind::Lazy => "MIN_REPEAT",
                RepeatKind::Possessive => "POSSESSIVE_REPEAT",
            };
            let msg = format!("internal: unsupported template operator {name}");
            return Err(ReError { msg, pos: None });
        }
        if simple(body) {
            let test = self.test(&body[0], flags);
            self.emit(Inst::RepeatOne { kind, min, max, test });
            return Ok(());
        }
        if kind == RepeatKind::Possessive {
            let at = self.emit(Inst::PossessiveRepeat { min, max, tail: 0 });
            self.nodes(body, flags)?;
            self.emit(Inst::Success);
            let pc = self.pc();
            self.patch(at, pc);
            return Ok(());
        }
        let at = self.emit(Inst::Repeat { min, max, until: 0 });
        self.nodes(body, flags)?;
        let until = self.emit(if kind == RepeatKind::Lazy { Inst::MinUntil } else { Inst::MaxUntil });
        self.patch(at, until);
        Ok(())
    }
}

fn case_check(flags: u32) -> Option<fn(u32) -> bool> {
    if flags & IGNORECASE == 0 {
        None
    } else if flags & UNICODE != 0 {
        Some(uni_iscased)
    } else {
        Some(ascii_iscased)
    }
}

/// Whether the pattern starts with a case-sensitive literal, looking into groups
/// (`None` if undecided because `nodes` can be empty).
fn starts_with_literal(nodes: &[Node], flags: u32) -> Option<bool> {
    for node in nodes {
        match node {
            Node::Literal(c) => return Some(!case_check(flags).is_some_and(|f| f(*c))),
            Node::Group { add, del, body, .. } => {
                let inner = combine_flags(flags, *add, *del);
                if inner & IGNORECASE != 0 && inner & LOCALE != 0 {
                    return Some(false);
                }
                if let Some(found) = starts_with_literal(body, inner) {
                    return Some(found);
                }
            }
            _ => return Some(false),
        }
    }
    None
}

/// The class CPython's search uses to skip start positions: derived from the first
/// node (a case-sensitive literal, a class without cased members, or a branch of
/// such literals), but with categories compiled under the top-level `flags`.
fn search_filter(nodes: &[Node], flags: u32) -> Option<CharSet> {
    if flags & IGNORECASE != 0 && flags & LOCALE != 0 {
        return None;
    }
    if starts_with_literal(nodes, flags) == Some(true) {
        return None;
    }
    let mut nodes = nodes;
    let mut inner = flags;
    let first = loop {
        match nodes.first()? {
            Node::Group { add, del, body, .. } => {
                inner = combine_flags(inner, *add, *del);
                if inner & IGNORECASE != 0 && inner & LOCALE != 0 {
                    return None;
                }
                nodes = body;
            }
            node => break node,
        }
    };
    let cased = case_check(inner);
    let is_cased = |c: u32| cased.is_some_and(|f| f(c));
    let (items, negate) = match first {
        Node::Literal(c) if !is_cased(*c) => (vec![SetItem::Literal(*c)], false),
        Node::Branch(alts) => {
            let mut items = Vec::new();
            for alt in alts {
                match alt.first()? {
                    Node::Literal(c) if !is_cased(*c) => items.push(SetItem::Literal(*c)),
                    _ => return None,
                }
            }
            (items, false)
        }
        Node::In(items, negate) => {
            for item in items {
                match *item {
                    SetItem::Literal(c) if is_cased(c) => return None,
                    SetItem::Range(_, b) if cased.is_some() && b > 0xFFFF => return None,
                    SetItem::Range(a, b) if cased.is_some() && (a..=b).any(is_cased) => return None,
                    _ => {}
                }
            }
            (items.clone(), *negate)
        }
        _ => return None,
    };
    let mode = CaseMode { ignorecase: false, locale: false, unicode: false };
    let unicode_cats = flags & LOCALE == 0 && flags & UNICODE != 0;
    Some(CharSet::build(&items, negate, mode, unicode_cats))
}

/// `MAXREPEAT` means "no upper bound" in `RepeatOne`, `Repeat` and `PossessiveRepeat`.
pub(crate) const UNBOUNDED: u32 = MAXREPEAT;
