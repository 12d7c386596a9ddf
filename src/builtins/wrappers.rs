//! Descriptor and wrapper types (property, staticmethod, classmethod, super), the
//! builtin iterator types (enumerate, zip, map, filter, reversed, ...), generators'
//! methods, and functions as descriptors.

use std::cell::RefCell;

use super::def;
use crate::object::types::builtin_types;
use crate::object::{self, IterState, ObjRef, Payload, PyResult};
use crate::vm::iter::SendResult;
use crate::vm::Vm;

/// Properties' accessors are immutable: `__init__` and the copy methods build new values
/// (a copy keeps the name `__set_name__` recorded, as CPython's property_copy does).
fn make_property(ty: &ObjRef, fget: Option<ObjRef>, fset: Option<ObjRef>, fdel: Option<ObjRef>, doc: Option<ObjRef>) -> ObjRef {
    make_named_property(ty, fget, fset, fdel, doc, None)
}
fn make_named_property(ty: &ObjRef, fget: Option<ObjRef>, fset: Option<ObjRef>, fdel: Option<ObjRef>, doc: Option<ObjRef>, name: Option<ObjRef>) -> ObjRef {
    let parts = object::PropParts { fget, fset, fdel, doc };
    ObjRef::new(ty, Payload::Property(Box::new(object::PropertyData { parts: RefCell::new(parts), name: RefCell::new(name) })))
}

/// `property.__new__(cls, ...)`: a property without accessors; `__init__` sets them.
fn property_new(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(make_property(&args[0], None, None, None, None))
}

/// `property.__init__(self, fget=None, fset=None, fdel=None, doc=None)`.
fn property_init(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let a = super::parse_args(vm, "property", &args[1..], kw, &["fget", "fset", "fdel", "doc"], 0)?;
    let f = |o: &Option<ObjRef>| o.clone().filter(|x| !x.is_none());
    let Payload::Property(p) = args[0].payload() else {
        return Err(vm.type_error("descriptor '__init__' requires a 'property' object"));
    };
    let parts = object::PropParts { fget: f(&a[0]), fset: f(&a[1]), fdel: f(&a[2]), doc: f(&a[3]) };
    let old = p.parts.replace(parts);
    drop(old);
    Ok(object::none())
}

fn prop_parts(p: &ObjRef) -> (Option<ObjRef>, Option<ObjRef>, Option<ObjRef>, Option<ObjRef>) {
    match p.payload() {
        Payload::Property(p) => {
            let parts = p.parts.borrow().clone();
            (parts.fget, parts.fset, parts.fdel, parts.doc)
        }
        _ => (None, None, None, None),
    }
}
fn prop_name(p: &ObjRef) -> Option<ObjRef> {
    match p.payload() {
        Payload::Property(p) => p.name.borrow().clone(),
        _ => None,
    }
}
fn prop_getter(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let (_, s, d, doc) = prop_parts(&args[0]);
    Ok(make_named_property(&ObjRef::from_borrowed(args[0].ty()), Some(args[1].clone()), s, d, doc, prop_name(&args[0])))
}
fn prop_setter(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let (g, _, d, doc) = prop_parts(&args[0]);
    Ok(make_named_property(&ObjRef::from_borrowed(args[0].ty()), g, Some(args[1].clone()), d, doc, prop_name(&args[0])))
}
fn prop_deleter(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let (g, s, _, doc) = prop_parts(&args[0]);
    Ok(make_named_property(&ObjRef::from_borrowed(args[0].ty()), g, s, Some(args[1].clone()), doc, prop_name(&args[0])))
}
/// `property.__set_name__(owner, name)`: records the attribute name for error messages.
fn prop_set_name(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::no_kwargs(vm, "__set_name__", kw)?;
    if args.len() != 3 {
        return Err(vm.type_error(format!("__set_name__() takes 2 positional arguments but {} were given", args.len().saturating_sub(1))));
    }
    if let Payload::Property(p) = args[0].payload() {
        let old = p.name.replace(Some(args[2].clone()));
        drop(old);
    }
    Ok(object::none())
}
fn prop_get(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let obj = args.get(1).cloned().unwrap_or_else(object::none);
    if obj.is_none() {
        return Ok(args[0].clone());
    }
    match prop_parts(&args[0]).0 {
        Some(g) => vm.call(&g, &[obj], None),
        None => Err(vm.attribute_error(vm.property_error(&args[0], &obj, "getter"))),
    }
}
fn prop_set(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    match prop_parts(&args[0]).1 {
        Some(s) => vm.call(&s, &[args[1].clone(), args[2].clone()], None),
        None => Err(vm.attribute_error(vm.property_error(&args[0], &args[1], "setter"))),
    }
}

