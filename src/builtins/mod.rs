//! Builtin functions and the methods of the builtin types, and the `builtins` namespace.
//!
//! Each builtin type's methods live in the file named after the type; they are native
//! functions registered in the type's dict by `init`. Native functions receive their
//! arguments borrowed (see `object::NativeFn`).

pub mod bytes;
pub mod codecs;
pub mod dict;
pub mod exception;
pub mod float;
pub mod functions;
pub mod help;
pub mod int;
pub mod io;
pub mod list;
pub mod mappingproxy;
pub mod native_attrs;
pub mod object_type;
pub mod percent;
pub mod range;
pub mod repr;
pub mod seq;
pub mod set;
pub mod str;
pub mod suggest;
pub mod wrappers;

use crate::object::types::builtin_types;
use crate::object::{self, BuiltinData, NativeFn, ObjRef, Payload, PyResult};
use crate::vm::Vm;

/// Registers `func` as method `name` of `ty`.
pub fn def(ty: &ObjRef, name: &'static str, func: NativeFn) {
    let td = ty.as_type().expect("type");
    let owner = owner_name(ty);
    let f = ObjRef::new(
        &builtin_types().builtin_function,
        Payload::Builtin(Box::new(BuiltinData { name, func, self_: None, owner: Some(owner), doc: "", recursion_checked: false, special: Default::default() })),
    );
    let d = td.dict().as_dict().expect("type dict");
    let key = object::str::intern(name);
    let h = key.as_str_data().unwrap().hash();
    put_type_entry(td, d, h, key, f);
}

/// `ty`'s name for the `__qualname__` of its native methods, leaked once per type: the
/// methods of a type are defined one after another, so the last name made is reused
/// while the type (address and name) is the same.
fn owner_name(ty: &ObjRef) -> &'static str {
    thread_local! {
        static LAST: std::cell::Cell<(usize, &'static str)> = const { std::cell::Cell::new((0, "")) };
    }
    let td = ty.as_type().expect("type");
    let (addr, name) = LAST.with(|l| l.get());
    if addr == ty.addr() && *td.name.borrow() == name {
        return name;
    }
    let name: &'static str = Box::leak(td.name.borrow().clone().into_boxed_str());
    LAST.with(|l| l.set((ty.addr(), name)));
    name
}

/// An unbound native function that records `ty` as its owner (its `__qualname__` is
/// `Type.name`, as for CPython's METH_CLASS/METH_STATIC methods).
fn owned_builtin(ty: &ObjRef, name: &'static str, func: NativeFn) -> ObjRef {
    let owner = owner_name(ty);
    ObjRef::new(
        &builtin_types().builtin_function,
        Payload::Builtin(Box::new(BuiltinData { name, func, self_: None, owner: Some(owner), doc: "", recursion_checked: false, special: Default::default() })),
    )
}

/// Registers `func` as a classmethod `name` of `ty`.
pub fn def_classmethod(ty: &ObjRef, name: &'static str, func: NativeFn) {
    let f = owned_builtin(ty, name, func);
    let cm = ObjRef::new(&builtin_types().classmethod, Payload::ClassMethod(f));
    set_type_attr(ty, name, cm);
}

/// Registers `func` as a staticmethod `name` of `ty`.
pub fn def_staticmethod(ty: &ObjRef, name: &'static str, func: NativeFn) {
    let f = owned_builtin(ty, name, func);
    let sm = ObjRef::new(&builtin_types().staticmethod, Payload::StaticMethod(f));
    set_type_attr(ty, name, sm);
}

/// Sets `key` (a str with hash `h`) in a type's dict `d`, replacing an existing entry,
/// and invalidates the attribute cache for the type (before, since releasing the old
/// value may run code, and after).
fn put_type_entry(td: &crate::object::types::TypeData, d: &std::cell::RefCell<crate::object::dict::DictTable>, h: i64, key: ObjRef, v: ObjRef) {
    crate::object::types::type_modified(td);
    let existing = d.borrow().find_str(key.as_str().unwrap_or(""), h);
    let old = match existing {
        Some(i) => Some(d.borrow_mut().replace_value(i, v)),
        None => {
            d.borrow_mut().insert_new(h, key, v);
            None
        }
    };
    drop(old);
    crate::object::types::type_modified(td);
}

