//! Conversions between text and numbers: `int(s, base)`, `float(s)`,
//! integer to text in any base, and the `repr()` of strings used in
//! error messages.
//!
//! Invariants:
//! * Parsing first maps the input the way CPython's
//!   `_PyUnicode_TransformDecimalAndSpaceToASCII` does: ASCII stays,
//!   non-ASCII whitespace becomes ' ', non-ASCII decimal digits become
//!   their ASCII digit, and anything else becomes '?', so every later
//!   step works on bytes.
//! * Error messages quote the original (untransformed) string.
//! * Nothing here panics on any input.

use std::sync::atomic::{AtomicUsize, Ordering};

use dashu_int::ops::BitTest;
use dashu_int::{IBig, UBig};

/// `sys.get_int_max_str_digits()`; 0 disables the limit.  Decimal (and
/// any non-power-of-two base) conversions between int and str longer than
/// this many digits fail, as in CPython 3.11.
pub static INT_MAX_STR_DIGITS: AtomicUsize = AtomicUsize::new(4300);
/// CPython's `_PY_LONG_MAX_STR_DIGITS_THRESHOLD`: lengths up to this are
/// never checked against the limit.
pub const INT_MAX_STR_DIGITS_THRESHOLD: usize = 640;

fn max_str_digits() -> usize {
    INT_MAX_STR_DIGITS.load(Ordering::Relaxed)
}

/// Zero code points of every Unicode (14.0) block of decimal digits
/// (category Nd); each block holds the ten digits 0..=9 in order.
const DECIMAL_ZEROS: [u32; 66] = [
    0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66,
    0xde6, 0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90,
    0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0,
    0xff10, 0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0,
    0x11650, 0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0,
    0x16b50, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
];

/// Python's `unicodedata.decimal(c)`: the value of a decimal digit.
pub fn decimal_value(c: char) -> Option<u32> {
    let cp = c as u32;
    // Table is sorted: find the last zero <= cp.
    let idx = DECIMAL_ZEROS.partition_point(|&z| z <= cp);
    if idx == 0 {
        return None;
    }
    let zero = DECIMAL_ZEROS[idx - 1];
    if cp - zero < 10 {
        Some(cp - zero)
    } else {
        None
    }
}

/// Python's `str.isspace()` for one character.
pub fn py_isspace(c: char) -> bool {
    matches!(
        c as u32,
        0x09..=0x0d | 0x1c..=0x20 | 0x85 | 0xa0 | 0x1680 | 0x2000..=0x200a | 0x2028 | 0x2029
            | 0x202f | 0x205f | 0x3000
    )
}

/// C's `Py_ISSPACE`: ASCII whitespace only.
fn c_isspace(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

fn transform_to_ascii(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| {
            if c.is_ascii() {
                c as u8
            } else if py_isspace(c) {
                b' '
            } else if let Some(d) = decimal_value(c) {
                b'0' + d as u8
            } else {
                b'?'
            }
        })
        .collect()
}

/// Characters `str.isprintable()` rejects, approximated without the full
/// Unicode tables: controls, the non-ASCII separators, common format
/// characters, surrogates/private use and noncharacters.
fn is_unprintable(c: char) -> bool {
    let cp = c as u32;
    matches!(
        cp,
        0..=0x1f
            | 0x7f..=0xa0
            | 0xad
            | 0x600..=0x605
            | 0x61c
            | 0x6dd
            | 0x70f
            | 0x890..=0x891
            | 0x8e2
            | 0x1680
            | 0x180e
            | 0x2000..=0x200f
            | 0x2028..=0x202f
            | 0x205f..=0x206f
            | 0x3000
            | 0xe000..=0xf8ff
            | 0xfeff
            | 0xfff0..=0xfffb
            | 0x110bd
            | 0x110cd
            | 0x13430..=0x13438
            | 0x1bca0..=0x1bca3
            | 0x1d173..=0x1d17a
            | 0xe0000..=0xe0fff
            | 0xf0000..=0x10ffff
    ) || (cp & 0xfffe) == 0xfffe
}

