//! `int` and `bool`: arithmetic with CPython's rules and the int methods.

use dashu_int::ops::{BitTest, UnsignedAbs};
use dashu_int::IBig;

use super::def;
use crate::object::int::Int;
use crate::object::types::builtin_types;
use crate::object::{self, ObjRef, Payload, PyResult};
use crate::vm::binary::*;
use crate::vm::Vm;

/// `x op y` for two ints; None for operators ints do not define.
pub fn int_binop(vm: &Vm, x: &Int, y: &Int, op: u8) -> PyResult<Option<ObjRef>> {
    let r = match op {
        ADD => x.add(y),
        SUB => x.sub(y),
        MUL => x.mul(y),
        FLOORDIV => {
            if y.is_zero() {
                return Err(vm.zero_division("integer division or modulo by zero"));
            }
            x.floordiv(y)
        }
        MOD => {
            if y.is_zero() {
                return Err(vm.zero_division("integer modulo by zero"));
            }
            x.modulo(y)
        }
        TRUEDIV => {
            if y.is_zero() {
                return Err(vm.zero_division("division by zero"));
            }
            return Ok(Some(object::new_float(int_truediv(vm, x, y)?)));
        }
        POW => {
            if y.is_negative() {
                if x.is_zero() {
                    return Err(vm.zero_division("0.0 cannot be raised to a negative power"));
                }
                let fx = super::float::int_to_float(vm, x)?;
                let fy = super::float::int_to_float(vm, y)?;
                return super::float::float_binop(vm, fx, fy, POW);
            }
            let e = match y.as_i64() {
                Some(e) => e as u64,
                None => {
                    // Only 0, 1 and -1 can be raised to astronomically large powers.
                    match x.as_i64() {
                        Some(0) => return Ok(Some(object::new_int(0))),
                        Some(1) => return Ok(Some(object::new_int(1))),
                        Some(-1) => {
                            let odd = (y.to_big() & IBig::ONE) == IBig::ONE;
                            return Ok(Some(object::new_int(if odd { -1 } else { 1 })));
                        }
                        _ => return Err(vm.new_error("MemoryError", "")),
                    }
                }
            };
            if e > 1 && x.bit_length().saturating_mul(e) > (1u64 << 36) {
                return Err(vm.new_error("MemoryError", ""));
            }
            x.pow(e)
        }
        LSHIFT => {
            if y.is_negative() {
                return Err(vm.value_error("negative shift count"));
            }
            if x.is_zero() {
                return Ok(Some(object::new_int(0)));
            }
            let n = y.as_i64().filter(|n| *n < (1 << 36)).ok_or_else(|| vm.overflow_error("too many digits in integer"))?;
            x.shl(n as u64)
        }
        RSHIFT => {
            if y.is_negative() {
                return Err(vm.value_error("negative shift count"));
            }
            let n = y.as_i64().unwrap_or(i64::MAX) as u64;
            x.shr(n)
        }
        AND => x.bitand(y),
        OR => x.bitor(y),
        XOR => x.bitxor(y),
        _ => return Ok(None),
    };
    Ok(Some(object::new_int_value(r)))
}

/// True division of ints, correctly rounded when both fit in 53 bits.
fn int_truediv(vm: &Vm, x: &Int, y: &Int) -> PyResult<f64> {
    if let (Int::Small(a), Int::Small(b)) = (x, y) {
        if a.unsigned_abs() < (1 << 53) && b.unsigned_abs() < (1 << 53) {
            return Ok(*a as f64 / *b as f64);
        }
    }
    // Divide the magnitudes scaled so that the quotient keeps at least 64 significant
    // bits, with a sticky bit for a nonzero remainder, so that the one rounding to
    // 53 bits is correct; zero keeps the quotient's sign (0 / -n is -0.0).
    let (a, b) = (x.to_big(), y.to_big());
    let negative = (a.signum() < IBig::ZERO) != (b.signum() < IBig::ZERO);
    let (a, b) = (IBig::from(a.unsigned_abs()), IBig::from(b.unsigned_abs()));
    if a == IBig::ZERO {
        return Ok(if negative { -0.0 } else { 0.0 });
    }
    let shift: isize = 64 + b.bit_len() as isize - a.bit_len() as isize;
    let (num, den) = if shift >= 0 { (a << shift as usize, b) } else { (a, b << (-shift) as usize) };
    let (q, rem) = (&num / &den, &num % &den);
    let q = if rem != IBig::ZERO { q | IBig::ONE } else { q };
    let r = crate::object::int::big_to_f64(&q) * 2f64.powi(-(shift as i32));
    let r = if negative { -r } else { r };
    if !r.is_finite() {
        return Err(vm.overflow_error("integer division result too large for a float"));
    }
    Ok(r)
}

