//! Tokenizer: raw tokens come from a `logos` automaton; a layer on top turns them into the
//! stream the parser consumes (NEWLINE / INDENT / DEDENT, implicit line joining inside
//! brackets, backslash continuation, keywords, decoded literals).
//!
//! Invariants of the produced stream:
//! - every token carries `(start, end)` byte offsets into the source (plus the `base` given
//!   to the internal entry point, used for f-string sub-expressions);
//! - no NEWLINE, INDENT or DEDENT is produced while a bracket is open;
//! - blank and comment-only lines produce nothing;
//! - a non-empty stream always ends with NEWLINE followed by one DEDENT per open block.

mod strings;

pub(crate) use strings::{decode_str, FStrTok};

use crate::parser::{PErr, SyntaxError, SyntaxErrorKind};
use dashu_int::IBig;
use logos::Logos;

/// Maximum bracket nesting (CPython's tokenizer limit).
const MAX_PAREN_LEVEL: usize = 200;
/// Upper bound on operator nesting within one logical line: keeps every tree the parser
/// builds (including partial trees dropped on error) shallow enough to drop recursively.
const MAX_OPERATOR_CHAIN: usize = 3000;
/// Maximum indentation depth (CPython's tokenizer limit).
const MAX_INDENT_LEVEL: usize = 100;

/// A string literal as the parser sees it: plain and bytes literals are fully decoded,
/// f-strings keep their source text (decoded by the parser, which parses the fields).
#[derive(Debug, Clone, PartialEq)]
pub enum StrLit {
    Str(String),
    Bytes(Vec<u8>),
    FStr(FStrTok),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Name(String),
    Int(IBig),
    Float(f64),
    Complex(f64),
    Str(StrLit),
    Newline,
    Indent,
    Dedent,
    // Synthetic first tokens selecting the parser's entry point; never returned by `tokenize`.
    StartModule,
    StartExpr,
    // Keywords.
    False, None, True, And, As, Assert, Async, Await, Break, Class, Continue, Def, Del, Elif,
    Else, Except, Finally, For, From, Global, If, Import, In, Is, Lambda, Nonlocal, Not, Or,
    Pass, Raise, Return, Try, While, With, Yield,
    // Operators and delimiters.
    LPar, RPar, LSqb, RSqb, LBrace, RBrace, Colon, Comma, Semi, Plus, Minus, Star, Slash,
    VBar, Amper, Less, Greater, Equal, Dot, Percent, EqEqual, NotEqual, LessEqual,
    GreaterEqual, Tilde, CircumFlex, LeftShift, RightShift, DoubleStar, PlusEqual, MinEqual,
    StarEqual, SlashEqual, PercentEqual, AmperEqual, VBarEqual, CircumflexEqual,
    LeftShiftEqual, RightShiftEqual, DoubleStarEqual, DoubleSlash, DoubleSlashEqual, At,
    AtEqual, RArrow, Ellipsis, ColonEqual,
}

#[derive(Logos, Debug, Clone, Copy, PartialEq)]
#[logos(skip r"[ \t\x0C]+")]
#[logos(skip(r"#[^\r\n]*", allow_greedy = true))]
enum Raw {
    #[regex(r"\r\n|\r|\n")]
    Newline,
    #[regex(r"\\(\r\n|\r|\n)")]
    Continuation,
    #[token("\\")]
    Backslash,
    #[regex("[A-Za-z_][A-Za-z0-9_]*")]
    Name,
    /// The first character(s) of a number; the rest is scanned by hand.
    #[regex(r"[0-9]|\.[0-9]")]
    Number,
    /// Prefix and opening quote of a string literal; the body is scanned by hand.
    #[regex(r#"([rRuUbBfF]|[bB][rR]|[rR][bB]|[fF][rR]|[rR][fF])?("|'|"""|''')"#)]
    StrStart,
    #[regex(r"\*\*=|//=|>>=|<<=|\.\.\.|->|:=|\*\*|//|>>|<<|<=|>=|==|!=|<>|\+=|-=|\*=|/=|%=|&=|\|=|\^=|@=|[-+*/%@&|^~<>()\[\]{}:;,.=!]")]
    Op,
}

