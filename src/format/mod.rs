//! Number and string formatting with CPython 3.11's exact output:
//! `format(x, spec)` for int, float and str, `repr(float)`, `round()` on
//! floats, the `%` operator's conversions, and `int(s, base)` /
//! `float(s)` parsing.
//!
//! Invariants:
//! * Every public function returns `Err(message)` for bad input, where
//!   `message` is the text of the exception CPython raises; `error_kind`
//!   names the exception class.  Nothing panics.
//! * Float digits are exact: correctly rounded (half to even) from the
//!   binary value, or shortest round-trip for repr.
//! * The `n` presentation type behaves as in the "C" locale (no grouping,
//!   '.' as the decimal point), which is what CPython uses unless the
//!   program calls `locale.setlocale`.
//!
//! Layout: `float` holds exact digit generation and `format_float_short`,
//! `text` holds parsing and int-to-text, `percent` holds the `%` operator.

mod float;
mod percent;
mod text;

pub use float::{float_repr, round_float, round_float_checked};
pub use percent::{percent_float, percent_int, percent_small_int, percent_str, PercentFlags};
pub use text::{
    decimal_value, int_to_decimal, int_to_str_radix, parse_float, parse_int, py_isspace,
    py_str_repr, INT_MAX_STR_DIGITS, INT_MAX_STR_DIGITS_THRESHOLD,
};

use dashu_int::ops::BitTest;
use dashu_int::{IBig, UBig};
use float::{format_float_short, Mode, ShortOpts};

/// The Python exception class of an error message returned here.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ErrorKind {
    ValueError,
    OverflowError,
}

/// Classify a message returned by this module: a few conversions raise
/// OverflowError in CPython, everything else is a ValueError.
pub fn error_kind(msg: &str) -> ErrorKind {
    const OVERFLOW: [&str; 4] = [
        "%c arg not in range",
        "Python int too large to convert to C long",
        "int too large to convert to float",
        "rounded value too large to represent",
    ];
    if OVERFLOW.iter().any(|p| msg.starts_with(p)) {
        ErrorKind::OverflowError
    } else {
        ErrorKind::ValueError
    }
}

/// str(float) is repr(float) in Python 3.
pub fn float_str(x: f64) -> String {
    float_repr(x)
}

/// A parsed format spec: `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
///
/// `fill` is the effective fill character: ' ' by default, '0' when the
/// `0` flag is given without an explicit fill.  `align` is the explicit
/// alignment, if any.  `zero` records the `0` flag (it is only recognised
/// when no explicit fill was given); for numbers it implies '=' alignment
/// when `align` is `None`.  `grouping` is ',' or '_'.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatSpec {
    pub fill: char,
    pub align: Option<char>,
    pub sign: Option<char>,
    /// The `z` flag (negative zero coercion, floats only).
    pub no_neg_0: bool,
    pub alternate: bool,
    pub zero: bool,
    pub width: Option<usize>,
    pub grouping: Option<char>,
    pub precision: Option<usize>,
    pub ty: Option<char>,
}

impl FormatSpec {
    /// Alignment used for numbers ('>' default, '=' with the `0` flag).
    pub fn number_align(&self) -> char {
        self.align.unwrap_or(if self.zero { '=' } else { '>' })
    }
    /// Alignment used for strings ('<' default).
    pub fn string_align(&self) -> char {
        self.align.unwrap_or('<')
    }
}

/// `'%c'` for a presentation type in messages: printable ASCII as is,
/// anything else as `\x<hex>` (CPython's rule).
fn type_char_text(c: char) -> String {
    let cp = c as u32;
    if cp > 32 && cp < 128 {
        c.to_string()
    } else {
        format!("\\x{cp:x}")
    }
}

fn unknown_type(c: char, type_name: &str) -> String {
    format!("Unknown format code '{}' for object of type '{}'", type_char_text(c), type_name)
}

/// Reads decimal digits (any Unicode decimal digit, like CPython's
/// `get_integer`) starting at `*pos`; `None` when there are none.
fn get_integer(chars: &[char], pos: &mut usize) -> Result<Option<usize>, String> {
    let mut acc: usize = 0;
    let mut any = false;
    while let Some(d) = chars.get(*pos).and_then(|&c| decimal_value(c)) {
        let d = d as usize;
        if acc > (isize::MAX as usize - d) / 10 {
            return Err("Too many decimal digits in format string".to_string());
        }
        acc = acc * 10 + d;
        any = true;
        *pos += 1;
    }
    Ok(if any { Some(acc) } else { None })
}

