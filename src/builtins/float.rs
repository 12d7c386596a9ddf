//! `float` (and a minimal `complex`): arithmetic with CPython's rules and methods.

#[allow(unused_imports)]
use dashu_int::ops::BitTest;
use dashu_int::IBig;

use super::def;
use crate::object::int::Int;
use crate::object::types::builtin_types;
use crate::object::{self, ObjRef, Payload, PyResult};
use crate::vm::binary::*;
use crate::vm::Vm;

pub fn int_to_float(vm: &Vm, i: &Int) -> PyResult<f64> {
    i.to_f64().ok_or_else(|| vm.overflow_error("int too large to convert to float"))
}

/// The integer value of an integral finite float.
pub fn f64_to_ibig(f: f64) -> IBig {
    if f.abs() < 9.0e18 {
        return IBig::from(f as i64);
    }
    let (m, e) = crate::vm::protocols::frexp(f);
    // f = m * 2**e with 53 significant bits: scale the mantissa to an integer.
    let mant = (m * (1u64 << 53) as f64) as i64;
    let shift = e - 53;
    let b = IBig::from(mant);
    if shift >= 0 {
        b << shift as usize
    } else {
        b >> (-shift) as usize
    }
}

pub fn float_to_int(vm: &Vm, f: f64) -> PyResult<Int> {
    if f.is_nan() {
        return Err(vm.value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(vm.overflow_error("cannot convert float infinity to integer"));
    }
    Ok(Int::from_big(f64_to_ibig(f.trunc())))
}

fn float_mod(vx: f64, wx: f64) -> f64 {
    let m = vx % wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m + wx
        } else {
            m
        }
    } else {
        0f64.copysign(wx)
    }
}

fn float_floordiv(vx: f64, wx: f64) -> f64 {
    let m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 && ((wx < 0.0) != (m < 0.0)) {
        div -= 1.0;
    }
    if div != 0.0 {
        let mut fl = div.floor();
        if div - fl > 0.5 {
            fl += 1.0;
        }
        fl
    } else {
        0f64.copysign(vx / wx)
    }
}

pub fn float_binop(vm: &Vm, x: f64, y: f64, op: u8) -> PyResult<Option<ObjRef>> {
    let r = match op {
        ADD => x + y,
        SUB => x - y,
        MUL => x * y,
        TRUEDIV => {
            if y == 0.0 {
                return Err(vm.zero_division("float division by zero"));
            }
            x / y
        }
        FLOORDIV => {
            if y == 0.0 {
                return Err(vm.zero_division("float floor division by zero"));
            }
            float_floordiv(x, y)
        }
        MOD => {
            if y == 0.0 {
                return Err(vm.zero_division("float modulo"));
            }
            float_mod(x, y)
        }
        POW => {
            if x == 0.0 && y < 0.0 {
                return Err(vm.zero_division("0.0 cannot be raised to a negative power"));
            }
            if x < 0.0 && y.fract() != 0.0 && y.is_finite() {
                // A negative base to a fractional power is complex.
                let (r, th) = (-x, std::f64::consts::PI);
                let mag = r.powf(y);
                return Ok(Some(new_complex(mag * (th * y).cos(), mag * (th * y).sin())));
            }
            let r = x.powf(y);
            if r.is_infinite() && x.is_finite() && y.is_finite() {
                return Err(vm.overflow_error("(34, 'Numerical result out of range')"));
            }
            r
        }
        _ => return Ok(None),
    };
    Ok(Some(object::new_float(r)))
}

#[must_use]
pub fn new_complex(re: f64, im: f64) -> ObjRef {
    ObjRef::new(&builtin_types().complex, Payload::Complex(re, im))
}

pub fn complex_repr(re: f64, im: f64) -> String {
    let f = |v: f64| {
        let s = crate::format::float_repr(v);
        s.strip_suffix(".0").map(String::from).unwrap_or(s)
    };
    if re == 0.0 && re.is_sign_positive() {
        format!("{}j", f(im))
    } else {
        let sign = if im < 0.0 || (im == 0.0 && im.is_sign_negative()) || im.is_nan() && im.is_sign_negative() { "-" } else { "+" };
        format!("({}{}{}j)", f(re), sign, f(im.abs()))
    }
}

