//! `set` and `frozenset`: the operations in CPython's order (so results iterate as they
//! do in CPython) and the set methods.

use std::cell::RefCell;

use super::def;
use crate::object::set::SetTable;
use crate::object::types::builtin_types;
use crate::object::{self, ObjRef, Payload, PyResult};
use crate::vm::binary::{AND, OR, SUB, XOR};
use crate::vm::compare::{fast_eq, CmpOp};
use crate::vm::Vm;

fn tab(s: &ObjRef) -> &RefCell<SetTable> {
    s.as_set().expect("set")
}

impl Vm {
    pub fn set_add(&self, s: &ObjRef, key: ObjRef) -> PyResult<()> {
        // An exact int or str among keys that compare without Python code: one walk
        // under one borrow.
        let key = match crate::vm::protocols::plain_hash(&key) {
            Some(h) => match tab(s).borrow_mut().add_plain(key, h, fast_eq) {
                Ok(_) => return Ok(()),
                Err(key) => key,
            },
            None => key,
        };
        let h = self.hash(&key)?;
        let eq = |a: &ObjRef, b: &ObjRef| self.eq(a, b);
        SetTable::add(tab(s), key, h, &fast_eq, &eq)?;
        Ok(())
    }
}

pub fn set_contains(vm: &Vm, s: &ObjRef, key: &ObjRef) -> PyResult<bool> {
    let h = match vm.hash(key) {
        Ok(h) => h,
        Err(e) => {
            if let Payload::Set(_) = key.payload() {
                let fs = new_like(&builtin_types().frozenset);
                set_update(vm, &fs, key)?;
                return set_contains(vm, s, &fs);
            }
            return Err(e);
        }
    };
    let eq = |a: &ObjRef, b: &ObjRef| vm.eq(a, b);
    SetTable::contains(tab(s), key, h, &fast_eq, &eq)
}

fn set_discard(vm: &Vm, s: &ObjRef, key: &ObjRef) -> PyResult<bool> {
    let h = vm.hash(key)?;
    let eq = |a: &ObjRef, b: &ObjRef| vm.eq(a, b);
    let r = SetTable::discard(tab(s), key, h, &fast_eq, &eq)?;
    Ok(r.is_some())
}

#[must_use]
fn new_like(ty: &ObjRef) -> ObjRef {
    object::new_empty_set(ty)
}

/// `s.update(it)` (CPython's `set_update_internal`).
pub fn set_update(vm: &Vm, s: &ObjRef, it: &ObjRef) -> PyResult<()> {
    let eq = |a: &ObjRef, b: &ObjRef| vm.eq(a, b);
    if let Some(other) = it.as_set() {
        if s.is(it) {
            // `s.update(s)` changes nothing, not even the table's size (`set_merge`).
            return Ok(());
        }
        if tab(s).borrow().fill == 0 {
            // Into an empty set (a copy): `merge` then compares no keys, so no Python
            // code can run while `other` is borrowed, and no snapshot is needed.
            return SetTable::merge(tab(s), &other.borrow(), &fast_eq, &eq);
        }
        if other.borrow().is_empty() {
            return Ok(());
        }
        {
            // The common case, `s | {x}`: every key goes in without a comparison that
            // needs Python code, both tables borrowed throughout.
            let mut t = tab(s).borrow_mut();
            let o = other.borrow();
            t.presize(o.len());
            if t.merge_plain(&o, fast_eq) {
                return Ok(());
            }
        }
        // A comparison may run Python code that changes either set: the keys are
        // taken out first, and those the loop above added are found again.
        let snapshot: Vec<(i64, ObjRef)> = other.borrow().iter().map(|(h, k)| (h, k.clone())).collect();
        for (h, k) in snapshot {
            SetTable::add(tab(s), k, h, &fast_eq, &eq)?;
        }
        return Ok(());
    }
    if let Some(d) = it.as_dict() {
        let entries: Vec<(i64, ObjRef)> = d.borrow().iter().map(|e| (e.hash, e.key.clone())).collect();
        let n = entries.len();
        return SetTable::merge_entries(tab(s), entries.into_iter(), n, &fast_eq, &eq);
    }
    let iter = vm.iter(it)?;
    while let Some(x) = vm.next(&iter)? {
        vm.set_add(s, x)?;
    }
    Ok(())
}