fn is_align(c: char) -> bool {
    matches!(c, '<' | '>' | '=' | '^')
}

/// Parse a format spec for an object of type `type_name` whose default
/// presentation type is `default_ty` ('d' for int, 's' for str, `None`
/// for float); errors are CPython's, including the grouping/type checks.
pub fn parse_spec_for(
    spec: &str,
    type_name: &str,
    default_ty: Option<char>,
) -> Result<FormatSpec, String> {
    let chars: Vec<char> = spec.chars().collect();
    let end = chars.len();
    let mut pos = 0usize;
    let mut f = FormatSpec {
        fill: ' ',
        align: None,
        sign: None,
        no_neg_0: false,
        alternate: false,
        zero: false,
        width: None,
        grouping: None,
        precision: None,
        ty: default_ty,
    };
    let mut fill_specified = false;
    if end >= 2 && is_align(chars[1]) {
        f.align = Some(chars[1]);
        f.fill = chars[0];
        fill_specified = true;
        pos = 2;
    } else if end >= 1 && is_align(chars[0]) {
        f.align = Some(chars[0]);
        pos = 1;
    }
    if pos < end && matches!(chars[pos], '+' | '-' | ' ') {
        f.sign = Some(chars[pos]);
        pos += 1;
    }
    if pos < end && chars[pos] == 'z' {
        f.no_neg_0 = true;
        pos += 1;
    }
    if pos < end && chars[pos] == '#' {
        f.alternate = true;
        pos += 1;
    }
    if !fill_specified && pos < end && chars[pos] == '0' {
        f.fill = '0';
        f.zero = true;
        pos += 1;
    }
    f.width = get_integer(&chars, &mut pos)?;
    if pos < end && chars[pos] == ',' {
        f.grouping = Some(',');
        pos += 1;
    }
    if pos < end && chars[pos] == '_' {
        if f.grouping.is_some() {
            return Err("Cannot specify both ',' and '_'.".to_string());
        }
        f.grouping = Some('_');
        pos += 1;
    }
    if pos < end && chars[pos] == ',' && f.grouping == Some('_') {
        return Err("Cannot specify both ',' and '_'.".to_string());
    }
    if pos < end && chars[pos] == '.' {
        pos += 1;
        f.precision = get_integer(&chars, &mut pos)?;
        if f.precision.is_none() {
            return Err("Format specifier missing precision".to_string());
        }
    }
    if end - pos > 1 {
        return Err(format!(
            "Invalid format specifier '{spec}' for object of type '{type_name}'"
        ));
    }
    if end - pos == 1 {
        f.ty = Some(chars[pos]);
    }
    if let Some(g) = f.grouping {
        let ok = match f.ty {
            None | Some('\0') => true,
            Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => true,
            Some('b' | 'o' | 'x' | 'X') => g == '_',
            Some(_) => false,
        };
        if !ok {
            let t = f.ty.unwrap_or('\0');
            return Err(format!("Cannot specify '{}' with '{}'.", g, type_char_text(t)));
        }
    }
    Ok(f)
}

/// Parse a format spec with no type default (as for float); the
/// "Invalid format specifier" message names type 'object'.
pub fn parse_spec(spec: &str) -> Result<FormatSpec, String> {
    parse_spec_for(spec, "object", None)
}

/// The pieces of a formatted number, as CPython's `calc_number_widths`
/// sees them: `[sign][prefix][digits][.][remainder]`.
struct NumberParts<'a> {
    negative: bool,
    prefix: &'a str,
    digits: &'a str,
    has_decimal: bool,
    remainder: &'a str,
}

