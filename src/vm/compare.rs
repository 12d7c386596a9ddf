//! Rich comparison (CPython's `do_richcompare`): the reflected operand's method first when
//! its type is a subclass that overrides it, then the left operand's, then the right's;
//! `==`/`!=` fall back to identity, ordering raises TypeError.

use std::cmp::Ordering;

use super::Vm;
use crate::object::int::{big_to_f64, Int};
use crate::object::types::builtin_types;
use crate::object::{self, ObjRef, Payload, PyObject, PyResult};

/// Whether `o` satisfies COMPARE_OP's operand `arg` (`CmpOp::from_arg`'s order): three
/// bits per operator, one for each of less, equal and greater.
#[inline(always)]
pub fn cmp_arg_holds(arg: u32, o: Ordering) -> bool {
    const HOLDS: u32 = 0b001 | 0b011 << 3 | 0b010 << 6 | 0b101 << 9 | 0b100 << 12 | 0b110 << 15;
    (HOLDS >> (arg * 3 + (o as i32 + 1) as u32)) & 1 != 0
}

/// The order of two exact ints both in `Int::Small`'s range, or of two exact floats
/// neither of which is a NaN; None for anything else (the general comparison).
#[inline(always)]
pub fn number_order(a: &ObjRef, b: &ObjRef) -> Option<Ordering> {
    // Types before payloads (see `binary::number_value`).
    let t = builtin_types();
    let (ta, tb) = (a.ty(), b.ty());
    if ta.is(&t.int) && tb.is(&t.int) {
        if let (Payload::Int(Int::Small(x)), Payload::Int(Int::Small(y))) = (a.payload(), b.payload()) {
            return Some(x.cmp(y));
        }
    } else if ta.is(&t.float) && tb.is(&t.float) {
        if let (Payload::Float(x), Payload::Float(y)) = (a.payload(), b.payload()) {
            return x.partial_cmp(y);
        }
    }
    None
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CmpOp {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
}

impl CmpOp {
    pub fn from_arg(a: u32) -> CmpOp {
        [CmpOp::Lt, CmpOp::Le, CmpOp::Eq, CmpOp::Ne, CmpOp::Gt, CmpOp::Ge][a as usize]
    }
    pub fn dunder(self) -> &'static str {
        match self {
            CmpOp::Lt => "__lt__",
            CmpOp::Le => "__le__",
            CmpOp::Eq => "__eq__",
            CmpOp::Ne => "__ne__",
            CmpOp::Gt => "__gt__",
            CmpOp::Ge => "__ge__",
        }
    }
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
    pub fn swapped(self) -> CmpOp {
        match self {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Eq => CmpOp::Eq,
            CmpOp::Ne => CmpOp::Ne,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Ge => CmpOp::Le,
        }
    }
    /// Whether `o` satisfies the operator (the variants are in COMPARE_OP's operand
    /// order, so the discriminant is the operand `cmp_arg_holds` takes).
    pub fn test(self, o: Ordering) -> bool {
        cmp_arg_holds(self as u32, o)
    }
}

/// Exact comparison of an int with a float (None when the float is NaN).
pub fn cmp_int_float(i: &Int, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 { Ordering::Less } else { Ordering::Greater });
    }
    if let Int::Small(s) = i {
        if s.unsigned_abs() < (1u64 << 53) {
            return (*s as f64).partial_cmp(&f);
        }
    }
    // Compare exactly: floor(f) as a big integer, then the fractional part.
    let fl = f.floor();
    let big = crate::builtins::float::f64_to_ibig(fl);
    let ib = i.to_big();
    match ib.cmp(&big) {
        Ordering::Equal => {
            if f > fl {
                Some(Ordering::Less)
            } else {
                Some(Ordering::Equal)
            }
        }
        o => Some(o),
    }
}