fn keys(s: &ObjRef) -> Vec<ObjRef> {
    tab(s).borrow().iter().map(|(_, k)| k.clone()).collect()
}

fn copy_of(vm: &Vm, s: &ObjRef, ty: &ObjRef) -> PyResult {
    let n = new_like(ty);
    set_update(vm, &n, s)?;
    Ok(n)
}

/// The result type of a binary set operation: the left operand's base kind.
fn result_type(a: &ObjRef) -> ObjRef {
    let t = builtin_types();
    if a.ty().is_subtype(&t.frozenset) { t.frozenset.clone() } else { t.set.clone() }
}

fn as_set_operand(vm: &Vm, o: &ObjRef) -> PyResult<ObjRef> {
    if o.as_set().is_some() {
        return Ok(o.clone());
    }
    let s = new_like(&builtin_types().set);
    set_update(vm, &s, o)?;
    Ok(s)
}

fn intersection(vm: &Vm, a: &ObjRef, b: &ObjRef, ty: &ObjRef) -> PyResult {
    let result = new_like(ty);
    let b = as_set_operand(vm, b)?;
    let (big, small) = if tab(&b).borrow().len() > tab(a).borrow().len() { (&b, a) } else { (a, &b) };
    let entries: Vec<(i64, ObjRef)> = tab(small).borrow().iter().map(|(h, k)| (h, k.clone())).collect();
    let eq = |x: &ObjRef, y: &ObjRef| vm.eq(x, y);
    for (h, k) in entries {
        if SetTable::contains(tab(big), &k, h, &fast_eq, &eq)? {
            SetTable::add(tab(&result), k, h, &fast_eq, &eq)?;
        }
    }
    Ok(result)
}

fn difference(vm: &Vm, a: &ObjRef, b: &ObjRef, ty: &ObjRef) -> PyResult {
    let result = new_like(ty);
    let eq = |x: &ObjRef, y: &ObjRef| vm.eq(x, y);
    let entries: Vec<(i64, ObjRef)> = tab(a).borrow().iter().map(|(h, k)| (h, k.clone())).collect();
    let b = as_set_operand(vm, b)?;
    for (h, k) in entries {
        if !SetTable::contains(tab(&b), &k, h, &fast_eq, &eq)? {
            SetTable::add(tab(&result), k, h, &fast_eq, &eq)?;
        }
    }
    Ok(result)
}

fn symmetric_difference_update(vm: &Vm, s: &ObjRef, b: &ObjRef) -> PyResult<()> {
    if s.is(b) {
        let old = tab(s).borrow_mut().clear();
        drop(old);
        return Ok(());
    }
    let b = as_set_operand(vm, b)?;
    let entries: Vec<(i64, ObjRef)> = tab(&b).borrow().iter().map(|(h, k)| (h, k.clone())).collect();
    let eq = |x: &ObjRef, y: &ObjRef| vm.eq(x, y);
    for (h, k) in entries {
        if SetTable::discard(tab(s), &k, h, &fast_eq, &eq)?.is_none() {
            SetTable::add(tab(s), k, h, &fast_eq, &eq)?;
        }
    }
    Ok(())
}

pub fn set_binop(vm: &Vm, a: &ObjRef, b: &ObjRef, op: u8) -> PyResult {
    let ty = result_type(a);
    match op {
        OR => {
            let r = copy_of(vm, a, &ty)?;
            set_update(vm, &r, b)?;
            Ok(r)
        }
        AND => intersection(vm, a, b, &ty),
        SUB => difference(vm, a, b, &ty),
        XOR => {
            let r = copy_of(vm, a, &ty)?;
            symmetric_difference_update(vm, &r, b)?;
            Ok(r)
        }
        _ => Ok(object::not_implemented()),
    }
}