/// repr() of a Python str (quote selection and escapes as CPython;
/// printability of exotic code points is approximated, see
/// `is_unprintable`).
pub fn py_str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if is_unprintable(c) => {
                let cp = c as u32;
                if cp < 0x100 {
                    out.push_str(&format!("\\x{cp:02x}"));
                } else if cp < 0x10000 {
                    out.push_str(&format!("\\u{cp:04x}"));
                } else {
                    out.push_str(&format!("\\U{cp:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// C's `%.200R`: the repr cut to at most 200 characters.
fn repr_200(s: &str) -> String {
    py_str_repr(s).chars().take(200).collect()
}

/// The digit value used by CPython's `_PyLong_DigitValue` (37 = invalid).
fn digit_value(b: u8) -> u32 {
    match b {
        b'0'..=b'9' => (b - b'0') as u32,
        b'a'..=b'z' => (b - b'a') as u32 + 10,
        b'A'..=b'Z' => (b - b'A') as u32 + 10,
        _ => 37,
    }
}

/// The message for a decimal conversion of an int with too many digits.
pub(crate) fn to_str_limit_error(limit: usize) -> String {
    format!(
        "Exceeds the limit ({limit} digits) for integer string conversion; \
         use sys.set_int_max_str_digits() to increase the limit"
    )
}

/// int → str in `base` (2..=36; any other base is treated as 10):
/// lowercase digits, a leading '-' when negative, no prefix, no limit.
pub fn int_to_str_radix(v: &IBig, base: u32) -> String {
    let base = if (2..=36).contains(&base) { base } else { 10 };
    if let Some(s) = small_text(v, base) {
        return s;
    }
    if base == 10 {
        v.to_string()
    } else {
        v.in_radix(base).to_string().to_ascii_lowercase()
    }
}

/// `int_to_str_radix` for base 2, 8, 10 or 16 when v fits in 64 bits (formatted
/// without the big-integer machinery), else None.
fn small_text(v: &IBig, base: u32) -> Option<String> {
    let i = i64::try_from(v).ok()?;
    match base {
        2 | 8 | 16 => Some(crate::object::int::small_pow2_radix(i, base, "")),
        10 => Some(i.to_string()),
        _ => None,
    }
}

/// str(int): decimal text, or CPython's ValueError message when the value
/// has more digits than `INT_MAX_STR_DIGITS`.
pub fn int_to_decimal(v: &IBig) -> Result<String, String> {
    if let Ok(i) = i64::try_from(v) {
        // At most 19 digits: under any digit limit (the smallest is 640).
        return Ok(i.to_string());
    }
    let limit = max_str_digits();
    if limit > 0 {
        let bits = v.clone().unsigned_abs_ubig().bit_len();
        // bits * log10(2) > limit + 1 means surely more than `limit` digits.
        if bits as f64 * std::f64::consts::LOG10_2 > limit as f64 + 1.0 {
            return Err(to_str_limit_error(limit));
        }
    }
    let s = v.to_string();
    let ndigits = s.trim_start_matches('-').len();
    if limit > 0 && ndigits > INT_MAX_STR_DIGITS_THRESHOLD && ndigits > limit {
        return Err(to_str_limit_error(limit));
    }
    Ok(s)
}

trait UnsignedAbsUbig {
    fn unsigned_abs_ubig(self) -> UBig;
}

impl UnsignedAbsUbig for IBig {
    fn unsigned_abs_ubig(self) -> UBig {
        let (_, mag) = self.into_parts();
        mag
    }
}

/// int(s, base) exactly as Python: base 0 or 2..=36; surrounding
/// whitespace, a sign, an optional prefix matching the base, single
/// underscores between digits (and after the prefix).
pub fn parse_int(s: &str, base: u32) -> Result<IBig, String> {
    if base == 1 || base > 36 {
        return Err("int() base must be >= 2 and <= 36, or 0".to_string());
    }
    let invalid = || {
        format!("invalid literal for int() with base {}: {}", base, repr_200(s))
    };
    let buf = transform_to_ascii(s);
    let at = |i: usize| -> u8 { buf.get(i).copied().unwrap_or(0) };
    let mut pos = 0usize;
    while pos < buf.len() && c_isspace(buf[pos]) {
        pos += 1;
    }
    let mut negative = false;
    if at(pos) == b'+' {
        pos += 1;
    } else if at(pos) == b'-' {
        pos += 1;
        negative = true;
    }
    let mut b = base;
    let mut error_if_nonzero = false;
    if b == 0 {
        b = if at(pos) != b'0' {
            10
        } else {
            match at(pos + 1) {
                b'x' | b'X' => 16,
                b'o' | b'O' => 8,
                b'b' | b'B' => 2,
                _ => {
                    error_if_nonzero = true;
                    10
                }
            }
        };
    }
    if at(pos) == b'0' {
        let p = at(pos + 1).to_ascii_lowercase();
        if (b == 16 && p == b'x') || (b == 8 && p == b'o') || (b == 2 && p == b'b') {
            pos += 2;
            if at(pos) == b'_' {
                pos += 1;
            }
        }
    }
    if at(pos) == b'_' {
        return Err(invalid());
    }
    // Scan digits and single underscores.
    let start = pos;
    let mut digits = Vec::new();
    let mut prev = 0u8;
    while pos < buf.len() && (digit_value(buf[pos]) < b || buf[pos] == b'_') {
        if buf[pos] == b'_' {
            if prev == b'_' {
                return Err(invalid());
            }
        } else {
            digits.push(buf[pos]);
        }
        prev = buf[pos];
        pos += 1;
    }
    if prev == b'_' {
        return Err(invalid());
    }
    if !b.is_power_of_two() {
        let limit = max_str_digits();
        if digits.len() > INT_MAX_STR_DIGITS_THRESHOLD && limit > 0 && digits.len() > limit {
            return Err(format!(
                "Exceeds the limit ({} digits) for integer string conversion: value has {} \
                 digits; use sys.set_int_max_str_digits() to increase the limit",
                limit,
                digits.len()
            ));
        }
    }
    if pos == start {
        return Err(invalid());
    }
    while pos < buf.len() && c_isspace(buf[pos]) {
        pos += 1;
    }
    if pos != buf.len() {
        return Err(invalid());
    }
    // `digits` holds only ASCII alphanumerics valid in base `b`.
    let text = String::from_utf8_lossy(&digits);
    let mag = UBig::from_str_radix(&text, b).map_err(|_| invalid())?;
    if error_if_nonzero && !mag.is_zero() {
        return Err(invalid());
    }
    let sign = if negative { dashu_int::Sign::Negative } else { dashu_int::Sign::Positive };
    Ok(IBig::from_parts(sign, mag))
}

/// Checks the decimal float grammar CPython's strtod accepts (after the
/// sign): digits with an optional point (at least one digit) and an
/// optional exponent, or inf / infinity / nan in any case.
fn is_float_literal(body: &[u8]) -> bool {
    let lower: Vec<u8> = body.iter().map(|b| b.to_ascii_lowercase()).collect();
    if lower == b"inf" || lower == b"infinity" || lower == b"nan" {
        return true;
    }
    let mut i = 0;
    let mut ndigits = 0;
    while i < body.len() && body[i].is_ascii_digit() {
        i += 1;
        ndigits += 1;
    }
    if i < body.len() && body[i] == b'.' {
        i += 1;
        while i < body.len() && body[i].is_ascii_digit() {
            i += 1;
            ndigits += 1;
        }
    }
    if ndigits == 0 {
        return false;
    }
    if i < body.len() && (body[i] == b'e' || body[i] == b'E') {
        i += 1;
        if i < body.len() && (body[i] == b'+' || body[i] == b'-') {
            i += 1;
        }
        let exp_start = i;
        while i < body.len() && body[i].is_ascii_digit() {
            i += 1;
        }
        if i == exp_start {
            return false;
        }
    }
    i == body.len()
}

/// float(s) as Python: surrounding whitespace, a sign, decimal literals
/// with single underscores between digits, inf/infinity/nan in any case.
pub fn parse_float(s: &str) -> Result<f64, String> {
    let invalid = || format!("could not convert string to float: {}", py_str_repr(s));
    let buf = transform_to_ascii(s);
    // Underscore rules of _Py_string_to_number_with_underscores.
    let mut cleaned = Vec::with_capacity(buf.len());
    let mut prev = 0u8;
    for &b in &buf {
        if b == b'_' {
            if !prev.is_ascii_digit() {
                return Err(invalid());
            }
        } else {
            if prev == b'_' && !b.is_ascii_digit() {
                return Err(invalid());
            }
            cleaned.push(b);
        }
        prev = b;
    }
    if prev == b'_' || cleaned.contains(&0) {
        return Err(invalid());
    }
    let mut lo = 0;
    let mut hi = cleaned.len();
    while lo < hi && c_isspace(cleaned[lo]) {
        lo += 1;
    }
    while hi > lo && c_isspace(cleaned[hi - 1]) {
        hi -= 1;
    }
    let text = &cleaned[lo..hi];
    let body = match text.first() {
        Some(b'+') | Some(b'-') => &text[1..],
        _ => text,
    };
    if !is_float_literal(body) {
        return Err(invalid());
    }
    let lit = String::from_utf8_lossy(text);
    let value: f64 = lit.parse().map_err(|_| invalid())?;
    Ok(value)
}