fn as_complex(vm: &Vm, o: &ObjRef) -> PyResult<Option<(f64, f64)>> {
    Ok(match o.payload() {
        Payload::Complex(a, b) => Some((*a, *b)),
        Payload::Float(f) => Some((*f, 0.0)),
        Payload::Int(i) => Some((int_to_float(vm, i)?, 0.0)),
        _ => None,
    })
}

pub fn complex_binop(vm: &Vm, a: &ObjRef, b: &ObjRef, op: u8) -> PyResult<Option<ObjRef>> {
    let (Some((ar, ai)), Some((br, bi))) = (as_complex(vm, a)?, as_complex(vm, b)?) else { return Ok(None) };
    let (r, i) = match op {
        ADD => (ar + br, ai + bi),
        SUB => (ar - br, ai - bi),
        MUL => (ar * br - ai * bi, ar * bi + ai * br),
        TRUEDIV => {
            let d = br * br + bi * bi;
            if d == 0.0 {
                return Err(vm.zero_division("complex division by zero"));
            }
            ((ar * br + ai * bi) / d, (ai * br - ar * bi) / d)
        }
        POW => {
            if br == 0.0 && bi == 0.0 {
                (1.0, 0.0)
            } else if ar == 0.0 && ai == 0.0 {
                if bi != 0.0 || br < 0.0 {
                    return Err(vm.zero_division("0.0 to a negative or complex power"));
                }
                (0.0, 0.0)
            } else {
                let (mag, ang) = ((ar * ar + ai * ai).sqrt(), ai.atan2(ar));
                let lm = mag.ln();
                let nm = (br * lm - bi * ang).exp();
                let na = bi * lm + br * ang;
                (nm * na.cos(), nm * na.sin())
            }
        }
        _ => return Ok(None),
    };
    Ok(Some(new_complex(r, i)))
}

/// `float(x)`.
pub fn float_from(vm: &Vm, x: &ObjRef) -> PyResult<f64> {
    match x.payload() {
        Payload::Float(f) if !x.type_data().heap => Ok(*f),
        Payload::Int(i) if !x.type_data().heap => int_to_float(vm, i),
        Payload::Str(s) => crate::format::parse_float(&s.s).map_err(|m| vm.value_error(m)),
        Payload::Bytes(b) => crate::format::parse_float(&String::from_utf8_lossy(b)).map_err(|m| vm.value_error(m)),
        _ => {
            let td = x.type_data();
            if let Some(m) = td.lookup("__float__") {
                if !matches!(m.payload(), Payload::Builtin(_)) {
                    let r = vm.call(&m, std::slice::from_ref(&x), None)?;
                    return match r.payload() {
                        Payload::Float(f) => Ok(*f),
                        _ => Err(vm.type_error(format!("{}.__float__ returned non-float (type {})", x.type_name(), r.type_name()))),
                    };
                }
            }
            match x.payload() {
                Payload::Float(f) => return Ok(*f),
                Payload::Int(i) => return int_to_float(vm, i),
                _ => {}
            }
            if let Some(m) = td.lookup("__index__") {
                let r = vm.call(&m, std::slice::from_ref(&x), None)?;
                if let Some(i) = r.as_int() {
                    return int_to_float(vm, i);
                }
            }
            Err(vm.type_error(format!("float() argument must be a string or a real number, not '{}'", x.type_name())))
        }
    }
}

fn float_new(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::no_kwargs(vm, "float", kw)?;
    if args.len() > 2 {
        return Err(vm.type_error(format!("float expected at most 1 argument, got {}", args.len() - 1)));
    }
    let v = match args.get(1) {
        Some(x) => float_from(vm, x)?,
        None => 0.0,
    };
    if args[0].is(&builtin_types().float) {
        if let Some(x) = args.get(1) {
            if x.ty().is(&builtin_types().float) {
                return Ok(x.clone());
            }
        }
        return Ok(object::new_float(v));
    }
    Ok(ObjRef::new(&args[0], Payload::Float(v)))
}

fn this(o: &ObjRef) -> f64 {
    o.as_float().unwrap_or(0.0)
}