/// Set operators on dict views (`d.keys() & other`).
pub fn view_binop(vm: &Vm, a: &ObjRef, b: &ObjRef, op: u8) -> PyResult<Option<ObjRef>> {
    let conv = |o: &ObjRef| -> PyResult<ObjRef> { as_set_operand(vm, o) };
    let (x, y) = (conv(a)?, conv(b)?);
    let r = match op {
        OR => {
            let r = copy_of(vm, &x, &builtin_types().set)?;
            set_update(vm, &r, &y)?;
            r
        }
        AND => intersection(vm, &x, &y, &builtin_types().set)?,
        SUB => difference(vm, &x, &y, &builtin_types().set)?,
        _ => {
            let r = copy_of(vm, &x, &builtin_types().set)?;
            symmetric_difference_update(vm, &r, &y)?;
            r
        }
    };
    Ok(Some(r))
}

fn is_subset(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<bool> {
    if tab(a).borrow().len() > tab(b).borrow().len() {
        return Ok(false);
    }
    for k in keys(a) {
        if !set_contains(vm, b, &k)? {
            return Ok(false);
        }
    }
    Ok(true)
}

pub fn set_compare(vm: &Vm, a: &ObjRef, b: &ObjRef, op: CmpOp) -> PyResult {
    let (la, lb) = (tab(a).borrow().len(), tab(b).borrow().len());
    let r = match op {
        CmpOp::Eq => la == lb && is_subset(vm, a, b)?,
        CmpOp::Ne => !(la == lb && is_subset(vm, a, b)?),
        CmpOp::Le => is_subset(vm, a, b)?,
        CmpOp::Lt => la < lb && is_subset(vm, a, b)?,
        CmpOp::Ge => is_subset(vm, b, a)?,
        CmpOp::Gt => la > lb && is_subset(vm, b, a)?,
    };
    Ok(object::new_bool(r))
}

pub fn view_compare(vm: &Vm, a: &ObjRef, b: &ObjRef, op: CmpOp) -> PyResult<Option<ObjRef>> {
    let ok = |o: &ObjRef| matches!(o.payload(), Payload::Set(_) | Payload::DictView { kind: object::DictViewKind::Keys | object::DictViewKind::Items, .. });
    if !ok(b) {
        return Ok(None);
    }
    let (x, y) = (as_set_operand(vm, a)?, as_set_operand(vm, b)?);
    set_compare(vm, &x, &y, op).map(Some)
}

fn this<'a>(vm: &Vm, args: &'a [ObjRef]) -> PyResult<&'a ObjRef> {
    match args.first() {
        Some(s) if s.as_set().is_some() => Ok(s),
        _ => Err(vm.type_error("descriptor requires a 'set' object")),
    }
}

