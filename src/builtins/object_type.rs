//! `object` and `type`: instance creation, the default dunders, class creation
//! (`type.__new__`) and `__build_class__`.

use std::cell::RefCell;

use super::{def, dict::dict_get_str, is_special};
use crate::object::types::{builtin_types, compute_mro, Layout, TypeData};
use crate::object::{self, ObjRef, Payload, PyResult, Special};
use crate::vm::Vm;

/// Whether `new` and `init`, as found on a class, are `object.__new__` and
/// `object.__init__` (for the class-call fast path).
pub fn is_object_new(new: &Option<ObjRef>) -> bool {
    is_special(new, Special::ObjectNew)
}
pub fn is_object_init(init: &Option<ObjRef>) -> bool {
    is_special(init, Special::ObjectInit)
}

/// `object.__new__(cls)` once its argument checks have passed: a new instance of a
/// class whose instances are plain objects or exceptions.
pub fn new_instance(vm: &Vm, cls: &ObjRef, td: &TypeData) -> PyResult {
    let payload = match td.layout {
        Layout::Object => {
            let n = td.nslots.get();
            let mut v = Vec::with_capacity(object::values::initial_capacity(td));
            v.resize(n, None);
            Payload::Object(RefCell::new(v))
        }
        Layout::Exception => {
            return super::exception::exc_new_for(vm, cls, &[]);
        }
        _ => {
            return Err(vm.type_error(format!("object.__new__({}) is not safe, use {}.__new__()", td.name.borrow(), td.name.borrow())));
        }
    };
    Ok(ObjRef::new(cls, payload))
}

fn obj_new(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let Some(cls) = args.first() else {
        return Err(vm.type_error("object.__new__(): not enough arguments"));
    };
    let Some(td) = cls.as_type() else {
        return Err(vm.type_error(format!("object.__new__(X): X is not a type object ({})", cls.type_name())));
    };
    let excess = args.len() > 1 || kw.map(|k| !k.is_empty()).unwrap_or(false);
    if excess && (is_object_init(&td.lookup("__init__")) || !is_object_new(&td.lookup("__new__"))) {
        return Err(vm.type_error(format!("{}() takes no arguments", td.name.borrow())));
    }
    new_instance(vm, cls, td)
}

fn obj_init(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let excess = args.len() > 1 || kw.map(|k| !k.is_empty()).unwrap_or(false);
    if excess {
        let td = args[0].type_data();
        if !is_object_init(&td.lookup("__init__")) {
            return Err(vm.type_error("object.__init__() takes exactly one argument (the instance to initialize)"));
        }
        if is_object_new(&td.lookup("__new__")) {
            return Err(vm.type_error(format!("{}() takes no arguments", td.name.borrow())));
        }
    }
    Ok(object::none())
}

fn obj_repr(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let o = &args[0];
    let td = o.type_data();
    let module = if td.heap { td.lookup_own("__module__").and_then(|m| m.as_str().map(String::from)) } else { None };
    let _ = vm;
    Ok(object::new_string(match module {
        Some(m) if m != "builtins" => format!("<{}.{} object at {:#x}>", m, td.qualname.borrow(), o.addr()),
        _ => format!("<{} object at {:#x}>", td.qualname.borrow(), o.addr()),
    }))
}
fn obj_repr_builtin(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(super::repr::builtin_repr(vm, &args[0])?.unwrap_or_else(|| object::new_str("?")))
}
fn obj_str(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    vm.repr(&args[0])
}
fn obj_eq(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(if args[0].is(&args[1]) { object::new_bool(true) } else { object::not_implemented() })
}
fn obj_ne(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let r = vm.rich_compare(&args[0], &args[1], crate::vm::compare::CmpOp::Eq)?;
    Ok(object::new_bool(!vm.truthy(&r)?))
}
fn obj_cmp_ni(_vm: &Vm, _args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::not_implemented())
}
fn obj_hash(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let _ = vm;
    Ok(object::new_int(crate::vm::protocols::pointer_hash(args[0].addr())))
}
fn obj_format(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let spec = args.get(1).and_then(|s| s.as_str()).unwrap_or("");
    if !spec.is_empty() {
        return Err(vm.type_error(format!("unsupported format string passed to {}.__format__", args[0].type_name())));
    }
    vm.str(&args[0])
}
fn obj_getattribute(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    vm.generic_getattr(&args[0], &args[1])
}
fn obj_setattr(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    vm.generic_setattr(&args[0], &args[1], Some(args[2].clone()))?;
    Ok(object::none())
}
fn obj_delattr(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    vm.generic_setattr(&args[0], &args[1], None)?;
    Ok(object::none())
}
fn obj_init_subclass(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    if kw.map(|k| !k.is_empty()).unwrap_or(false) || args.len() > 1 {
        let name = args.first().and_then(|c| c.as_type().map(|t| t.name.borrow().clone())).unwrap_or_default();
        return Err(vm.type_error(format!("{}.__init_subclass__() takes no keyword arguments", name)));
    }
    Ok(object::none())
}
fn obj_dir(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let names = super::functions::dir_names(vm, &args[0])?;
    Ok(object::new_list(names.iter().map(|n| object::new_str(n)).collect()))
}
fn obj_sizeof(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let _ = args;
    Ok(object::new_int(std::mem::size_of::<crate::memory::PyObject>() as i64))
}
fn obj_subclasshook(_vm: &Vm, _args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::not_implemented())
}

