//! Scanning of number and string literals, and decoding of string escapes.
//!
//! Invariant: every error position is a byte offset into the original source (the
//! tokenizer's `base` already added), so f-string sub-expressions report correctly.

use super::{is_id_continue, is_id_start, line_of, StrLit, Tok};
use crate::parser::PErr;
use dashu_int::IBig;

/// An f-string literal before field parsing: `content` is the source text between the
/// quotes, starting at byte `offset` of the original source.
#[derive(Debug, Clone, PartialEq)]
pub struct FStrTok {
    pub content: String,
    pub raw: bool,
    pub offset: usize,
}

type NumErr = (String, usize, usize);

fn digits(b: &[u8], mut p: usize, ok: impl Fn(u8) -> bool) -> Result<usize, NumErr> {
    // Invariant: called with `p` on a digit; `_` must sit between two digits.
    while p < b.len() {
        if ok(b[p]) {
            p += 1;
        } else if b[p] == b'_' && p + 1 < b.len() && ok(b[p + 1]) {
            p += 2;
        } else if b[p] == b'_' {
            return Err(("invalid decimal literal".into(), p, p + 1));
        } else {
            break;
        }
    }
    Ok(p)
}

fn next_char(src: &str, p: usize) -> Option<char> {
    src.get(p..).and_then(|r| r.chars().next())
}

/// Scans the number starting at `s`; returns the token and its end offset.
pub(super) fn scan_number(src: &str, s: usize) -> Result<(Tok, usize), NumErr> {
    let b = src.as_bytes();
    let dec = |c: u8| c.is_ascii_digit();
    if b[s] == b'0' && s + 1 < b.len() && matches!(b[s + 1] | 0x20, b'x' | b'o' | b'b') {
        let (radix, kind) = match b[s + 1] | 0x20 {
            b'x' => (16, "hexadecimal"),
            b'o' => (8, "octal"),
            _ => (2, "binary"),
        };
        let ok = move |c: u8| (c as char).is_digit(radix);
        let mut p = s + 2;
        if p < b.len() && b[p] == b'_' {
            p += 1;
        }
        if p >= b.len() || !ok(b[p]) {
            if p < b.len() && b[p].is_ascii_digit() {
                return Err((format!("invalid digit '{}' in {} literal", b[p] as char, kind), p, p + 1));
            }
            return Err((format!("invalid {} literal", kind), p - 1, p));
        }
        let end = digits(b, p, ok).map_err(|(_, a, z)| (format!("invalid {} literal", kind), a, z))?;
        if let Some(c) = next_char(src, end) {
            if c.is_ascii_digit() {
                return Err((format!("invalid digit '{}' in {} literal", c, kind), end, end + 1));
            }
            if is_id_continue(c) {
                return Err((format!("invalid {} literal", kind), end - 1, end));
            }
        }
        let text: String = src[s + 2..end].chars().filter(|c| *c != '_').collect();
        let v = IBig::from_str_radix(&text, radix).map_err(|_| (format!("invalid {} literal", kind), s, end))?;
        return Ok((Tok::Int(v), end));
    }
    let mut p = s;
    let mut is_float = false;
    if b[p] != b'.' {
        p = digits(b, p, dec)?;
    }
    let int_end = p;
    if p < b.len() && b[p] == b'.' {
        is_float = true;
        p += 1;
        if p < b.len() && dec(b[p]) {
            p = digits(b, p, dec)?;
        }
    }
    if p < b.len() && (b[p] | 0x20) == b'e' {
        let mut q = p + 1;
        if q < b.len() && (b[q] == b'+' || b[q] == b'-') {
            q += 1;
        }
        if q < b.len() && dec(b[q]) {
            p = digits(b, q, dec)?;
            is_float = true;
        } else {
            return Err(("invalid decimal literal".into(), s, s + 1));
        }
    }
    let mut imag = false;
    if p < b.len() && (b[p] | 0x20) == b'j' {
        imag = true;
        p += 1;
    }
    if let Some(c) = next_char(src, p) {
        if is_id_continue(c) || (c == '.' && !is_float && !imag) {
            return Err(("invalid decimal literal".into(), s, s + 1));
        }
    }
    let text: String = src[s..p].chars().filter(|c| *c != '_' && *c != 'j' && *c != 'J').collect();
    if imag {
        return Ok((Tok::Complex(text.parse().unwrap_or(f64::INFINITY)), p));
    }
    if is_float {
        return Ok((Tok::Float(text.parse().unwrap_or(f64::INFINITY)), p));
    }
    let _ = int_end;
    if text.len() > 1 && text.starts_with('0') && text.bytes().any(|c| c != b'0') {
        return Err((
            "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"
                .into(),
            s,
            s + 1,
        ));
    }
    let v = IBig::from_str_radix(&text, 10).map_err(|_| ("invalid decimal literal".to_string(), s, p))?;
    Ok((Tok::Int(v), p))
}