fn set_new(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(new_like(&args[0]))
}
fn set_init(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::no_kwargs(vm, "set", kw)?;
    if args.len() > 2 {
        return Err(vm.type_error(format!("set expected at most 1 argument, got {}", args.len() - 1)));
    }
    let s = this(vm, args)?;
    let old = tab(s).borrow_mut().clear();
    drop(old);
    if let Some(it) = args.get(1) {
        set_update(vm, s, it)?;
    }
    Ok(object::none())
}
fn frozenset_new(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::no_kwargs(vm, "frozenset", kw)?;
    if args.len() > 2 {
        return Err(vm.type_error(format!("frozenset expected at most 1 argument, got {}", args.len() - 1)));
    }
    if let Some(it) = args.get(1) {
        if args[0].is(&builtin_types().frozenset) && it.ty().is(&builtin_types().frozenset) {
            return Ok(it.clone());
        }
    }
    let s = new_like(&args[0]);
    if let Some(it) = args.get(1) {
        set_update(vm, &s, it)?;
    }
    Ok(s)
}
fn s_add(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::arity(vm, "add", &args[1..], kw, 1, 1)?;
    vm.set_add(this(vm, args)?, args[1].clone())?;
    Ok(object::none())
}
fn s_discard(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::arity(vm, "discard", &args[1..], kw, 1, 1)?;
    set_discard(vm, this(vm, args)?, &args[1])?;
    Ok(object::none())
}
fn s_remove(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::arity(vm, "remove", &args[1..], kw, 1, 1)?;
    if !set_discard(vm, this(vm, args)?, &args[1])? {
        return Err(vm.key_error(args[1].clone()));
    }
    Ok(object::none())
}
fn s_pop(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let r = tab(this(vm, args)?).borrow_mut().pop();
    r.ok_or_else(|| vm.new_error("KeyError", "pop from an empty set"))
}
fn s_clear(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let old = tab(this(vm, args)?).borrow_mut().clear();
    drop(old);
    Ok(object::none())
}
fn s_copy(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let s = this(vm, args)?;
    if s.ty().is(&builtin_types().frozenset) {
        return Ok(s.clone());
    }
    copy_of(vm, s, &result_type(s))
}
fn s_update(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let s = this(vm, args)?;
    for o in &args[1..] {
        set_update(vm, s, o)?;
    }
    Ok(object::none())
}
fn s_union(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let s = this(vm, args)?;
    let r = copy_of(vm, s, &result_type(s))?;
    for o in &args[1..] {
        set_update(vm, &r, o)?;
    }
    Ok(r)
}
fn s_intersection(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let s = this(vm, args)?;
    let ty = result_type(s);
    let mut r = copy_of(vm, s, &ty)?;
    for o in &args[1..] {
        r = intersection(vm, &r, o, &ty)?;
    }
    Ok(r)
}
fn s_intersection_update(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let s = this(vm, args)?;
    let r = s_intersection(vm, args, kw)?;
    take_body(s, &r);
    Ok(object::none())
}
fn s_difference(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let s = this(vm, args)?;
    let ty = result_type(s);
    let mut r = copy_of(vm, s, &ty)?;
    for o in &args[1..] {
        r = difference(vm, &r, o, &ty)?;
    }
    Ok(r)
}
fn s_difference_update(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let s = this(vm, args)?;
    for o in &args[1..] {
        difference_update(vm, s, o)?;
    }
    Ok(object::none())
}

