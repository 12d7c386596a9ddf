//! Weak references: `weakref.ref`, proxies, the per-object weakref lists, clearing at
//! deallocation and in collections, and the `weakref` module (its container classes are
//! Python code compiled from `weakref.py` beside this file).
//!
//! Invariants:
//! - `LISTS[addr]` lists the live weakref objects (uncounted pointers) to the object at
//!   `addr`, in CPython's order (the plain ref first, then the proxy, then refs with
//!   callbacks newest first). Neither the list nor a weakref counts a reference.
//! - A referent with a list has `HAS_WEAKREFS` set in its GC head; its deallocation
//!   clears every weakref (referent set to null) before freeing and then calls callbacks.
//! - A weakref object removes itself from its referent's list when freed.

use std::cell::RefCell;
use std::collections::HashMap;

use super::{module_dict, new_module};
use crate::builtins::{def, def_in};
use crate::memory::PyObject;
use crate::object::types::{builtin_types, new_static_type, Layout};
use crate::object::{self, ObjRef, Payload, PyResult, WeakRefData};
use crate::vm::Vm;

pub const HAS_WEAKREFS: usize = 16;

thread_local! {
    static LISTS: RefCell<HashMap<usize, Vec<*const PyObject>>> = RefCell::new(HashMap::new());
    static TYPES: RefCell<Option<(ObjRef, ObjRef, ObjRef)>> = const { RefCell::new(None) };
}

fn types(_vm: &Vm) -> (ObjRef, ObjRef, ObjRef) {
    TYPES.with(|t| {
        if let Some(x) = t.borrow().clone() {
            return x;
        }
        let o = &builtin_types().object;
        let r = new_static_type("ReferenceType", Layout::Other, o);
        let p = new_static_type("ProxyType", Layout::Other, o);
        let cp = new_static_type("CallableProxyType", Layout::Other, o);
        for ty in [&r, &p, &cp] {
            crate::builtins::set_type_attr(ty, "__module__", object::new_str("weakref"));
        }
        *r.as_type().unwrap().qualname.borrow_mut() = "ReferenceType".into();
        let x = (r, p, cp);
        *t.borrow_mut() = Some(x.clone());
        x
    })
}

/// The live referent of a weakref, as a new reference.
pub fn referent(w: &WeakRefData) -> Option<ObjRef> {
    let a = w.referent.get();
    if a.is_null() {
        return None;
    }
    Some(ObjRef::from_borrowed(crate::memory::deref_weak_referent(a)))
}

pub fn has_weakrefs(o: &PyObject) -> bool {
    o.gc_head().map(|h| h.flags.get() & HAS_WEAKREFS != 0).unwrap_or(false)
}

fn weakrefable(o: &PyObject) -> bool {
    match o.payload() {
        Payload::Function(_) | Payload::Type(_) | Payload::Set(_) | Payload::Generator(_) | Payload::Module(_) => true,
        Payload::Object(_) | Payload::Exception(_) => true,
        _ => {
            let td = o.type_data();
            td.heap && o.gc_head().is_some() && td.slots.borrow().is_none()
        }
    }
}

/// Removes a dying weakref object from its referent's list.
pub fn unlink_weakref(wr: *const PyObject, w: &WeakRefData) {
    let r = w.referent.get();
    if r.is_null() {
        return;
    }
    LISTS.with(|l| {
        let mut l = l.borrow_mut();
        if let Some(v) = l.get_mut(&(r as usize)) {
            v.retain(|a| *a != wr);
        }
    });
}

fn as_weak(o: &PyObject) -> Option<&WeakRefData> {
    match o.payload() {
        Payload::WeakRef(w) => Some(w),
        _ => None,
    }
}

/// Takes the weakref list of `o` (the object is dying or garbage), clearing every ref.
fn take_refs(o: &PyObject) -> Vec<ObjRef> {
    let addrs = LISTS.with(|l| l.borrow_mut().remove(&o.addr())).unwrap_or_default();
    if let Some(h) = o.gc_head() {
        h.flags.set(h.flags.get() & !HAS_WEAKREFS);
    }
    let mut out = Vec::new();
    for a in addrs {
        let wr = ObjRef::from_borrowed(crate::memory::deref_weak_referent(a));
        if let Some(w) = as_weak(&wr) {
            w.referent.set(std::ptr::null());
        }
        out.push(wr);
    }
    out
}

fn call_callback(vm: &Vm, wr: &ObjRef) {
    let cb = as_weak(wr).and_then(|w| w.callback.borrow_mut().take());
    if let Some(cb) = cb {
        if let Err(e) = vm.call(&cb, std::slice::from_ref(&wr), None) {
            let what = vm.repr_string(&cb).unwrap_or_default();
            vm.write_unraisable(&e, &what);
        }
    }
}

