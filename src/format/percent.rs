//! The conversions of the `%` operator on str (`PyUnicode_Format`):
//! integers (d i u o x X), floats (e E f F g G) and the padding of
//! already-converted text (s r a c).
//!
//! Invariants:
//! * The caller parses the format string and resolves `*` widths: a
//!   negative `*` width must be passed as `flags.left = true` with its
//!   absolute value, exactly as CPython does.
//! * Output equals CPython's `unicode_format_arg_output` for the same
//!   flags, width and precision.  Nothing panics.

use dashu_int::IBig;

use super::float::{format_float_short, Mode, ShortOpts};
use super::{int_to_decimal, int_to_str_radix};

/// The `%` conversion flags: '-' (`left`), '+' (`sign`), ' ' (`blank`),
/// '#' (`alt`), '0' (`zero`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PercentFlags {
    pub left: bool,
    pub sign: bool,
    pub blank: bool,
    pub alt: bool,
    pub zero: bool,
}

impl PercentFlags {
    /// Parse a run of flag characters ("-+ #0" in any order and count).
    pub fn parse(s: &str) -> PercentFlags {
        let mut f = PercentFlags::default();
        for c in s.bytes() {
            f.set(c);
        }
        f
    }

    /// Sets the flag that character `c` stands for; false when `c` is no flag.
    pub fn set(&mut self, c: u8) -> bool {
        match c {
            b'-' => self.left = true,
            b'+' => self.sign = true,
            b' ' => self.blank = true,
            b'#' => self.alt = true,
            b'0' => self.zero = true,
            _ => return false,
        }
        true
    }
}

/// `%d %i %u %o %x %X` of an int.  Precision pads the digits with zeros;
/// '#' adds 0o / 0x / 0X.  Err for an unknown conversion or a decimal
/// string over the int max str digits limit.
pub fn percent_int(
    v: &IBig,
    flags: PercentFlags,
    width: Option<usize>,
    prec: Option<usize>,
    conv: char,
) -> Result<String, String> {
    int_conversion(flags, width, prec, conv, |base| if base == 10 { int_to_decimal(v) } else { Ok(int_to_str_radix(v, base)) })
}

/// `percent_int` of a machine-sized int, without a big integer.
pub fn percent_small_int(
    v: i64,
    flags: PercentFlags,
    width: Option<usize>,
    prec: Option<usize>,
    conv: char,
) -> Result<String, String> {
    int_conversion(flags, width, prec, conv, |base| Ok(if base == 10 { v.to_string() } else { crate::object::int::small_pow2_radix(v, base, "") }))
}

/// An int conversion whose digits in a base (10, 8 or 16; lowercase, after a '-' when
/// negative) `digits` gives.
fn int_conversion(
    flags: PercentFlags,
    width: Option<usize>,
    prec: Option<usize>,
    conv: char,
    digits: impl FnOnce(u32) -> Result<String, String>,
) -> Result<String, String> {
    check_sizes(width, prec)?;
    let base = match conv {
        'd' | 'i' | 'u' => 10,
        'o' => 8,
        'x' | 'X' => 16,
        _ => return Err(format!("unsupported format character '{conv}'")),
    };
    Ok(int_output(digits(base)?, flags, width, prec, conv))
}

/// The rest of an int conversion once `text` holds its digits (lowercase, with a
/// leading '-' when negative).
fn int_output(text: String, flags: PercentFlags, width: Option<usize>, prec: Option<usize>, conv: char) -> String {
    if !flags.alt && prec.is_none() && conv != 'X' {
        return output(text, true, flags, width, prec, conv);
    }
    let prefix = if conv == 'o' { "0o" } else { "0x" };
    // _PyUnicode_FormatLong: [-][prefix][zeros to precision]digits.
    let (negative, digits) = match text.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, text.as_str()),
    };
    let mut s = String::with_capacity(text.len() + 4);
    if negative {
        s.push('-');
    }
    if flags.alt && conv != 'd' && conv != 'i' && conv != 'u' {
        s.push_str(prefix);
    }
    if let Some(p) = prec {
        let n = digits.len();
        if p > n {
            s.push_str(&"0".repeat(p - n));
        }
    }
    s.push_str(digits);
    if conv == 'X' {
        s = s.to_ascii_uppercase();
    }
    output(s, true, flags, width, prec, conv)
}