pub fn set_type_attr(ty: &ObjRef, name: &str, v: ObjRef) {
    let td = ty.as_type().expect("type");
    let d = td.dict().as_dict().expect("dict");
    let key = object::str::intern(name);
    let h = key.as_str_data().unwrap().hash();
    put_type_entry(td, d, h, key, v);
}

/// Marks `f` (a native, or a staticmethod of one) as the special native `s`.
pub fn mark_special(f: &ObjRef, s: object::Special) {
    match f.payload() {
        Payload::Builtin(b) => b.special.set(s),
        Payload::StaticMethod(inner) => mark_special(inner, s),
        _ => unreachable!("only natives are special"),
    }
}

/// Marks the native that the type `ty` holds under `name` (defined just before) as the
/// special native `s`.
pub fn mark_special_attr(ty: &ObjRef, name: &'static str, s: object::Special) {
    let f = ty.as_type().and_then(|td| td.lookup(name)).expect("a native defined on the type");
    mark_special(&f, s);
}

/// Whether `f` (a native, or a staticmethod of one, as a type's dict holds it) is the
/// special native `s`.
pub fn is_special(f: &Option<ObjRef>, s: object::Special) -> bool {
    match f.as_ref().map(|f| f.payload()) {
        Some(Payload::Builtin(b)) => b.special.get() == s,
        Some(Payload::StaticMethod(inner)) => matches!(inner.payload(), Payload::Builtin(b) if b.special.get() == s),
        _ => false,
    }
}

/// Puts a native function into a namespace: a module (the function's `__self__` is then
/// the module, as for CPython's module functions) or a plain dict.
/// Returns the function.
pub fn def_in(vm: &Vm, ns: &ObjRef, name: &'static str, func: NativeFn) -> ObjRef {
    let (dict, self_) = match ns.payload() {
        Payload::Module(m) => (m.dict.clone(), Some(ns.clone())),
        _ => (ns.clone(), None),
    };
    let f = object::new_builtin(name, func, self_);
    let _ = vm.setitem(&dict, &object::str::intern(name), f.clone());
    f
}

/// Positional/keyword argument parsing for native functions.
/// Returns one slot per name in `names`; errors use CPython's wording for builtins.
pub fn parse_args(vm: &Vm, fname: &str, args: &[ObjRef], kwnames: Option<&[ObjRef]>, names: &[&str], required: usize) -> PyResult<Vec<Option<ObjRef>>> {
    let nkw = kwnames.map(|k| k.len()).unwrap_or(0);
    let npos = args.len() - nkw;
    if npos > names.len() {
        return Err(vm.type_error(if names.len() == required {
            format!("{}() takes exactly {} argument{} ({} given)", fname, names.len(), if names.len() == 1 { "" } else { "s" }, npos)
        } else {
            format!("{}() takes at most {} argument{} ({} given)", fname, names.len(), if names.len() == 1 { "" } else { "s" }, npos)
        }));
    }
    let mut out: Vec<Option<ObjRef>> = vec![None; names.len()];
    for (i, a) in args[..npos].iter().enumerate() {
        out[i] = Some(a.clone());
    }
    if let Some(kn) = kwnames {
        for (k, v) in kn.iter().zip(args[npos..].iter()) {
            let ks = k.as_str().unwrap_or("");
            match names.iter().position(|n| *n == ks) {
                Some(i) => {
                    if out[i].is_some() {
                        return Err(vm.type_error(format!("argument for {}() given by name ('{}') and position ({})", fname, ks, i + 1)));
                    }
                    out[i] = Some(v.clone());
                }
                None => return Err(vm.type_error(format!("{}() got an unexpected keyword argument '{}'", fname, ks))),
            }
        }
    }
    for (i, slot) in out.iter().enumerate().take(required) {
        if slot.is_none() {
            if nkw == 0 {
                return Err(vm.type_error(if names.len() == required {
                    format!("{}() takes exactly {} argument{} ({} given)", fname, required, if required == 1 { "" } else { "s" }, npos)
                } else {
                    format!("{}() takes at least {} argument{} ({} given)", fname, required, if required == 1 { "" } else { "s" }, npos)
                }));
            }
            return Err(vm.type_error(format!("{}() missing required argument '{}' (pos {})", fname, names[i], i + 1)));
        }
    }
    Ok(out)
}