fn prop_delete(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    match prop_parts(&args[0]).2 {
        Some(d) => vm.call(&d, &[args[1].clone()], None),
        None => Err(vm.attribute_error(vm.property_error(&args[0], &args[1], "deleter"))),
    }
}

/// `staticmethod.__init__` / `classmethod.__init__`: `__new__` already stored the callable.
fn wrapper_init(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::no_kwargs(vm, args[0].type_name().as_str(), kw)?;
    if args.len() != 2 {
        return Err(vm.type_error(format!("{} expected 1 argument, got {}", args[0].type_name(), args.len() - 1)));
    }
    Ok(object::none())
}

fn staticmethod_new(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let f = args.get(1).cloned().ok_or_else(|| vm.type_error("staticmethod expected 1 argument, got 0"))?;
    Ok(ObjRef::new(&args[0], Payload::StaticMethod(f)))
}
fn classmethod_new(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let f = args.get(1).cloned().ok_or_else(|| vm.type_error("classmethod expected 1 argument, got 0"))?;
    Ok(ObjRef::new(&args[0], Payload::ClassMethod(f)))
}
fn staticmethod_get(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    match args[0].payload() {
        Payload::StaticMethod(f) => Ok(f.clone()),
        _ => Ok(args[0].clone()),
    }
}
fn staticmethod_call(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    match args[0].payload() {
        Payload::StaticMethod(f) => vm.call(f, &args[1..], kw),
        _ => Err(vm.type_error("not callable")),
    }
}
fn classmethod_get(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let owner = match args.get(2) {
        Some(o) if !o.is_none() => o.clone(),
        _ => ObjRef::from_borrowed(args[1].ty()),
    };
    match args[0].payload() {
        Payload::ClassMethod(f) => Ok(ObjRef::new(&builtin_types().method, Payload::BoundMethod { func: f.clone(), self_: owner })),
        _ => Ok(args[0].clone()),
    }
}

/// `super(type, obj)`; the compiler passes `__class__` and the first argument for the
/// zero-argument form.
fn super_new(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let implicit;
    let a: &[ObjRef] = if args.len() == 1 {
        implicit = implicit_super_args(vm)?;
        &implicit
    } else {
        &args[1..]
    };
    let ty = a[0].clone();
    if ty.as_type().is_none() {
        return Err(vm.type_error(format!("super() argument 1 must be a type, not {}", ty.type_name())));
    }
    let (obj, obj_type) = match a.get(1) {
        None => (None, None),
        Some(o) if o.is_none() && a.len() == 2 => (None, None),
        Some(o) => {
            let ot = if o.as_type().is_some() && o.is_subtype(&ty) {
                o.clone()
            } else if o.is_instance(&ty) {
                ObjRef::from_borrowed(o.ty())
            } else {
                return Err(vm.type_error("super(type, obj): obj must be an instance or subtype of type"));
            };
            (Some(o.clone()), Some(ot))
        }
    };
    Ok(ObjRef::new(&args[0], Payload::Super { ty, obj, obj_type }))
}

/// The zero-argument form: `__class__` from the calling frame's closure and its first
/// argument (CPython's `super_init_without_args`).
fn implicit_super_args(vm: &Vm) -> PyResult<Vec<ObjRef>> {
    let f = vm.current_frame().ok_or_else(|| vm.runtime_error("super(): no current frame"))?;
    let code = f.code();
    if code.argcount == 0 && code.flags & crate::bytecode::CodeFlags::VARARGS == 0 {
        return Err(vm.runtime_error("super(): no arguments"));
    }
    let nvars = code.varnames.len();
    let first = match code.cell2arg.iter().position(|a| *a == Some(0)) {
        Some(ci) => match f.fast[nvars + ci].as_ref().map(|c| c.payload()) {
            Some(Payload::Cell(c)) => c.borrow().clone(),
            _ => None,
        },
        None => f.fast[0].clone(),
    };
    let first = first.ok_or_else(|| vm.runtime_error("super(): arg[0] deleted"))?;
    let Some(ci) = code.freevars.iter().position(|n| n.as_str() == Some("__class__")) else {
        return Err(vm.runtime_error("super(): __class__ cell not found"));
    };
    let cell = f.fast[nvars + code.cellvars.len() + ci].clone();
    let cls = match cell.as_ref().map(|c| c.payload()) {
        Some(Payload::Cell(c)) => c.borrow().clone(),
        _ => None,
    };
    let cls = cls.ok_or_else(|| vm.runtime_error("super(): empty __class__ cell"))?;
    Ok(vec![cls, first])
}

