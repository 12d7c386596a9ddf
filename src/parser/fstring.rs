//! f-string field parsing with Python 3.11's rules.
//!
//! Invariants: literal text is decoded with the ordinary escape rules (`{{`/`}}` become
//! braces); each `{expr}` is parsed as `(expr)` with the module parser, so sub-expression
//! spans are byte offsets inside the literal. Nesting (through format specs and nested
//! f-strings in expressions) is bounded by `MAX_DEPTH`, so recursion cannot overflow.

use super::PErr;
use crate::ast::{Expr, ExprKind, Span};
use crate::lexer::{decode_str, FStrTok};
use std::cell::Cell;

const MAX_DEPTH: usize = 8;

thread_local! {
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

pub(crate) enum FPart {
    Lit(String),
    Field(Expr),
}

/// Parses one f-string literal; `err_pos` (the literal's end) is where CPython 3.11
/// reports f-string errors.
pub(crate) fn parse(tok: &FStrTok, err_pos: usize) -> Result<Vec<FPart>, PErr> {
    let depth = DEPTH.with(|d| d.get());
    if depth >= MAX_DEPTH {
        return Err(PErr::new("f-string: expressions nested too deeply", err_pos, err_pos));
    }
    DEPTH.with(|d| d.set(depth + 1));
    let p = Parser { s: &tok.content, raw: tok.raw, base: tok.offset, err_pos };
    let r = p.parts(0, 0).map(|(v, _)| v);
    DEPTH.with(|d| d.set(depth));
    r
}

struct Parser<'a> {
    s: &'a str,
    raw: bool,
    base: usize,
    err_pos: usize,
}

impl<'a> Parser<'a> {
    fn err(&self, msg: &str) -> PErr {
        PErr::new(format!("f-string: {}", msg), self.err_pos, self.err_pos)
    }

    fn flush(&self, lit_raw: &mut String, lit_start: usize, out: &mut Vec<FPart>) -> Result<(), PErr> {
        if !lit_raw.is_empty() {
            let text = decode_str(lit_raw, self.raw, self.base + lit_start)?;
            out.push(FPart::Lit(text));
            lit_raw.clear();
        }
        Ok(())
    }

    /// Parses literal text and fields from `i` until the end, or (inside a format spec,
    /// `spec_depth > 0`) until an unmatched `}`. Returns the parts and the stop position.
    fn parts(&self, mut i: usize, spec_depth: usize) -> Result<(Vec<FPart>, usize), PErr> {
        let b = self.s.as_bytes();
        let mut out = Vec::new();
        let mut lit = String::new();
        let mut lit_start = i;
        while i < b.len() {
            let c = b[i];
            if c == b'\\' && !self.raw && i + 1 < b.len() {
                if b[i + 1] == b'N' && b.get(i + 2) == Some(&b'{') {
                    let end = self.s[i..].find('}').map_or(b.len(), |k| i + k + 1);
                    lit.push_str(&self.s[i..end]);
                    i = end;
                    continue;
                }
                lit.push('\\');
                i += 1;
                if b[i] != b'{' && b[i] != b'}' {
                    let ch = self.s[i..].chars().next().unwrap_or('\\');
                    lit.push(ch);
                    i += ch.len_utf8();
                }
                continue;
            }
            if c == b'{' {
                if spec_depth == 0 && b.get(i + 1) == Some(&b'{') {
                    lit.push('{');
                    i += 2;
                    continue;
                }
                self.flush(&mut lit, lit_start, &mut out)?;
                let (field, debug, end) = self.field(i, spec_depth)?;
                if let Some(d) = debug {
                    out.push(FPart::Lit(d));
                }
                out.push(FPart::Field(field));
                i = end;
                lit_start = i;
                continue;
            }
            if c == b'}' {
                if spec_depth > 0 {
                    self.flush(&mut lit, lit_start, &mut out)?;
                    return Ok((out, i));
                }
                if b.get(i + 1) == Some(&b'}') {
                    lit.push('}');
                    i += 2;
                    continue;
                }
                return Err(self.err("single '}' is not allowed"));
            }
            let ch = self.s[i..].chars().next().unwrap_or(' ');
            lit.push(ch);
            i += ch.len_utf8();
        }
        if spec_depth > 0 {
            return Err(self.err("expecting '}'"));
        }
        self.flush(&mut lit, lit_start, &mut out)?;
        Ok((out, i))
    }

