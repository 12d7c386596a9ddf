//! `_sre`: the native half of the `re` module. It compiles patterns with the engine in
//! `modules::re` and runs them over str and bytes subjects; the Python half
//! (`lib/re.py`) builds Pattern and Match objects from what these functions return.
//!
//! Invariants: a compiled program object (`_sre.Program`) is immutable and holds no
//! references to other objects, so it is never tracked by the collector. Every span this
//! module returns is in code points (bytes for a bytes subject) and lies within
//! `0..=len(subject)`.

use super::new_module;
use super::re::{self, Mode, Regex};
use crate::builtins::{arity, def_in};
use crate::object::types::{new_static_type, Layout};
use crate::object::{self, ObjRef, Payload, PyResult};
use crate::vm::Vm;

/// The payload of a `_sre.Program` object.
pub struct Program {
    pub regex: Regex,
    pub is_bytes: bool,
}

thread_local! {
    /// The `_sre.Program` type, created by `init` with the interpreter's other permanent
    /// objects (before the leak check's baseline).
    static PROGRAM_TYPE: ObjRef = {
        let ty = new_static_type("Program", Layout::Other, &object::types::builtin_types().object);
        crate::builtins::set_type_attr(&ty, "__module__", object::new_str("_sre"));
        ty
    };
}

pub fn init() {
    PROGRAM_TYPE.with(|_| {});
}

/// A subject's code points (borrowed when they are one byte each), and whether it is a
/// str (substrings are then str, else bytes).
struct Text<'a> {
    units: Units<'a>,
    is_str: bool,
}

enum Units<'a> {
    Bytes(&'a [u8]),
    Chars(Vec<char>),
}

impl Text<'_> {
    fn len(&self) -> usize {
        match &self.units {
            Units::Bytes(b) => b.len(),
            Units::Chars(c) => c.len(),
        }
    }

    /// The substring `start..end` as a new str or bytes object.
    #[must_use]
    fn slice(&self, start: usize, end: usize) -> ObjRef {
        match (&self.units, self.is_str) {
            (Units::Bytes(b), true) => object::new_str(std::str::from_utf8(&b[start..end]).unwrap_or("")),
            (Units::Bytes(b), false) => object::new_bytes(b[start..end].to_vec()),
            (Units::Chars(c), true) => object::new_string(c[start..end].iter().collect()),
            (Units::Chars(c), false) => object::new_bytes(c[start..end].iter().map(|&ch| ch as u8).collect()),
        }
    }

    /// Group `i`'s text, or `default` when the group did not take part.
    fn group(&self, m: &re::MatchResult, i: usize, default: &ObjRef) -> ObjRef {
        match m.spans[i] {
            Some((s, e)) => self.slice(s, e),
            None => default.clone(),
        }
    }
}

/// `_sre.compile(pattern, flags)`: `(program, groups, ((name, index), ...), flags)`, or
/// `(None, message, position)` when the pattern does not compile (re.py raises `re.error`).
fn compile(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    arity(vm, "compile", args, kw, 2, 2)?;
    let flags = vm.index_isize(&args[1])? as u32;
    let (code_points, is_bytes): (Vec<u32>, bool) = match args[0].payload() {
        Payload::Str(s) => (s.s.chars().map(|c| c as u32).collect(), false),
        Payload::Bytes(b) => (b.iter().map(|&c| c as u32).collect(), true),
        _ => return Err(vm.type_error("first argument must be string or compiled pattern")),
    };
    match re::compile(&code_points, flags, is_bytes) {
        Ok(regex) => {
            let names = regex.group_names.iter().map(|(n, i)| object::new_tuple(vec![object::new_str(n), object::new_int(*i as i64)])).collect();
            let groups = object::new_int(regex.groups as i64);
            let flags = object::new_int(regex.flags as i64);
            let ty = PROGRAM_TYPE.with(|t| t.clone());
            let prog = ObjRef::new(&ty, Payload::Regex(Box::new(Program { regex, is_bytes })));
            Ok(object::new_tuple(vec![prog, groups, object::new_tuple(names), flags]))
        }
        Err(e) => {
            let pos = e.pos.map(|p| object::new_int(p as i64)).unwrap_or_else(object::none);
            Ok(object::new_tuple(vec![object::none(), object::new_string(e.msg), pos]))
        }
    }
}

fn program<'a>(vm: &Vm, o: &'a ObjRef) -> PyResult<&'a Program> {
    match o.payload() {
        Payload::Regex(p) => Ok(p),
        _ => Err(vm.type_error("expected a compiled pattern")),
    }
}

