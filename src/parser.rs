//! Parser entry points and CPython-compatible syntax errors.
//!
//! Invariants: parsing never panics and never recurses without bound (the LR automaton is
//! iterative; helper recursion is bounded by the tokenizer's bracket limit and the f-string
//! depth limit). Internally errors carry byte offsets (`PErr`); they are converted to
//! 1-based line / character columns only at the public boundary.

pub(crate) mod build;
mod depth;
mod fstring;

lalrpop_util::lalrpop_mod!(
    #[allow(clippy::all, unused_parens, unused_imports, dead_code)]
    python
);

use crate::ast;
use crate::lexer::{line_of, tokenize_inner, Mode, Spanned, Tok};
use build::Top;
use lalrpop_util::ParseError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    Syntax,
    Indentation,
    Tab,
    /// Expressions nested beyond what the compiler handles: CPython's
    /// `RecursionError: maximum recursion depth exceeded during compilation`.
    Recursion,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub kind: SyntaxErrorKind,
    /// e.g. "invalid syntax", without the "SyntaxError: " prefix.
    pub msg: String,
    /// 1-based line, as CPython reports it.
    pub lineno: usize,
    /// 1-based column (in characters) of the caret.
    pub offset: usize,
    /// 1-based end column (offset + 1 when unknown).
    pub end_offset: usize,
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (line {}, offset {})", self.msg, self.lineno, self.offset)
    }
}

impl std::error::Error for SyntaxError {}

/// An error with byte offsets into the original source.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PErr {
    pub kind: SyntaxErrorKind,
    pub msg: String,
    pub start: usize,
    pub end: usize,
    /// Raised by a specific grammar rule: wins over tokenizer errors found later in the file.
    pub specific: bool,
    /// The error is only due to the end of input (see `is_incomplete`).
    pub incomplete: bool,
}

impl PErr {
    pub(crate) fn new(msg: impl Into<String>, start: usize, end: usize) -> PErr {
        PErr { kind: SyntaxErrorKind::Syntax, msg: msg.into(), start, end, specific: false, incomplete: false }
    }

    /// Nesting beyond the compiler's depth (see `SyntaxErrorKind::Recursion`).
    pub(crate) fn too_deep(start: usize, end: usize) -> PErr {
        PErr { kind: SyntaxErrorKind::Recursion, ..PErr::new("maximum recursion depth exceeded during compilation", start, end) }
    }

    pub(crate) fn specific(mut self) -> PErr {
        self.specific = true;
        self
    }

    fn indentation(mut self) -> PErr {
        self.kind = SyntaxErrorKind::Indentation;
        self
    }

    pub(crate) fn to_syntax_error(&self, src: &str, _base: usize) -> SyntaxError {
        let start = floor_char(src, self.start.min(src.len()));
        let lineno = line_of(src, start);
        let line_start = src[..start].rfind('\n').map_or(0, |p| p + 1);
        let offset = src[line_start..start].chars().count() + 1;
        let end = floor_char(src, self.end.min(src.len()));
        let end_offset = if end > start && !src[start..end].contains('\n') {
            src[line_start..end].chars().count() + 1
        } else {
            offset + 1
        };
        SyntaxError { kind: self.kind, msg: self.msg.clone(), lineno, offset, end_offset }
    }
}

fn floor_char(src: &str, mut p: usize) -> usize {
    while p > 0 && !src.is_char_boundary(p) {
        p -= 1;
    }
    p
}

/// Parses a module (`exec` mode).
pub fn parse_module(src: &str) -> Result<ast::Module, SyntaxError> {
    match parse_inner(src, 0, Mode::Module) {
        Ok(Top::Module(body)) => match depth::too_deep(&body) {
            None => Ok(ast::Module { body }),
            Some(span) => {
                depth::dismantle_stmts(body);
                Err(too_deep_error(span).to_syntax_error(src, 0))
            }
        },
        Ok(Top::Expr(_)) => Ok(ast::Module { body: vec![] }),
        Err(e) => Err(e.to_syntax_error(src, 0)),
    }
}

