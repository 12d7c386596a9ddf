//! `list`: mutation helpers (with CPython's errors) and the list methods, including a
//! stable merge sort that only uses `<` and detects mutation during the sort.

use std::cell::RefCell;

use super::{def, parse_args};
use crate::object::int::Int;
use crate::object::types::builtin_types;
use crate::object::{self, ObjRef, Payload, PyResult};
use crate::vm::compare::CmpOp;
use crate::vm::Vm;

fn items(l: &ObjRef) -> &RefCell<Vec<ObjRef>> {
    l.as_list().expect("list")
}

pub fn list_extend(vm: &Vm, l: &ObjRef, it: &ObjRef) -> PyResult<()> {
    let new = vm.collect_with_hint(it)?;
    items(l).borrow_mut().extend(new);
    Ok(())
}

pub fn list_imul(vm: &Vm, l: &ObjRef, n: &ObjRef) -> PyResult<()> {
    let Some(n) = n.as_int() else {
        return Err(vm.type_error(format!("can't multiply sequence by non-int of type '{}'", n.type_name())));
    };
    let n = n.as_i64().unwrap_or(i64::MAX).max(0) as usize;
    let cur = items(l).borrow().clone();
    if n == 0 {
        let old = std::mem::take(&mut *items(l).borrow_mut());
        drop(old);
        return Ok(());
    }
    if cur.len().saturating_mul(n) > (isize::MAX as usize) / 16 {
        return Err(vm.new_error("MemoryError", ""));
    }
    let mut v = super::vec_with_capacity(vm, cur.len() * n)?;
    for _ in 0..n {
        v.extend(cur.iter().cloned());
    }
    *items(l).borrow_mut() = v;
    Ok(())
}

/// Normalises an index for a sequence of length `len`; None when out of range.
pub fn norm_index(i: isize, len: usize) -> Option<usize> {
    let j = if i < 0 { i + len as isize } else { i };
    if j < 0 || j as usize >= len {
        None
    } else {
        Some(j as usize)
    }
}

pub fn list_setitem(vm: &Vm, l: &ObjRef, k: &ObjRef, v: ObjRef) -> PyResult<()> {
    if let Payload::Slice { start, stop, step } = k.payload() {
        return list_set_slice(vm, l, start, stop, step, v);
    }
    if k.as_int().is_none() && k.type_data().lookup("__index__").is_none() {
        return Err(vm.type_error(format!("list indices must be integers or slices, not {}", k.type_name())));
    }
    let i = vm.index_isize(k)?;
    let len = items(l).borrow().len();
    match norm_index(i, len) {
        Some(j) => {
            let old = std::mem::replace(&mut items(l).borrow_mut()[j], v);
            drop(old);
            Ok(())
        }
        None => Err(vm.index_error("list assignment index out of range")),
    }
}

/// The items of `v` when it is an exact list that nothing else refers to (a temporary,
/// as in `a[:k] = a[k::-1]`): moved out rather than copied, since the list is released
/// with this call's reference anyway and no one can observe it emptied.
fn take_temporary_list(v: &ObjRef) -> Option<Vec<ObjRef>> {
    if v.refcnt() != 1 || !v.ty().is(&builtin_types().list) {
        return None;
    }
    Some(std::mem::take(&mut *items(v).borrow_mut()))
}