/// `type(name, bases, dict)` and metaclass `__new__`.
fn type_new(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let nkw = kw.map(|k| k.len()).unwrap_or(0);
    let pos = &args[1..args.len() - nkw];
    let meta = &args[0];
    if pos.len() == 1 && meta.is(&builtin_types().type_) {
        return Ok(ObjRef::from_borrowed(pos[0].ty()));
    }
    if pos.len() != 3 {
        return Err(vm.type_error("type() takes 1 or 3 arguments"));
    }
    let name = pos[0].as_str().ok_or_else(|| vm.type_error(format!("type.__new__() argument 1 must be str, not {}", pos[0].type_name())))?;
    let bases_t = pos[1].as_tuple().ok_or_else(|| vm.type_error(format!("type.__new__() argument 2 must be tuple, not {}", pos[1].type_name())))?;
    let ns = &pos[2];
    if ns.as_dict().is_none() {
        return Err(vm.type_error(format!("type.__new__() argument 3 must be dict, not {}", ns.type_name())));
    }
    new_class(vm, meta, name, bases_t, ns, kw.map(|k| (k, &args[args.len() - nkw..])))
}

/// Creates a heap type (CPython's `type_new`).
pub fn new_class(vm: &Vm, meta: &ObjRef, name: &str, bases_t: &[ObjRef], ns: &ObjRef, kw: Option<(&[ObjRef], &[ObjRef])>) -> PyResult {
    let t = builtin_types();
    let bases: Vec<ObjRef> = if bases_t.is_empty() { vec![t.object.clone()] } else { bases_t.to_vec() };
    let mut layout = Layout::Object;
    for b in &bases {
        let Some(btd) = b.as_type() else {
            return Err(vm.type_error("bases must be types"));
        };
        let subclassable_other = b.is(&t.property) || b.is(&t.staticmethod) || b.is(&t.classmethod);
        if !btd.basetype || b.is(&t.bool_) || (!btd.heap && btd.layout == Layout::Other && !subclassable_other) {
            return Err(vm.type_error(format!("type '{}' is not an acceptable base type", btd.name.borrow())));
        }
        if btd.layout != Layout::Object {
            if layout != Layout::Object && layout != btd.layout {
                return Err(vm.type_error("multiple bases have instance lay-out conflict"));
            }
            layout = btd.layout;
        }
    }
    for (i, b) in bases.iter().enumerate() {
        if bases[..i].iter().any(|o| o.is(b)) {
            return Err(vm.type_error(format!("duplicate base class {}", b.as_type().unwrap().name.borrow())));
        }
    }
    // The most derived metaclass.
    let mut winner = meta.clone();
    for b in &bases {
        let bt = ObjRef::from_borrowed(b.ty());
        if winner.is_subtype(&bt) {
            continue;
        }
        if bt.is_subtype(&winner) {
            winner = bt;
            continue;
        }
        return Err(vm.type_error("metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases"));
    }
    let mut td = TypeData::new(name, layout, true);
    if let Some(q) = dict_get_str(vm, ns, "__qualname__")? {
        match q.as_str() {
            Some(qs) => td.qualname = RefCell::new(qs.to_string()),
            None => return Err(vm.type_error(format!("type __qualname__ must be a str, not {}", q.type_name()))),
        }
    }
    *td.bases.borrow_mut() = bases.clone();
    // Slot values of the bases come first in an instance's slot array.
    let base_slots = bases.iter().map(|b| b.as_type().map(|t| t.nslots.get()).unwrap_or(0)).max().unwrap_or(0);
    td.nslots.set(base_slots);
    let mut own_slots: Vec<String> = Vec::new();
    // __slots__
    if let Some(slots) = dict_get_str(vm, ns, "__slots__")? {
        let names: Vec<String> = if let Some(s) = slots.as_str() {
            vec![s.to_string()]
        } else {
            vm.collect(&slots)?.iter().map(|x| x.as_str().unwrap_or("").to_string()).collect()
        };
        for n in &names {
            if n != "__dict__" && dict_get_str(vm, ns, n)?.is_some() {
                return Err(vm.value_error(format!("'{}' in __slots__ conflicts with class variable", n)));
            }
        }
        own_slots = names.iter().filter(|n| *n != "__dict__" && *n != "__weakref__").cloned().collect();
        td.nslots.set(base_slots + own_slots.len());
        if !names.iter().any(|n| n == "__dict__") {
            *td.slots.borrow_mut() = Some(names);
        }
    }
    let cls = ObjRef::new(&winner, Payload::Type(Box::new(td)));
    crate::object::types::register_subclass(&cls);
    let d = super::dict::dict_copy(vm, ns)?;
    for (i, n) in own_slots.iter().enumerate() {
        let m = ObjRef::new(
            &t.member_descriptor,
            Payload::Member(Box::new(object::MemberData { name: n.clone(), index: base_slots + i, owner: cls.clone() })),
        );
        vm.dict_set(&d, object::str::intern(n), m)?;
    }
    let _ = vm.dict_del(&d, &object::str::intern("__qualname__"))?;
    let classcell = vm.dict_del(&d, &object::str::intern("__classcell__"))?;
    for (wrap, kind) in [("__new__", 0), ("__init_subclass__", 1), ("__class_getitem__", 1)] {
        if let Some(f) = dict_get_str(vm, &d, wrap)? {
            if let Payload::Function(_) = f.payload() {
                let w = if kind == 0 {
                    ObjRef::new(&t.staticmethod, Payload::StaticMethod(f))
                } else {
                    ObjRef::new(&t.classmethod, Payload::ClassMethod(f))
                };
                vm.dict_set(&d, object::str::intern(wrap), w)?;
            }
        }
    }
    if dict_get_str(vm, &d, "__eq__")?.is_some() && dict_get_str(vm, &d, "__hash__")?.is_none() {
        vm.dict_set(&d, object::str::intern("__hash__"), object::none())?;
    }
    if dict_get_str(vm, &d, "__doc__")?.is_none() {
        vm.dict_set(&d, object::str::intern("__doc__"), object::none())?;
    }
    let ctd = cls.as_type().unwrap();
    ctd.set_dict(d.clone());
    let mro = compute_mro(&cls, &bases).map_err(|m| vm.type_error(m))?;
    *ctd.mro.borrow_mut() = mro;
    ctd.inline_values.set(ctd.layout == Layout::Object && vm.type_has_dict(&cls));
    crate::object::types::type_modified(ctd);
    if let Some(cell) = classcell {
        if let Payload::Cell(c) = cell.payload() {
            *c.borrow_mut() = Some(cls.clone());
        }
    }
    // __set_name__ on the namespace's descriptors.
    for (k, v) in super::dict::dict_items(&d) {
        if let Some(sn) = v.type_data().lookup("__set_name__") {
            if let Err(e) = vm.call(&sn, &[v.clone(), cls.clone(), k.clone()], None) {
                // Wrapped with the original as cause (CPython 3.11's type_new_set_names).
                let err = vm.runtime_error(format!(
                    "Error calling __set_name__ on '{}' instance {} in '{}'",
                    v.type_name(),
                    vm.repr_string(&k)?,
                    name
                ));
                if let Some(d) = err.exc.as_exc() {
                    *d.cause.borrow_mut() = Some(e.exc.clone());
                    *d.context.borrow_mut() = Some(e.exc.clone());
                    d.suppress_context.set(true);
                }
                return Err(err);
            }
        }
    }
    // super().__init_subclass__(**kwargs)
    let parent_init = ctd.mro.borrow()[1..].iter().find_map(|t| t.as_type().and_then(|x| x.lookup_own("__init_subclass__")));
    if let Some(isc) = parent_init {
        let f = match isc.payload() {
            Payload::ClassMethod(f) => f.clone(),
            _ => isc.clone(),
        };
        let (names, vals): (Vec<ObjRef>, Vec<ObjRef>) = match kw {
            Some((n, v)) => (n.to_vec(), v.to_vec()),
            None => (vec![], vec![]),
        };
        let mut a = vec![cls.clone()];
        a.extend(vals);
        vm.call(&f, &a, if names.is_empty() { None } else { Some(&names) })?;
    }
    Ok(cls)
}