/// Attribute lookup through a super object: the MRO of the object's type after `ty`.
pub fn super_getattr(vm: &Vm, sup: &ObjRef, name: &str) -> PyResult {
    let Payload::Super { ty, obj, obj_type } = sup.payload() else { unreachable!() };
    if name == "__class__" {
        return Ok(ObjRef::from_borrowed(sup.ty()));
    }
    if let (Some(obj), Some(ot)) = (obj, obj_type) {
        let mro = ot.as_type().unwrap().mro.borrow().clone();
        let start = mro.iter().position(|t| t.is(ty)).map(|i| i + 1).unwrap_or(mro.len());
        for t in &mro[start..] {
            if let Some(v) = t.as_type().unwrap().lookup_own(name) {
                let inst = if obj.is(ot) && obj.as_type().is_some() { None } else { Some(obj) };
                return vm.descr_get(&v, inst, ot);
            }
        }
    }
    Err(vm.attribute_error(format!("'super' object has no attribute '{}'", name)))
}

fn func_get(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    match args.get(1) {
        Some(o) if !o.is_none() => Ok(ObjRef::new(&builtin_types().method, Payload::BoundMethod { func: args[0].clone(), self_: o.clone() })),
        _ => Ok(args[0].clone()),
    }
}

fn iter_self(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(args[0].clone())
}
fn iter_next(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    match vm.next(&args[0])? {
        Some(v) => Ok(v),
        None => Err(vm.stop_iteration(None)),
    }
}
fn iter_length_hint(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let n = match args[0].payload() {
        Payload::Iter(s) => match &*s.borrow() {
            IterState::Range { remaining, .. } => *remaining as i64,
            IterState::DictKeys { dict, len, remaining, .. } => match dict.as_dict() {
                Some(d) if d.borrow().len() == *len => *remaining as i64,
                _ => 0,
            },
            IterState::Seq { seq, index } => match seq.payload() {
                Payload::List(l) => l.borrow().len().saturating_sub(*index) as i64,
                Payload::Tuple(t) => t.len().saturating_sub(*index) as i64,
                _ => 0,
            },
            _ => 0,
        },
        _ => 0,
    };
    Ok(object::new_int(n))
}

fn mk_iter(ty: &ObjRef, st: IterState) -> ObjRef {
    ObjRef::new(ty, Payload::Iter(Box::new(RefCell::new(st))))
}

fn enumerate_new(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let a = super::parse_args(vm, "enumerate", &args[1..], kw, &["iterable", "start"], 1)?;
    let it = vm.iter(a[0].as_ref().unwrap())?;
    let count = match &a[1] {
        Some(s) => {
            if s.as_int().is_none() {
                return Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", s.type_name())));
            }
            s.clone()
        }
        None => object::new_int(0),
    };
    Ok(mk_iter(&args[0], IterState::Enumerate { it, count }))
}
fn zip_new(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let nkw = kw.map(|k| k.len()).unwrap_or(0);
    let mut strict = false;
    if let Some(names) = kw {
        for (k, v) in names.iter().zip(args[args.len() - nkw..].iter()) {
            if k.as_str() != Some("strict") {
                return Err(vm.type_error(format!("zip() got an unexpected keyword argument '{}'", k.as_str().unwrap_or(""))));
            }
            strict = vm.truthy(v)?;
        }
    }
    let mut its = Vec::new();
    for (i, a) in args[1..args.len() - nkw].iter().enumerate() {
        match vm.iter(a) {
            Ok(it) => its.push(it),
            Err(e) if e.is(&vm.exc_type("TypeError")) => {
                return Err(vm.type_error(format!("zip argument #{} must support iteration", i + 1)));
            }
            Err(e) => return Err(e),
        }
    }
    if its.is_empty() {
        return Ok(mk_iter(&args[0], IterState::Exhausted));
    }
    Ok(mk_iter(&args[0], IterState::Zip { its, strict }))
}
fn map_new(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::no_kwargs(vm, "map", kw)?;
    if args.len() < 3 {
        return Err(vm.type_error("map() must have at least two arguments."));
    }
    let mut its = Vec::new();
    for a in &args[2..] {
        its.push(vm.iter(a)?);
    }
    Ok(mk_iter(&args[0], IterState::Map { func: args[1].clone(), its }))
}
fn filter_new(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::no_kwargs(vm, "filter", kw)?;
    if args.len() != 3 {
        return Err(vm.type_error(format!("filter expected 2 arguments, got {}", args.len() - 1)));
    }
    let it = vm.iter(&args[2])?;
    Ok(mk_iter(&args[0], IterState::Filter { func: args[1].clone(), it }))
}
fn reversed_new(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::arity(vm, "reversed", &args[1..], kw, 1, 1)?;
    let seq = &args[1];
    if let Some(r) = seq.type_data().lookup("__reversed__") {
        if !r.is_none() {
            return vm.call(&r, std::slice::from_ref(&seq), None);
        }
    }
    if seq.type_data().lookup("__getitem__").is_none() || seq.as_dict().is_some() {
        return Err(vm.type_error(format!("'{}' object is not reversible", seq.type_name())));
    }
    let n = vm.len(seq)? as isize;
    Ok(mk_iter(&args[0], IterState::Reversed { seq: seq.clone(), index: n - 1 }))
}