/// Fails with "f() takes no keyword arguments" if any were passed.
pub fn no_kwargs(vm: &Vm, fname: &str, kwnames: Option<&[ObjRef]>) -> PyResult<()> {
    if kwnames.map(|k| !k.is_empty()).unwrap_or(false) {
        return Err(vm.type_error(format!("{}() takes no keyword arguments", fname)));
    }
    Ok(())
}

/// Checks a positional-only arity range: CPython's "f expected at most N arguments, got M".
pub fn arity(vm: &Vm, fname: &str, args: &[ObjRef], kwnames: Option<&[ObjRef]>, min: usize, max: usize) -> PyResult<()> {
    no_kwargs(vm, fname, kwnames)?;
    let n = args.len();
    if n < min || n > max {
        // CPython's wording by calling convention: METH_NOARGS, METH_O, then
        // _PyArg_CheckPositional for fixed and ranged arities.
        let msg = if min == 0 && max == 0 {
            format!("{}() takes no arguments ({} given)", fname, n)
        } else if min == 1 && max == 1 {
            format!("{}() takes exactly one argument ({} given)", fname, n)
        } else if min == max {
            format!("{} expected {} argument{}, got {}", fname, min, if min == 1 { "" } else { "s" }, n)
        } else if n < min {
            format!("{} expected at least {} argument{}, got {}", fname, min, if min == 1 { "" } else { "s" }, n)
        } else {
            format!("{} expected at most {} argument{}, got {}", fname, max, if max == 1 { "" } else { "s" }, n)
        };
        return Err(vm.type_error(msg));
    }
    Ok(())
}

/// `format(v, spec)` for builtin types (object.__format__ and the numeric/str formats).
pub fn format_builtin(vm: &Vm, v: &ObjRef, spec: &str) -> PyResult {
    let r = match v.payload() {
        Payload::Int(i) if !v.ty().is(&builtin_types().bool_) || !spec.is_empty() => crate::format::format_int(&i.to_big(), spec),
        Payload::Float(f) => crate::format::format_float(*f, spec),
        Payload::Str(s) => crate::format::format_str(&s.s, spec),
        _ => {
            if !spec.is_empty() {
                return Err(vm.type_error(format!("unsupported format string passed to {}.__format__", v.type_name())));
            }
            return vm.str(v);
        }
    };
    match r {
        Ok(s) => Ok(object::new_string(s)),
        Err(msg) => Err(format_error(vm, &msg)),
    }
}

/// The Python exception for an error message from the `format` module.
pub fn format_error(vm: &Vm, msg: &str) -> crate::vm::PyErr {
    match crate::format::error_kind(msg) {
        crate::format::ErrorKind::OverflowError => vm.overflow_error(msg),
        _ => vm.value_error(msg),
    }
}

/// An empty vector with room for `n` items, or CPython's MemoryError when that much
/// cannot be allocated (sizes come from the program, so failing must not abort).
pub fn vec_with_capacity<T>(vm: &Vm, n: usize) -> PyResult<Vec<T>> {
    if !crate::memory::limits::can_allocate(n.saturating_mul(std::mem::size_of::<T>())) {
        return Err(vm.new_error("MemoryError", ""));
    }
    let mut v = Vec::new();
    v.try_reserve_exact(n).map_err(|_| vm.new_error("MemoryError", ""))?;
    Ok(v)
}

/// An empty string with room for `n` bytes, or MemoryError (see `vec_with_capacity`).
pub fn string_with_capacity(vm: &Vm, n: usize) -> PyResult<String> {
    if !crate::memory::limits::can_allocate(n) {
        return Err(vm.new_error("MemoryError", ""));
    }
    let mut s = String::new();
    s.try_reserve_exact(n).map_err(|_| vm.new_error("MemoryError", ""))?;
    Ok(s)
}

pub fn init(vm: &Vm) {
    object_type::init(vm);
    int::init(vm);
    float::init(vm);
    str::init(vm);
    bytes::init(vm);
    list::init(vm);
    io::init(vm);
    mappingproxy::init(vm);
    seq::init(vm);
    dict::init(vm);
    set::init(vm);
    range::init(vm);
    exception::init(vm);
    wrappers::init(vm);
    functions::init(vm);
    help::init(vm);
}