/// `int(x)` / `int(x, base)` conversion.
pub fn int_from(vm: &Vm, x: &ObjRef, base: Option<&ObjRef>) -> PyResult<Int> {
    if let Some(b) = base {
        let b = vm.index(b)?.as_i64().unwrap_or(-1);
        if b != 0 && !(2..=36).contains(&b) {
            return Err(vm.value_error("int() base must be >= 2 and <= 36, or 0"));
        }
        let s = match x.payload() {
            Payload::Str(s) => s.s.to_string(),
            Payload::Bytes(bs) => String::from_utf8_lossy(bs).into_owned(),
            Payload::ByteArray(bs) => String::from_utf8_lossy(&bs.borrow()).into_owned(),
            _ => return Err(vm.type_error("int() can't convert non-string with explicit base")),
        };
        return parse_int_str(vm, &s, b as u32);
    }
    match x.payload() {
        Payload::Int(i) if !x.type_data().heap || x.type_data().lookup("__int__").map(|m| matches!(m.payload(), Payload::Builtin(_))).unwrap_or(true) => Ok(i.clone()),
        Payload::Float(f) if !x.type_data().heap => super::float::float_to_int(vm, *f),
        Payload::Str(s) if !x.type_data().heap || x.type_data().lookup("__int__").is_none() => parse_int_str(vm, &s.s, 10),
        Payload::Bytes(b) => parse_int_str(vm, &String::from_utf8_lossy(b), 10),
        _ => {
            let td = x.type_data();
            for name in ["__int__", "__index__", "__trunc__"] {
                if let Some(m) = td.lookup(name) {
                    let r = vm.call(&m, std::slice::from_ref(&x), None)?;
                    return match r.as_int() {
                        Some(i) => Ok(i.clone()),
                        None => Err(vm.type_error(format!("{} returned non-int (type {})", name, r.type_name()))),
                    };
                }
            }
            if let Payload::Float(f) = x.payload() {
                return super::float::float_to_int(vm, *f);
            }
            Err(vm.type_error(format!("int() argument must be a string, a bytes-like object or a real number, not '{}'", x.type_name())))
        }
    }
}

fn parse_int_str(vm: &Vm, s: &str, base: u32) -> PyResult<Int> {
    crate::format::parse_int(s, base).map(Int::from_big).map_err(|m| vm.value_error(m))
}

fn int_new(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let cls = &args[0];
    let a = super::parse_args(vm, "int", &args[1..], kw, &["x", "base"], 0)?;
    if let (Some(x), None) = (&a[0], &a[1]) {
        if cls.is(&builtin_types().int) && x.ty().is(&builtin_types().int) {
            return Ok(x.clone());
        }
    }
    let v = match (&a[0], &a[1]) {
        (None, None) => Int::Small(0),
        (None, Some(_)) => return Err(vm.type_error("int() missing string argument")),
        (Some(x), b) => int_from(vm, x, b.as_ref())?,
    };
    if cls.is(&builtin_types().int) {
        return Ok(object::new_int_value(v));
    }
    Ok(ObjRef::new(cls, Payload::Int(v)))
}

fn bool_new(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::no_kwargs(vm, "bool", kw)?;
    if args.len() > 2 {
        return Err(vm.type_error(format!("bool expected at most 1 argument, got {}", args.len() - 1)));
    }
    Ok(object::new_bool(match args.get(1) {
        Some(x) => vm.truthy(x)?,
        None => false,
    }))
}

fn this(o: &ObjRef) -> Int {
    o.as_int().cloned().unwrap_or(Int::Small(0))
}

