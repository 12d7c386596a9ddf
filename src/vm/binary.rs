//! Binary and unary operators (CPython's `binary_op1` and the number protocol).
//!
//! Operand codes are CPython 3.11's NB_* numbers (see `bytecode::opcodes::BINOP_NAMES`).
//! Builtin payloads are computed directly by `builtin_binop`, which accepts either operand
//! order; user classes go through `__op__` / `__rop__` with the subclass-first rule.

use super::Vm;
use crate::bytecode::Op;
use crate::object::int::Int;
use crate::object::types::builtin_types;
use crate::object::{self, ObjRef, Payload, PyResult};

pub const ADD: u8 = 0;
pub const AND: u8 = 1;
pub const FLOORDIV: u8 = 2;
pub const LSHIFT: u8 = 3;
pub const MATMUL: u8 = 4;
pub const MUL: u8 = 5;
pub const MOD: u8 = 6;
pub const OR: u8 = 7;
pub const POW: u8 = 8;
pub const RSHIFT: u8 = 9;
pub const SUB: u8 = 10;
pub const TRUEDIV: u8 = 11;
pub const XOR: u8 = 12;

pub const DUNDERS: [(&str, &str, &str); 13] = [
    ("__add__", "__radd__", "__iadd__"),
    ("__and__", "__rand__", "__iand__"),
    ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
    ("__lshift__", "__rlshift__", "__ilshift__"),
    ("__matmul__", "__rmatmul__", "__imatmul__"),
    ("__mul__", "__rmul__", "__imul__"),
    ("__mod__", "__rmod__", "__imod__"),
    ("__or__", "__ror__", "__ior__"),
    ("__pow__", "__rpow__", "__ipow__"),
    ("__rshift__", "__rrshift__", "__irshift__"),
    ("__sub__", "__rsub__", "__isub__"),
    ("__truediv__", "__rtruediv__", "__itruediv__"),
    ("__xor__", "__rxor__", "__ixor__"),
];
pub const SYMBOLS: [&str; 13] = ["+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^"];

/// The value of `a op b` for exact ints that fit a machine word and exact floats, when
/// it needs no error and no big int (CPython 3.11's BINARY_OP_ADD_INT and kin): the
/// eval loop's shortcut, for the plain and the in-place forms alike (ints and floats
/// have no in-place methods). None: take the generic path, which gives the same result
/// or raises. Some only when both operands are of the exact types their payloads say,
/// which `store_number` relies on.
#[inline(always)]
fn number_value(a: &ObjRef, b: &ObjRef, op: u8) -> Option<Number> {
    // The types first: an exact int or float has the payload of its kind, so a type
    // test (two loads and a compare) settles what a payload match would decode twice.
    let t = builtin_types();
    let (ta, tb) = (a.ty(), b.ty());
    if ta.is(&t.float) {
        let Payload::Float(x) = a.payload() else { return None };
        if tb.is(&t.float) {
            let Payload::Float(y) = b.payload() else { return None };
            return float_fast(*x, *y, op);
        }
        if !tb.is(&t.int) {
            return None;
        }
        let Payload::Int(Int::Small(y)) = b.payload() else { return None };
        return float_fast(*x, *y as f64, op);
    }
    if !ta.is(&t.int) {
        return None;
    }
    let Payload::Int(Int::Small(x)) = a.payload() else { return None };
    let x = *x;
    if !tb.is(&t.int) {
        if !tb.is(&t.float) {
            return None;
        }
        let Payload::Float(y) = b.payload() else { return None };
        return float_fast(x as f64, *y, op);
    }
    let Payload::Int(Int::Small(y)) = b.payload() else { return None };
    let y = *y;
    let r = match op {
        ADD => x.checked_add(y)?,
        SUB => x.checked_sub(y)?,
        MUL => x.checked_mul(y)?,
        FLOORDIV => {
            let q = x.checked_div(y)?;
            if x % y != 0 && ((x < 0) != (y < 0)) {
                q - 1
            } else {
                q
            }
        }
        MOD => {
            let r = x.checked_rem(y)?;
            if r != 0 && ((r < 0) != (y < 0)) {
                r + y
            } else {
                r
            }
        }
        AND => x & y,
        OR => x | y,
        XOR => x ^ y,
        POW if (0..=u32::MAX as i64).contains(&y) => x.checked_pow(y as u32)?,
        RSHIFT if (0..64).contains(&y) => x >> y,
        LSHIFT if (0..63).contains(&y) && (x << y) >> y == x => x << y,
        // Both exactly representable as doubles: one correctly rounded division,
        // as CPython's long_true_divide does.
        TRUEDIV if y != 0 && x.unsigned_abs() < 1 << 53 && y.unsigned_abs() < 1 << 53 => return Some(Number::Float(x as f64 / y as f64)),
        _ => return None,
    };
    Some(Number::Int(r))
}

