//! `range` (i64 bounds) and `slice`.

use super::def;
use crate::object::types::builtin_types;
use crate::object::{self, ObjRef, Payload, PyResult};
use crate::vm::Vm;

pub fn range_len(start: i64, stop: i64, step: i64) -> u64 {
    let (lo, hi, st) = (start as i128, stop as i128, step as i128);
    if st > 0 && lo < hi {
        ((hi - lo - 1) / st + 1) as u64
    } else if st < 0 && lo > hi {
        ((lo - hi - 1) / (-st) + 1) as u64
    } else {
        0
    }
}

pub fn range_contains(start: i64, stop: i64, step: i64, v: i64) -> bool {
    let inside = if step > 0 { v >= start && v < stop } else { v <= start && v > stop };
    inside && (v as i128 - start as i128) % step as i128 == 0
}

pub fn range_eq(a: &ObjRef, b: &ObjRef) -> bool {
    let (Payload::Range { start: s1, stop: e1, step: t1 }, Payload::Range { start: s2, stop: e2, step: t2 }) = (a.payload(), b.payload()) else {
        return false;
    };
    let (l1, l2) = (range_len(*s1, *e1, *t1), range_len(*s2, *e2, *t2));
    if l1 != l2 {
        return false;
    }
    if l1 == 0 {
        return true;
    }
    if s1 != s2 {
        return false;
    }
    l1 == 1 || t1 == t2
}

pub fn range_repr(start: i64, stop: i64, step: i64) -> String {
    if step == 1 {
        format!("range({}, {})", start, stop)
    } else {
        format!("range({}, {}, {})", start, stop, step)
    }
}

fn to_i64(vm: &Vm, o: &ObjRef) -> PyResult<i64> {
    if o.as_int().is_none() && o.type_data().lookup("__index__").is_none() {
        return Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", o.type_name())));
    }
    vm.index(o)?.as_i64().ok_or_else(|| vm.overflow_error("Python int too large to convert to C ssize_t"))
}

fn range_new(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::no_kwargs(vm, "range", kw)?;
    range_from_args(vm, &args[1..])
}

/// `range(*a)` (CPython's `range_vectorcall`: a call of the type itself goes straight
/// here, with no `__new__` lookup and no argument vector).
pub fn range_from_args(vm: &Vm, a: &[ObjRef]) -> PyResult {
    let (start, stop, step) = match a.len() {
        1 => (0, to_i64(vm, &a[0])?, 1),
        2 => (to_i64(vm, &a[0])?, to_i64(vm, &a[1])?, 1),
        3 => (to_i64(vm, &a[0])?, to_i64(vm, &a[1])?, to_i64(vm, &a[2])?),
        0 => return Err(vm.type_error("range expected at least 1 argument, got 0")),
        n => return Err(vm.type_error(format!("range expected at most 3 arguments, got {}", n))),
    };
    if step == 0 {
        return Err(vm.value_error("range() arg 3 must not be zero"));
    }
    Ok(ObjRef::new(&builtin_types().range, Payload::Range { start, stop, step }))
}

fn r_index(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    if let (Payload::Range { start, stop, step }, Some(v)) = (args[0].payload(), args[1].as_int().and_then(|i| i.as_i64())) {
        if range_contains(*start, *stop, *step, v) {
            return Ok(object::new_int((v - start) / step));
        }
    }
    Err(vm.value_error(format!("{} is not in range", vm.repr_string(&args[1])?)))
}
fn r_count(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_int(vm.contains(&args[0], &args[1])? as i64))
}
fn r_len(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_int(vm.len(&args[0])? as i64))
}
fn r_getitem(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    super::seq::seq_getitem(vm, &args[0], &args[1])
}
fn r_iter(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    vm.iter(&args[0])
}
fn r_reversed(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let Payload::Range { start, stop, step } = args[0].payload() else { unreachable!() };
    let n = range_len(*start, *stop, *step);
    let last = start + (n as i64 - 1) * step;
    Ok(ObjRef::new(
        &builtin_types().range_iterator,
        Payload::Iter(Box::new(std::cell::RefCell::new(object::IterState::Range { next: last, step: -step, remaining: n }))),
    ))
}
fn r_contains(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_bool(vm.contains(&args[0], &args[1])?))
}

fn slice_new(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::no_kwargs(vm, "slice", kw)?;
    let a = &args[1..];
    let n = object::none;
    let (start, stop, step) = match a.len() {
        1 => (n(), a[0].clone(), n()),
        2 => (a[0].clone(), a[1].clone(), n()),
        3 => (a[0].clone(), a[1].clone(), a[2].clone()),
        0 => return Err(vm.type_error("slice expected at least 1 argument, got 0")),
        k => return Err(vm.type_error(format!("slice expected at most 3 arguments, got {}", k))),
    };
    Ok(ObjRef::new(&builtin_types().slice, Payload::Slice { start, stop, step }))
}
fn s_indices(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let len = vm.index_isize(&args[1])?;
    if len < 0 {
        return Err(vm.value_error("length should not be negative"));
    }
    let (a, b, c, _) = super::seq::slice_indices(vm, &args[0], len as usize)?;
    Ok(object::new_tuple(vec![object::new_int(a as i64), object::new_int(b as i64), object::new_int(c as i64)]))
}

pub fn init(_vm: &Vm) {
    let t = builtin_types();
    super::def_staticmethod(&t.range, "__new__", range_new);
    def(&t.range, "index", r_index);
    def(&t.range, "count", r_count);
    def(&t.range, "__len__", r_len);
    def(&t.range, "__getitem__", r_getitem);
    def(&t.range, "__iter__", r_iter);
    def(&t.range, "__reversed__", r_reversed);
    def(&t.range, "__contains__", r_contains);
    super::def_staticmethod(&t.slice, "__new__", slice_new);
    def(&t.slice, "indices", s_indices);
    super::set_type_attr(&t.slice, "__hash__", object::none());
}