/// `%e %E %f %F %g %G` of a float (precision defaults to 6).
pub fn percent_float(
    v: f64,
    flags: PercentFlags,
    width: Option<usize>,
    prec: Option<usize>,
    conv: char,
) -> Result<String, String> {
    check_sizes(width, prec)?;
    let mut precision = prec.unwrap_or(6).min(i32::MAX as usize) as i64;
    let mode = match conv.to_ascii_lowercase() {
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
        _ => return Err(format!("unsupported format character '{conv}'")),
    };
    let opts = ShortOpts {
        mode,
        precision,
        add_dot_0: false,
        alt: flags.alt,
        no_neg_0: false,
        upper: conv.is_ascii_uppercase(),
    };
    Ok(output(format_float_short(v, opts), true, flags, width, prec, conv))
}

/// Widths and precisions past this would need gigabytes of output;
/// they are refused with the messages CPython uses for oversized values.
const MAX_OUTPUT: usize = 1 << 30;

fn check_sizes(width: Option<usize>, prec: Option<usize>) -> Result<(), String> {
    if width.is_some_and(|w| w > MAX_OUTPUT) {
        return Err("width too big".to_string());
    }
    if prec.is_some_and(|p| p > MAX_OUTPUT) {
        return Err("precision too big".to_string());
    }
    Ok(())
}

/// Padding for `%s %r %a %c`: `text` is the already converted value
/// (str(), repr(), ascii() or the character); precision truncates for
/// s, r and a.
pub fn percent_str(
    text: &str,
    flags: PercentFlags,
    width: Option<usize>,
    prec: Option<usize>,
    conv: char,
) -> Result<String, String> {
    check_sizes(width, None)?;
    Ok(output(text.to_string(), false, flags, width, prec, conv))
}

/// Port of `unicode_format_arg_output`; `numeric` is CPython's
/// `arg->sign` (set for number conversions). `s` comes back as it is when
/// there is nothing to pad, cut or sign.
fn output(
    s: String,
    numeric: bool,
    flags: PercentFlags,
    width: Option<usize>,
    prec: Option<usize>,
    conv: char,
) -> String {
    if width.is_none() && prec.is_none() && !(flags.sign || flags.blank) {
        return s;
    }
    let mut len = s.chars().count() as i64;
    let mut width = width.map_or(-1, |w| w as i64);
    let prec_i = prec.map_or(-1, |p| p as i64);
    if (width == -1 || width <= len) && (prec_i == -1 || prec_i >= len) && !(flags.sign || flags.blank)
    {
        return s;
    }
    if matches!(conv, 's' | 'r' | 'a') && prec_i >= 0 && len > prec_i {
        len = prec_i;
    }
    let fill = if numeric && flags.zero { '0' } else { ' ' };
    let mut idx = 0usize;
    let mut sign = numeric;
    let mut signchar = '\0';
    if sign {
        let ch = s.chars().next().unwrap_or('\0');
        if ch == '-' || ch == '+' {
            signchar = ch;
            len -= 1;
            idx += 1;
        } else if flags.sign {
            signchar = '+';
        } else if flags.blank {
            signchar = ' ';
        } else {
            sign = false;
        }
    }
    if width < len {
        width = len;
    }
    let mut out = String::with_capacity(width.max(0) as usize + 2);
    if sign {
        if fill != ' ' {
            out.push(signchar);
        }
        if width > len {
            width -= 1;
        }
    }
    let has_prefix = flags.alt && matches!(conv, 'x' | 'X' | 'o');
    if has_prefix {
        if fill != ' ' {
            out.push('0');
            out.push(conv);
            idx += 2;
        }
        width = (width - 2).max(0);
        len -= 2;
    }
    if width > len && !flags.left {
        for _ in 0..(width - len) {
            out.push(fill);
        }
        width = len;
    }
    if fill == ' ' {
        if sign {
            out.push(signchar);
        }
        if has_prefix {
            out.push('0');
            out.push(conv);
            idx += 2;
        }
    }
    if len > 0 {
        out.push_str(char_range(&s, idx, len as usize));
    }
    if width > len {
        for _ in 0..(width - len) {
            out.push(' ');
        }
    }
    out
}

/// The `n` characters of `s` from character `start` on (fewer at its end).
fn char_range(s: &str, start: usize, n: usize) -> &str {
    if s.is_ascii() {
        let end = (start + n).min(s.len());
        return &s[start.min(end)..end];
    }
    let at = |k: usize| s.char_indices().nth(k).map_or(s.len(), |(b, _)| b);
    &s[at(start)..at(start + n)]
}