/// The subject's code points, after CPython's type checks against the pattern's kind.
fn subject<'a>(vm: &Vm, prog: &Program, o: &'a ObjRef) -> PyResult<Text<'a>> {
    let text = match o.payload() {
        Payload::Str(s) if !prog.is_bytes => {
            let units = if s.is_ascii { Units::Bytes(s.s.as_bytes()) } else { Units::Chars(s.s.chars().collect()) };
            Text { units, is_str: true }
        }
        Payload::Bytes(b) if prog.is_bytes => Text { units: Units::Bytes(b), is_str: false },
        Payload::ByteArray(b) if prog.is_bytes => Text { units: Units::Chars(b.borrow().iter().map(|&c| c as char).collect()), is_str: false },
        Payload::Str(_) => return Err(vm.type_error("cannot use a bytes pattern on a string-like object")),
        Payload::Bytes(_) | Payload::ByteArray(_) => return Err(vm.type_error("cannot use a string pattern on a bytes-like object")),
        _ => return Err(vm.type_error(format!("expected string or bytes-like object, got '{}'", o.type_name()))),
    };
    Ok(text)
}

/// CPython's clamping of `pos` and `endpos` (None meaning the end) to `0..=len`.
fn bounds(vm: &Vm, pos: &ObjRef, endpos: &ObjRef, len: usize) -> PyResult<(usize, usize)> {
    let clamp = |v: isize| v.clamp(0, len as isize) as usize;
    let start = clamp(vm.index_isize(pos)?);
    let end = if endpos.is_none() { len } else { clamp(vm.index_isize(endpos)?) };
    Ok((start, end))
}

fn run(prog: &Program, text: &Text, pos: usize, end: usize, mode: Mode, must_advance: bool) -> Option<re::MatchResult> {
    match &text.units {
        Units::Bytes(b) => prog.regex.exec(*b, pos, end, mode, must_advance),
        Units::Chars(c) => prog.regex.exec(c.as_slice(), pos, end, mode, must_advance),
    }
}

/// `(regs, lastindex, pos, endpos, groups)` for a Match object; `groups` holds each
/// group's text (None for a group that did not take part), so that Python code never
/// slices the subject (slicing a non-ASCII str costs its length).
fn result_tuple(text: &Text, m: &re::MatchResult, pos: usize, end: usize) -> ObjRef {
    let none = object::none();
    let groups = (0..m.spans.len()).map(|i| text.group(m, i, &none)).collect();
    let regs = m
        .spans
        .iter()
        .map(|s| {
            let (a, b) = s.map(|(a, b)| (a as i64, b as i64)).unwrap_or((-1, -1));
            object::new_tuple(vec![object::new_int(a), object::new_int(b)])
        })
        .collect();
    let last = m.lastindex.map(|i| object::new_int(i as i64)).unwrap_or_else(object::none);
    object::new_tuple(vec![object::new_tuple(regs), last, object::new_int(pos as i64), object::new_int(end as i64), object::new_tuple(groups)])
}

/// `_sre.exec(program, string, pos, endpos, mode)`: one match (mode 0), fullmatch (1) or
/// search (2); the match's result tuple or None.
fn exec(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    arity(vm, "exec", args, kw, 5, 5)?;
    let prog = program(vm, &args[0])?;
    let text = subject(vm, prog, &args[1])?;
    let (pos, end) = bounds(vm, &args[2], &args[3], text.len())?;
    let mode = match vm.index_isize(&args[4])? {
        0 => Mode::Match,
        1 => Mode::FullMatch,
        _ => Mode::Search,
    };
    if end < pos {
        return Ok(object::none());
    }
    Ok(match run(prog, &text, pos, end, mode, false) {
        Some(m) => result_tuple(&text, &m, pos, end),
        None => object::none(),
    })
}

/// Calls `each` for successive non-overlapping search results from `start` to `end`, as
/// findall/finditer/sub/split see them: after an empty match, an empty match at the same
/// place is not allowed (CPython's must_advance). Stops after `limit` matches when
/// limit > 0, or when `each` fails.
fn for_each_match(prog: &Program, text: &Text, start: usize, end: usize, limit: isize, mut each: impl FnMut(&re::MatchResult) -> PyResult<()>) -> PyResult<()> {
    let mut pos = start;
    let mut must_advance = false;
    let mut n = 0;
    while pos <= end {
        let Some(m) = run(prog, text, pos, end, Mode::Search, must_advance) else { break };
        let (s, e) = m.spans[0].unwrap_or((pos, pos));
        each(&m)?;
        n += 1;
        if limit > 0 && n >= limit {
            break;
        }
        must_advance = s == e;
        pos = e;
    }
    Ok(())
}

/// Arguments `(program, string, pos, endpos)` shared by scan and findall.
fn scan_args<'a>(vm: &Vm, fname: &str, args: &'a [ObjRef], kw: Option<&[ObjRef]>) -> PyResult<(&'a Program, Text<'a>, usize, usize)> {
    arity(vm, fname, args, kw, 4, 4)?;
    let prog = program(vm, &args[0])?;
    let text = subject(vm, prog, &args[1])?;
    let (start, end) = bounds(vm, &args[2], &args[3], text.len())?;
    Ok((prog, text, start, end))
}

