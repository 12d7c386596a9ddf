//! Constant folding as CPython 3.11's AST optimizer does it (`Python/ast_opt.c`), with
//! its size limits so that folding never builds huge constants: operators on constant
//! operands become one constant (`"a" + "b"`, `-5`, `2 ** 10`, `(1, 2) + (3,)`).

use crate::ast::*;
use crate::object::int::Int;
use crate::object::{self, ObjRef, Payload};

const MAX_INT_SIZE: u64 = 128;
const MAX_COLLECTION_SIZE: usize = 256;
const MAX_STR_SIZE: usize = 4096;

/// The value of `e` if it is a constant or folds to one.
pub(crate) fn fold(c: &super::Compiler, e: &Expr) -> Option<ObjRef> {
    match &e.kind {
        ExprKind::Constant(k) => Some(c.constant(k)),
        ExprKind::UnaryOp { op, operand } => {
            let v = fold(c, operand)?;
            unary(*op, &v)
        }
        ExprKind::BinOp { left, op, right } => {
            let a = fold(c, left)?;
            let b = fold(c, right)?;
            binary(&a, *op, &b)
        }
        ExprKind::Tuple(items) => {
            let vals: Option<Vec<ObjRef>> = items.iter().map(|i| if matches!(i.kind, ExprKind::Starred(_)) { None } else { fold(c, i) }).collect();
            Some(object::new_tuple(vals?))
        }
        _ => None,
    }
}

/// The values of `items` if each is a constant or folds to one (none starred).
pub(crate) fn const_items(c: &super::Compiler, items: &[Expr]) -> Option<Vec<ObjRef>> {
    items.iter().map(|i| if matches!(i.kind, ExprKind::Starred(_)) { None } else { fold(c, i) }).collect()
}

/// The frozenset constant CPython 3.11 makes of a set display of constants (or the
/// right operand of `in`): built from the values in order, then built again from its
/// own iteration order, as the compiler's merging of constants re-creates every
/// frozenset; the two builds decide the order the display iterates in. None when two
/// values would need a comparison that runs Python code.
pub(crate) fn const_frozenset(vals: &[ObjRef]) -> Option<ObjRef> {
    let once = plain_set_table(vals.iter())?;
    let twice = plain_set_table(once.iter().map(|(_, k)| k))?;
    Some(object::new_frozenset(twice))
}

fn plain_set_table<'v>(vals: impl Iterator<Item = &'v ObjRef>) -> Option<crate::object::SetTable> {
    let mut t = crate::object::SetTable::default();
    for v in vals {
        let h = crate::vm::protocols::const_hash(v)?;
        t.add_plain(v.clone(), h, crate::vm::compare::fast_eq).ok()?;
    }
    Some(t)
}

fn is_bool(v: &ObjRef) -> bool {
    v.ty().is(&object::types::builtin_types().bool_)
}

fn unary(op: UnaryOp, v: &ObjRef) -> Option<ObjRef> {
    match (op, v.payload()) {
        (UnaryOp::Not, _) => None,
        (UnaryOp::USub, Payload::Int(i)) => Some(object::new_int_value(i.neg())),
        (UnaryOp::UAdd, Payload::Int(i)) => Some(object::new_int_value(i.clone())),
        (UnaryOp::Invert, Payload::Int(i)) if !is_bool(v) => Some(object::new_int_value(i.invert())),
        (UnaryOp::USub, Payload::Float(f)) => Some(object::new_float(-f)),
        (UnaryOp::UAdd, Payload::Float(f)) => Some(object::new_float(*f)),
        (UnaryOp::USub, Payload::Complex(a, b)) => Some(crate::builtins::float::new_complex(-a, -b)),
        _ => None,
    }
}

fn to_f64(v: &ObjRef) -> Option<f64> {
    match v.payload() {
        Payload::Float(f) => Some(*f),
        Payload::Int(i) => i.to_f64(),
        _ => None,
    }
}