fn i_bit_length(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_int(this(&args[0]).bit_length() as i64))
}
fn i_bit_count(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let v = this(&args[0]).to_big().unsigned_abs();
    let s = v.in_radix(2).to_string();
    Ok(object::new_int(s.bytes().filter(|b| *b == b'1').count() as i64))
}
fn i_int(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    if args[0].ty().is(&builtin_types().int) {
        return Ok(args[0].clone());
    }
    Ok(object::new_int_value(this(&args[0])))
}
fn i_float(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_float(super::float::int_to_float(vm, &this(&args[0]))?))
}
fn i_repr(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    if args[0].ty().is_subtype(&builtin_types().bool_) {
        return Ok(object::new_str(if this(&args[0]).is_zero() { "False" } else { "True" }));
    }
    Ok(object::new_string(super::repr::int_repr(vm, &this(&args[0]))?))
}
fn i_hash(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_int(this(&args[0]).hash()))
}
fn i_bool(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_bool(!this(&args[0]).is_zero()))
}
fn i_format(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let spec = args.get(1).and_then(|s| s.as_str()).unwrap_or("");
    if spec.is_empty() {
        return vm.str(&args[0]);
    }
    super::format_builtin(vm, &object::new_int_value(this(&args[0])), spec)
}
fn i_conjugate(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_int_value(this(&args[0])))
}
fn i_as_integer_ratio(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_tuple(vec![object::new_int_value(this(&args[0])), object::new_int(1)]))
}
fn i_round(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let x = this(&args[0]);
    let Some(nd) = args.get(1).filter(|n| !n.is_none()) else {
        return Ok(object::new_int_value(x));
    };
    let nd = vm.index(nd)?.as_i64().unwrap_or(0);
    if nd >= 0 {
        return Ok(object::new_int_value(x));
    }
    // Round half to even at 10**(-nd).
    let p = Int::Small(10).pow((-nd) as u64);
    let q = x.floordiv(&p);
    let r = x.modulo(&p);
    let twice = r.mul(&Int::Small(2));
    let q = match twice.cmp(&p) {
        std::cmp::Ordering::Greater => q.add(&Int::Small(1)),
        std::cmp::Ordering::Equal if q.modulo(&Int::Small(2)) == Int::Small(1) => q.add(&Int::Small(1)),
        _ => q,
    };
    Ok(object::new_int_value(q.mul(&p)))
}
fn i_to_bytes(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let a = super::parse_args(vm, "to_bytes", &args[1..], kw, &["length", "byteorder", "signed"], 0)?;
    let len = match &a[0] {
        Some(l) => vm.index(l)?.as_i64().unwrap_or(0) as usize,
        None => 1,
    };
    let big = a[1].as_ref().map(|b| b.as_str() == Some("big")).unwrap_or(true);
    let signed = match &a[2] {
        Some(s) => vm.truthy(s)?,
        None => false,
    };
    let x = this(&args[0]).to_big();
    if !signed && x.signum() < IBig::ZERO {
        return Err(vm.overflow_error("can't convert negative int to unsigned"));
    }
    let modulus = IBig::ONE << (8 * len);
    let v = if x.signum() < IBig::ZERO { &modulus + &x } else { x.clone() };
    let fits = if signed {
        let half = IBig::ONE << (8 * len).saturating_sub(1);
        x < half && x >= -half
    } else {
        v < modulus
    };
    if !fits {
        return Err(vm.overflow_error("int too big to convert"));
    }
    let mut bytes = Vec::with_capacity(len);
    let mut t = v;
    for _ in 0..len {
        let b: IBig = &t & IBig::from(255u8);
        bytes.push(u8::try_from(&b).unwrap_or(0));
        t >>= 8;
    }
    if big {
        bytes.reverse();
    }
    Ok(object::new_bytes(bytes))
}
fn i_from_bytes(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let a = super::parse_args(vm, "from_bytes", &args[1..], kw, &["bytes", "byteorder", "signed"], 1)?;
    let mut bytes: Vec<u8> = match a[0].as_ref().unwrap().payload() {
        Payload::Bytes(b) => b.to_vec(),
        Payload::ByteArray(b) => b.borrow().clone(),
        _ => {
            let items = vm.collect(a[0].as_ref().unwrap())?;
            items.iter().map(|i| i.as_int().and_then(|v| v.as_i64()).unwrap_or(0) as u8).collect()
        }
    };
    let big = a[1].as_ref().map(|b| b.as_str() == Some("big")).unwrap_or(true);
    let signed = match &a[2] {
        Some(s) => vm.truthy(s)?,
        None => false,
    };
    if !big {
        bytes.reverse();
    }
    let mut v = IBig::ZERO;
    for b in &bytes {
        v = (v << 8) + IBig::from(*b);
    }
    if signed && !bytes.is_empty() && bytes[0] & 0x80 != 0 {
        v -= IBig::ONE << (8 * bytes.len());
    }
    let r = object::new_bigint(v);
    if args[0].is(&builtin_types().int) {
        return Ok(r);
    }
    vm.call(&args[0], &[r], None)
}