fn f_repr(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_string(crate::format::float_repr(this(&args[0]))))
}
fn f_is_integer(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let f = this(&args[0]);
    Ok(object::new_bool(f.is_finite() && f.fract() == 0.0))
}
fn f_int(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_int_value(float_to_int(vm, this(&args[0]))?))
}
fn f_float(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    if args[0].ty().is(&builtin_types().float) {
        return Ok(args[0].clone());
    }
    Ok(object::new_float(this(&args[0])))
}
fn f_floor(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_int_value(float_to_int(vm, this(&args[0]).floor())?))
}
fn f_ceil(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_int_value(float_to_int(vm, this(&args[0]).ceil())?))
}
fn f_hash(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_int(crate::vm::protocols::float_hash(this(&args[0]), args[0].addr())))
}
fn f_round(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let x = this(&args[0]);
    match args.get(1).filter(|n| !n.is_none()) {
        None => {
            let r = x.round_ties_even();
            Ok(object::new_int_value(float_to_int(vm, r)?))
        }
        Some(nd) => {
            let nd = vm.index(nd)?.as_i64().unwrap_or(0);
            match crate::format::round_float_checked(x, nd) {
                Ok(v) => Ok(object::new_float(v)),
                Err(m) => Err(super::format_error(vm, &m)),
            }
        }
    }
}
fn f_as_integer_ratio(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let x = this(&args[0]);
    if x.is_nan() {
        return Err(vm.value_error("cannot convert NaN to integer ratio"));
    }
    if x.is_infinite() {
        return Err(vm.overflow_error("cannot convert Infinity to integer ratio"));
    }
    let (m, e) = crate::vm::protocols::frexp(x);
    let mut mant = m;
    let mut exp = e;
    while mant.fract() != 0.0 {
        mant *= 2.0;
        exp -= 1;
    }
    let n = f64_to_ibig(mant);
    let (num, den) = if exp >= 0 { (n << exp as usize, IBig::ONE) } else { (n, IBig::ONE << (-exp) as usize) };
    // Reduce by common powers of two.
    let mut num = num;
    let mut den = den;
    while den > IBig::ONE && (&num & IBig::ONE) == IBig::ZERO {
        num >>= 1;
        den >>= 1;
    }
    Ok(object::new_tuple(vec![object::new_bigint(num), object::new_bigint(den)]))
}
fn f_conjugate(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_float(this(&args[0])))
}
fn f_format(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let spec = args.get(1).and_then(|s| s.as_str()).unwrap_or("");
    match crate::format::format_float(this(&args[0]), spec) {
        Ok(s) => Ok(object::new_string(s)),
        Err(m) => Err(super::format_error(vm, &m)),
    }
}
/// Parses CPython's `float.fromhex` syntax (`[sign] ['0x'] hexdigits ['.' hexdigits]
/// ['p' [sign] decimal]`, or inf/infinity/nan, surrounded by optional whitespace),
/// rounding half to even. Err(true) means the value is too large for a float,
/// Err(false) that the string is malformed.
pub fn parse_hex_float(text: &str) -> Result<f64, bool> {
    let s = text.trim_matches(|c: char| c.is_whitespace());
    let (neg, s) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let sign = |v: f64| if neg { -v } else { v };
    let lower = s.to_ascii_lowercase();
    if lower == "inf" || lower == "infinity" {
        return Ok(sign(f64::INFINITY));
    }
    if lower == "nan" {
        return Ok(sign(f64::NAN));
    }
    let s = lower.strip_prefix("0x").unwrap_or(&lower);
    let (mantissa, exp) = match s.split_once('p') {
        Some((m, e)) => (m, Some(e)),
        None => (s, None),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int_part.is_empty() && frac_part.is_empty() {
        return Err(false);
    }
    let mut exp2: i64 = match exp {
        Some(e) => {
            let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(false);
            }
            // Exponents far beyond any float saturate; the result is then 0 or too large.
            e.parse::<i64>().unwrap_or(if e.starts_with('-') { -(1 << 40) } else { 1 << 40 })
        }
        None => 0,
    };
    // Mantissa bits in `m` (kept below 2^124), with `sticky` for nonzero digits dropped.
    let mut m: u128 = 0;
    let mut sticky = false;
    for (i, c) in int_part.chars().chain(frac_part.chars()).enumerate() {
        let d = c.to_digit(16).ok_or(false)? as u128;
        if m < (1 << 120) {
            m = m * 16 + d;
        } else {
            sticky |= d != 0;
            exp2 += 4;
        }
        if i >= int_part.len() {
            exp2 -= 4;
        }
    }
    if m == 0 {
        return Ok(sign(0.0));
    }
    let bits = 128 - m.leading_zeros() as i64;
    if bits + exp2 > 1024 {
        return Err(true);
    }
    // Keep 53 significant bits, fewer below the smallest normal exponent.
    let shift = (bits - 53).max(-1074 - exp2);
    if shift > 0 {
        let shift = shift.min(127) as u32;
        let rest = m & ((1u128 << shift) - 1);
        let half = 1u128 << (shift - 1);
        m >>= shift;
        exp2 += shift as i64;
        if rest > half || (rest == half && (sticky || m & 1 == 1)) {
            m += 1;
        }
    }
    if m == 0 {
        return Ok(sign(0.0));
    }
    if (128 - m.leading_zeros() as i64) + exp2 > 1024 {
        return Err(true);
    }
    // m < 2^54 is exact in an f64; the scaling steps stay exact because the result is
    // representable.
    let mut v = m as f64;
    while exp2 > 0 {
        let k = exp2.min(1000);
        v *= f64::powi(2.0, k as i32);
        exp2 -= k;
    }
    while exp2 < 0 {
        let k = (-exp2).min(1000);
        v *= f64::powi(2.0, -(k as i32));
        exp2 += k;
    }
    Ok(sign(v))
}