fn gen_next(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    match vm.gen_resume(&args[0], None, None)? {
        SendResult::Yielded(v) => Ok(v),
        SendResult::Returned(v) => Err(vm.stop_iteration(if v.is_none() { None } else { Some(v) })),
    }
}
fn gen_send(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let v = args.get(1).cloned().unwrap_or_else(object::none);
    match vm.gen_resume(&args[0], Some(v), None)? {
        SendResult::Yielded(v) => Ok(v),
        SendResult::Returned(v) => Err(vm.stop_iteration(if v.is_none() { None } else { Some(v) })),
    }
}
fn gen_throw(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let Some(t) = args.get(1) else {
        return Err(vm.type_error("throw expected at least 1 argument, got 0"));
    };
    let exc = if t.as_type().is_some() {
        match args.get(2) {
            Some(v) if v.is_instance(t) => v.clone(),
            Some(v) if !v.is_none() => vm.call(t, std::slice::from_ref(&v), None)?,
            _ => vm.call(t, &[], None)?,
        }
    } else {
        t.clone()
    };
    if !exc.is_instance(&builtin_types().base_exception) {
        return Err(vm.type_error("exceptions must be classes or instances deriving from BaseException, not ".to_string() + &exc.type_name()));
    }
    match vm.gen_resume(&args[0], None, Some(crate::vm::PyErr::new(exc)))? {
        SendResult::Yielded(v) => Ok(v),
        SendResult::Returned(v) => Err(vm.stop_iteration(if v.is_none() { None } else { Some(v) })),
    }
}
fn gen_close(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    vm.gen_close(&args[0])?;
    Ok(object::none())
}
fn cell_new(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_cell(args.get(1).cloned()))
}

pub fn init(_vm: &Vm) {
    let t = builtin_types();
    let p = &t.property;
    // property(fget, fset, fdel, doc) builds the whole (immutable) payload in __new__.
    super::def_staticmethod(p, "__new__", property_new);
    def(p, "__init__", property_init);
    def(p, "__delete__", prop_delete);
    def(p, "getter", prop_getter);
    def(p, "setter", prop_setter);
    def(p, "deleter", prop_deleter);
    def(p, "__get__", prop_get);
    def(p, "__set__", prop_set);
    def(p, "__set_name__", prop_set_name);
    super::def_staticmethod(&t.staticmethod, "__new__", staticmethod_new);
    def(&t.staticmethod, "__get__", staticmethod_get);
    def(&t.staticmethod, "__call__", staticmethod_call);
    def(&t.staticmethod, "__init__", wrapper_init);
    super::def_staticmethod(&t.classmethod, "__new__", classmethod_new);
    def(&t.classmethod, "__init__", wrapper_init);
    def(&t.classmethod, "__get__", classmethod_get);
    super::def_staticmethod(&t.super_, "__new__", super_new);
    def(&t.function, "__get__", func_get);
    super::def_staticmethod(&t.cell, "__new__", cell_new);
    for ty in [
        &t.iterator,
        &t.list_iterator,
        &t.list_reverseiterator,
        &t.tuple_iterator,
        &t.str_iterator,
        &t.range_iterator,
        &t.dict_keyiterator,
        &t.dict_valueiterator,
        &t.dict_itemiterator,
        &t.set_iterator,
        &t.callable_iterator,
        &t.enumerate,
        &t.zip,
        &t.map,
        &t.filter,
        &t.reversed,
    ] {
        def(ty, "__iter__", iter_self);
        def(ty, "__next__", iter_next);
        def(ty, "__length_hint__", iter_length_hint);
    }
    super::def_staticmethod(&t.enumerate, "__new__", enumerate_new);
    super::def_staticmethod(&t.zip, "__new__", zip_new);
    super::def_staticmethod(&t.map, "__new__", map_new);
    super::def_staticmethod(&t.filter, "__new__", filter_new);
    super::def_staticmethod(&t.reversed, "__new__", reversed_new);
    let g = &t.generator;
    def(g, "__iter__", iter_self);
    def(g, "__next__", gen_next);
    def(g, "send", gen_send);
    def(g, "throw", gen_throw);
    def(g, "close", gen_close);
}