macro_rules! int_dunder {
    ($name:ident, $op:expr, $rev:expr) => {
        fn $name(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
            if args.len() != 2 {
                return Err(vm.type_error("expected 1 argument"));
            }
            let (a, b) = if $rev { (&args[1], &args[0]) } else { (&args[0], &args[1]) };
            match (a.as_int(), b.as_int()) {
                (Some(x), Some(y)) => Ok(int_binop(vm, x, y, $op)?.unwrap_or_else(object::not_implemented)),
                _ => Ok(object::not_implemented()),
            }
        }
    };
}
int_dunder!(i_add, ADD, false);
int_dunder!(i_radd, ADD, true);
int_dunder!(i_sub, SUB, false);
int_dunder!(i_rsub, SUB, true);
int_dunder!(i_mul, MUL, false);
int_dunder!(i_rmul, MUL, true);
int_dunder!(i_floordiv, FLOORDIV, false);
int_dunder!(i_rfloordiv, FLOORDIV, true);
int_dunder!(i_truediv, TRUEDIV, false);
int_dunder!(i_rtruediv, TRUEDIV, true);
int_dunder!(i_mod, MOD, false);
int_dunder!(i_rmod, MOD, true);
int_dunder!(i_pow, POW, false);
int_dunder!(i_rpow, POW, true);
int_dunder!(i_lshift, LSHIFT, false);
int_dunder!(i_rlshift, LSHIFT, true);
int_dunder!(i_rshift, RSHIFT, false);
int_dunder!(i_rrshift, RSHIFT, true);
int_dunder!(i_and, AND, false);
int_dunder!(i_rand, AND, true);
int_dunder!(i_or, OR, false);
int_dunder!(i_ror, OR, true);
int_dunder!(i_xor, XOR, false);
int_dunder!(i_rxor, XOR, true);

fn i_divmod(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    match (args[0].as_int(), args[1].as_int()) {
        (Some(x), Some(y)) => {
            if y.is_zero() {
                return Err(vm.zero_division("integer division or modulo by zero"));
            }
            Ok(object::new_tuple(vec![object::new_int_value(x.floordiv(y)), object::new_int_value(x.modulo(y))]))
        }
        _ => Ok(object::not_implemented()),
    }
}
fn i_neg(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    vm.unary_op(&object::new_int_value(this(&args[0])), crate::bytecode::Op::UnaryNegative)
}
fn i_pos(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_int_value(this(&args[0])))
}
fn i_abs(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_int_value(this(&args[0]).abs()))
}
fn i_invert(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_int_value(this(&args[0]).invert()))
}
fn i_eq(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(vm.builtin_compare(&args[0], &args[1], crate::vm::compare::CmpOp::Eq)?.unwrap_or_else(object::not_implemented))
}
fn i_lt(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(vm.builtin_compare(&args[0], &args[1], crate::vm::compare::CmpOp::Lt)?.unwrap_or_else(object::not_implemented))
}

pub fn init(_vm: &Vm) {
    let t = builtin_types();
    let i = &t.int;
    super::def_staticmethod(i, "__new__", int_new);
    super::def_staticmethod(&t.bool_, "__new__", bool_new);
    def(i, "bit_length", i_bit_length);
    def(i, "bit_count", i_bit_count);
    def(i, "conjugate", i_conjugate);
    def(i, "as_integer_ratio", i_as_integer_ratio);
    def(i, "to_bytes", i_to_bytes);
    super::def_classmethod(i, "from_bytes", i_from_bytes);
    def(i, "__int__", i_int);
    def(i, "__index__", i_int);
    def(i, "__trunc__", i_int);
    def(i, "__floor__", i_int);
    def(i, "__ceil__", i_int);
    def(i, "__float__", i_float);
    def(i, "__repr__", i_repr);
    def(i, "__hash__", i_hash);
    def(i, "__bool__", i_bool);
    def(i, "__format__", i_format);
    def(i, "__round__", i_round);
    def(i, "__add__", i_add);
    def(i, "__radd__", i_radd);
    def(i, "__sub__", i_sub);
    def(i, "__rsub__", i_rsub);
    def(i, "__mul__", i_mul);
    def(i, "__rmul__", i_rmul);
    def(i, "__floordiv__", i_floordiv);
    def(i, "__rfloordiv__", i_rfloordiv);
    def(i, "__truediv__", i_truediv);
    def(i, "__rtruediv__", i_rtruediv);
    def(i, "__mod__", i_mod);
    def(i, "__rmod__", i_rmod);
    def(i, "__pow__", i_pow);
    def(i, "__rpow__", i_rpow);
    def(i, "__lshift__", i_lshift);
    def(i, "__rlshift__", i_rlshift);
    def(i, "__rshift__", i_rshift);
    def(i, "__rrshift__", i_rrshift);
    def(i, "__and__", i_and);
    def(i, "__rand__", i_rand);
    def(i, "__or__", i_or);
    def(i, "__ror__", i_ror);
    def(i, "__xor__", i_xor);
    def(i, "__rxor__", i_rxor);
    def(i, "__divmod__", i_divmod);
    def(i, "__neg__", i_neg);
    def(i, "__pos__", i_pos);
    def(i, "__abs__", i_abs);
    def(i, "__invert__", i_invert);
    def(i, "__eq__", i_eq);
    def(i, "__lt__", i_lt);
}