fn f_fromhex(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::arity(vm, "fromhex", &args[1..], kw, 1, 1)?;
    let Some(text) = args[1].as_str() else {
        return Err(vm.type_error(format!("fromhex() argument must be str, not {}", args[1].type_name())));
    };
    let v = match parse_hex_float(text) {
        Ok(v) => object::new_float(v),
        Err(true) => return Err(vm.new_error("OverflowError", "hexadecimal value too large to represent as a float")),
        Err(false) => return Err(vm.value_error("invalid hexadecimal floating-point string")),
    };
    if args[0].is(&builtin_types().float) {
        return Ok(v);
    }
    vm.call(&args[0], &[v], None)
}

fn f_hex(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let x = this(&args[0]);
    if x == 0.0 {
        return Ok(object::new_str(if x.is_sign_negative() { "-0x0.0p+0" } else { "0x0.0p+0" }));
    }
    let (m, e) = crate::vm::protocols::frexp(x.abs());
    let mant = ((m * 2.0 - 1.0) * (1u64 << 52) as f64) as u64;
    let mut hex = format!("{:013x}", mant);
    while hex.len() > 1 && hex.ends_with('0') {
        hex.pop();
    }
    Ok(object::new_string(format!("{}0x1.{}p{:+}", if x < 0.0 { "-" } else { "" }, hex, e - 1)))
}

macro_rules! float_dunder {
    ($name:ident, $op:expr, $rev:expr) => {
        fn $name(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
            let (a, b) = if $rev { (&args[1], &args[0]) } else { (&args[0], &args[1]) };
            Ok(vm.builtin_binop(a, b, $op)?.unwrap_or_else(object::not_implemented))
        }
    };
}
float_dunder!(f_add, ADD, false);
float_dunder!(f_radd, ADD, true);
float_dunder!(f_sub, SUB, false);
float_dunder!(f_rsub, SUB, true);
float_dunder!(f_mul, MUL, false);
float_dunder!(f_rmul, MUL, true);
float_dunder!(f_truediv, TRUEDIV, false);
float_dunder!(f_rtruediv, TRUEDIV, true);
float_dunder!(f_floordiv, FLOORDIV, false);
float_dunder!(f_rfloordiv, FLOORDIV, true);
float_dunder!(f_mod, MOD, false);
float_dunder!(f_rmod, MOD, true);
float_dunder!(f_pow, POW, false);
float_dunder!(f_rpow, POW, true);

fn f_neg(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_float(-this(&args[0])))
}
fn f_abs(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_float(this(&args[0]).abs()))
}
fn f_bool(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_bool(this(&args[0]) != 0.0))
}
fn f_divmod(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let a = match args[0].payload() {
        Payload::Float(f) => *f,
        Payload::Int(i) => int_to_float(vm, i)?,
        _ => return Ok(object::not_implemented()),
    };
    let b = match args[1].payload() {
        Payload::Float(f) => *f,
        Payload::Int(i) => int_to_float(vm, i)?,
        _ => return Ok(object::not_implemented()),
    };
    if b == 0.0 {
        return Err(vm.zero_division("float divmod()"));
    }
    Ok(object::new_tuple(vec![object::new_float(float_floordiv(a, b)), object::new_float(float_mod(a, b))]))
}

