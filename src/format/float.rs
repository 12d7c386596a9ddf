//! Exact decimal conversion of `f64` values and the digit layout rules of
//! CPython's `format_float_short` (Python/pystrtod.c).
//!
//! Invariants:
//! * Every digit string produced here is the correctly rounded (round half
//!   to even on the exact binary value) decimal expansion requested, or the
//!   shortest string that round-trips (repr mode).
//! * A `Digits` value never has trailing zeros, and never has a leading
//!   zero unless it is exactly "0" (the value zero, `decpt == 1`).
//! * No function in this file panics for any finite or non-finite input.

use dashu_int::ops::{BitTest, DivRem};
use dashu_int::UBig;

/// Decimal digits of a nonnegative finite value: value = 0.DIGITS * 10^decpt.
pub(crate) struct Digits {
    pub digits: Vec<u8>,
    pub decpt: i64,
}

impl Digits {
    fn zero() -> Digits {
        Digits { digits: vec![b'0'], decpt: 1 }
    }

    /// Build from a decimal integer string `s` that represents
    /// `value * 10^scale`; strips trailing zeros.
    fn from_scaled(s: String, scale: i64) -> Digits {
        let mut digits = s.into_bytes();
        if digits.iter().all(|&d| d == b'0') {
            return Digits::zero();
        }
        let decpt = digits.len() as i64 - scale;
        while digits.last() == Some(&b'0') {
            digits.pop();
        }
        Digits { digits, decpt }
    }

    pub fn is_zero(&self) -> bool {
        self.digits.is_empty() || self.digits == b"0"
    }
}

/// Split a positive finite f64 into (m, e) with x == m * 2^e exactly.
fn decompose(x: f64) -> (u64, i64) {
    let bits = x.abs().to_bits();
    let exp_bits = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    if exp_bits == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp_bits - 1075)
    }
}

fn pow10(k: u64) -> UBig {
    UBig::from(10u8).pow(k as usize)
}

/// Exact numerator/denominator of m * 2^e * 10^k.
fn ratio(m: u64, e: i64, k: i64) -> (UBig, UBig) {
    let mut num = UBig::from(m);
    let mut den = UBig::ONE;
    if e >= 0 {
        num <<= e as usize;
    } else {
        den <<= (-e) as usize;
    }
    if k >= 0 {
        num *= pow10(k as u64);
    } else {
        den *= pow10((-k) as u64);
    }
    (num, den)
}

/// round_half_even(m * 2^e * 10^k) as an exact integer.
fn scaled_round(m: u64, e: i64, k: i64) -> UBig {
    let (num, den) = ratio(m, e, k);
    let (q, r): (UBig, UBig) = num.div_rem(&den);
    let twice: UBig = r << 1;
    if twice > den || (twice == den && q.bit(0)) {
        q + UBig::ONE
    } else {
        q
    }
}

/// True when m * 2^e >= 10^k.
fn ge_pow10(m: u64, e: i64, k: i64) -> bool {
    let (num, den) = ratio(m, e, -k);
    num >= den
}

/// Largest useful count of fractional digits: every f64 has at most 1074
/// digits after the point, so larger requests only append zeros, which
/// the layout step adds anyway.
const MAX_FRAC_DIGITS: i64 = 1100;
/// Every f64 has at most 767 significant decimal digits.
const MAX_SIG_DIGITS: i64 = 800;

/// Digits of |x| rounded to `p` places after the decimal point (dtoa mode 3).
pub(crate) fn fixed_digits(x: f64, p: i64) -> Digits {
    if x == 0.0 || !x.is_finite() {
        return Digits::zero();
    }
    let p = p.clamp(-400, MAX_FRAC_DIGITS);
    let (m, e) = decompose(x);
    let d = scaled_round(m, e, p);
    Digits::from_scaled(d.to_string(), p)
}

/// Digits of |x| rounded to `n >= 1` significant digits (dtoa mode 2).
pub(crate) fn sig_digits(x: f64, n: i64) -> Digits {
    if x == 0.0 || !x.is_finite() {
        return Digits::zero();
    }
    let n = n.clamp(1, MAX_SIG_DIGITS);
    let (m, e) = decompose(x);
    // Exact decimal exponent: 10^ex <= |x| < 10^(ex+1).
    let mut ex = x.abs().log10().floor() as i64;
    while !ge_pow10(m, e, ex) {
        ex -= 1;
    }
    while ge_pow10(m, e, ex + 1) {
        ex += 1;
    }
    let d = scaled_round(m, e, n - 1 - ex);
    // Rounding may carry to 10^n; from_scaled then yields "1" with decpt
    // one higher, which is exactly the carried value.
    Digits::from_scaled(d.to_string(), n - 1 - ex)
}