/// Discards the items of `o` from `s`, then, when more than a quarter of the table is
/// dummies, resizes them away (CPython's `set_difference_update_internal`).
fn difference_update(vm: &Vm, s: &ObjRef, o: &ObjRef) -> PyResult<()> {
    if s.is(o) {
        let old = tab(s).borrow_mut().clear();
        drop(old);
        return Ok(());
    }
    for k in vm.collect(o)? {
        set_discard(vm, s, &k)?;
    }
    tab(s).borrow_mut().resize_away_dummies();
    Ok(())
}
fn s_symmetric_difference(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::arity(vm, "symmetric_difference", &args[1..], kw, 1, 1)?;
    let s = this(vm, args)?;
    let r = copy_of(vm, s, &result_type(s))?;
    symmetric_difference_update(vm, &r, &args[1])?;
    Ok(r)
}
fn s_symmetric_difference_update(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::arity(vm, "symmetric_difference_update", &args[1..], kw, 1, 1)?;
    symmetric_difference_update(vm, this(vm, args)?, &args[1])?;
    Ok(object::none())
}
fn s_issubset(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let o = as_set_operand(vm, &args[1])?;
    Ok(object::new_bool(is_subset(vm, this(vm, args)?, &o)?))
}
fn s_issuperset(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let o = as_set_operand(vm, &args[1])?;
    Ok(object::new_bool(is_subset(vm, &o, this(vm, args)?)?))
}
fn s_isdisjoint(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let s = this(vm, args)?;
    for k in vm.collect(&args[1])? {
        if set_contains(vm, s, &k)? {
            return Ok(object::new_bool(false));
        }
    }
    Ok(object::new_bool(true))
}
fn s_len(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_int(tab(this(vm, args)?).borrow().len() as i64))
}
fn s_contains(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_bool(set_contains(vm, this(vm, args)?, &args[1])?))
}
fn s_iter(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let s = this(vm, args)?;
    let len = tab(s).borrow().len();
    Ok(ObjRef::new(&builtin_types().set_iterator, Payload::Iter(Box::new(RefCell::new(object::IterState::SetIter { set: s.clone(), pos: 0, len })))))
}
fn s_repr(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    super::repr::container_repr(vm, &args[0])
}
fn s_hash(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_int(vm.hash(&args[0])?))
}
macro_rules! set_op {
    ($name:ident, $op:expr) => {
        fn $name(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
            if args[1].as_set().is_none() {
                return Ok(object::not_implemented());
            }
            set_binop(vm, &args[0], &args[1], $op)
        }
    };
}
/// The in-place operators change the set itself, as CPython's do (so the result
/// iterates in CPython's order): `|=` adds, `-=` discards, `^=` does both, and `&=`
/// takes the body of the intersection.
macro_rules! set_iop {
    ($name:ident, $update:expr) => {
        fn $name(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
            if args[1].as_set().is_none() {
                return Ok(object::not_implemented());
            }
            let update: fn(&Vm, &ObjRef, &ObjRef) -> PyResult<()> = $update;
            update(vm, &args[0], &args[1])?;
            Ok(args[0].clone())
        }
    };
}
set_iop!(s_ior, set_update);
set_iop!(s_iand, |vm, s, o| {
    let r = set_binop(vm, s, o, AND)?;
    take_body(s, &r);
    Ok(())
});
set_iop!(s_isub, difference_update);
set_iop!(s_ixor, symmetric_difference_update);

/// Gives `s` a copy of `r`'s table (CPython's `set_swap_bodies` with a temporary).
fn take_body(s: &ObjRef, r: &ObjRef) {
    let new = tab(r).borrow().clone();
    let old = std::mem::replace(&mut *tab(s).borrow_mut(), new);
    drop(old);
}
set_op!(s_or, OR);
set_op!(s_and, AND);
set_op!(s_sub, SUB);
set_op!(s_xor, XOR);

pub fn init(_vm: &Vm) {
    let t = builtin_types();
    super::def_staticmethod(&t.set, "__new__", set_new);
    def(&t.set, "__init__", set_init);
    super::def_staticmethod(&t.frozenset, "__new__", frozenset_new);
    for ty in [&t.set, &t.frozenset] {
        def(ty, "copy", s_copy);
        def(ty, "union", s_union);
        def(ty, "intersection", s_intersection);
        def(ty, "difference", s_difference);
        def(ty, "symmetric_difference", s_symmetric_difference);
        def(ty, "issubset", s_issubset);
        def(ty, "issuperset", s_issuperset);
        def(ty, "isdisjoint", s_isdisjoint);
        def(ty, "__len__", s_len);
        def(ty, "__contains__", s_contains);
        def(ty, "__iter__", s_iter);
        def(ty, "__repr__", s_repr);
        def(ty, "__or__", s_or);
        def(ty, "__and__", s_and);
        def(ty, "__sub__", s_sub);
        def(ty, "__xor__", s_xor);
    }
    let s = &t.set;
    def(s, "add", s_add);
    def(s, "discard", s_discard);
    def(s, "remove", s_remove);
    def(s, "pop", s_pop);
    def(s, "clear", s_clear);
    def(s, "update", s_update);
    def(s, "intersection_update", s_intersection_update);
    def(s, "difference_update", s_difference_update);
    def(s, "symmetric_difference_update", s_symmetric_difference_update);
    def(s, "__ior__", s_ior);
    def(s, "__iand__", s_iand);
    def(s, "__isub__", s_isub);
    def(s, "__ixor__", s_ixor);
    super::set_type_attr(s, "__hash__", object::none());
    def(&t.frozenset, "__hash__", s_hash);
}