/// `l[start:stop:step] = v` (each bound None or an index).
pub fn list_set_slice(vm: &Vm, l: &ObjRef, start: &ObjRef, stop: &ObjRef, step: &ObjRef, v: ObjRef) -> PyResult<()> {
    let len = items(l).borrow().len();
    let (start, stop, step, n) = super::seq::slice_parts_indices(vm, start, stop, step, len)?;
    let taken = take_temporary_list(&v);
    let new = match taken.map_or_else(|| vm.collect(&v), Ok) {
        Ok(new) => new,
        Err(e) if e.is(&vm.exc_type("TypeError")) && vm.iter(&v).is_err() => {
            return Err(vm.type_error(if step == 1 { "can only assign an iterable" } else { "must assign iterable to extended slice" }));
        }
        Err(e) => return Err(e),
    };
    if step == 1 {
        let (start, stop) = (start as usize, stop.max(start) as usize);
        if new.len() == stop - start {
            // Same size: the new items trade places with the old ones, which are
            // released afterwards, last first (as the splice below does).
            let mut old = new;
            for (slot, x) in items(l).borrow_mut()[start..stop].iter_mut().zip(old.iter_mut()) {
                std::mem::swap(slot, x);
            }
            object::drop_reversed(old);
            return Ok(());
        }
        let old: Vec<ObjRef> = items(l).borrow_mut().splice(start..stop, new).collect();
        object::drop_reversed(old);
        return Ok(());
    }
    if new.len() != n {
        return Err(vm.value_error(format!("attempt to assign sequence of size {} to extended slice of size {}", new.len(), n)));
    }
    let mut old = Vec::new();
    {
        let mut b = items(l).borrow_mut();
        for (j, x) in new.into_iter().enumerate() {
            let idx = (start + j as isize * step) as usize;
            old.push(std::mem::replace(&mut b[idx], x));
        }
    }
    drop(old);
    Ok(())
}

pub fn list_delitem(vm: &Vm, l: &ObjRef, k: &ObjRef) -> PyResult<()> {
    if let Payload::Slice { .. } = k.payload() {
        let len = items(l).borrow().len();
        let (start, _stop, step, n) = super::seq::slice_indices(vm, k, len)?;
        let mut idx: Vec<usize> = (0..n).map(|j| (start + j as isize * step) as usize).collect();
        idx.sort_unstable();
        let mut removed = Vec::new();
        {
            let mut b = items(l).borrow_mut();
            for i in idx.into_iter().rev() {
                removed.push(b.remove(i));
            }
        }
        drop(removed);
        return Ok(());
    }
    if k.as_int().is_none() && k.type_data().lookup("__index__").is_none() {
        return Err(vm.type_error(format!("list indices must be integers or slices, not {}", k.type_name())));
    }
    let i = vm.index_isize(k)?;
    let len = items(l).borrow().len();
    match norm_index(i, len) {
        Some(j) => {
            let old = items(l).borrow_mut().remove(j);
            drop(old);
            Ok(())
        }
        None => Err(vm.index_error("list assignment index out of range")),
    }
}

fn this<'a>(vm: &Vm, args: &'a [ObjRef], name: &str) -> PyResult<&'a ObjRef> {
    match args.first() {
        Some(l) if l.as_list().is_some() => Ok(l),
        _ => Err(vm.type_error(format!("descriptor '{}' for 'list' objects doesn't apply", name))),
    }
}