fn type_init(_vm: &Vm, _args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::none())
}
fn type_call(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    vm.type_call_default(&args[0], &args[1..], kw)
}
fn type_mro(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_list(args[0].as_type().map(|t| t.mro.borrow().clone()).unwrap_or_default()))
}
fn type_repr(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(super::repr::builtin_repr(vm, &args[0])?.unwrap_or_else(|| object::new_str("<class>")))
}
fn type_instancecheck(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_bool(args[1].is_instance(&args[0])))
}
fn type_subclasscheck(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_bool(args[1].is_subtype(&args[0])))
}
fn type_subclasses(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let Some(td) = args.first().and_then(|t| t.as_type()) else {
        return Err(vm.type_error("descriptor '__subclasses__' requires a 'type' object"));
    };
    Ok(object::new_list(crate::object::types::subclasses(td)))
}
fn type_prepare(_vm: &Vm, _args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_dict())
}

/// `__build_class__(func, name, *bases, metaclass=None, **kwds)`.
fn build_class(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let nkw = kw.map(|k| k.len()).unwrap_or(0);
    if args.len() - nkw < 2 {
        return Err(vm.type_error("__build_class__: not enough arguments"));
    }
    let func = &args[0];
    let name = args[1].as_str().ok_or_else(|| vm.type_error("__build_class__: name is not a string"))?.to_string();
    let orig_bases: Vec<ObjRef> = args[2..args.len() - nkw].to_vec();
    // PEP 560: a base that is not a class may name the classes to use instead.
    let mut bases: Vec<ObjRef> = Vec::with_capacity(orig_bases.len());
    let mut replaced = false;
    for b in &orig_bases {
        if b.as_type().is_none() {
            if let Some(f) = vm.getattr_opt(b, "__mro_entries__")? {
                let entries = vm.call(&f, &[object::new_tuple(orig_bases.clone())], None)?;
                let Some(t) = entries.as_tuple() else {
                    return Err(vm.type_error("__mro_entries__ must return a tuple"));
                };
                bases.extend(t.iter().cloned());
                replaced = true;
                continue;
            }
        }
        bases.push(b.clone());
    }
    let mut meta: Option<ObjRef> = None;
    let mut kwnames: Vec<ObjRef> = Vec::new();
    let mut kwvals: Vec<ObjRef> = Vec::new();
    if let Some(names) = kw {
        for (k, v) in names.iter().zip(args[args.len() - nkw..].iter()) {
            if k.as_str() == Some("metaclass") {
                meta = Some(v.clone());
            } else {
                kwnames.push(k.clone());
                kwvals.push(v.clone());
            }
        }
    }
    let is_class = meta.as_ref().map(|m| m.as_type().is_some()).unwrap_or(true);
    let mut meta = meta.unwrap_or_else(|| match bases.first() {
        Some(b) => ObjRef::from_borrowed(b.ty()),
        None => builtin_types().type_.clone(),
    });
    if is_class {
        for b in &bases {
            let bt = ObjRef::from_borrowed(b.ty());
            if meta.is_subtype(&bt) {
                continue;
            }
            if bt.is_subtype(&meta) {
                meta = bt;
                continue;
            }
            return Err(vm.type_error("metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases"));
        }
    }
    let bases_t = object::new_tuple(bases.clone());
    let kwn = if kwnames.is_empty() { None } else { Some(&kwnames[..]) };
    let ns = match vm.getattr_opt(&meta, "__prepare__")? {
        Some(p) => {
            let mut a = vec![object::new_str(&name), bases_t.clone()];
            a.extend(kwvals.iter().cloned());
            vm.call(&p, &a, kwn)?
        }
        None => object::new_dict(),
    };
    let Payload::Function(fd) = func.payload() else {
        return Err(vm.type_error("__build_class__: func must be a function"));
    };
    if replaced {
        vm.setitem(&ns, &object::str::intern("__orig_bases__"), object::new_tuple(orig_bases))?;
    }
    let frame = vm.make_class_body_frame(&func, fd, ns.clone());
    let cell = vm.run_frame(frame)?;
    let mut a = vec![object::new_str(&name), bases_t, ns];
    a.extend(kwvals);
    let cls = vm.call(&meta, &a, kwn)?;
    if let Payload::Cell(c) = cell.payload() {
        if c.borrow().is_none() {
            *c.borrow_mut() = Some(cls.clone());
        }
    }
    Ok(cls)
}