/// Parses a single expression (`eval` mode); leading whitespace is ignored.
pub fn parse_expression(src: &str) -> Result<ast::Expr, SyntaxError> {
    match parse_inner(src, 0, Mode::Expr) {
        Ok(Top::Expr(e)) => {
            if depth::expr_depth(&e) > depth::MAX_EXPR_DEPTH {
                let span = e.span;
                depth::dismantle(e);
                return Err(too_deep_error(span).to_syntax_error(src, 0));
            }
            Ok(e)
        }
        Ok(Top::Module(_)) => Err(PErr::new("invalid syntax", 0, 0).to_syntax_error(src, 0)),
        Err(e) => Err(e.to_syntax_error(src, 0)),
    }
}

fn too_deep_error(span: ast::Span) -> PErr {
    PErr::too_deep(span.start as usize, span.end as usize)
}

/// True when `src` fails to parse only because input ended early (unclosed bracket,
/// unterminated triple-quoted string, block header without body, trailing backslash):
/// a REPL should then read more lines. A decorator line ending the input (at any
/// indentation) also asks for more: the definition it decorates follows.
pub fn is_incomplete(src: &str) -> bool {
    match parse_inner(src, 0, Mode::Module) {
        Ok(_) => false,
        Err(e) => {
            e.incomplete || {
                let body = src.trim_end();
                let last_start = body.rfind('\n').map_or(0, |p| p + 1);
                body[last_start..].trim_start().starts_with('@') && e.start >= last_start
            }
        }
    }
}

/// Parses the text of an f-string field, which starts at byte `base` of the source.
pub(crate) fn parse_fstring_expr(text: &str, base: usize) -> Result<ast::Expr, PErr> {
    let wrapped = format!("({})", text);
    match parse_inner(&wrapped, base - 1, Mode::Expr)? {
        Top::Expr(e) => Ok(e),
        Top::Module(_) => Err(PErr::new("invalid syntax", base, base)),
    }
}

pub(crate) fn parse_inner(src: &str, base: usize, mode: Mode) -> Result<Top, PErr> {
    let (toks, lex_err) = tokenize_inner(src, base, mode);
    let start_tok = if mode == Mode::Module { Tok::StartModule } else { Tok::StartExpr };
    let first = (base, start_tok, base);
    let input = std::iter::once(first).chain(toks.iter().cloned()).map(Ok::<Spanned, PErr>);
    let result = python::TopParser::new().parse(input);
    let eof = toks.last().map_or(base, |t| t.2);
    match (result, lex_err) {
        (Ok(top), None) => Ok(top),
        (Ok(_), Some(le)) => Err(lex_incomplete(le)),
        (Err(pe), None) => Err(map_error(pe, &toks, src, base)),
        (Err(pe), Some(le)) => {
            let pe = map_error(pe, &toks, src, base);
            // Like CPython, tokenizer errors raised while scanning (strings, numbers,
            // indentation) win; an invalid character or an unclosed bracket loses to a
            // specific parser error found earlier.
            let soft = le.msg == "invalid syntax" || le.msg.starts_with("invalid character") || le.msg.ends_with("was never closed");
            if soft && pe.specific && !pe.incomplete && pe.start < le.start && pe.start < eof {
                Err(pe)
            } else {
                Err(lex_incomplete(le))
            }
        }
    }
}

fn lex_incomplete(mut le: PErr) -> PErr {
    le.incomplete = le.msg.starts_with("unterminated triple-quoted")
        || le.msg.ends_with("was never closed")
        || le.msg == "unexpected EOF while parsing";
    le
}

fn is_expr_end(t: &Tok) -> bool {
    matches!(
        t,
        Tok::Name(_) | Tok::Int(_) | Tok::Float(_) | Tok::Complex(_) | Tok::Str(_) | Tok::RPar | Tok::RSqb
            | Tok::RBrace | Tok::None | Tok::True | Tok::False | Tok::Ellipsis
    )
}