/// A result of `number_value`.
#[derive(Clone, Copy)]
enum Number {
    Int(i64),
    Float(f64),
}

#[inline(always)]
fn float_fast(x: f64, y: f64, op: u8) -> Option<Number> {
    let r = match op {
        ADD => x + y,
        SUB => x - y,
        MUL => x * y,
        TRUEDIV if y != 0.0 => x / y,
        POW => float_pow(x, y)?,
        _ => return None,
    };
    Some(Number::Float(r))
}

/// `x ** y` for a positive finite base, a finite power and a finite result: C's pow(),
/// as CPython's float_pow ends with; every other case (a negative base, zero,
/// infinities, NaN, overflow) is left to the generic path and its errors. Out of line,
/// so that `float_fast` stays small enough to inline.
#[inline(never)]
fn float_pow(x: f64, y: f64) -> Option<f64> {
    if !(x > 0.0 && x.is_finite() && y.is_finite()) {
        return None;
    }
    Some(x.powf(y)).filter(|r| r.is_finite())
}

/// The eval loop's shortcut for `a op b` (see `number_value`), with `b` a temporary of
/// the caller's: on success the result replaces `a` and true is returned; `b` is left
/// for the caller to drop. When `a` is a temporary (this handle its only reference) of
/// the result's kind, its object takes the result in place; failing that, when `b` is
/// one, its object does and swaps places with `a`. That saves the allocation of the
/// result and the deallocation of a temporary (as CPython 3.14's float operations do);
/// the counts, the collector and every other object are as if the result were new.
#[inline(always)]
pub fn number_fast_path(a: &mut ObjRef, b: &mut ObjRef, op: u8) -> bool {
    match number_value(a, b, op) {
        None => false,
        Some(r) => {
            store_number(a, Some(b), r);
            true
        }
    }
}

/// `number_fast_path` with a `b` that is not a temporary (a constant): only `a` can
/// take the result in place.
#[inline(always)]
pub fn number_fast_path_const(a: &mut ObjRef, b: &ObjRef, op: u8) -> bool {
    match number_value(a, b, op) {
        None => false,
        Some(r) => {
            store_number(a, None, r);
            true
        }
    }
}

/// `a op b` for two exact ints or floats that are not temporaries (locals, constants):
/// a new result, or None for the general path (as `number_fast_path`).
#[inline(always)]
pub fn number_result(a: &ObjRef, b: &ObjRef, op: u8) -> Option<ObjRef> {
    Some(match number_value(a, b, op)? {
        Number::Float(v) => object::new_float(v),
        Number::Int(v) => object::new_int(v),
    })
}

/// Stores `r` in `a` (see `number_fast_path`): in `a`'s object, else in `b`'s (which
/// then swaps places with `a`), else in a new object.
#[inline(always)]
fn store_number(a: &mut ObjRef, b: Option<&mut ObjRef>, r: Number) {
    if write_in_place(a, r) {
        return;
    }
    if let Some(b) = b {
        if write_in_place(b, r) {
            std::mem::swap(a, b);
            return;
        }
    }
    *a = match r {
        Number::Float(v) => object::new_float(v),
        Number::Int(v) => object::new_int(v),
    };
}

/// Writes `r` into `o` when `o` is a temporary of `r`'s kind (`unique_number_mut`);
/// an int result only outside the small-int cache's range, since a result inside it
/// must be the cached object. The operands passed the exact-type tests of
/// `number_value`, so a payload of the result's kind means the result's type.
#[inline(always)]
fn write_in_place(o: &mut ObjRef, r: Number) -> bool {
    match r {
        Number::Float(v) => match o.unique_number_mut() {
            Some(Payload::Float(x)) => {
                *x = v;
                true
            }
            _ => false,
        },
        Number::Int(v) if !(-5..=256).contains(&v) => match o.unique_number_mut() {
            Some(Payload::Int(Int::Small(x))) => {
                *x = v;
                true
            }
            _ => false,
        },
        Number::Int(_) => false,
    }
}