fn op_tok(s: &str) -> Option<Tok> {
    use Tok::*;
    Some(match s {
        "(" => LPar, ")" => RPar, "[" => LSqb, "]" => RSqb, "{" => LBrace, "}" => RBrace,
        ":" => Colon, "," => Comma, ";" => Semi, "+" => Plus, "-" => Minus, "*" => Star,
        "/" => Slash, "|" => VBar, "&" => Amper, "<" => Less, ">" => Greater, "=" => Equal,
        "." => Dot, "%" => Percent, "==" => EqEqual, "!=" => NotEqual, "<=" => LessEqual,
        ">=" => GreaterEqual, "~" => Tilde, "^" => CircumFlex, "<<" => LeftShift,
        ">>" => RightShift, "**" => DoubleStar, "+=" => PlusEqual, "-=" => MinEqual,
        "*=" => StarEqual, "/=" => SlashEqual, "%=" => PercentEqual, "&=" => AmperEqual,
        "|=" => VBarEqual, "^=" => CircumflexEqual, "<<=" => LeftShiftEqual,
        ">>=" => RightShiftEqual, "**=" => DoubleStarEqual, "//" => DoubleSlash,
        "//=" => DoubleSlashEqual, "@" => At, "@=" => AtEqual, "->" => RArrow,
        "..." => Ellipsis, ":=" => ColonEqual,
        _ => return Option::None,
    })
}

fn keyword(s: &str) -> Option<Tok> {
    use Tok::*;
    Some(match s {
        "False" => False, "None" => None, "True" => True, "and" => And, "as" => As,
        "assert" => Assert, "async" => Async, "await" => Await, "break" => Break,
        "class" => Class, "continue" => Continue, "def" => Def, "del" => Del, "elif" => Elif,
        "else" => Else, "except" => Except, "finally" => Finally, "for" => For, "from" => From,
        "global" => Global, "if" => If, "import" => Import, "in" => In, "is" => Is,
        "lambda" => Lambda, "nonlocal" => Nonlocal, "not" => Not, "or" => Or, "pass" => Pass,
        "raise" => Raise, "return" => Return, "try" => Try, "while" => While, "with" => With,
        "yield" => Yield,
        _ => return Option::None,
    })
}

pub(crate) type Spanned = (usize, Tok, usize);

