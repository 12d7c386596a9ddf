//! Shared sequence operations (indexing, slicing, repetition, index/count) and `tuple`.

use std::cell::RefCell;

use super::def;
use crate::object::int::Int;
use crate::object::types::builtin_types;
use crate::object::{self, ObjRef, Payload, PyResult};
use crate::vm::Vm;

/// A slice bound as an isize, clamped so that adding a length cannot overflow.
#[inline(always)]
fn clamp_index(v: i64) -> isize {
    v.clamp(isize::MIN as i64 / 2, isize::MAX as i64 / 2) as isize
}

/// A slice bound that is not None or a small int: a big int or an object with
/// `__index__` (out of line: slices almost always hold small ints).
#[cold]
#[inline(never)]
fn slice_index_slow(vm: &Vm, o: &ObjRef) -> PyResult<isize> {
    if o.as_int().is_none() && o.type_data().lookup("__index__").is_none() {
        return Err(vm.type_error("slice indices must be integers or None or have an __index__ method"));
    }
    Ok(match vm.index(o)? {
        Int::Small(v) => clamp_index(v),
        Int::Big(b) => {
            if b.signum() < dashu_int::IBig::ZERO {
                isize::MIN / 2
            } else {
                isize::MAX / 2
            }
        }
    })
}

/// `slice.indices(len)`: (start, stop, step, number of items), CPython's
/// `PySlice_GetIndicesEx`.
pub fn slice_indices(vm: &Vm, s: &ObjRef, len: usize) -> PyResult<(isize, isize, isize, usize)> {
    let Payload::Slice { start, stop, step } = s.payload() else { unreachable!("slice") };
    slice_parts_indices(vm, start, stop, step, len)
}

/// `slice_indices` of the slice `start:stop:step` (each None or an index).
pub fn slice_parts_indices(vm: &Vm, start: &ObjRef, stop: &ObjRef, step: &ObjRef, len: usize) -> PyResult<(isize, isize, isize, usize)> {
    let conv = |o: &ObjRef| -> PyResult<Option<isize>> {
        if o.is_none() {
            return Ok(None);
        }
        // An int (or int subclass) is its own index: no `__index__` call.
        if let Some(Int::Small(v)) = o.as_int() {
            return Ok(Some(clamp_index(*v)));
        }
        slice_index_slow(vm, o).map(Some)
    };
    let step = conv(step)?.unwrap_or(1);
    if step == 0 {
        return Err(vm.value_error("slice step cannot be zero"));
    }
    let len = len as isize;
    let fix = |v: Option<isize>, default: isize, lo: isize, hi: isize| -> isize {
        match v {
            None => default,
            Some(mut x) => {
                if x < 0 {
                    x += len;
                    if x < lo {
                        x = lo;
                    }
                } else if x > hi {
                    x = hi;
                }
                x
            }
        }
    };
    let (start, stop) = if step > 0 {
        (fix(conv(start)?, 0, 0, len), fix(conv(stop)?, len, 0, len))
    } else {
        (fix(conv(start)?, len - 1, -1, len - 1), fix(conv(stop)?, -1, -1, len - 1))
    };
    let n = if step > 0 {
        if stop > start { ((stop - start - 1) / step + 1) as usize } else { 0 }
    } else if start > stop {
        ((start - stop - 1) / (-step) + 1) as usize
    } else {
        0
    };
    Ok((start, stop, step, n))
}

fn type_word(o: &ObjRef) -> &'static str {
    match o.payload() {
        Payload::List(_) => "list",
        Payload::Tuple(_) => "tuple",
        Payload::Str(_) => "string",
        Payload::Bytes(_) => "index",
        Payload::ByteArray(_) => "bytearray",
        _ => "range object",
    }
}