impl Vm {
    pub fn binary_op(&self, a: &ObjRef, b: &ObjRef, op: u8) -> PyResult {
        self.binary_op_impl(a, b, op, false)
    }

    /// `a op b`; `inplace` only changes the operator named in the TypeError (`+=`).
    fn binary_op_impl(&self, a: &ObjRef, b: &ObjRef, op: u8, inplace: bool) -> PyResult {
        // Fast path: two small ints.
        if let (Payload::Int(Int::Small(x)), Payload::Int(Int::Small(y))) = (a.payload(), b.payload()) {
            let t = builtin_types();
            if a.ty().is(&t.int) && b.ty().is(&t.int) {
                let r = match op {
                    ADD => x.checked_add(*y),
                    SUB => x.checked_sub(*y),
                    MUL => x.checked_mul(*y),
                    _ => None,
                };
                if let Some(r) = r {
                    return Ok(object::new_int(r));
                }
            }
        }
        let (ta, tb) = (a.ty(), b.ty());
        let (name, rname, _) = DUNDERS[op as usize];
        if !ta.as_type().unwrap().heap && !tb.as_type().unwrap().heap {
            if let Some(r) = self.builtin_binop(a, b, op)? {
                return Ok(r);
            }
            return Err(self.binop_type_error(a, b, op, inplace));
        }
        let mut tried_b = false;
        if !ta.is(tb) && tb.is_subtype(ta) {
            if let Some(m) = tb.as_type().unwrap().lookup(rname) {
                // The right operand goes first only when its class overrides the
                // reflected method (CPython's `method_is_overloaded`).
                let overridden = ta.as_type().unwrap().lookup(rname).map_or(true, |l| !l.is(&m));
                if overridden && !matches!(m.payload(), Payload::Builtin(_)) {
                    tried_b = true;
                    if let Some(r) = self.binop_side(b, a, rname, a, b, op)? {
                        return Ok(r);
                    }
                }
            }
        }
        if let Some(r) = self.binop_side(a, b, name, a, b, op)? {
            return Ok(r);
        }
        if !tried_b && !ta.is(tb) {
            if let Some(r) = self.binop_side(b, a, rname, a, b, op)? {
                return Ok(r);
            }
        }
        if op == MUL {
            // Sequence repetition by any object with `__index__` (CPython's sq_repeat
            // fallback after both number slots declined).
            let seq = |o: &ObjRef| matches!(o.payload(), Payload::Str(_) | Payload::List(_) | Payload::Tuple(_) | Payload::Bytes(_) | Payload::ByteArray(_));
            let has_index = |o: &ObjRef| o.as_int().is_some() || o.type_data().lookup("__index__").is_some();
            if seq(a) && has_index(b) {
                let n = self.index(b)?;
                return crate::builtins::seq::seq_repeat(self, a, &n);
            }
            if seq(b) && has_index(a) {
                let n = self.index(a)?;
                return crate::builtins::seq::seq_repeat(self, b, &n);
            }
        }
        Err(self.binop_type_error(a, b, op, inplace))
    }

    /// Calls `x.name(other)`; builtin methods compute `a op b` on the payloads.
    fn binop_side(&self, x: &ObjRef, other: &ObjRef, name: &'static str, a: &ObjRef, b: &ObjRef, op: u8) -> PyResult<Option<ObjRef>> {
        match x.type_data().lookup(name) {
            None => Ok(None),
            Some(m) if matches!(m.payload(), Payload::Builtin(_)) => self.builtin_binop(a, b, op),
            Some(m) => {
                let r = self.call_lent(&m, [&x, &other])?;
                Ok(if matches!(r.payload(), Payload::NotImplemented) { None } else { Some(r) })
            }
        }
    }