fn l_new(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(ObjRef::new(&args[0], Payload::List(RefCell::new(Vec::new()))))
}
fn l_init(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let l = this(vm, args, "__init__")?;
    super::no_kwargs(vm, "list", kw)?;
    if args.len() > 2 {
        return Err(vm.type_error(format!("list expected at most 1 argument, got {}", args.len() - 1)));
    }
    let new = match args.get(1) {
        Some(it) => vm.collect_with_hint(it)?,
        None => Vec::new(),
    };
    let old = std::mem::replace(&mut *items(l).borrow_mut(), new);
    drop(old);
    Ok(object::none())
}
fn l_append(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::arity(vm, "list.append", &args[1..], kw, 1, 1).map_err(|_| vm.type_error(format!("list.append() takes exactly one argument ({} given)", args.len() - 1)))?;
    items(this(vm, args, "append")?).borrow_mut().push(args[1].clone());
    Ok(object::none())
}
fn l_extend(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    if args.len() != 2 {
        return Err(vm.type_error(format!("list.extend() takes exactly one argument ({} given)", args.len() - 1)));
    }
    list_extend(vm, this(vm, args, "extend")?, &args[1])?;
    Ok(object::none())
}
fn l_insert(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::arity(vm, "insert", &args[1..], kw, 2, 2)?;
    let l = this(vm, args, "insert")?;
    let i = vm.index_isize(&args[1])?;
    let mut b = items(l).borrow_mut();
    let len = b.len() as isize;
    let j = if i < 0 { (i + len).max(0) } else { i.min(len) };
    b.insert(j as usize, args[2].clone());
    Ok(object::none())
}
fn l_pop(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::arity(vm, "pop", &args[1..], kw, 0, 1)?;
    let l = this(vm, args, "pop")?;
    let i = match args.get(1) {
        Some(a) => vm.index_isize(a)?,
        None => -1,
    };
    let len = items(l).borrow().len();
    if len == 0 {
        return Err(vm.index_error("pop from empty list"));
    }
    match norm_index(i, len) {
        Some(j) => Ok(items(l).borrow_mut().remove(j)),
        None => Err(vm.index_error("pop index out of range")),
    }
}
fn l_remove(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::arity(vm, "remove", &args[1..], kw, 1, 1)?;
    let l = this(vm, args, "remove")?;
    let mut i = 0;
    loop {
        let x = match items(l).borrow().get(i) {
            Some(x) => x.clone(),
            None => return Err(vm.value_error("list.remove(x): x not in list")),
        };
        if vm.eq(&x, &args[1])? {
            let old = items(l).borrow_mut().remove(i);
            drop(old);
            return Ok(object::none());
        }
        i += 1;
    }
}
fn l_clear(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let old = std::mem::take(&mut *items(this(vm, args, "clear")?).borrow_mut());
    object::drop_reversed(old);
    Ok(object::none())
}
fn l_copy(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_list(items(this(vm, args, "copy")?).borrow().clone()))
}
fn l_reverse(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    items(this(vm, args, "reverse")?).borrow_mut().reverse();
    Ok(object::none())
}
fn l_sort(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let l = this(vm, args, "sort")?;
    if args.len() - kw.map(|k| k.len()).unwrap_or(0) > 1 {
        return Err(vm.type_error("sort() takes no positional arguments"));
    }
    let a = parse_args(vm, "sort", &args[1..], kw, &["key", "reverse"], 0)?;
    let key = a[0].clone().filter(|k| !k.is_none());
    let reverse = match &a[1] {
        Some(r) => vm.truthy(r)?,
        None => false,
    };
    let v = std::mem::take(&mut *items(l).borrow_mut());
    let r = sort_vec(vm, v, key.as_ref(), reverse);
    let modified = !items(l).borrow().is_empty();
    match r {
        Ok(sorted) => {
            let old = std::mem::replace(&mut *items(l).borrow_mut(), sorted);
            drop(old);
            if modified {
                return Err(vm.value_error("list modified during sort"));
            }
            Ok(object::none())
        }
        Err((e, orig)) => {
            let old = std::mem::replace(&mut *items(l).borrow_mut(), orig);
            drop(old);
            Err(e)
        }
    }
}

/// Stable sort with `<` only; on error returns the items (in some order) with the error.
/// With a key function, each item's key is computed once, first to last.
pub fn sort_vec(vm: &Vm, v: Vec<ObjRef>, key: Option<&ObjRef>, reverse: bool) -> Result<Vec<ObjRef>, (crate::vm::PyErr, Vec<ObjRef>)> {
    let mut v = v;
    if reverse {
        v.reverse();
    }
    let keys: Vec<ObjRef> = match key {
        Some(k) => {
            let mut keys = Vec::with_capacity(v.len());
            for x in v.iter() {
                match vm.call(k, std::slice::from_ref(x), None) {
                    Ok(kv) => keys.push(kv),
                    Err(e) => return Err((e, v)),
                }
            }
            keys
        }
        None => Vec::new(),
    };
    let order = {
        let ks: &[ObjRef] = if key.is_some() { &keys } else { &v };
        if let Some(order) = plain_order(ks) {
            Ok(order)
        } else {
            let lt = |a: u32, b: u32| -> PyResult<bool> {
            let (a, b) = (&ks[a as usize], &ks[b as usize]);
            if let (Some(Int::Small(x)), Some(Int::Small(y))) = (a.as_int(), b.as_int()) {
                if !a.type_data().heap && !b.type_data().heap {
                    return Ok(x < y);
                }
            }
            if let (Some(x), Some(y)) = (a.as_str(), b.as_str()) {
                if !a.type_data().heap && !b.type_data().heap {
                    return Ok(x < y);
                }
            }
            vm.compare_bool(a, b, CmpOp::Lt)
        };
            sort_order(ks.len(), lt)
        }
    };
    drop(keys);
    match order {
        Ok(order) => {
            let mut slots: Vec<Option<ObjRef>> = v.into_iter().map(Some).collect();
            let mut out: Vec<ObjRef> = order.iter().map(|&i| slots[i as usize].take().expect("each index once")).collect();
            if reverse {
                out.reverse();
            }
            Ok(out)
        }
        Err(e) => Err((e, v)),
    }
}