/// Insert separators every `group` digits (from the right), first padding
/// with zeros until the result is at least `min_width` characters long
/// (separators count; zeros get separators too).  Port of
/// `_PyUnicode_InsertThousandsGrouping` for a repeating group size.
fn group_digits(digits: &str, min_width: i64, group: Option<(usize, char)>) -> String {
    if group.is_none() {
        // Ungrouped (`digits` is never empty here): zeros up to `min_width`, then the digits.
        let zeros = (min_width - digits.chars().count() as i64).max(0) as usize;
        let mut out = String::with_capacity(zeros + digits.len());
        push_fill(&mut out, '0', zeros);
        out.push_str(digits);
        return out;
    }
    let src: Vec<char> = digits.chars().collect();
    let mut remaining = src.len() as i64;
    let mut min_width = min_width.max(0);
    let mut pieces: Vec<String> = Vec::new();
    let mut end = src.len();
    let take = |n_chars: i64, n_zeros: i64, end: &mut usize| {
        let n = n_chars.max(0) as usize;
        let mut piece: String = "0".repeat(n_zeros.max(0) as usize);
        let start = end.saturating_sub(n);
        piece.extend(&src[start..*end]);
        *end = start;
        piece
    };
    let mut broken = false;
    if let Some((size, _)) = group {
        let size = size as i64;
        loop {
            let len = size.min(remaining.max(min_width).max(1));
            let n_zeros = (len - remaining).max(0);
            let n_chars = remaining.min(len).max(0);
            pieces.push(take(n_chars, n_zeros, &mut end));
            remaining -= n_chars;
            min_width -= len;
            if remaining <= 0 && min_width <= 0 {
                broken = true;
                break;
            }
            min_width -= 1;
        }
    }
    if !broken {
        let len = remaining.max(min_width).max(1);
        let n_zeros = (len - remaining).max(0);
        let n_chars = remaining.min(len).max(0);
        pieces.push(take(n_chars, n_zeros, &mut end));
    }
    let sep = group.map(|(_, c)| c.to_string()).unwrap_or_default();
    pieces.reverse();
    pieces.join(&sep)
}

/// Port of `calc_number_widths` + `fill_number`: applies sign, padding,
/// alignment, zero fill and grouping.  `upper` uppercases the prefix and
/// digits (for 'X').
fn fill_number(
    parts: &NumberParts,
    spec: &FormatSpec,
    group: Option<(usize, char)>,
    upper: bool,
) -> String {
    let sign = match spec.sign {
        Some('+') => Some(if parts.negative { '-' } else { '+' }),
        Some(' ') => Some(if parts.negative { '-' } else { ' ' }),
        _ => {
            if parts.negative {
                Some('-')
            } else {
                None
            }
        }
    };
    let align = spec.number_align();
    let width = spec.width.map(|w| w as i64).unwrap_or(-1);
    let n_non_digit = sign.is_some() as i64
        + parts.prefix.chars().count() as i64
        + parts.has_decimal as i64
        + parts.remainder.chars().count() as i64;
    let min_width = if spec.fill == '0' && align == '=' { width - n_non_digit } else { 0 };
    let grouped = if parts.digits.is_empty() {
        String::new()
    } else {
        group_digits(parts.digits, min_width, group)
    };
    let n_padding = width - (n_non_digit + grouped.chars().count() as i64);
    let (mut lpad, mut spad, mut rpad) = (0i64, 0i64, 0i64);
    if n_padding > 0 {
        match align {
            '<' => rpad = n_padding,
            '^' => {
                lpad = n_padding / 2;
                rpad = n_padding - lpad;
            }
            '=' => spad = n_padding,
            _ => lpad = n_padding,
        }
    }
    let fill = spec.fill;
    let text_len = 1 + parts.prefix.len() + grouped.len() + 1 + parts.remainder.len();
    let mut out = String::with_capacity(text_len + (n_padding.max(0) as usize) * fill.len_utf8());
    push_fill(&mut out, fill, lpad as usize);
    if let Some(s) = sign {
        out.push(s);
    }
    push_case(&mut out, parts.prefix, upper);
    push_fill(&mut out, fill, spad as usize);
    push_case(&mut out, &grouped, upper);
    if parts.has_decimal {
        out.push('.');
    }
    out.push_str(parts.remainder);
    push_fill(&mut out, fill, rpad as usize);
    out
}

/// Appends `n` copies of `c`.
fn push_fill(out: &mut String, c: char, n: usize) {
    out.extend(std::iter::repeat_n(c, n));
}

/// Appends `s`, in ASCII upper case if `upper`.
fn push_case(out: &mut String, s: &str, upper: bool) {
    if upper {
        out.extend(s.chars().map(|c| c.to_ascii_uppercase()));
    } else {
        out.push_str(s);
    }
}

/// Grouping for a presentation type: 'n' uses the "C" locale (none);
/// '_' groups by four digits for b/o/x/X.
fn grouping_for(spec: &FormatSpec) -> Option<(usize, char)> {
    let ty = spec.ty.unwrap_or('\0');
    if ty == 'n' {
        return None;
    }
    spec.grouping.map(|g| {
        let size = if g == '_' && matches!(ty, 'b' | 'o' | 'x' | 'X') { 4 } else { 3 };
        (size, g)
    })
}

