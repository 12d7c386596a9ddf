//! The backtracking matcher.
//!
//! It runs a [`Program`] with an explicit stack of frames instead of native recursion,
//! so the Rust stack depth does not depend on the subject or the pattern. The
//! bookkeeping of group marks mirrors CPython's `sre`: a single array of marks, a
//! `lastmark` watermark (marks above it are unset), `lastindex`, and saves/restores of
//! marks at exactly the points where `sre` does them. That is what makes the spans of
//! groups inside repeats and alternations come out as in CPython.

use super::charclass::{ascii_lower, ascii_upper, is_linebreak, is_word, uni_lower};
use super::compile::{At, Inst, Program, Test, UNBOUNDED};
use super::parse::RepeatKind;
use super::{MatchResult, Mode, Subject};

/// The null position (an unset mark or `last_ptr`).
const NONE: usize = usize::MAX;

/// What a frame does when the sub-match it started returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Resume {
    None,
    Branch,
    RepeatOne,
    MinRepeatOne,
    Repeat,
    MaxUntil1,
    MaxUntil2,
    MaxUntil3,
    MinUntil1,
    MinUntil2,
    MinUntil3,
    Possessive1,
    Possessive2,
    Atomic,
    Assert,
    AssertNot,
}

/// One activation. `pc`/`ptr` are where it resumes; the other fields are the locals of
/// the instruction that made the call.
#[derive(Clone, Copy, Debug)]
struct Frame {
    pc: usize,
    ptr: usize,
    /// Whether `Success` here ends the whole match (and so checks FullMatch and
    /// must-advance); false inside lookarounds, atomic groups and possessive bodies.
    toplevel: bool,
    resume: Resume,
    lastmark: isize,
    lastindex: isize,
    /// Repeat count, or the index of the alternative being tried.
    count: isize,
    /// Index of the repeat context in `Machine::reps`.
    rep: usize,
    /// A saved `last_ptr`, or the position before the last possessive iteration.
    saved: usize,
}

impl Frame {
    fn new(pc: usize, ptr: usize, toplevel: bool) -> Frame {
        Frame { pc, ptr, toplevel, resume: Resume::None, lastmark: -1, lastindex: -1, count: 0, rep: 0, saved: NONE }
    }
}

/// The state of one general (`Repeat` … `Until`) loop being executed.
#[derive(Clone, Copy, Debug)]
struct RepCtx {
    /// Index of the iteration in progress (0-based); -1 before the first.
    count: isize,
    /// pc of the `Repeat` instruction.
    pc: usize,
    prev: Option<usize>,
    /// Position where the current iteration started (zero-width loop protection).
    last_ptr: usize,
}

/// What to do next in the driver loop.
enum Ev {
    /// Execute the top frame from its `pc`/`ptr`.
    Run,
    /// The top frame finishes with this result.
    Ret(bool),
}

struct Machine<'a, S: Subject + ?Sized> {
    prog: &'a Program,
    text: &'a S,
    /// End of the subject (endpos).
    end: usize,
    /// Where the current match attempt started.
    start: usize,
    match_all: bool,
    must_advance: bool,
    /// Invariant: `marks.len() == 2 * groups`; entries above `lastmark` are meaningless.
    marks: Vec<usize>,
    lastmark: isize,
    lastindex: isize,
    repeat: Option<usize>,
    reps: Vec<RepCtx>,
    mark_stack: Vec<usize>,
    frames: Vec<Frame>,
    /// The position handed between frames (`state->ptr` in `sre`).
    ptr: usize,
}

/// Runs one match attempt (see `Regex::exec`); `groups` is the number of groups.
pub(crate) fn exec<S: Subject + ?Sized>(
    prog: &Program,
    groups: usize,
    text: &S,
    pos: usize,
    endpos: usize,
    mode: Mode,
    must_advance: bool,
) -> Option<MatchResult> {
    let mut m = Machine {
        prog,
        text,
        end: endpos,
        start: pos,
        match_all: matches!(mode, Mode::FullMatch),
        must_advance,
        marks: vec![NONE; 2 * groups],
        lastmark: -1,
        lastindex: -1,
        repeat: None,
        reps: Vec::new(),
        mark_stack: Vec::new(),
        frames: Vec::new(),
        ptr: pos,
    };
    if !matches!(mode, Mode::Search) {
        return if m.run() { Some(m.result(groups)) } else { None };
    }
    let first = prog.first_test();
    let anchored = matches!(prog.insts.first(), Some(Inst::At(At::Beginning)));
    let mut p = pos;
    loop {
        if endpos - p < prog.min_len {
            return None;
        }
        let skip = first.is_some_and(|t| p >= endpos || !m.test(t, text.at(p)))
            || prog.search_filter.as_ref().is_some_and(|f| p >= endpos || !f.contains(text.at(p)));
        if !skip {
            m.start = p;
            m.ptr = p;
            m.lastmark = -1;
            m.lastindex = -1;
            if m.run() {
                return Some(m.result(groups));
            }
        }
        m.must_advance = false;
        if p >= endpos || (anchored && p == pos) {
            return None;
        }
        p += 1;
    }
}