/// The stable sorted order of `ks` when all of them are ints (within 64 bits), all strs,
/// or all floats other than NaN, of builtin types: comparing such keys runs no Python
/// code and cannot fail, so they are copied into one contiguous array and sorted there
/// (equal keys keep their order, as in any stable sort). None for any other keys.
fn plain_order(ks: &[ObjRef]) -> Option<Vec<u32>> {
    fn sorted<K>(mut pairs: Vec<(K, u32)>, cmp: impl Fn(&K, &K) -> std::cmp::Ordering) -> Vec<u32> {
        pairs.sort_by(|a, b| cmp(&a.0, &b.0));
        pairs.into_iter().map(|p| p.1).collect()
    }
    let first = ks.first()?;
    if first.type_data().heap {
        return None;
    }
    let builtin = |k: &ObjRef| !k.type_data().heap;
    match first.payload() {
        Payload::Int(_) => {
            let pairs: Option<Vec<(i64, u32)>> = ks.iter().zip(0u32..).map(|(k, i)| match k.as_int() {
                Some(Int::Small(x)) if builtin(k) => Some((*x, i)),
                _ => None,
            }).collect();
            pairs.map(|p| sorted(p, |a, b| a.cmp(b)))
        }
        Payload::Str(_) => {
            // UTF-8 byte order is code point order, Python's order for strs.
            let pairs: Option<Vec<(&str, u32)>> = ks.iter().zip(0u32..).map(|(k, i)| k.as_str().filter(|_| builtin(k)).map(|s| (s, i))).collect();
            pairs.map(|p| sorted(p, |a, b| a.cmp(b)))
        }
        Payload::Float(_) => {
            let pairs: Option<Vec<(f64, u32)>> = ks.iter().zip(0u32..).map(|(k, i)| match k.payload() {
                Payload::Float(x) if builtin(k) && !x.is_nan() => Some((*x, i)),
                _ => None,
            }).collect();
            pairs.map(|p| sorted(p, |a, b| a.partial_cmp(b).expect("no NaN")))
        }
        _ => None,
    }
}

/// The stable sorted order of `n` items under the fallible `lt(i, j)` ("item i < item
/// j"): runs of 32 by binary insertion, then bottom-up merges that skip runs already in
/// order (so sorted input takes n - 1 comparisons). Only indices move.
fn sort_order(n: usize, mut lt: impl FnMut(u32, u32) -> PyResult<bool>) -> PyResult<Vec<u32>> {
    const RUN: usize = 32;
    let mut a: Vec<u32> = (0..n as u32).collect();
    for start in (0..n).step_by(RUN) {
        let end = (start + RUN).min(n);
        for i in start + 1..end {
            let x = a[i];
            // Already in place (the common case for presorted runs)?
            if !lt(x, a[i - 1])? {
                continue;
            }
            // The first position in a[start..i-1] holding an item greater than x.
            let (mut lo, mut hi) = (start, i - 1);
            while lo < hi {
                let mid = (lo + hi) / 2;
                if lt(x, a[mid])? {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            a.copy_within(lo..i, lo + 1);
            a[lo] = x;
        }
    }
    let mut buf = vec![0u32; n];
    let mut width = RUN;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            if mid < end && lt(a[mid], a[mid - 1])? {
                let (mut i, mut j, mut k) = (start, mid, start);
                while i < mid && j < end {
                    if lt(a[j], a[i])? {
                        buf[k] = a[j];
                        j += 1;
                    } else {
                        buf[k] = a[i];
                        i += 1;
                    }
                    k += 1;
                }
                buf[k..k + (mid - i)].copy_from_slice(&a[i..mid]);
                k += mid - i;
                buf[k..k + (end - j)].copy_from_slice(&a[j..end]);
                a[start..end].copy_from_slice(&buf[start..end]);
            }
            start = end;
        }
        width *= 2;
    }
    Ok(a)
}