/// `o[start:stop:step]` for a sequence of `len` items of the kinds `seq_getitem` takes
/// (each bound None or an index).
pub fn seq_slice(vm: &Vm, o: &ObjRef, len: usize, start: &ObjRef, stop: &ObjRef, step: &ObjRef) -> PyResult {
    let (start, slice_stop, step, n) = slice_parts_indices(vm, start, stop, step, len)?;
    let idx = |j: usize| (start + j as isize * step) as usize;
    Ok(match o.payload() {
        Payload::List(l) => {
            let b = l.borrow();
            let items = if step == 1 { b[start as usize..start as usize + n].to_vec() } else { (0..n).map(|j| b[idx(j)].clone()).collect() };
            object::new_list(items)
        }
        Payload::Tuple(t) => {
            if step == 1 && n == t.len() && o.ty().is(&builtin_types().tuple) {
                return Ok(o.clone());
            }
            object::new_tuple((0..n).map(|j| t[idx(j)].clone()).collect())
        }
        Payload::Str(s) => {
            if step == 1 {
                if n == s.nchars && o.ty().is(&builtin_types().str) {
                    return Ok(o.clone());
                }
                object::new_str(s.substr(start as usize, start as usize + n))
            } else if s.is_ascii {
                let b = s.s.as_bytes();
                object::new_string((0..n).map(|j| b[idx(j)] as char).collect())
            } else {
                let chars: Vec<char> = s.s.chars().collect();
                object::new_string((0..n).map(|j| chars[idx(j)]).collect())
            }
        }
        Payload::Bytes(b) => object::new_bytes((0..n).map(|j| b[idx(j)]).collect()),
        Payload::ByteArray(b) => {
            let b = b.borrow();
            super::bytes::new_bytearray((0..n).map(|j| b[idx(j)]).collect())
        }
        Payload::Range { start: rs, step: rstep, .. } => {
            let s0 = rs + start as i64 * rstep;
            let st = rstep * step as i64;
            // The stop bound is the slice's own stop mapped through the range
            // (CPython's compute_slice), not the first value past the last element.
            let stop = rs + slice_stop as i64 * rstep;
            ObjRef::new(&builtin_types().range, Payload::Range { start: s0, stop, step: st })
        }
        _ => unreachable!(),
    })
}

/// The number of items of a list, tuple, str (characters), bytes, bytearray or range.
pub fn seq_len(o: &ObjRef) -> usize {
    match o.payload() {
        Payload::List(l) => l.borrow().len(),
        Payload::Tuple(t) => t.len(),
        Payload::Str(s) => s.nchars,
        Payload::Bytes(b) => b.len(),
        Payload::ByteArray(b) => b.borrow().len(),
        Payload::Range { start, stop, step } => super::range::range_len(*start, *stop, *step) as usize,
        _ => unreachable!("sequence"),
    }
}

/// `o[k]` for list, tuple, str, bytes, bytearray and range.
pub fn seq_getitem(vm: &Vm, o: &ObjRef, k: &ObjRef) -> PyResult {
    let len = seq_len(o);
    if let Payload::Slice { start, stop, step } = k.payload() {
        return seq_slice(vm, o, len, start, stop, step);
    }
    if k.as_int().is_none() && k.type_data().lookup("__index__").is_none() {
        let what = match o.payload() {
            Payload::List(_) => "list indices",
            Payload::Tuple(_) => "tuple indices",
            Payload::Str(_) => "string indices",
            Payload::Bytes(_) => "byte indices",
            Payload::ByteArray(_) => "bytearray indices",
            _ => "range indices",
        };
        return Err(vm.type_error(format!("{} must be integers or slices, not {}", what, k.type_name())));
    }
    let i = vm.index_isize(k)?;
    let Some(j) = super::list::norm_index(i, len) else {
        return Err(vm.index_error(format!("{} index out of range", type_word(o))));
    };
    Ok(match o.payload() {
        Payload::List(l) => l.borrow()[j].clone(),
        Payload::Tuple(t) => t[j].clone(),
        Payload::Str(s) => {
            let c = s.char_at(j);
            let mut buf = [0u8; 4];
            object::new_str(c.encode_utf8(&mut buf))
        }
        Payload::Bytes(b) => object::new_int(b[j] as i64),
        Payload::ByteArray(b) => object::new_int(b.borrow()[j] as i64),
        Payload::Range { start, step, .. } => object::new_int(start + j as i64 * step),
        _ => unreachable!(),
    })
}

/// `seq * n`.
pub fn seq_repeat(vm: &Vm, o: &ObjRef, n: &Int) -> PyResult {
    let n = match n {
        Int::Small(v) => (*v).max(0) as usize,
        Int::Big(b) => {
            if b.signum() < dashu_int::IBig::ZERO {
                0
            } else {
                return Err(vm.overflow_error("cannot fit 'int' into an index-sized integer"));
            }
        }
    };
    let len = match o.payload() {
        Payload::List(l) => l.borrow().len(),
        Payload::Tuple(t) => t.len(),
        Payload::Str(s) => s.s.len(),
        Payload::Bytes(b) => b.len(),
        Payload::ByteArray(b) => b.borrow().len(),
        _ => 0,
    };
    if len.checked_mul(n).map(|t| t > isize::MAX as usize / 8).unwrap_or(true) {
        return Err(vm.new_error("MemoryError", ""));
    }
    Ok(match o.payload() {
        Payload::List(l) => {
            let b = l.borrow();
            let mut v = super::vec_with_capacity(vm, b.len() * n)?;
            for _ in 0..n {
                v.extend(b.iter().cloned());
            }
            object::new_list(v)
        }
        Payload::Tuple(t) => {
            if n == 1 && o.ty().is(&builtin_types().tuple) {
                return Ok(o.clone());
            }
            let mut v = Vec::with_capacity(t.len() * n);
            for _ in 0..n {
                v.extend(t.iter().cloned());
            }
            object::new_tuple(v)
        }
        Payload::Str(s) => {
            if n == 1 && o.ty().is(&builtin_types().str) {
                return Ok(o.clone());
            }
            object::new_string(s.s.repeat(n))
        }
        Payload::Bytes(b) => object::new_bytes(b.repeat(n)),
        Payload::ByteArray(b) => super::bytes::new_bytearray(b.borrow().repeat(n)),
        _ => unreachable!(),
    })
}