/// Shortest digits that round-trip (dtoa mode 0), via Rust's shortest
/// formatting, which selects the closest of the shortest candidates.
pub(crate) fn shortest_digits(x: f64) -> Digits {
    if x == 0.0 || !x.is_finite() {
        return Digits::zero();
    }
    let s = format!("{:e}", x.abs());
    let (mant, exp) = match s.split_once('e') {
        Some(parts) => parts,
        None => (s.as_str(), "0"),
    };
    let exp: i64 = exp.parse().unwrap_or(0);
    let mut digits: Vec<u8> = mant.bytes().filter(|b| b.is_ascii_digit()).collect();
    while digits.len() > 1 && digits.last() == Some(&b'0') {
        digits.pop();
    }
    let decpt = exp + 1;
    // When |x| lies exactly halfway between two shortest candidates,
    // dtoa picks the one with the even last digit (if it round-trips);
    // Rust's formatter may pick the other.  Halfway means 2*|x|*10^k is
    // an odd integer, k = digits - decpt; test that cheaply first.
    let k = digits.len() as i64 - decpt;
    let (m, e) = decompose(x);
    let twos = m.trailing_zeros() as i64 + e + 1 + k;
    let fives_ok = k >= 0 || (-k <= 22 && m % 5u64.pow((-k) as u32) == 0);
    if twos == 0 && fives_ok {
        let lo = {
            let (num, den) = ratio(m, e, k);
            num / den
        };
        let hi = lo.clone() + UBig::ONE;
        let even = if lo.bit(0) { hi } else { lo };
        let text = format!("{}e{}", even, -k);
        if text.parse::<f64>().ok() == Some(x.abs()) {
            return Digits::from_scaled(even.to_string(), k);
        }
    }
    Digits { digits, decpt }
}

/// The conversion modes of `format_float_short`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Mode {
    /// 'e': `precision` significant digits in total (caller adds one).
    Exp,
    /// 'f': `precision` digits after the point.
    Fixed,
    /// 'g': `precision` significant digits, exponent chosen by size.
    General,
    /// 'r': shortest round-trip digits.
    Repr,
}

/// Options of `format_float_short`; mirrors the C function's parameters.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ShortOpts {
    pub mode: Mode,
    pub precision: i64,
    pub add_dot_0: bool,
    pub alt: bool,
    pub no_neg_0: bool,
    pub upper: bool,
}

/// The largest precision `format_float_short` hands to Rust's fixed-point formatting.
const MAX_SHORT_FIXED: i64 = 60;