/// Scans the string literal whose prefix and opening quote span `s..e`; returns the literal
/// and its end offset. `base` is added to every reported position.
pub(super) fn scan_string(src: &str, s: usize, e: usize, base: usize) -> Result<(StrLit, usize), PErr> {
    let b = src.as_bytes();
    let opening = &src[s..e];
    let quote = b[e - 1];
    let triple = opening.len() >= 3 && opening.as_bytes()[opening.len() - 3..].iter().all(|c| *c == quote);
    let qlen = if triple { 3 } else { 1 };
    let prefix = opening[..opening.len() - qlen].to_ascii_lowercase();
    let mut p = e;
    let content_end;
    loop {
        if p >= b.len() || (!triple && (b[p] == b'\n' || b[p] == b'\r')) {
            let (msg, at) = if triple {
                ("unterminated triple-quoted string literal", line_of(src, src.len().saturating_sub(1)))
            } else {
                ("unterminated string literal", line_of(src, s))
            };
            return Err(PErr::new(format!("{} (detected at line {})", msg, at), base + s, base + s));
        }
        let c = b[p];
        if c == b'\\' {
            p += if p + 2 < b.len() + 1 && b.get(p + 1) == Some(&b'\r') && b.get(p + 2) == Some(&b'\n') { 3 } else { 2 };
            continue;
        }
        if c == quote && (!triple || (b.get(p + 1) == Some(&quote) && b.get(p + 2) == Some(&quote))) {
            content_end = p;
            p += qlen;
            break;
        }
        p += 1;
    }
    let p = p.min(b.len());
    let content = &src[e..content_end];
    let raw = prefix.contains('r');
    // CPython reports escape errors at the end of the literal.
    let at_end = |mut err: PErr| {
        if !err.msg.starts_with("bytes can only") {
            err.start = base + p;
            err.end = base + p;
        }
        err
    };
    let lit = if prefix.contains('b') {
        StrLit::Bytes(decode_bytes(content, raw, base + e, base + s).map_err(at_end)?)
    } else if prefix.contains('f') {
        StrLit::FStr(FStrTok { content: content.to_string(), raw, offset: base + e })
    } else {
        StrLit::Str(decode_str(content, raw, base + e).map_err(at_end)?)
    };
    Ok((lit, p))
}

fn unicode_err(what: &str, a: usize, z: usize, at: usize) -> PErr {
    PErr::new(
        format!("(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: {}", a, z, what),
        at,
        at,
    )
}