/// Largest width or precision accepted for output: bigger requests would
/// need gigabytes of memory (CPython raises MemoryError).
const MAX_OUTPUT: usize = 1 << 30;

fn check_size(spec: &FormatSpec) -> Result<(), String> {
    if spec.width.unwrap_or(0) > MAX_OUTPUT {
        return Err("width too big".to_string());
    }
    Ok(())
}

/// format(float, spec).
pub fn format_float(v: f64, spec: &str) -> Result<String, String> {
    if spec.is_empty() {
        return Ok(float_repr(v));
    }
    let mut f = parse_spec_for(spec, "float", None)?;
    if f.ty == Some('\0') {
        // An explicit NUL type character is CPython's "no type".
        f.ty = None;
    }
    match f.ty {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') => format_float_spec(v, &f),
        Some(c) => Err(unknown_type(c, "float")),
    }
}

/// Port of `format_float_internal` for an already parsed and type-checked
/// spec.
fn format_float_spec(v: f64, f: &FormatSpec) -> Result<String, String> {
    // CPython refuses precisions above INT_MAX; this also refuses those
    // above MAX_OUTPUT, whose output would not fit in memory anyway.
    if f.precision.is_some_and(|p| p > MAX_OUTPUT) {
        return Err("precision too big".to_string());
    }
    check_size(f)?;
    let mut ty = f.ty.unwrap_or('\0');
    let mut val = v;
    let mut default_precision = 6i64;
    let mut add_dot_0 = false;
    let mut add_pct = false;
    if ty == '\0' {
        add_dot_0 = true;
        ty = 'r';
        default_precision = 0;
    }
    if ty == 'n' {
        ty = 'g';
    }
    if ty == '%' {
        ty = 'f';
        val *= 100.0;
        add_pct = true;
    }
    let mut precision = match f.precision {
        None => default_precision,
        Some(p) => {
            if ty == 'r' {
                ty = 'g';
            }
            p as i64
        }
    };
    let upper = ty.is_ascii_uppercase();
    let mode = match ty.to_ascii_lowercase() {
        'e' => {
            precision += 1;
            Mode::Exp
        }
        'f' => Mode::Fixed,
        'g' => {
            if precision == 0 {
                precision = 1;
            }
            Mode::General
        }
        _ => Mode::Repr,
    };
    let opts = ShortOpts {
        mode,
        precision,
        add_dot_0,
        alt: f.alternate,
        no_neg_0: f.no_neg_0,
        upper,
    };
    let mut buf = format_float_short(val, opts);
    if add_pct {
        buf.push('%');
    }
    let (negative, body) = match buf.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, buf.as_str()),
    };
    let n_lead = body.bytes().take_while(|b| b.is_ascii_digit()).count();
    let (digits, rest) = body.split_at(n_lead);
    let (has_decimal, remainder) = match rest.strip_prefix('.') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let parts = NumberParts { negative, prefix: "", digits, has_decimal, remainder };
    Ok(fill_number(&parts, f, grouping_for(f), false))
}

/// Exact int → float conversion, rounding half to even; Err on overflow.
pub fn int_to_f64(v: &IBig) -> Result<f64, String> {
    let (sign, mag) = v.clone().into_parts();
    let bits = mag.bit_len();
    let overflow = || "int too large to convert to float".to_string();
    if bits > 1024 {
        return Err(overflow());
    }
    let value = if bits <= 64 {
        u64::try_from(&mag).map(|u| u as f64).map_err(|_| overflow())?
    } else {
        let shift = bits - 64;
        let sticky = mag.trailing_zeros().is_some_and(|tz| tz < shift);
        let top: UBig = mag >> shift;
        let top = u64::try_from(&top).map_err(|_| overflow())? | sticky as u64;
        // 2^shift exactly; shift <= 960 keeps it a normal double.
        let scale = f64::from_bits(((1023 + shift) as u64) << 52);
        top as f64 * scale
    };
    if value.is_infinite() {
        return Err(overflow());
    }
    Ok(if sign == dashu_int::Sign::Negative { -value } else { value })
}