/// Tokenizes a whole module. Errors carry CPython's message and position.
pub fn tokenize(src: &str) -> Result<Vec<(usize, Tok, usize)>, SyntaxError> {
    let (toks, err) = tokenize_inner(src, 0, Mode::Module);
    match err {
        Some(e) => Err(e.to_syntax_error(src, 0)),
        Option::None => Ok(toks),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// A module: indentation is significant.
    Module,
    /// An `eval` expression: leading whitespace ignored, no INDENT/DEDENT.
    Expr,
}

pub(crate) fn is_id_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

pub(crate) fn is_id_continue(c: char) -> bool {
    c == '_' || c.is_alphanumeric() || c == '\u{b7}' || matches!(c, '\u{300}'..='\u{36f}')
}

/// Column of an indentation prefix: (tab size 8, tab size 1) like CPython's col/altcol.
fn measure_indent(bytes: &[u8], mut p: usize) -> (usize, usize, usize) {
    let (mut col, mut alt) = (0usize, 0usize);
    while p < bytes.len() {
        match bytes[p] {
            b' ' => {
                col += 1;
                alt += 1;
            }
            b'\t' => {
                col = (col / 8 + 1) * 8;
                alt += 1;
            }
            b'\x0C' => {
                col = 0;
                alt = 0;
            }
            _ => break,
        }
        p += 1;
    }
    (col, alt, p)
}

/// Tokenizes `src`, whose byte 0 sits at offset `base` of the original source. Returns the
/// tokens produced before the first error, and that error if any.
pub(crate) fn tokenize_inner(src: &str, base: usize, mode: Mode) -> (Vec<Spanned>, Option<PErr>) {
    let mut out: Vec<Spanned> = Vec::new();
    let err = Layer { src, base, mode, out: &mut out }.run();
    (out, err.err())
}

struct Layer<'a, 'o> {
    src: &'a str,
    base: usize,
    mode: Mode,
    out: &'o mut Vec<Spanned>,
}

impl<'a, 'o> Layer<'a, 'o> {
    fn err(&self, msg: impl Into<String>, start: usize, end: usize) -> PErr {
        PErr::new(msg, self.base + start, self.base + end)
    }

    fn push(&mut self, start: usize, tok: Tok, end: usize) {
        self.out.push((self.base + start, tok, self.base + end));
    }

    fn run(&mut self) -> Result<(), PErr> {
        let src = self.src;
        let bytes = src.as_bytes();
        let mut lex = Raw::lexer(src);
        // Indentation stack: (col, altcol) pairs; the bottom entry is column 0.
        let mut indents: Vec<(usize, usize)> = vec![(0, 0)];
        let mut brackets: Vec<(u8, usize)> = Vec::new();
        let mut at_line_start = true;
        // Operator chain tracking: `chain` counts operator tokens on the current path of
        // the logical line; `chain_base` holds its value at each open bracket.
        let mut chain = 0usize;
        let mut chain_base: Vec<usize> = Vec::new();
        loop {
            if at_line_start && brackets.is_empty() && self.mode == Mode::Module {
                let line_start = lex.span().end;
                let (col, alt, p) = measure_indent(bytes, line_start);
                let blank = p >= bytes.len() || matches!(bytes[p], b'#' | b'\n' | b'\r' | b'\\');
                if !blank {
                    let (top, top_alt) = *indents.last().unwrap_or(&(0, 0));
                    if col > top {
                        if alt <= top_alt {
                            return Err(self.tab_error(line_start));
                        }
                        if indents.len() >= MAX_INDENT_LEVEL {
                            let mut e = self.err("too many levels of indentation", p, p);
                            e.kind = SyntaxErrorKind::Indentation;
                            return Err(e);
                        }
                        indents.push((col, alt));
                        self.push(line_start, Tok::Indent, p);
                    } else if col < top {
                        while indents.last().map_or(false, |t| col < t.0) {
                            indents.pop();
                            self.push(p, Tok::Dedent, p);
                        }
                        let (top, top_alt) = *indents.last().unwrap_or(&(0, 0));
                        if col != top {
                            let q = src[p..].find('\n').map_or(src.len(), |k| p + k);
                            let mut e = self.err(
                                "unindent does not match any outer indentation level",
                                q,
                                q,
                            );
                            e.kind = SyntaxErrorKind::Indentation;
                            return Err(e);
                        }
                        if alt != top_alt {
                            return Err(self.tab_error(line_start));
                        }
                    } else if alt != top_alt {
                        return Err(self.tab_error(line_start));
                    }
                    at_line_start = false;
                }
            }
            let Some(raw) = lex.next() else { break };
            let span = lex.span();
            let (s, e) = (span.start, span.end);
            let raw = match raw {
                Ok(r) => r,
                Err(()) => {
                    let c = src[s..].chars().next().unwrap_or(' ');
                    if is_id_start(c) {
                        let end = scan_name_rest(src, s);
                        lex.bump(end - lex.span().end);
                        self.name(src, s, end)?;
                        at_line_start = false;
                        continue;
                    }
                    let msg = if (c as u32) < 0x80 && !c.is_ascii_control() && c != ' ' {
                        "invalid syntax".to_string()
                    } else {
                        format!("invalid character '{}' (U+{:04X})", c, c as u32)
                    };
                    return Err(self.err(msg, s, s + c.len_utf8()));
                }
            };
            match raw {
                Raw::Newline => {
                    if brackets.is_empty() {
                        chain = 0;
                    }
                    if brackets.is_empty() && !at_line_start {
                        self.push(s, Tok::Newline, e);
                    }
                    if brackets.is_empty() {
                        at_line_start = true;
                    }
                }
                Raw::Continuation => {
                    if e >= src.len() {
                        return Err(self.err("unexpected EOF while parsing", e - 1, e));
                    }
                }
                Raw::Backslash => {
                    if e >= src.len() {
                        return Err(self.err("unexpected EOF while parsing", e, e));
                    }
                    return Err(self.err(
                        "unexpected character after line continuation character",
                        e,
                        e,
                    ));
                }
                Raw::Name => {
                    if matches!(&src[s..e], "not" | "and" | "or" | "if" | "else" | "lambda" | "in" | "is" | "for" | "yield") {
                        chain += 1;
                        if chain > MAX_OPERATOR_CHAIN {
                            return Err(PErr::too_deep(self.base + s, self.base + e));
                        }
                    }
                    let mut end = e;
                    if bytes.get(e).map_or(false, |b| *b >= 0x80) {
                        end = scan_name_rest(src, s);
                        lex.bump(end - e);
                    }
                    self.name(src, s, end)?;
                }
                Raw::Number => {
                    let (tok, end) = strings::scan_number(src, s).map_err(|(m, a, b)| self.err(m, a, b))?;
                    lex.bump(end - e);
                    self.push(s, tok, end);
                }
                Raw::StrStart => {
                    let (lit, end) = strings::scan_string(src, s, e, self.base)?;
                    lex.bump(end - e);
                    self.push(s, Tok::Str(lit), end);
                }
                Raw::Op => {
                    let text = &src[s..e];
                    let Some(tok) = op_tok(text) else {
                        return Err(self.err("invalid syntax", s, e));
                    };
                    match tok {
                        Tok::Comma => chain = chain_base.last().copied().unwrap_or(0),
                        Tok::Semi | Tok::Colon | Tok::Equal | Tok::RPar | Tok::RSqb | Tok::RBrace => {}
                        _ => {
                            chain += 1;
                            if chain > MAX_OPERATOR_CHAIN {
                                return Err(PErr::too_deep(self.base + s, self.base + e));
                            }
                        }
                    }
                    match tok {
                        Tok::LPar | Tok::LSqb | Tok::LBrace => {
                            chain_base.push(chain);
                            if brackets.len() >= MAX_PAREN_LEVEL {
                                return Err(self.err("too many nested parentheses", s, e));
                            }
                            brackets.push((bytes[s], s));
                        }
                        Tok::RPar | Tok::RSqb | Tok::RBrace => {
                            chain = chain_base.pop().unwrap_or(0);
                            let close = bytes[s];
                            match brackets.pop() {
                                Option::None => {
                                    return Err(self.err(format!("unmatched '{}'", close as char), s, e));
                                }
                                Some((open, pos)) => {
                                    let ok = matches!((open, close), (b'(', b')') | (b'[', b']') | (b'{', b'}'));
                                    if !ok {
                                        let l1 = line_of(src, pos);
                                        let l2 = line_of(src, s);
                                        let msg = if l1 != l2 {
                                            format!(
                                                "closing parenthesis '{}' does not match opening parenthesis '{}' on line {}",
                                                close as char, open as char, l1
                                            )
                                        } else {
                                            format!(
                                                "closing parenthesis '{}' does not match opening parenthesis '{}'",
                                                close as char, open as char
                                            )
                                        };
                                        return Err(self.err(msg, s, e));
                                    }
                                }
                            }
                        }
                        _ => {}
                    }
                    self.push(s, tok, e);
                }
            }
            if !matches!(raw, Raw::Newline | Raw::Continuation) {
                at_line_start = false;
            }
        }
        let n = src.len();
        if let Some(&(open, pos)) = brackets.last() {
            return Err(self.err(format!("'{}' was never closed", open as char), pos, pos + 1));
        }
        if !self.out.is_empty() && !matches!(self.out.last(), Some((_, Tok::Newline, _))) {
            self.push(n, Tok::Newline, n);
        }
        let mut end = n;
        if let Some((_, Tok::Newline, e)) = self.out.last() {
            end = *e - self.base;
        }
        for _ in 1..indents.len() {
            self.push(end, Tok::Dedent, end);
        }
        Ok(())
    }

    fn tab_error(&self, line_start: usize) -> PErr {
        let mut e = self.err("inconsistent use of tabs and spaces in indentation", line_start, line_start);
        e.kind = SyntaxErrorKind::Tab;
        e
    }

    fn name(&mut self, src: &str, s: usize, e: usize) -> Result<(), PErr> {
        let text = &src[s..e];
        match keyword(text) {
            Some(Tok::Async) => Err(self.err("'async' is not supported by Ouro", s, e).specific()),
            Some(Tok::Await) => Err(self.err("'await' is not supported by Ouro", s, e).specific()),
            Some(k) => {
                self.push(s, k, e);
                Ok(())
            }
            Option::None => {
                self.push(s, Tok::Name(text.to_string()), e);
                Ok(())
            }
        }
    }
}

/// End of the identifier starting at `s` (which must start with an identifier character).
fn scan_name_rest(src: &str, s: usize) -> usize {
    let mut end = s;
    for (i, c) in src[s..].char_indices() {
        if (i == 0 && is_id_start(c)) || (i > 0 && is_id_continue(c)) {
            end = s + i + c.len_utf8();
        } else {
            break;
        }
    }
    end
}

/// 1-based line of byte offset `pos`.
pub(crate) fn line_of(src: &str, pos: usize) -> usize {
    let pos = pos.min(src.len());
    1 + src.as_bytes()[..pos].iter().filter(|b| **b == b'\n').count()
}