/// A few well-known character names for `\N{...}`.
fn named_char(name: &str) -> Option<char> {
    let upper = name.to_ascii_uppercase();
    let n = upper.as_str();
    if let Some(l) = n.strip_prefix("LATIN SMALL LETTER ") {
        if l.len() == 1 && l.as_bytes()[0].is_ascii_uppercase() {
            return Some(l.to_ascii_lowercase().chars().next()?);
        }
    }
    if let Some(l) = n.strip_prefix("LATIN CAPITAL LETTER ") {
        if l.len() == 1 && l.as_bytes()[0].is_ascii_uppercase() {
            return l.chars().next();
        }
    }
    const DIGITS: [&str; 10] = ["ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE"];
    if let Some(d) = n.strip_prefix("DIGIT ") {
        if let Some(i) = DIGITS.iter().position(|x| *x == d) {
            return char::from_digit(i as u32, 10);
        }
    }
    Some(match n {
        "NULL" => '\0',
        "CHARACTER TABULATION" | "TAB" => '\t',
        "LINE FEED" | "LF" | "NEW LINE" => '\n',
        "CARRIAGE RETURN" | "CR" => '\r',
        "ESCAPE" | "ESC" => '\x1b',
        "SPACE" => ' ',
        "DELETE" => '\x7f',
        "NO-BREAK SPACE" => '\u{a0}',
        "COPYRIGHT SIGN" => '\u{a9}',
        "REGISTERED SIGN" => '\u{ae}',
        "DEGREE SIGN" => '\u{b0}',
        "MICRO SIGN" => '\u{b5}',
        "MULTIPLICATION SIGN" => '\u{d7}',
        "DIVISION SIGN" => '\u{f7}',
        "LATIN SMALL LETTER E WITH ACUTE" => '\u{e9}',
        "GREEK SMALL LETTER ALPHA" => '\u{3b1}',
        "GREEK SMALL LETTER BETA" => '\u{3b2}',
        "GREEK SMALL LETTER PI" => '\u{3c0}',
        "GREEK CAPITAL LETTER OMEGA" => '\u{3a9}',
        "EN DASH" => '\u{2013}',
        "EM DASH" => '\u{2014}',
        "LEFT SINGLE QUOTATION MARK" => '\u{2018}',
        "RIGHT SINGLE QUOTATION MARK" => '\u{2019}',
        "LEFT DOUBLE QUOTATION MARK" => '\u{201c}',
        "RIGHT DOUBLE QUOTATION MARK" => '\u{201d}',
        "BULLET" => '\u{2022}',
        "HORIZONTAL ELLIPSIS" => '\u{2026}',
        "EURO SIGN" => '\u{20ac}',
        "RIGHTWARDS ARROW" => '\u{2192}',
        "INFINITY" => '\u{221e}',
        "BLACK STAR" => '\u{2605}',
        "WHITE STAR" => '\u{2606}',
        "SNOWMAN" => '\u{2603}',
        "CHECK MARK" => '\u{2713}',
        "REPLACEMENT CHARACTER" => '\u{fffd}',
        "GRINNING FACE" => '\u{1f600}',
        "PILE OF POO" => '\u{1f4a9}',
        _ => return Option::None,
    })
}

fn hex_val(s: &str) -> Option<u32> {
    if s.bytes().all(|c| c.is_ascii_hexdigit()) {
        u32::from_str_radix(s, 16).ok()
    } else {
        Option::None
    }
}