/// At deallocation: clears the weakrefs to `o` and calls their callbacks
/// (CPython's `PyObject_ClearWeakRefs`).
pub fn clear_weakrefs(vm: &Vm, o: &PyObject) {
    let refs = take_refs(o);
    for wr in refs.iter() {
        call_callback(vm, wr);
    }
}

/// In a collection: clears the weakrefs to every unreachable object, then calls the
/// callbacks of the weakrefs that are not garbage themselves. Returns how many of those
/// weakref objects were freed after their callback (CPython's `handle_weakrefs`).
pub fn handle_weakrefs(vm: &Vm, unreachable: &[&PyObject]) -> i64 {
    let garbage: std::collections::HashSet<usize> = unreachable.iter().map(|o| o.addr()).collect();
    let mut to_call = Vec::new();
    for o in unreachable {
        if !has_weakrefs(o) {
            continue;
        }
        for wr in take_refs(o) {
            if garbage.contains(&wr.addr()) {
                continue;
            }
            let has_cb = as_weak(&wr).map(|w| w.callback.borrow().is_some()).unwrap_or(false);
            if has_cb {
                to_call.push(wr);
            }
        }
    }
    let mut freed = 0;
    for wr in to_call {
        call_callback(vm, &wr);
        if wr.refcnt() == 1 {
            freed += 1;
        }
        drop(wr);
    }
    freed
}

/// Creates (or reuses) a weak reference to `obj`.
fn new_ref(vm: &Vm, ty: &ObjRef, obj: &ObjRef, callback: Option<ObjRef>, proxy: bool) -> PyResult {
    if !weakrefable(obj) {
        return Err(vm.type_error(format!("cannot create weak reference to '{}' object", obj.type_name())));
    }
    let callback = callback.filter(|c| !c.is_none());
    let list: Vec<*const PyObject> = LISTS.with(|l| l.borrow().get(&obj.addr()).cloned().unwrap_or_default());
    let basic = |want_proxy: bool| -> Option<ObjRef> {
        list.iter().map(|a| ObjRef::from_borrowed(crate::memory::deref_weak_referent(*a))).find(|r| {
            as_weak(r).map(|w| w.callback.borrow().is_none() && w.proxy == want_proxy).unwrap_or(false) && r.ty().is(ty)
        })
    };
    if callback.is_none() {
        if let Some(r) = basic(proxy) {
            return Ok(r);
        }
    }
    let wr = ObjRef::new(
        ty,
        Payload::WeakRef(Box::new(WeakRefData { referent: std::cell::Cell::new(&**obj as *const PyObject), callback: RefCell::new(callback.clone()), hash: std::cell::Cell::new(-1), proxy })),
    );
    LISTS.with(|l| {
        let mut l = l.borrow_mut();
        let v = l.entry(obj.addr()).or_default();
        if callback.is_none() {
            // Plain refs first, then proxies.
            let pos = if proxy { v.iter().take_while(|a| is_plain(**a, false)).count() } else { 0 };
            v.insert(pos, &*wr as *const PyObject);
        } else {
            let pos = v.iter().take_while(|a| is_plain(**a, true)).count();
            v.insert(pos, &*wr as *const PyObject);
        }
    });
    if let Some(h) = obj.gc_head() {
        h.flags.set(h.flags.get() | HAS_WEAKREFS);
    }
    Ok(wr)
}

/// True for a plain ref (or, with `or_proxy`, a plain proxy) `a`.
fn is_plain(a: *const PyObject, or_proxy: bool) -> bool {
    let o = crate::memory::deref_weak_referent(a);
    as_weak(o).map(|w| w.callback.borrow().is_none() && (!w.proxy || or_proxy)).unwrap_or(false)
}