/// Fast equality for hash-table probing: decides ints, floats and strs of the exact
/// builtin types without running Python code; None when a real `__eq__` is needed.
pub fn fast_eq(a: &ObjRef, b: &ObjRef) -> Option<bool> {
    if a.is(b) {
        return Some(true);
    }
    let t = builtin_types();
    if let (Payload::Tuple(x), Payload::Tuple(y)) = (a.payload(), b.payload()) {
        // Exact tuples (dict and set keys) of such items: `tuplerichcompare` for ==,
        // whose first unequal pair decides; any other item leaves it to `Vm::eq`
        // (the pairs compared so far ran no code, so starting over is the same).
        if !(a.ty().is(&t.tuple) && b.ty().is(&t.tuple)) {
            return None;
        }
        if x.len() != y.len() {
            return Some(false);
        }
        for (p, q) in x.iter().zip(y.iter()) {
            if !p.is(q) && !scalar_eq(t, p, q)? {
                return Some(false);
            }
        }
        return Some(true);
    }
    scalar_eq(t, a, b)
}

/// `fast_eq` of two distinct objects that are not both tuples: exact ints, bools,
/// floats and strs only.
#[inline]
fn scalar_eq(t: &crate::object::types::Types, a: &ObjRef, b: &ObjRef) -> Option<bool> {
    let (ta, tb) = (a.ty(), b.ty());
    let plain = |x: &PyObject| x.is(&t.int) || x.is(&t.bool_) || x.is(&t.float) || x.is(&t.str);
    if !plain(ta) || !plain(tb) {
        return None;
    }
    Some(match (a.payload(), b.payload()) {
        (Payload::Str(x), Payload::Str(y)) => x.s == y.s,
        (Payload::Int(x), Payload::Int(y)) => x == y,
        (Payload::Float(x), Payload::Float(y)) => x == y,
        (Payload::Int(x), Payload::Float(y)) | (Payload::Float(y), Payload::Int(x)) => cmp_int_float(x, *y) == Some(Ordering::Equal),
        _ => false,
    })
}

impl Vm {
    /// `a == b` as a bool (identity implies equality, as `PyObject_RichCompareBool`).
    pub fn eq(&self, a: &ObjRef, b: &ObjRef) -> PyResult<bool> {
        if let Some(r) = fast_eq(a, b) {
            return Ok(r);
        }
        if let (Payload::Tuple(x), Payload::Tuple(y)) = (a.payload(), b.payload()) {
            let t = &builtin_types().tuple;
            if a.ty().is(t) && b.ty().is(t) {
                // Exact tuples (dict keys): `tuplerichcompare` for ==, item by item up to
                // the shorter length, then the lengths.
                self.enter_recursion(" in comparison")?;
                let mut r = Ok(x.len() == y.len());
                for (p, q) in x.iter().zip(y.iter()) {
                    match self.eq(p, q) {
                        Ok(true) => {}
                        other => {
                            r = other;
                            break;
                        }
                    }
                }
                self.leave_recursion();
                return r;
            }
        }
        let r = self.rich_compare(a, b, CmpOp::Eq)?;
        self.truthy(&r)
    }

    pub fn compare_bool(&self, a: &ObjRef, b: &ObjRef, op: CmpOp) -> PyResult<bool> {
        if op == CmpOp::Eq {
            return self.eq(a, b);
        }
        let r = self.rich_compare(a, b, op)?;
        self.truthy(&r)
    }

    pub fn rich_compare(&self, a: &ObjRef, b: &ObjRef, op: CmpOp) -> PyResult {
        let (ta, tb) = (a.ty(), b.ty());
        let mut checked_reverse = false;
        if !ta.is(tb) && tb.is_subtype(ta) && tb.as_type().unwrap().heap && tb.as_type().unwrap().lookup_own(op.swapped().dunder()).is_some() {
            checked_reverse = true;
            if let Some(r) = self.slot_compare(b, a, op.swapped())? {
                return Ok(r);
            }
        }
        if let Some(r) = self.slot_compare(a, b, op)? {
            return Ok(r);
        }
        if !checked_reverse {
            if let Some(r) = self.slot_compare(b, a, op.swapped())? {
                return Ok(r);
            }
        }
        match op {
            CmpOp::Eq => Ok(object::new_bool(a.is(b))),
            CmpOp::Ne => Ok(object::new_bool(!a.is(b))),
            _ => Err(self.type_error(format!(
                "'{}' not supported between instances of '{}' and '{}'",
                op.symbol(),
                a.type_name(),
                b.type_name()
            ))),
        }
    }