fn l_index(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::seq::seq_index(vm, args, kw, "list")
}
fn l_count(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::seq::seq_count(vm, args, kw)
}
fn l_repr(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    super::repr::container_repr(vm, &args[0])
}
fn l_getitem(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    super::seq::seq_getitem(vm, &args[0], &args[1])
}
fn l_setitem(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    list_setitem(vm, &args[0], &args[1], args[2].clone())?;
    Ok(object::none())
}
fn l_delitem(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    list_delitem(vm, &args[0], &args[1])?;
    Ok(object::none())
}
fn l_len(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_int(items(this(vm, args, "__len__")?).borrow().len() as i64))
}
fn l_iter(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let t = builtin_types();
    let _ = vm;
    Ok(ObjRef::new(&t.list_iterator, Payload::Iter(Box::new(RefCell::new(object::IterState::Seq { seq: args[0].clone(), index: 0 })))))
}
fn l_reversed(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let n = items(&args[0]).borrow().len() as isize;
    let t = builtin_types();
    Ok(ObjRef::new(&t.list_reverseiterator, Payload::Iter(Box::new(RefCell::new(object::IterState::Reversed { seq: args[0].clone(), index: n - 1 })))))
}
fn l_contains(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_bool(vm.contains(&args[0], &args[1])?))
}
fn l_add(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    if args[1].as_list().is_none() {
        return Err(vm.type_error(format!("can only concatenate list (not \"{}\") to list", args[1].type_name())));
    }
    let mut v = items(&args[0]).borrow().clone();
    v.extend(items(&args[1]).borrow().iter().cloned());
    Ok(object::new_list(v))
}
fn l_iadd(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    list_extend(vm, &args[0], &args[1])?;
    Ok(args[0].clone())
}
fn l_mul(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    match args[1].as_int() {
        Some(n) => super::seq::seq_repeat(vm, &args[0], n),
        None => Ok(object::not_implemented()),
    }
}
fn l_imul(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    list_imul(vm, &args[0], &args[1])?;
    Ok(args[0].clone())
}

pub fn init(_vm: &Vm) {
    let t = builtin_types();
    let l = &t.list;
    super::def_staticmethod(l, "__new__", l_new);
    def(l, "__init__", l_init);
    def(l, "append", l_append);
    def(l, "extend", l_extend);
    def(l, "insert", l_insert);
    def(l, "pop", l_pop);
    def(l, "remove", l_remove);
    def(l, "clear", l_clear);
    def(l, "copy", l_copy);
    def(l, "reverse", l_reverse);
    def(l, "sort", l_sort);
    def(l, "index", l_index);
    def(l, "count", l_count);
    def(l, "__repr__", l_repr);
    def(l, "__getitem__", l_getitem);
    def(l, "__setitem__", l_setitem);
    def(l, "__delitem__", l_delitem);
    def(l, "__len__", l_len);
    def(l, "__iter__", l_iter);
    def(l, "__reversed__", l_reversed);
    def(l, "__contains__", l_contains);
    def(l, "__add__", l_add);
    def(l, "__iadd__", l_iadd);
    def(l, "__mul__", l_mul);
    def(l, "__rmul__", l_mul);
    def(l, "__imul__", l_imul);
    super::set_type_attr(l, "__hash__", object::none());
}