/// `_sre.scan(program, string, pos, endpos)`: the result tuples of all matches (finditer).
fn scan(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let (prog, text, start, end) = scan_args(vm, "scan", args, kw)?;
    let mut out = Vec::new();
    for_each_match(prog, &text, start, end, 0, |m| {
        out.push(result_tuple(&text, m, start, end));
        Ok(())
    })?;
    Ok(object::new_list(out))
}

/// `_sre.findall(program, string, pos, endpos)`: `Pattern.findall`'s list (whole matches,
/// group 1's text, or tuples of all groups' texts with '' for those not taking part).
fn findall(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let (prog, text, start, end) = scan_args(vm, "findall", args, kw)?;
    let empty = text.slice(0, 0);
    let groups = prog.regex.groups;
    let mut out = Vec::new();
    for_each_match(prog, &text, start, end, 0, |m| {
        out.push(match groups {
            0 => text.group(m, 0, &empty),
            1 => text.group(m, 1, &empty),
            _ => object::new_tuple((1..=groups).map(|i| text.group(m, i, &empty)).collect()),
        });
        Ok(())
    })?;
    Ok(object::new_list(out))
}

/// `_sre.split(program, string, maxsplit)`: `Pattern.split`'s list.
fn split(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    arity(vm, "split", args, kw, 3, 3)?;
    let prog = program(vm, &args[0])?;
    let text = subject(vm, prog, &args[1])?;
    let maxsplit = vm.index_isize(&args[2])?;
    if maxsplit < 0 {
        return Ok(object::new_list(vec![args[1].clone()]));
    }
    let none = object::none();
    let mut out = Vec::new();
    let mut last = 0;
    for_each_match(prog, &text, 0, text.len(), maxsplit, |m| {
        let (s, e) = m.spans[0].unwrap_or((last, last));
        out.push(text.slice(last, s));
        out.extend((1..m.spans.len()).map(|i| text.group(m, i, &none)));
        last = e;
        Ok(())
    })?;
    out.push(text.slice(last, text.len()));
    Ok(object::new_list(out))
}

/// `_sre.sub(program, string, count, literal, expand)`: `(new string, number of
/// replacements)`. Each match is replaced by `literal` when it is not None, else by
/// `expand(result tuple)` (a template expansion or the user's function, which may
/// return None for nothing).
fn sub(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    arity(vm, "sub", args, kw, 5, 5)?;
    let prog = program(vm, &args[0])?;
    let text = subject(vm, prog, &args[1])?;
    let count = vm.index_isize(&args[2])?;
    let (literal, expand) = (&args[3], &args[4]);
    let len = text.len();
    if count < 0 {
        return Ok(object::new_tuple(vec![args[1].clone(), object::new_int(0)]));
    }
    let mut str_out = String::new();
    let mut bytes_out: Vec<u8> = Vec::new();
    let mut push = |piece: &ObjRef| -> PyResult<()> {
        if text.is_str {
            match piece.as_str() {
                Some(p) => str_out.push_str(p),
                None => return Err(vm.type_error(format!("expected str instance, {} found", piece.type_name()))),
            }
        } else {
            match crate::builtins::bytes::as_bytes(piece) {
                Some(b) => bytes_out.extend_from_slice(&b),
                None => return Err(vm.type_error(format!("expected a bytes-like object, {} found", piece.type_name()))),
            }
        }
        Ok(())
    };
    let mut last = 0;
    let mut n = 0;
    for_each_match(prog, &text, 0, len, count, |m| {
        let (s, e) = m.spans[0].unwrap_or((last, last));
        push(&text.slice(last, s))?;
        let piece = if literal.is_none() { vm.call(expand, &[result_tuple(&text, m, 0, len)], None)? } else { literal.clone() };
        if !piece.is_none() {
            push(&piece)?;
        }
        last = e;
        n += 1;
        Ok(())
    })?;
    push(&text.slice(last, len))?;
    let result = if n == 0 {
        args[1].clone()
    } else if text.is_str {
        object::new_string(str_out)
    } else {
        object::new_bytes(bytes_out)
    };
    Ok(object::new_tuple(vec![result, object::new_int(n)]))
}

pub fn make(vm: &Vm) -> PyResult {
    let m = new_module(vm, "_sre");
    def_in(vm, &m, "compile", compile);
    def_in(vm, &m, "exec", exec);
    def_in(vm, &m, "scan", scan);
    def_in(vm, &m, "findall", findall);
    def_in(vm, &m, "split", split);
    def_in(vm, &m, "sub", sub);
    Ok(m)
}