    /// One side's comparison method; None for NotImplemented.
    fn slot_compare(&self, a: &ObjRef, b: &ObjRef, op: CmpOp) -> PyResult<Option<ObjRef>> {
        let td = a.type_data();
        if !td.heap {
            return self.builtin_compare(a, b, op);
        }
        if let Some(m) = td.lookup(op.dunder()) {
            if !matches!(m.payload(), Payload::Builtin(_)) {
                if m.is_none() {
                    return Ok(None);
                }
                let r = self.call_lent(&m, [&a, &b])?;
                return Ok(if matches!(r.payload(), Payload::NotImplemented) { None } else { Some(r) });
            }
        }
        if op == CmpOp::Ne {
            // object.__ne__ delegates to __eq__ and inverts it.
            if let Some(eq) = td.lookup("__eq__") {
                if !matches!(eq.payload(), Payload::Builtin(_)) {
                    let r = self.call_lent(&eq, [&a, &b])?;
                    if matches!(r.payload(), Payload::NotImplemented) {
                        return Ok(None);
                    }
                    return Ok(Some(object::new_bool(!self.truthy(&r)?)));
                }
            }
        }
        self.builtin_compare(a, b, op)
    }

    /// Comparison between builtin payloads; None for NotImplemented.
    pub fn builtin_compare(&self, a: &ObjRef, b: &ObjRef, op: CmpOp) -> PyResult<Option<ObjRef>> {
        let ord: Option<Ordering> = match (a.payload(), b.payload()) {
            (Payload::Int(x), Payload::Int(y)) => Some(x.cmp(y)),
            (Payload::Float(x), Payload::Float(y)) => {
                return Ok(Some(object::new_bool(match op {
                    CmpOp::Lt => x < y,
                    CmpOp::Le => x <= y,
                    CmpOp::Eq => x == y,
                    CmpOp::Ne => x != y,
                    CmpOp::Gt => x > y,
                    CmpOp::Ge => x >= y,
                })))
            }
            (Payload::Int(x), Payload::Float(y)) => match cmp_int_float(x, *y) {
                Some(o) => Some(o),
                None => return Ok(Some(object::new_bool(op == CmpOp::Ne))),
            },
            (Payload::Float(x), Payload::Int(y)) => match cmp_int_float(y, *x) {
                Some(o) => Some(o.reverse()),
                None => return Ok(Some(object::new_bool(op == CmpOp::Ne))),
            },
            (Payload::Complex(ar, ai), Payload::Complex(br, bi)) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
                return Ok(Some(object::new_bool((ar == br && ai == bi) == (op == CmpOp::Eq))));
            }
            // A complex number equals an int or float when its imaginary part is 0 and
            // its real part equals the number (CPython's `complex_richcompare`).
            (Payload::Complex(re, im), Payload::Int(_) | Payload::Float(_)) | (Payload::Int(_) | Payload::Float(_), Payload::Complex(re, im))
                if matches!(op, CmpOp::Eq | CmpOp::Ne) =>
            {
                let other = if matches!(a.payload(), Payload::Complex(..)) { b } else { a };
                let eq = *im == 0.0
                    && match other.payload() {
                        Payload::Int(x) => cmp_int_float(x, *re) == Some(Ordering::Equal),
                        Payload::Float(f) => *f == *re,
                        _ => false,
                    };
                return Ok(Some(object::new_bool(eq == (op == CmpOp::Eq))));
            }
            (Payload::Str(x), Payload::Str(y)) => Some(x.s.cmp(&y.s)),
            (Payload::Bytes(x), Payload::Bytes(y)) => Some(x.cmp(y)),
            (Payload::ByteArray(x), Payload::ByteArray(y)) => Some(x.borrow().cmp(&y.borrow())),
            (Payload::Bytes(x), Payload::ByteArray(y)) => Some(x[..].cmp(&y.borrow()[..])),
            (Payload::ByteArray(x), Payload::Bytes(y)) => Some(x.borrow()[..].cmp(&y[..])),
            // Tuples are immutable and `a` and `b` keep them alive: compared in place.
            (Payload::Tuple(x), Payload::Tuple(y)) => return self.seq_compare(x, y, op, false).map(Some),
            (Payload::List(x), Payload::List(y)) => {
                let (x, y) = (x.borrow().clone(), y.borrow().clone());
                return self.seq_compare(&x, &y, op, true).map(Some);
            }
            (Payload::Dict(_), Payload::Dict(_)) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
                let e = crate::builtins::dict::dict_equal(self, a, b)?;
                return Ok(Some(object::new_bool(e == (op == CmpOp::Eq))));
            }
            (Payload::Set(_), Payload::Set(_)) => return crate::builtins::set::set_compare(self, a, b, op).map(Some),
            (Payload::DictView { kind: ka, .. }, _) if *ka != object::DictViewKind::Values => {
                return crate::builtins::set::view_compare(self, a, b, op);
            }
            (Payload::Range { .. }, Payload::Range { .. }) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
                let e = crate::builtins::range::range_eq(a, b);
                return Ok(Some(object::new_bool(e == (op == CmpOp::Eq))));
            }
            (Payload::Slice { start: s1, stop: e1, step: t1 }, Payload::Slice { start: s2, stop: e2, step: t2 }) => {
                let x = vec![s1.clone(), e1.clone(), t1.clone()];
                let y = vec![s2.clone(), e2.clone(), t2.clone()];
                return self.seq_compare(&x, &y, op, false).map(Some);
            }
            (Payload::BoundMethod { func: f1, self_: s1 }, Payload::BoundMethod { func: f2, self_: s2 }) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
                let e = f1.is(f2) && s1.is(s2);
                return Ok(Some(object::new_bool(e == (op == CmpOp::Eq))));
            }
            // Builtin methods are equal when they wrap the same function and are bound
            // to the same object (CPython's meth_richcompare).
            (Payload::Builtin(x), Payload::Builtin(y)) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
                let same_self = match (&x.self_, &y.self_) {
                    (Some(p), Some(q)) => p.is(q),
                    (None, None) => true,
                    _ => false,
                };
                let e = a.is(b) || (same_self && x.func as usize == y.func as usize && x.name == y.name);
                return Ok(Some(object::new_bool(e == (op == CmpOp::Eq))));
            }
            (Payload::WeakRef(_), _) => return self.native_compare(a, b, op),
            _ => {
                return Ok(match op {
                    CmpOp::Eq if a.is(b) => Some(object::new_bool(true)),
                    CmpOp::Ne if a.is(b) => Some(object::new_bool(false)),
                    _ => None,
                })
            }
        };
        Ok(ord.map(|o| object::new_bool(op.test(o))))
    }

    /// A static type's own native comparison method (weakref's `__eq__`, say); identity
    /// for `==`/`!=` otherwise.
    fn native_compare(&self, a: &ObjRef, b: &ObjRef, op: CmpOp) -> PyResult<Option<ObjRef>> {
        if let Some(m) = a.type_data().lookup(op.dunder()) {
            if matches!(m.payload(), Payload::Builtin(bd) if bd.owner != Some("object")) {
                let r = self.call_lent(&m, [&a, &b])?;
                return Ok(if matches!(r.payload(), Payload::NotImplemented) { None } else { Some(r) });
            }
        }
        Ok(match op {
            CmpOp::Eq => Some(object::new_bool(a.is(b))),
            CmpOp::Ne => Some(object::new_bool(!a.is(b))),
            _ => None,
        })
    }

    /// Lexicographic comparison of two sequences (items compared with `==` first).
    /// `len_shortcut`: == and != of sequences of different lengths are decided without
    /// comparing items (lists do that in CPython; tuples compare items first).
    fn seq_compare(&self, x: &[ObjRef], y: &[ObjRef], op: CmpOp, len_shortcut: bool) -> PyResult {
        if len_shortcut && matches!(op, CmpOp::Eq | CmpOp::Ne) && x.len() != y.len() {
            return Ok(object::new_bool(op == CmpOp::Ne));
        }
        self.enter_recursion(" in comparison")?;
        let r = (|| {
            for (a, b) in x.iter().zip(y.iter()) {
                if !self.eq(a, b)? {
                    return match op {
                        CmpOp::Eq => Ok(object::new_bool(false)),
                        CmpOp::Ne => Ok(object::new_bool(true)),
                        _ => self.rich_compare(a, b, op),
                    };
                }
            }
            Ok(object::new_bool(op.test(x.len().cmp(&y.len()))))
        })();
        self.leave_recursion();
        r
    }
}

pub fn int_to_f64_lossy(i: &Int) -> f64 {
    match i {
        Int::Small(s) => *s as f64,
        Int::Big(b) => big_to_f64(b),
    }
}