/// Port of CPython's `format_float_short`: returns the number with a
/// leading '-' when negative (never a '+').
pub(crate) fn format_float_short(x: f64, o: ShortOpts) -> String {
    if x.is_nan() {
        return if o.upper { "NAN" } else { "nan" }.to_string();
    }
    if x.is_infinite() {
        let s = if o.upper { "INF" } else { "inf" };
        return if x < 0.0 { format!("-{s}") } else { s.to_string() };
    }
    if o.mode == Mode::Fixed && !o.alt && !o.add_dot_0 && !o.no_neg_0 && (0..=MAX_SHORT_FIXED).contains(&o.precision) {
        // The commonest case ('%.2f', '{:.3f}'): Rust's fixed-point formatting gives the
        // exactly rounded digits with ties to even, as dtoa's mode 3 does, and the same
        // layout (a '-' for every negative value, no point for precision 0).
        return format!("{:.*}", o.precision as usize, x);
    }
    let d = match o.mode {
        Mode::Exp | Mode::General => sig_digits(x, o.precision.max(1)),
        Mode::Fixed => fixed_digits(x, o.precision),
        Mode::Repr => shortest_digits(x),
    };
    let mut negative = x.is_sign_negative();
    if o.no_neg_0 && negative && d.is_zero() {
        negative = false;
    }
    let digits = &d.digits;
    let digits_len = digits.len() as i64;
    let mut decpt = d.decpt;
    let precision = o.precision;
    let mut vdigits_end = digits_len;
    let mut use_exp = false;
    match o.mode {
        Mode::Exp => {
            use_exp = true;
            vdigits_end = precision;
        }
        Mode::Fixed => vdigits_end = decpt + precision,
        Mode::General => {
            let limit = if o.add_dot_0 { precision - 1 } else { precision };
            if decpt <= -4 || decpt > limit {
                use_exp = true;
            }
            if o.alt {
                vdigits_end = precision;
            }
        }
        Mode::Repr => {
            if decpt <= -4 || decpt > 16 {
                use_exp = true;
            }
        }
    }
    let mut exp = 0i64;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    if !use_exp && o.add_dot_0 {
        vdigits_end = vdigits_end.max(decpt + 1);
    } else {
        vdigits_end = vdigits_end.max(decpt);
    }

    let cap = (vdigits_end - vdigits_start).max(0) as usize + 8;
    let mut out = String::with_capacity(cap);
    let zeros = |out: &mut String, n: i64| {
        for _ in 0..n.max(0) {
            out.push('0');
        }
    };
    let push_digits = |out: &mut String, ds: &[u8]| {
        for &b in ds {
            out.push(b as char);
        }
    };
    if negative {
        out.push('-');
    }
    if decpt <= 0 {
        zeros(&mut out, decpt - vdigits_start);
        out.push('.');
        zeros(&mut out, -decpt);
    } else {
        zeros(&mut out, -vdigits_start);
    }
    if 0 < decpt && decpt <= digits_len {
        let split = decpt as usize;
        push_digits(&mut out, &digits[..split]);
        out.push('.');
        push_digits(&mut out, &digits[split..]);
    } else {
        push_digits(&mut out, digits);
    }
    if digits_len < decpt {
        zeros(&mut out, decpt - digits_len);
        out.push('.');
        zeros(&mut out, vdigits_end - decpt);
    } else {
        zeros(&mut out, vdigits_end - digits_len);
    }
    if out.ends_with('.') && !o.alt {
        out.pop();
    }
    if use_exp {
        out.push(if o.upper { 'E' } else { 'e' });
        let sign = if exp < 0 { '-' } else { '+' };
        out.push(sign);
        let mag = exp.unsigned_abs();
        if mag < 10 {
            out.push('0');
        }
        out.push_str(&mag.to_string());
    }
    out
}

/// repr(float): shortest round-trip digits, exponent form below 1e-4 and
/// from 1e16 on, and always a ".0" on integral values in fixed form.
pub fn float_repr(x: f64) -> String {
    format_float_short(
        x,
        ShortOpts {
            mode: Mode::Repr,
            precision: 0,
            add_dot_0: true,
            alt: false,
            no_neg_0: false,
            upper: false,
        },
    )
}

/// round(x, ndigits) for floats.  Err holds the OverflowError message
/// when the rounded value is too large to represent.
pub fn round_float_checked(x: f64, ndigits: i64) -> Result<f64, String> {
    // NDIGITS_MAX / NDIGITS_MIN of floatobject.c.
    const NDIGITS_MAX: i64 = 323;
    const NDIGITS_MIN: i64 = -308;
    if !x.is_finite() || ndigits > NDIGITS_MAX {
        return Ok(x);
    }
    if ndigits < NDIGITS_MIN {
        return Ok(0.0 * x);
    }
    let negative = x.is_sign_negative();
    let rounded = if x == 0.0 {
        UBig::ZERO
    } else {
        let (m, e) = decompose(x);
        scaled_round(m, e, ndigits)
    };
    let text = format!("{}{}e{}", if negative { "-" } else { "" }, rounded, -ndigits);
    let value: f64 = text.parse().unwrap_or(f64::NAN);
    if value.is_infinite() {
        return Err("rounded value too large to represent".to_string());
    }
    Ok(value)
}

/// round(x, ndigits) for floats; an overflowing result is returned as an
/// infinity (see `round_float_checked` for CPython's OverflowError).
pub fn round_float(x: f64, ndigits: i64) -> f64 {
    match round_float_checked(x, ndigits) {
        Ok(v) => v,
        Err(_) => {
            if x < 0.0 {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            }
        }
    }
}