/// format(int, spec).
pub fn format_int(v: &IBig, spec: &str) -> Result<String, String> {
    if spec.is_empty() {
        return int_to_decimal(v);
    }
    let f = parse_spec_for(spec, "int", Some('d'))?;
    match f.ty {
        Some('b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n') => format_long_spec(v, &f),
        Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => {
            let x = int_to_f64(v)?;
            format_float_spec(x, &f)
        }
        Some(c) => Err(unknown_type(c, "int")),
        None => Err(unknown_type('\0', "int")),
    }
}

/// Port of `format_long_internal`.
fn format_long_spec(v: &IBig, f: &FormatSpec) -> Result<String, String> {
    if f.precision.is_some() {
        return Err("Precision not allowed in integer format specifier".to_string());
    }
    if f.no_neg_0 {
        return Err(
            "Negative zero coercion (z) not allowed in integer format specifier".to_string()
        );
    }
    check_size(f)?;
    let ty = f.ty.unwrap_or('d');
    if ty == 'c' {
        if f.sign.is_some() {
            return Err("Sign not allowed with integer format specifier 'c'".to_string());
        }
        if f.alternate {
            return Err(
                "Alternate form (#) not allowed with integer format specifier 'c'".to_string()
            );
        }
        let x = i64::try_from(v)
            .map_err(|_| "Python int too large to convert to C long".to_string())?;
        if !(0..=0x10ffff).contains(&x) {
            return Err("%c arg not in range(0x110000)".to_string());
        }
        let ch = char::from_u32(x as u32).ok_or_else(|| {
            format!("character U+{x:04x} is a surrogate and cannot be stored in a str")
        })?;
        let s = ch.to_string();
        let parts =
            NumberParts { negative: false, prefix: "", digits: "", has_decimal: false, remainder: &s };
        return Ok(fill_number(&parts, f, None, false));
    }
    let (base, prefix) = match ty {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' | 'X' => (16, "0x"),
        _ => (10, ""),
    };
    let negative = v.sign() == dashu_int::Sign::Negative && !v.is_zero();
    let text = if base == 10 { int_to_decimal(v)? } else { int_to_str_radix(v, base) };
    let digits = text.trim_start_matches('-');
    let prefix = if f.alternate { prefix } else { "" };
    let parts = NumberParts { negative, prefix, digits, has_decimal: false, remainder: "" };
    Ok(fill_number(&parts, f, grouping_for(f), ty == 'X'))
}

/// format(str, spec).
pub fn format_str(s: &str, spec: &str) -> Result<String, String> {
    if spec.is_empty() {
        return Ok(s.to_string());
    }
    let f = parse_spec_for(spec, "str", Some('s'))?;
    match f.ty {
        Some('s') => {}
        Some(c) => return Err(unknown_type(c, "str")),
        None => return Err(unknown_type('\0', "str")),
    }
    match f.sign {
        Some(' ') => return Err("Space not allowed in string format specifier".to_string()),
        Some(_) => return Err("Sign not allowed in string format specifier".to_string()),
        None => {}
    }
    if f.no_neg_0 {
        return Err(
            "Negative zero coercion (z) not allowed in string format specifier".to_string()
        );
    }
    if f.alternate {
        return Err("Alternate form (#) not allowed in string format specifier".to_string());
    }
    let align = f.string_align();
    if align == '=' {
        return Err("'=' alignment not allowed in string format specifier".to_string());
    }
    check_size(&f)?;
    let mut len = s.chars().count();
    let mut body: &str = s;
    if let Some(p) = f.precision {
        if len >= p {
            len = p;
            let cut = s.char_indices().nth(p).map_or(s.len(), |(i, _)| i);
            body = &s[..cut];
        }
    }
    Ok(pad_str(body, len, f.width, align, f.fill))
}

/// CPython's `calc_padding` + fill for strings of `len` characters.
fn pad_str(body: &str, len: usize, width: Option<usize>, align: char, fill: char) -> String {
    let total = width.map_or(len, |w| w.max(len));
    let lpad = match align {
        '>' => total - len,
        '^' => (total - len) / 2,
        _ => 0,
    };
    let rpad = total - len - lpad;
    let fill_s = fill.to_string();
    let mut out = String::with_capacity(body.len() + (lpad + rpad) * fill.len_utf8());
    out.push_str(&fill_s.repeat(lpad));
    out.push_str(body);
    out.push_str(&fill_s.repeat(rpad));
    out
}

#[cfg(test)]
mod tests;