fn singleton_new(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let t = builtin_types();
    let cls = &args[0];
    let name = cls.as_type().map(|x| x.name.borrow().clone()).unwrap_or_default();
    if args.len() > 1 || kw.map(|k| !k.is_empty()).unwrap_or(false) {
        return Err(vm.type_error(format!("{} takes no arguments", name)));
    }
    Ok(if cls.is(&t.none_type) {
        object::none()
    } else if cls.is(&t.not_implemented_type) {
        object::not_implemented()
    } else {
        object::ellipsis()
    })
}
fn none_bool(_vm: &Vm, _args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_bool(false))
}

pub fn init(vm: &Vm) {
    let t = builtin_types();
    for ty in [&t.none_type, &t.not_implemented_type, &t.ellipsis_type] {
        super::def_staticmethod(ty, "__new__", singleton_new);
        def(ty, "__repr__", obj_repr_builtin);
    }
    def(&t.none_type, "__bool__", none_bool);
    let o = &t.object;
    super::def_staticmethod(o, "__new__", obj_new);
    def(o, "__init__", obj_init);
    super::mark_special_attr(o, "__new__", Special::ObjectNew);
    super::mark_special_attr(o, "__init__", Special::ObjectInit);
    def(o, "__repr__", obj_repr);
    def(o, "__str__", obj_str);
    def(o, "__eq__", obj_eq);
    def(o, "__ne__", obj_ne);
    for n in ["__lt__", "__le__", "__gt__", "__ge__"] {
        def(o, n, obj_cmp_ni);
    }
    def(o, "__hash__", obj_hash);
    def(o, "__format__", obj_format);
    def(o, "__getattribute__", obj_getattribute);
    def(o, "__setattr__", obj_setattr);
    def(o, "__delattr__", obj_delattr);
    def(o, "__dir__", obj_dir);
    def(o, "__sizeof__", obj_sizeof);
    super::def_classmethod(o, "__init_subclass__", obj_init_subclass);
    super::def_classmethod(o, "__subclasshook__", obj_subclasshook);
    let ty = &t.type_;
    super::def_staticmethod(ty, "__new__", type_new);
    def(ty, "__init__", type_init);
    def(ty, "__call__", type_call);
    def(ty, "mro", type_mro);
    def(ty, "__repr__", type_repr);
    def(ty, "__instancecheck__", type_instancecheck);
    def(ty, "__subclasscheck__", type_subclasscheck);
    def(ty, "__subclasses__", type_subclasses);
    super::def_classmethod(ty, "__prepare__", type_prepare);
    super::def_in(vm, &vm.builtins, "__build_class__", build_class);
}