    fn binop_type_error(&self, a: &ObjRef, b: &ObjRef, op: u8, inplace: bool) -> super::PyErr {
        let (na, nb) = (a.type_name(), b.type_name());
        if op == ADD {
            match a.payload() {
                Payload::Str(_) => return self.type_error(format!("can only concatenate str (not \"{}\") to str", nb)),
                Payload::List(_) => return self.type_error(format!("can only concatenate list (not \"{}\") to list", nb)),
                Payload::Tuple(_) => return self.type_error(format!("can only concatenate tuple (not \"{}\") to tuple", nb)),
                _ => {}
            }
        }
        if op == MUL {
            let seq = |o: &ObjRef| matches!(o.payload(), Payload::Str(_) | Payload::List(_) | Payload::Tuple(_) | Payload::Bytes(_));
            if seq(a) && b.as_int().is_none() {
                return self.type_error(format!("can't multiply sequence by non-int of type '{}'", nb));
            }
            if seq(b) && a.as_int().is_none() {
                return self.type_error(format!("can't multiply sequence by non-int of type '{}'", na));
            }
        }
        let sym = if inplace {
            format!("{}=", SYMBOLS[op as usize])
        } else if op == POW {
            "** or pow()".to_string()
        } else {
            SYMBOLS[op as usize].to_string()
        };
        self.type_error(format!("unsupported operand type(s) for {}: '{}' and '{}'", sym, na, nb))
    }

    pub fn inplace_op(&self, a: ObjRef, b: &ObjRef, op: u8) -> PyResult {
        let t = builtin_types();
        let td = a.type_data();
        if a.ty().is(&t.list) {
            if op == ADD {
                crate::builtins::list::list_extend(self, &a, b)?;
                return Ok(a);
            }
            if op == MUL {
                return crate::builtins::list::list_imul(self, &a, b).map(|_| a);
            }
        }
        if td.heap || matches!(a.payload(), Payload::Set(_) | Payload::Dict(_)) {
            let (_, _, iname) = DUNDERS[op as usize];
            if let Some(m) = td.lookup(iname) {
                let r = self.call_lent(&m, [&a, &b])?;
                if !matches!(r.payload(), Payload::NotImplemented) {
                    return Ok(r);
                }
            }
        }
        self.binary_op_impl(&a, b, op, true)
    }

    pub fn unary_op(&self, a: &ObjRef, op: Op) -> PyResult {
        let t = builtin_types();
        let td = a.type_data();
        let name = match op {
            Op::UnaryNegative => "__neg__",
            Op::UnaryPositive => "__pos__",
            _ => "__invert__",
        };
        if td.heap {
            if let Some(m) = td.lookup(name) {
                if !matches!(m.payload(), Payload::Builtin(_)) {
                    return self.call(&m, std::slice::from_ref(&a), None);
                }
            }
        }
        match a.payload() {
            Payload::Int(i) => match op {
                Op::UnaryNegative => return Ok(object::new_int_value(i.neg())),
                Op::UnaryPositive => {
                    if a.ty().is(&t.int) {
                        return Ok(a.clone());
                    }
                    return Ok(object::new_int_value(i.clone()));
                }
                _ => return Ok(object::new_int_value(i.invert())),
            },
            Payload::Float(f) => match op {
                Op::UnaryNegative => return Ok(object::new_float(-f)),
                Op::UnaryPositive => {
                    if a.ty().is(&t.float) {
                        return Ok(a.clone());
                    }
                    return Ok(object::new_float(*f));
                }
                _ => {}
            },
            Payload::Complex(re, im) => match op {
                Op::UnaryNegative => return Ok(crate::builtins::float::new_complex(-re, -im)),
                Op::UnaryPositive => return Ok(crate::builtins::float::new_complex(*re, *im)),
                _ => {}
            },
            _ => {}
        }
        let sym = match op {
            Op::UnaryNegative => "-",
            Op::UnaryPositive => "+",
            _ => "~",
        };
        Err(self.type_error(format!("bad operand type for unary {}: '{}'", sym, a.type_name())))
    }