fn seq_items(o: &ObjRef) -> Vec<ObjRef> {
    match o.payload() {
        Payload::List(l) => l.borrow().clone(),
        Payload::Tuple(t) => t.to_vec(),
        _ => Vec::new(),
    }
}

/// `seq.index(x[, start[, stop]])` for list and tuple.
pub fn seq_index(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>, what: &str) -> PyResult {
    super::arity(vm, "index", &args[1..], kw, 1, 3)?;
    let items = seq_items(&args[0]);
    let len = items.len() as isize;
    let norm = |o: Option<&ObjRef>, d: isize| -> PyResult<isize> {
        match o {
            None => Ok(d),
            Some(o) => {
                let mut i = vm.index_isize(o)?;
                if i < 0 {
                    i = (i + len).max(0);
                }
                Ok(i.min(len))
            }
        }
    };
    let start = norm(args.get(2), 0)?;
    let stop = norm(args.get(3), len)?;
    for i in start..stop {
        if vm.eq(&items[i as usize], &args[1])? {
            return Ok(object::new_int(i as i64));
        }
    }
    if what == "list" {
        return Err(vm.value_error(format!("{} is not in list", vm.repr_string(&args[1])?)));
    }
    Err(vm.value_error(format!("{}.index(x): x not in {}", what, what)))
}

pub fn seq_count(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::arity(vm, "count", &args[1..], kw, 1, 1)?;
    let mut n = 0;
    for x in seq_items(&args[0]) {
        if vm.eq(&x, &args[1])? {
            n += 1;
        }
    }
    Ok(object::new_int(n))
}

fn t_new(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::no_kwargs(vm, "tuple", kw)?;
    let cls = &args[0];
    if args.len() > 2 {
        return Err(vm.type_error(format!("tuple expected at most 1 argument, got {}", args.len() - 1)));
    }
    let exact = cls.is(&builtin_types().tuple);
    let items = match args.get(1) {
        None => Vec::new(),
        Some(it) => {
            if exact && it.ty().is(&builtin_types().tuple) {
                return Ok(it.clone());
            }
            vm.collect_with_hint(it)?
        }
    };
    if exact {
        return Ok(object::new_tuple(items));
    }
    Ok(ObjRef::new(cls, Payload::Tuple(items.into_boxed_slice())))
}
fn t_index(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    seq_index(vm, args, kw, "tuple")
}
fn t_count(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    seq_count(vm, args, kw)
}
fn t_repr(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    super::repr::container_repr(vm, &args[0])
}
fn t_getitem(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    seq_getitem(vm, &args[0], &args[1])
}
fn t_len(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_int(vm.len(&args[0])? as i64))
}
fn t_iter(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(ObjRef::new(&builtin_types().tuple_iterator, Payload::Iter(Box::new(RefCell::new(object::IterState::Seq { seq: args[0].clone(), index: 0 })))))
}
fn t_contains(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_bool(vm.contains(&args[0], &args[1])?))
}
fn t_hash(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_int(vm.hash(&args[0])?))
}
fn t_add(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(vm.builtin_binop(&args[0], &args[1], crate::vm::binary::ADD)?.unwrap_or_else(object::not_implemented))
}
fn t_mul(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    match args[1].as_int() {
        Some(n) => seq_repeat(vm, &args[0], n),
        None => Ok(object::not_implemented()),
    }
}
fn t_getnewargs(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_tuple(vec![object::new_tuple(seq_items(&args[0]))]))
}

pub fn init(_vm: &Vm) {
    let t = builtin_types();
    let tu = &t.tuple;
    super::def_staticmethod(tu, "__new__", t_new);
    def(tu, "index", t_index);
    def(tu, "count", t_count);
    def(tu, "__repr__", t_repr);
    def(tu, "__getitem__", t_getitem);
    def(tu, "__len__", t_len);
    def(tu, "__iter__", t_iter);
    def(tu, "__contains__", t_contains);
    def(tu, "__hash__", t_hash);
    def(tu, "__add__", t_add);
    def(tu, "__mul__", t_mul);
    def(tu, "__rmul__", t_mul);
    def(tu, "__getnewargs__", t_getnewargs);
}