    /// Parses the field starting at the `{` at `open`; returns the FormattedValue, the
    /// debug text for `{x=}` and the position after the closing `}`.
    fn field(&self, open: usize, spec_depth: usize) -> Result<(Expr, Option<String>, usize), PErr> {
        if spec_depth >= 2 {
            return Err(self.err("expressions nested too deeply"));
        }
        let b = self.s.as_bytes();
        let start = open + 1;
        let mut i = start;
        let mut depth = 0usize;
        let end_expr;
        loop {
            if i >= b.len() {
                return Err(self.err("expecting '}'"));
            }
            let c = b[i];
            match c {
                b'\\' => return Err(PErr::new("f-string expression part cannot include a backslash", self.err_pos, self.err_pos)),
                b'#' => return Err(PErr::new("f-string expression part cannot include '#'", self.err_pos, self.err_pos)),
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' => {
                    if depth == 0 {
                        return Err(self.err(&format!("unmatched '{}'", c as char)));
                    }
                    depth -= 1;
                }
                b'}' => {
                    if depth == 0 {
                        end_expr = i;
                        break;
                    }
                    depth -= 1;
                }
                b'\'' | b'"' => {
                    let triple = b.get(i + 1) == Some(&c) && b.get(i + 2) == Some(&c);
                    let q = if triple { 3 } else { 1 };
                    let mut j = i + q;
                    loop {
                        if j >= b.len() {
                            return Err(self.err("unterminated string"));
                        }
                        if b[j] == c && (!triple || (b.get(j + 1) == Some(&c) && b.get(j + 2) == Some(&c))) {
                            break;
                        }
                        j += 1;
                    }
                    i = j + q;
                    continue;
                }
                b'!' if depth == 0 && b.get(i + 1) != Some(&b'=') => {
                    end_expr = i;
                    break;
                }
                b':' if depth == 0 => {
                    end_expr = i;
                    break;
                }
                b'=' if depth == 0 => {
                    let prev = if i > start { b[i - 1] } else { b' ' };
                    if b.get(i + 1) == Some(&b'=') {
                        i += 2;
                        continue;
                    }
                    if !matches!(prev, b'=' | b'!' | b'<' | b'>') {
                        end_expr = i;
                        break;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        let text = &self.s[start..end_expr];
        if text.trim().is_empty() {
            return Err(self.err("empty expression not allowed"));
        }
        let mut i = end_expr;
        let mut debug = None;
        if b[i] == b'=' {
            i += 1;
            while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
                i += 1;
            }
            debug = Some(self.s[start..i].to_string());
        }
        let mut conversion = None;
        if i < b.len() && b[i] == b'!' {
            match b.get(i + 1) {
                Some(b's') | Some(b'r') | Some(b'a') => conversion = Some(b[i + 1] as char),
                _ => return Err(self.err("invalid conversion character: expected 's', 'r', or 'a'")),
            }
            i += 2;
        }
        let mut format_spec = None;
        if i < b.len() && b[i] == b':' {
            let spec_start = i + 1;
            let (parts, end) = self.parts(spec_start, spec_depth + 1)?;
            let mut values = Vec::new();
            for p in parts {
                match p {
                    FPart::Lit(s) => values.push(Expr {
                        span: Span::new(self.base + spec_start, self.base + end),
                        kind: ExprKind::Constant(crate::ast::Constant::Str(s)),
                    }),
                    FPart::Field(e) => values.push(e),
                }
            }
            format_spec = Some(Box::new(Expr {
                span: Span::new(self.base + spec_start, self.base + end),
                kind: ExprKind::JoinedStr(values),
            }));
            i = end;
        }
        if i >= b.len() || b[i] != b'}' {
            return Err(self.err("expecting '}'"));
        }
        if debug.is_some() && conversion.is_none() && format_spec.is_none() {
            conversion = Some('r');
        }
        let value = super::parse_fstring_expr(text, self.base + start).map_err(|mut e| {
            if !e.msg.starts_with("f-string") {
                e.msg = format!("f-string: {}", e.msg);
            }
            e
        })?;
        let span = Span::new(self.base + open, self.base + i + 1);
        let fv = Expr { span, kind: ExprKind::FormattedValue { value: Box::new(value), conversion, format_spec } };
        Ok((fv, debug, i + 1))
    }
}