    /// `a op b` for builtin payloads; None when the operation is not defined for them.
    pub fn builtin_binop(&self, a: &ObjRef, b: &ObjRef, op: u8) -> PyResult<Option<ObjRef>> {
        let t = builtin_types();
        match (a.payload(), b.payload()) {
            (Payload::Int(x), Payload::Int(y)) => {
                let is_bool = a.ty().is(&t.bool_) && b.ty().is(&t.bool_);
                if is_bool && matches!(op, AND | OR | XOR) {
                    let (x, y) = (!x.is_zero(), !y.is_zero());
                    return Ok(Some(object::new_bool(match op {
                        AND => x & y,
                        OR => x | y,
                        _ => x ^ y,
                    })));
                }
                crate::builtins::int::int_binop(self, x, y, op)
            }
            (Payload::Float(x), Payload::Float(y)) => crate::builtins::float::float_binop(self, *x, *y, op),
            (Payload::Int(x), Payload::Float(y)) => {
                if matches!(op, AND | OR | XOR | LSHIFT | RSHIFT | MATMUL) {
                    return Ok(None);
                }
                let x = crate::builtins::float::int_to_float(self, x)?;
                crate::builtins::float::float_binop(self, x, *y, op)
            }
            (Payload::Float(x), Payload::Int(y)) => {
                if matches!(op, AND | OR | XOR | LSHIFT | RSHIFT | MATMUL) {
                    return Ok(None);
                }
                let y = crate::builtins::float::int_to_float(self, y)?;
                crate::builtins::float::float_binop(self, *x, y, op)
            }
            (Payload::Complex(..), _) | (_, Payload::Complex(..)) => crate::builtins::float::complex_binop(self, a, b, op),
            (Payload::Str(x), Payload::Str(y)) if op == ADD => {
                if y.s.is_empty() && a.ty().is(&t.str) {
                    return Ok(Some(a.clone()));
                }
                if x.s.is_empty() && b.ty().is(&t.str) {
                    return Ok(Some(b.clone()));
                }
                let mut s = String::with_capacity(x.s.len() + y.s.len());
                s.push_str(&x.s);
                s.push_str(&y.s);
                Ok(Some(object::new_string(s)))
            }
            (Payload::Str(_), _) if op == MOD => crate::builtins::percent::str_percent(self, a, b).map(Some),
            (Payload::Bytes(_), _) if op == MOD => crate::builtins::percent::bytes_percent(self, a, b).map(Some),
            (Payload::List(x), Payload::List(y)) if op == ADD => {
                let mut v = x.borrow().clone();
                v.extend(y.borrow().iter().cloned());
                Ok(Some(object::new_list(v)))
            }
            (Payload::Tuple(x), Payload::Tuple(y)) if op == ADD => {
                if y.is_empty() && a.ty().is(&t.tuple) {
                    return Ok(Some(a.clone()));
                }
                if x.is_empty() && b.ty().is(&t.tuple) {
                    return Ok(Some(b.clone()));
                }
                let mut v = x.to_vec();
                v.extend(y.iter().cloned());
                Ok(Some(object::new_tuple(v)))
            }
            (Payload::Bytes(x), Payload::Bytes(y)) if op == ADD => {
                let mut v = x.to_vec();
                v.extend_from_slice(y);
                Ok(Some(object::new_bytes(v)))
            }
            (Payload::ByteArray(_), _) | (_, Payload::ByteArray(_)) if op == ADD => crate::builtins::bytes::bytes_concat(self, a, b).map(Some),
            (Payload::Str(_) | Payload::List(_) | Payload::Tuple(_) | Payload::Bytes(_) | Payload::ByteArray(_), Payload::Int(n)) if op == MUL => {
                crate::builtins::seq::seq_repeat(self, a, n).map(Some)
            }
            (Payload::Int(n), Payload::Str(_) | Payload::List(_) | Payload::Tuple(_) | Payload::Bytes(_) | Payload::ByteArray(_)) if op == MUL => {
                crate::builtins::seq::seq_repeat(self, b, n).map(Some)
            }
            (Payload::Set(_), Payload::Set(_)) if matches!(op, OR | AND | SUB | XOR) => crate::builtins::set::set_binop(self, a, b, op).map(Some),
            (Payload::DictView { .. }, _) | (_, Payload::DictView { .. }) if matches!(op, OR | AND | SUB | XOR) => crate::builtins::set::view_binop(self, a, b, op),
            (Payload::Dict(_), Payload::Dict(_)) if op == OR => {
                let d = crate::builtins::dict::dict_copy(self, a)?;
                crate::builtins::dict::dict_update_from(self, &d, b)?;
                Ok(Some(d))
            }
            _ => Ok(None),
        }
    }
}