fn ref_new(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    crate::builtins::no_kwargs(vm, "ref", kw)?;
    if args.len() < 2 || args.len() > 3 {
        return Err(vm.type_error(format!("__new__ expected at most 2 arguments, got {}", args.len() - 1)));
    }
    new_ref(vm, &args[0], &args[1], args.get(2).cloned(), false)
}
fn ref_call(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    crate::builtins::arity(vm, "weakref", &args[1..], kw, 0, 0)?;
    Ok(as_weak(&args[0]).and_then(referent).unwrap_or_else(object::none))
}
fn ref_eq(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let (Some(a), Some(b)) = (as_weak(&args[0]), as_weak(&args[1])) else { return Ok(object::not_implemented()) };
    match (referent(a), referent(b)) {
        (Some(x), Some(y)) => vm.rich_compare(&x, &y, crate::vm::compare::CmpOp::Eq),
        _ => Ok(object::new_bool(args[0].is(&args[1]))),
    }
}
fn ref_ne(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let r = ref_eq(vm, args, kw)?;
    if matches!(r.payload(), Payload::NotImplemented) {
        return Ok(r);
    }
    Ok(object::new_bool(!vm.truthy(&r)?))
}
fn ref_hash(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let w = as_weak(&args[0]).expect("weakref");
    if w.hash.get() != -1 {
        return Ok(object::new_int(w.hash.get()));
    }
    match referent(w) {
        Some(o) => {
            let h = vm.hash(&o)?;
            w.hash.set(h);
            Ok(object::new_int(h))
        }
        None => Err(vm.type_error("weak object has gone away")),
    }
}
fn ref_repr(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let w = as_weak(&args[0]).expect("weakref");
    let kind = if w.proxy { "weakproxy" } else { "weakref" };
    Ok(object::new_string(match referent(w) {
        Some(o) => format!("<{} at {:#x}; to '{}' at {:#x}>", kind, args[0].addr(), o.type_name(), o.addr()),
        None => format!("<{} at {:#x}; dead>", kind, args[0].addr()),
    }))
}

/// The referent of a proxy, or ReferenceError.
pub fn proxy_target(vm: &Vm, p: &PyObject) -> PyResult<Option<ObjRef>> {
    match p.payload() {
        Payload::WeakRef(w) if w.proxy => match referent(w) {
            Some(o) => Ok(Some(o)),
            None => Err(vm.new_error("ReferenceError", "weakly-referenced object no longer exists")),
        },
        _ => Ok(None),
    }
}

fn proxy(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    crate::builtins::arity(vm, "proxy", args, kw, 1, 2)?;
    let (_, p, cp) = types(vm);
    let callable = matches!(args[0].payload(), Payload::Function(_) | Payload::BoundMethod { .. } | Payload::Type(_)) || args[0].type_data().lookup("__call__").is_some();
    new_ref(vm, if callable { &cp } else { &p }, &args[0], args.get(1).cloned(), true)
}
fn proxy_call(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let target = proxy_target(vm, &args[0])?.expect("proxy");
    vm.call(&target, &args[1..], kw)
}
fn proxy_str(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let target = proxy_target(vm, &args[0])?.expect("proxy");
    vm.str(&target)
}
fn getweakrefcount(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    crate::builtins::arity(vm, "getweakrefcount", args, kw, 1, 1)?;
    let n = LISTS.with(|l| l.borrow().get(&args[0].addr()).map(|v| v.len()).unwrap_or(0));
    Ok(object::new_int(n as i64))
}
fn getweakrefs(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    crate::builtins::arity(vm, "getweakrefs", args, kw, 1, 1)?;
    let list: Vec<*const PyObject> = LISTS.with(|l| l.borrow().get(&args[0].addr()).cloned().unwrap_or_default());
    Ok(object::new_list(list.iter().map(|a| ObjRef::from_borrowed(crate::memory::deref_weak_referent(*a))).collect()))
}

const SOURCE: &str = include_str!("weakref.py");

/// Creates the weakref types (permanent interpreter objects) with their methods.
pub fn init(vm: &Vm) {
    let (r, p, cp) = types(vm);
    if r.as_type().unwrap().lookup_own("__call__").is_none() {
        crate::builtins::def_staticmethod(&r, "__new__", ref_new);
        def(&r, "__call__", ref_call);
        def(&r, "__eq__", ref_eq);
        def(&r, "__ne__", ref_ne);
        def(&r, "__hash__", ref_hash);
        def(&r, "__repr__", ref_repr);
        for ty in [&p, &cp] {
            def(ty, "__repr__", ref_repr);
            def(ty, "__str__", proxy_str);
            crate::builtins::set_type_attr(ty, "__hash__", object::none());
        }
        def(&cp, "__call__", proxy_call);
    }
}

pub fn make(vm: &Vm) -> PyResult {
    let (r, p, cp) = types(vm);
    let m = new_module(vm, "weakref");
    let d = module_dict(&m).clone();
    let set = |k: &str, v: ObjRef| vm.dict_set(&d, object::str::intern(k), v);
    set("ref", r.clone())?;
    set("ReferenceType", r)?;
    set("ProxyType", p)?;
    set("CallableProxyType", cp)?;
    def_in(vm, &m, "proxy", proxy);
    def_in(vm, &m, "getweakrefcount", getweakrefcount);
    def_in(vm, &m, "getweakrefs", getweakrefs);
    set("__builtins__", vm.builtins.clone())?;
    let code = crate::run::compile_source(vm, SOURCE, "<frozen weakref>", crate::compiler::Mode::Exec)?;
    let frame = vm.make_namespace_frame(code, d.clone(), Some(d.clone()));
    vm.run_frame(frame)?;
    Ok(m)
}