impl<S: Subject + ?Sized> Machine<'_, S> {
    fn result(&self, groups: usize) -> MatchResult {
        let mut spans = Vec::with_capacity(groups + 1);
        spans.push(Some((self.start, self.ptr)));
        for g in 0..groups {
            let (a, b) = (self.marks[2 * g], self.marks[2 * g + 1]);
            let set = (2 * g + 1) as isize <= self.lastmark && a != NONE && b != NONE && a <= b;
            spans.push(if set { Some((a, b)) } else { None });
        }
        let lastindex = usize::try_from(self.lastindex).ok();
        MatchResult { spans, lastindex }
    }

    fn test(&self, t: Test, ch: u32) -> bool {
        match t {
            Test::Lit(v) => ch == v,
            Test::NotLit(v) => ch != v,
            Test::LitAscii(v) => ascii_lower(ch) == v,
            Test::NotLitAscii(v) => ascii_lower(ch) != v,
            Test::LitUni(v) => uni_lower(ch) == v,
            Test::NotLitUni(v) => uni_lower(ch) != v,
            Test::LitLocale(v) => ch == v || ascii_lower(ch) == v || ascii_upper(ch) == v,
            Test::NotLitLocale(v) => !(ch == v || ascii_lower(ch) == v || ascii_upper(ch) == v),
            Test::Any => !is_linebreak(ch),
            Test::AnyAll => true,
            Test::Set(i) => self.prog.sets[i].contains(ch),
        }
    }

    /// Number of consecutive characters from `ptr` passing `t`, at most `max`.
    fn count(&self, t: Test, ptr: usize, max: u32) -> usize {
        let mut end = self.end;
        if max != UNBOUNDED && (max as usize) < end - ptr {
            end = ptr + max as usize;
        }
        if t == Test::AnyAll {
            return end - ptr;
        }
        let mut p = ptr;
        while p < end && self.test(t, self.text.at(p)) {
            p += 1;
        }
        p - ptr
    }

    fn at(&self, at: At, ptr: usize) -> bool {
        let text = self.text;
        let end = self.end;
        match at {
            At::Beginning => ptr == 0,
            At::BeginningLine => ptr == 0 || is_linebreak(text.at(ptr - 1)),
            At::End => ptr == end || (end - ptr == 1 && is_linebreak(text.at(ptr))),
            At::EndLine => ptr == end || is_linebreak(text.at(ptr)),
            At::EndString => ptr == end,
            At::Boundary { unicode } | At::NonBoundary { unicode } => {
                if end == 0 {
                    return false;
                }
                let before = ptr > 0 && is_word(text.at(ptr - 1), unicode);
                let after = ptr < end && is_word(text.at(ptr), unicode);
                (before != after) == matches!(at, At::Boundary { .. })
            }
        }
    }

    fn chars_equal(&self, fold: super::charclass::Fold, a: u32, b: u32) -> bool {
        use super::charclass::Fold;
        match fold {
            Fold::None => a == b,
            Fold::Ascii | Fold::Locale => ascii_lower(a) == ascii_lower(b),
            Fold::Unicode => uni_lower(a) == uni_lower(b),
        }
    }

    fn mark_push(&mut self, lastmark: isize) {
        if lastmark >= 0 {
            let n = lastmark as usize + 1;
            self.mark_stack.extend_from_slice(&self.marks[..n]);
        }
    }

    /// Restores the marks saved by the matching `mark_push`, popping them if `pop`.
    fn mark_restore(&mut self, lastmark: isize, pop: bool) {
        if lastmark >= 0 {
            let n = lastmark as usize + 1;
            let base = self.mark_stack.len() - n;
            self.marks[..n].copy_from_slice(&self.mark_stack[base..]);
            if pop {
                self.mark_stack.truncate(base);
            }
        }
    }

    fn mark_discard(&mut self, lastmark: isize) {
        if lastmark >= 0 {
            let n = lastmark as usize + 1;
            self.mark_stack.truncate(self.mark_stack.len() - n);
        }
    }

    fn top(&mut self) -> &mut Frame {
        let i = self.frames.len() - 1;
        &mut self.frames[i]
    }

    /// Saves `lastmark`/`lastindex` into the top frame.
    fn lastmark_save(&mut self) {
        let (lm, li) = (self.lastmark, self.lastindex);
        let f = self.top();
        f.lastmark = lm;
        f.lastindex = li;
    }

    fn lastmark_restore(&mut self, f: &Frame) {
        self.lastmark = f.lastmark;
        self.lastindex = f.lastindex;
    }

    /// Suspends the top frame at (`pc`, `ptr`) and starts a sub-match at `child` from
    /// `self.ptr`; `resume` says how the top frame continues afterwards.
    fn call(&mut self, pc: usize, ptr: usize, child: usize, resume: Resume, toplevel: bool) -> Ev {
        let f = self.top();
        f.pc = pc;
        f.ptr = ptr;
        f.resume = resume;
        let start = self.ptr;
        self.frames.push(Frame::new(child, start, toplevel));
        Ev::Run
    }

    /// Matches the program at `self.ptr`; on success `self.ptr` is the end of the match.
    fn run(&mut self) -> bool {
        self.frames.clear();
        self.reps.clear();
        self.mark_stack.clear();
        self.repeat = None;
        self.frames.push(Frame::new(0, self.ptr, true));
        let mut ev = Ev::Run;
        loop {
            ev = match ev {
                Ev::Run => self.dispatch(),
                Ev::Ret(r) => {
                    self.frames.pop();
                    if self.frames.is_empty() {
                        return r;
                    }
                    self.resume(r)
                }
            };
        }
    }
}

mod ops;