/// Decodes the body of a str literal starting at source offset `at`. Lone surrogates
/// (`\ud800`) become U+FFFD since Rust strings cannot hold them.
pub(crate) fn decode_str(content: &str, raw: bool, at: usize) -> Result<String, PErr> {
    let mut out = String::with_capacity(content.len());
    let b = content.as_bytes();
    let mut i = 0;
    while i < content.len() {
        let c = next_char(content, i).unwrap_or('\0');
        if c == '\r' {
            out.push('\n');
            i += if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
            continue;
        }
        if c != '\\' || raw {
            if c == '\\' && raw && i + 1 < b.len() {
                // A raw backslash still protects the next character (quote or newline).
                out.push('\\');
                let n = next_char(content, i + 1).unwrap_or('\0');
                out.push(n);
                i += 1 + n.len_utf8();
                continue;
            }
            out.push(c);
            i += c.len_utf8();
            continue;
        }
        let Some(n) = next_char(content, i + 1) else {
            out.push('\\');
            break;
        };
        let mut j = i + 1 + n.len_utf8();
        match n {
            '\n' => {}
            '\r' => {
                if b.get(j) == Some(&b'\n') {
                    j += 1;
                }
            }
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'v' => out.push('\x0b'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            '0'..='7' => {
                let mut v = n as u32 - '0' as u32;
                let mut k = 1;
                while k < 3 && j < b.len() && (b'0'..=b'7').contains(&b[j]) {
                    v = v * 8 + (b[j] - b'0') as u32;
                    j += 1;
                    k += 1;
                }
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
            }
            'x' | 'u' | 'U' => {
                let len = match n {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let digits = content.get(j..j + len).and_then(hex_val);
                let Some(v) = digits else {
                    let what = format!("truncated \\{}{} escape", n, if n == 'x' { "XX" } else if n == 'u' { "XXXX" } else { "XXXXXXXX" });
                    let z = (j..(j + len).min(b.len())).take_while(|k| b[*k].is_ascii_hexdigit()).count();
                    return Err(unicode_err(&what, i, i + 1 + z, at + i));
                };
                if v > 0x10FFFF {
                    return Err(unicode_err("illegal Unicode character", i, j + len - 1, at + i));
                }
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
                j += len;
            }
            'N' => {
                let close = if b.get(j) == Some(&b'{') { content[j..].find('}') } else { Option::None };
                let ch = close.and_then(|c| named_char(&content[j + 1..j + c]));
                match (close, ch) {
                    (Some(c), Some(ch)) => {
                        out.push(ch);
                        j += c + 1;
                    }
                    (Some(c), Option::None) => {
                        return Err(unicode_err("unknown Unicode character name", i, j + c, at + i));
                    }
                    _ => return Err(unicode_err("malformed \\N character escape", i, j, at + i)),
                }
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
        i = j;
    }
    Ok(out)
}

/// Decodes the body of a bytes literal starting at source offset `at`; `lit_start` is the
/// literal's first byte (where CPython points non-ASCII errors).
fn decode_bytes(content: &str, raw: bool, at: usize, lit_start: usize) -> Result<Vec<u8>, PErr> {
    if !content.is_ascii() {
        return Err(PErr::new("bytes can only contain ASCII literal characters", lit_start, lit_start));
    }
    let b = content.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'\r' {
            out.push(b'\n');
            i += if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
            continue;
        }
        if c != b'\\' || raw || i + 1 >= b.len() {
            if c == b'\\' && raw && i + 1 < b.len() {
                out.push(b'\\');
                out.push(b[i + 1]);
                i += 2;
                continue;
            }
            out.push(c);
            i += 1;
            continue;
        }
        let n = b[i + 1];
        let mut j = i + 2;
        match n {
            b'\n' => {}
            b'\r' => {
                if b.get(j) == Some(&b'\n') {
                    j += 1;
                }
            }
            b'\\' | b'\'' | b'"' => out.push(n),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'v' => out.push(11),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'0'..=b'7' => {
                let mut v = (n - b'0') as u32;
                let mut k = 1;
                while k < 3 && j < b.len() && (b'0'..=b'7').contains(&b[j]) {
                    v = v * 8 + (b[j] - b'0') as u32;
                    j += 1;
                    k += 1;
                }
                out.push((v & 0xff) as u8);
            }
            b'x' => match content.get(j..j + 2).and_then(hex_val) {
                Some(v) => {
                    out.push(v as u8);
                    j += 2;
                }
                Option::None => {
                    return Err(PErr::new(format!("(value error) invalid \\x escape at position {}", i), at + i, at + i));
                }
            },
            other => {
                out.push(b'\\');
                out.push(other);
            }
        }
        i = j;
    }
    Ok(out)
}

#[allow(dead_code)]
fn is_ident(s: &str) -> bool {
    let mut it = s.chars();
    it.next().map_or(false, is_id_start) && it.all(is_id_continue)
}