fn c_new(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let a = super::parse_args(vm, "complex", &args[1..], kw, &["real", "imag"], 0)?;
    let (mut re, mut im) = (0.0, 0.0);
    if let Some(r) = &a[0] {
        match r.payload() {
            Payload::Complex(x, y) => {
                re = *x;
                im = *y;
            }
            Payload::Str(s) => return parse_complex(vm, &s.s),
            _ => re = float_from(vm, r)?,
        }
    }
    if let Some(i) = &a[1] {
        match i.payload() {
            Payload::Complex(x, y) => {
                re -= y;
                im += x;
            }
            _ => im += float_from(vm, i)?,
        }
    }
    Ok(new_complex(re, im))
}

fn parse_complex(vm: &Vm, s: &str) -> PyResult {
    let t = s.trim();
    let t = t.strip_prefix('(').and_then(|x| x.strip_suffix(')')).unwrap_or(t);
    let err = || vm.value_error("complex() arg is a malformed string");
    if let Some(body) = t.strip_suffix('j').or_else(|| t.strip_suffix('J')) {
        // Find the split between real and imaginary parts.
        let bytes = body.as_bytes();
        let mut split = None;
        for i in (1..bytes.len()).rev() {
            if (bytes[i] == b'+' || bytes[i] == b'-') && bytes[i - 1] != b'e' && bytes[i - 1] != b'E' {
                split = Some(i);
                break;
            }
        }
        let (re, im) = match split {
            Some(i) => (crate::format::parse_float(&body[..i]).map_err(|_| err())?, &body[i..]),
            None => (0.0, body),
        };
        let im = match im {
            "" | "+" => 1.0,
            "-" => -1.0,
            x => crate::format::parse_float(x).map_err(|_| err())?,
        };
        return Ok(new_complex(re, im));
    }
    Ok(new_complex(crate::format::parse_float(t).map_err(|_| err())?, 0.0))
}

fn c_repr(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    match args[0].payload() {
        Payload::Complex(a, b) => Ok(object::new_string(complex_repr(*a, *b))),
        _ => Ok(object::new_str("?")),
    }
}
fn c_conjugate(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    match args[0].payload() {
        Payload::Complex(a, b) => Ok(new_complex(*a, -b)),
        _ => Ok(args[0].clone()),
    }
}
fn c_abs(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    match args[0].payload() {
        Payload::Complex(a, b) => Ok(object::new_float(a.hypot(*b))),
        _ => Ok(args[0].clone()),
    }
}

pub fn init(_vm: &Vm) {
    let t = builtin_types();
    let f = &t.float;
    super::def_staticmethod(f, "__new__", float_new);
    def(f, "__repr__", f_repr);
    def(f, "is_integer", f_is_integer);
    def(f, "__int__", f_int);
    def(f, "__trunc__", f_int);
    def(f, "__float__", f_float);
    def(f, "__floor__", f_floor);
    def(f, "__ceil__", f_ceil);
    def(f, "__hash__", f_hash);
    def(f, "__round__", f_round);
    def(f, "__format__", f_format);
    def(f, "__neg__", f_neg);
    def(f, "__abs__", f_abs);
    def(f, "__bool__", f_bool);
    def(f, "__divmod__", f_divmod);
    def(f, "as_integer_ratio", f_as_integer_ratio);
    def(f, "conjugate", f_conjugate);
    def(f, "hex", f_hex);
    super::def_classmethod(f, "fromhex", f_fromhex);
    def(f, "__add__", f_add);
    def(f, "__radd__", f_radd);
    def(f, "__sub__", f_sub);
    def(f, "__rsub__", f_rsub);
    def(f, "__mul__", f_mul);
    def(f, "__rmul__", f_rmul);
    def(f, "__truediv__", f_truediv);
    def(f, "__rtruediv__", f_rtruediv);
    def(f, "__floordiv__", f_floordiv);
    def(f, "__rfloordiv__", f_rfloordiv);
    def(f, "__mod__", f_mod);
    def(f, "__rmod__", f_rmod);
    def(f, "__pow__", f_pow);
    def(f, "__rpow__", f_rpow);
    let c = &t.complex;
    super::def_staticmethod(c, "__new__", c_new);
    def(c, "__repr__", c_repr);
    def(c, "conjugate", c_conjugate);
    def(c, "__abs__", c_abs);
}