fn is_expr_start(t: &Tok) -> bool {
    matches!(
        t,
        Tok::Name(_) | Tok::Int(_) | Tok::Float(_) | Tok::Complex(_) | Tok::Str(_) | Tok::LPar | Tok::LSqb
            | Tok::LBrace | Tok::None | Tok::True | Tok::False | Tok::Ellipsis | Tok::Lambda | Tok::Not
            | Tok::Tilde
    )
}

/// Index of the first token of the logical line containing token `idx`.
fn line_start_index(toks: &[Spanned], idx: usize) -> usize {
    let mut j = idx;
    while j > 0 && !matches!(toks[j - 1].1, Tok::Newline | Tok::Indent | Tok::Dedent) {
        j -= 1;
    }
    j
}

fn block_name(t: &Tok) -> Option<&'static str> {
    Some(match t {
        Tok::If => "'if' statement",
        Tok::Elif => "'elif' statement",
        Tok::Else => "'else' statement",
        Tok::While => "'while' statement",
        Tok::For => "'for' statement",
        Tok::Try => "'try' statement",
        Tok::Except => "'except' statement",
        Tok::Finally => "'finally' statement",
        Tok::With => "'with' statement",
        Tok::Def => "function definition",
        Tok::Class => "class definition",
        _ => return None,
    })
}

/// "expected an indented block after ..." for the header line ending just before `idx`.
fn indent_error(toks: &[Spanned], idx: usize, pos: usize, src: &str, base: usize) -> PErr {
    let header = line_start_index(toks, idx.saturating_sub(1));
    // `else`/`elif`/`except`/`finally` headers may follow a DEDENT of the previous block.
    let (hs, ht) = toks.get(header).map_or((pos, &Tok::Newline), |t| (t.0, &t.1));
    let what = block_name(ht).unwrap_or("statement");
    let line = line_of(src, hs - base);
    PErr::new(format!("expected an indented block after {} on line {}", what, line), pos, pos)
        .indentation()
        .specific()
}

fn map_error(err: ParseError<usize, Tok, PErr>, toks: &[Spanned], src: &str, base: usize) -> PErr {
    let only_indent = |exp: &[String]| !exp.is_empty() && exp.iter().all(|e| e == "\"INDENT\"");
    match err {
        ParseError::User { error } => error.specific(),
        ParseError::InvalidToken { location } => PErr::new("invalid syntax", location, location),
        ParseError::ExtraToken { token: (l, _, r) } => PErr::new("invalid syntax", l, r),
        ParseError::UnrecognizedEof { location, expected } => {
            let mut e = if only_indent(&expected) {
                indent_error(toks, toks.len(), location, src, base)
            } else {
                PErr::new("invalid syntax", location, location)
            };
            e.incomplete = true;
            e
        }
        ParseError::UnrecognizedToken { token: (l, tok, r), expected } => {
            let idx = toks.iter().position(|t| t.0 == l && t.1 == tok).unwrap_or(toks.len());
            if tok == Tok::Indent {
                let p = if r > l { r - 1 } else { l };
                return PErr::new("unexpected indent", p, p + 1).indentation().specific();
            }
            if only_indent(&expected) {
                let mut e = indent_error(toks, idx, l, src, base);
                // Only the closing DEDENTs remain: more input could supply the block.
                e.incomplete = toks[idx.min(toks.len())..].iter().all(|t| t.1 == Tok::Dedent);
                return e;
            }
            let ls = line_start_index(toks, idx);
            let first = toks.get(ls).map(|t| &t.1);
            if let Some(Tok::Name(n)) = first {
                let ends_colon = toks[ls..].iter().take_while(|t| t.1 != Tok::Newline).last().map(|t| &t.1)
                    == Some(&Tok::Colon);
                if n == "match" && ends_colon {
                    let t = &toks[ls];
                    return PErr::new("'match' is not supported by Ouro", t.0, t.2).specific();
                }
            }
            if tok == Tok::Newline
                && expected.iter().any(|e| e == "\":\"")
                && first.map_or(false, |t| block_name(t).is_some())
            {
                return PErr::new("expected ':'", l, l).specific();
            }
            if let (Some(Tok::Name(n)), true) = (first, idx == ls + 1) {
                if (n == "print" || n == "exec") && is_expr_start(&tok) {
                    let t = &toks[ls];
                    let msg = format!("Missing parentheses in call to '{}'. Did you mean {}(...)?", n, n);
                    return PErr::new(msg, t.0, t.2).specific();
                }
            }
            if let Some(e) = forgot_comma(toks, idx) {
                return e;
            }
            if expected.iter().any(|e| e == "\"else\"") {
                if let Some(e) = expected_else(toks, idx) {
                    return e;
                }
            }
            let mut e = PErr::new("invalid syntax", l, r);
            if tok == Tok::Dedent {
                e.msg = "unindent does not match any outer indentation level".into();
                e = e.indentation();
            }
            e
        }
    }
}