fn binary(a: &ObjRef, op: BinOp, b: &ObjRef) -> Option<ObjRef> {
    match (a.payload(), b.payload()) {
        (Payload::Int(x), Payload::Int(y)) => {
            if is_bool(a) && is_bool(b) && matches!(op, BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor) {
                let (p, q) = (!x.is_zero(), !y.is_zero());
                return Some(object::new_bool(match op {
                    BinOp::BitAnd => p & q,
                    BinOp::BitOr => p | q,
                    _ => p ^ q,
                }));
            }
            int_op(x, op, y)
        }
        (Payload::Float(_), Payload::Int(_) | Payload::Float(_)) | (Payload::Int(_), Payload::Float(_)) => {
            let (x, y) = (to_f64(a)?, to_f64(b)?);
            let r = match op {
                BinOp::Add => x + y,
                BinOp::Sub => x - y,
                BinOp::Mult => x * y,
                BinOp::Div if y != 0.0 => x / y,
                _ => return None,
            };
            Some(object::new_float(r))
        }
        (Payload::Str(x), Payload::Str(y)) if op == BinOp::Add => {
            if x.s.len() + y.s.len() > MAX_STR_SIZE {
                return None;
            }
            Some(object::new_string(format!("{}{}", x.s, y.s)))
        }
        (Payload::Bytes(x), Payload::Bytes(y)) if op == BinOp::Add => {
            if x.len() + y.len() > MAX_STR_SIZE {
                return None;
            }
            let mut v = x.to_vec();
            v.extend_from_slice(y);
            Some(object::new_bytes(v))
        }
        (Payload::Tuple(x), Payload::Tuple(y)) if op == BinOp::Add => {
            if x.len() + y.len() > MAX_COLLECTION_SIZE {
                return None;
            }
            let mut v = x.to_vec();
            v.extend(y.iter().cloned());
            Some(object::new_tuple(v))
        }
        (Payload::Str(_) | Payload::Bytes(_) | Payload::Tuple(_), Payload::Int(n)) if op == BinOp::Mult => repeat(a, n),
        (Payload::Int(n), Payload::Str(_) | Payload::Bytes(_) | Payload::Tuple(_)) if op == BinOp::Mult => repeat(b, n),
        _ => None,
    }
}

fn repeat(seq: &ObjRef, n: &Int) -> Option<ObjRef> {
    let n = n.as_i64()?.max(0) as usize;
    match seq.payload() {
        Payload::Str(s) if s.s.len().checked_mul(n)? <= MAX_STR_SIZE => Some(object::new_string(s.s.repeat(n))),
        Payload::Bytes(b) if b.len().checked_mul(n)? <= MAX_STR_SIZE => Some(object::new_bytes(b.repeat(n))),
        Payload::Tuple(t) if t.len().checked_mul(n)? <= MAX_COLLECTION_SIZE => {
            let mut v = Vec::new();
            for _ in 0..n {
                v.extend(t.iter().cloned());
            }
            Some(object::new_tuple(v))
        }
        _ => None,
    }
}

fn int_op(x: &Int, op: BinOp, y: &Int) -> Option<ObjRef> {
    let r = match op {
        BinOp::Add => x.add(y),
        BinOp::Sub => x.sub(y),
        BinOp::Mult => {
            if !x.is_zero() && !y.is_zero() && x.bit_length() + y.bit_length() > MAX_INT_SIZE {
                return None;
            }
            x.mul(y)
        }
        BinOp::FloorDiv if !y.is_zero() => x.floordiv(y),
        BinOp::Mod if !y.is_zero() => x.modulo(y),
        BinOp::Pow => {
            if y.is_negative() {
                return None;
            }
            let e = y.as_i64()? as u64;
            if x.bit_length() > 0 && x.bit_length().saturating_mul(e) > MAX_INT_SIZE {
                return None;
            }
            x.pow(e)
        }
        BinOp::LShift => {
            if y.is_negative() {
                return None;
            }
            let n = y.as_i64()? as u64;
            if n > MAX_INT_SIZE || x.bit_length() > MAX_INT_SIZE - n {
                return None;
            }
            x.shl(n)
        }
        BinOp::RShift if !y.is_negative() => x.shr(y.as_i64().unwrap_or(i64::MAX) as u64),
        BinOp::BitAnd => x.bitand(y),
        BinOp::BitOr => x.bitor(y),
        BinOp::BitXor => x.bitxor(y),
        BinOp::Div if !y.is_zero() => {
            let (a, b) = (x.to_f64()?, y.to_f64()?);
            if x.bit_length() > 53 || y.bit_length() > 53 {
                return None;
            }
            return Some(object::new_float(a / b));
        }
        _ => return None,
    };
    Some(object::new_int_value(r))
}