/// "expected 'else' after 'if' expression" when a ternary lacks its `else`.
fn expected_else(toks: &[Spanned], idx: usize) -> Option<PErr> {
    let mut j = idx;
    let mut d = 0i32;
    while j > 0 {
        j -= 1;
        match toks[j].1 {
            Tok::RPar | Tok::RSqb | Tok::RBrace => d += 1,
            Tok::LPar | Tok::LSqb | Tok::LBrace => {
                if d == 0 {
                    return None;
                }
                d -= 1;
            }
            Tok::If if d == 0 => break,
            Tok::Newline | Tok::Indent | Tok::Dedent | Tok::Comma | Tok::Equal | Tok::Else if d == 0 => return None,
            _ => {}
        }
    }
    if j == 0 || toks[j].1 != Tok::If {
        return None;
    }
    let start = disjunction_start(toks, j);
    if start >= j {
        return None;
    }
    Some(PErr::new("expected 'else' after 'if' expression", toks[start].0, toks[idx - 1].2).specific())
}

/// Index of the first token of the disjunction (operand sequence) that ends just before
/// token `end`.
fn disjunction_start(toks: &[Spanned], end: usize) -> usize {
    let mut j = end;
    let mut d = 0i32;
    while j > 0 {
        let t = &toks[j - 1].1;
        match t {
            Tok::RPar | Tok::RSqb | Tok::RBrace => d += 1,
            Tok::LPar | Tok::LSqb | Tok::LBrace => {
                if d == 0 {
                    break;
                }
                d -= 1;
            }
            Tok::Comma | Tok::Equal | Tok::Colon | Tok::ColonEqual | Tok::If | Tok::Else | Tok::For | Tok::In
            | Tok::Lambda | Tok::Yield | Tok::Return | Tok::Newline | Tok::Indent | Tok::Dedent | Tok::Semi
            | Tok::Assert | Tok::Del | Tok::While | Tok::Elif
                if d == 0 =>
            {
                break
            }
            Tok::Star | Tok::DoubleStar
                if d == 0 && (j < 2 || matches!(toks[j - 2].1, Tok::Comma | Tok::LPar | Tok::LSqb | Tok::LBrace)) =>
            {
                break
            }
            _ => {}
        }
        j -= 1;
    }
    j
}

/// CPython's "Perhaps you forgot a comma?" for two juxtaposed expressions inside brackets.
fn forgot_comma(toks: &[Spanned], idx: usize) -> Option<PErr> {
    if idx == 0 || idx >= toks.len() {
        return None;
    }
    let (prev, cur) = (&toks[idx - 1].1, &toks[idx].1);
    if !is_expr_end(prev) || !is_expr_start(cur) || matches!((prev, cur), (Tok::Name(_), Tok::Str(_))) {
        return None;
    }
    let mut depth = 0i32;
    for t in &toks[..idx] {
        match t.1 {
            Tok::LPar | Tok::LSqb | Tok::LBrace => depth += 1,
            Tok::RPar | Tok::RSqb | Tok::RBrace => depth -= 1,
            _ => {}
        }
    }
    if depth <= 0 {
        return None;
    }
    let start = toks[disjunction_start(toks, idx - 1)].0;
    Some(PErr::new("invalid syntax. Perhaps you forgot a comma?", start, toks[idx].2).specific())
}
