//! Attribute access: `getattr`, `setattr`, `delattr` and `LOAD_METHOD`'s lookup, following
//! CPython's `PyObject_GenericGetAttr` (data descriptors, then the instance dict, then
//! non-data descriptors and class attributes), `type_getattro` and `module_getattro`.

use super::{PyErr, Vm};
use crate::object::types::builtin_types;
use crate::object::{self, ObjRef, Payload, PyObject, PyResult};

impl Vm {
    /// `getattr(obj, name)`; `name` is a str object.
    pub fn getattr(&self, obj: &ObjRef, name: &ObjRef) -> PyResult {
        if let Payload::WeakRef(w) = obj.payload() {
            if w.proxy {
                let target = crate::modules::weakref::proxy_target(self, obj)?.expect("proxy");
                return self.getattr(&target, name);
            }
        }
        let td = obj.type_data();
        if let Some(ga) = td.custom_getattribute() {
            let r = self.call_lent(&ga, [&obj, &name]);
            return self.getattr_fallback(obj, name, r);
        }
        let r = self.generic_getattr(obj, name);
        if td.heap {
            return self.getattr_fallback(obj, name, r);
        }
        r
    }

    fn getattr_fallback(&self, obj: &ObjRef, name: &ObjRef, r: PyResult) -> PyResult {
        match r {
            Err(e) if e.is(&self.exc_type("AttributeError")) => match obj.type_data().lookup("__getattr__") {
                Some(g) => self.call_lent(&g, [&obj, &name]),
                None => Err(e),
            },
            other => other,
        }
    }

    pub fn getattr_str(&self, obj: &ObjRef, name: &str) -> PyResult {
        self.getattr(obj, &object::str::intern(name))
    }

    /// `getattr(obj, name, None)` that only swallows AttributeError.
    pub fn getattr_opt(&self, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
        match self.getattr_str(obj, name) {
            Ok(v) => Ok(Some(v)),
            Err(e) if e.is(&self.exc_type("AttributeError")) => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub fn no_attribute(&self, obj: &PyObject, name: &str) -> PyErr {
        let e = self.attribute_error(format!("'{}' object has no attribute '{}'", obj.type_name(), name));
        if let Some(d) = e.exc.as_exc() {
            *d.attr_ctx.borrow_mut() = Some((ObjRef::from_borrowed(obj), name.to_string()));
        }
        e
    }

    /// `object.__getattribute__`.
    pub fn generic_getattr(&self, obj: &ObjRef, name: &ObjRef) -> PyResult {
        let n = name.as_str().ok_or_else(|| self.type_error(format!("attribute name must be string, not '{}'", name.type_name())))?;
        match obj.payload() {
            Payload::Type(_) => return self.type_getattr(obj, name, n),
            Payload::Module(m) => {
                if let Some(v) = crate::builtins::dict::dict_get_name(&m.dict, name) {
                    return Ok(v);
                }
                if n == "__dict__" {
                    return Ok(m.dict.clone());
                }
                if let Some(g) = crate::builtins::dict::dict_get_str(self, &m.dict, "__getattr__")? {
                    return self.call(&g, std::slice::from_ref(&name), None);
                }
                return Err(self.attribute_error(format!("module '{}' has no attribute '{}'", m.name, n)));
            }
            Payload::Super { .. } => return crate::builtins::wrappers::super_getattr(self, obj, n),
            _ => {}
        }
        if let Some(r) = crate::builtins::native_attrs::get(self, obj, n) {
            return r;
        }
        let td = obj.type_data();
        let descr = td.lookup_hashed(n, name_hash(name));
        if let Some(d) = &descr {
            // A data descriptor without `__get__` does not shadow the instance dict.
            if self.is_data_descriptor(d) && (!d.type_data().heap || d.type_data().lookup("__get__").is_some()) {
                return self.descr_get(d, Some(obj), &ObjRef::from_borrowed(obj.ty()));
            }
        }
        if let Some(v) = object::values::get(obj, name, &std::cell::Cell::new(0)) {
            return Ok(v);
        }
        if let Some(dict) = obj.dict() {
            if let Some(v) = crate::builtins::dict::dict_get_name(&dict, name) {
                return Ok(v);
            }
        }
        if n == "__dict__" && (!td.heap || self.type_has_dict(obj.ty())) {
            if let Some(d) = self.instance_dict(obj) {
                crate::gc::expose_dict(&d);
                return Ok(d);
            }
        }
        if let Some(d) = descr {
            return self.descr_get(&d, Some(obj), &ObjRef::from_borrowed(obj.ty()));
        }
        Err(self.no_attribute(obj, n))
    }

    /// The slot array of `o` for member `m`; TypeError if `o` is not an instance of the
    /// member's class (CPython's descriptor check).
    fn slot_cell<'o>(&self, m: &crate::object::MemberData, o: &'o ObjRef) -> PyResult<&'o std::cell::RefCell<Vec<Option<ObjRef>>>> {
        match o.payload() {
            Payload::Object(slots) if o.is_instance(&m.owner) && m.index < slots.borrow().len() => Ok(slots),
            _ => Err(self.type_error(format!(
                "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
                m.name,
                m.owner.as_type().map(|t| t.name.borrow().clone()).unwrap_or_default(),
                o.type_name()
            ))),
        }
    }

    fn is_data_descriptor(&self, d: &ObjRef) -> bool {
        match d.payload() {
            Payload::Property(_) if !d.type_data().heap => true,
            Payload::Member(_) => true,
            Payload::Function(_) | Payload::Builtin(_) | Payload::StaticMethod(_) | Payload::ClassMethod(_) => false,
            _ => {
                let td = d.type_data();
                td.heap && (td.lookup("__set__").is_some() || td.lookup("__delete__").is_some())
            }
        }
    }

    /// Calls a descriptor's `__get__(obj, owner)` (obj None for class access).
    pub fn descr_get(&self, d: &ObjRef, obj: Option<&ObjRef>, owner: &ObjRef) -> PyResult {
        let t = builtin_types();
        match d.payload() {
            Payload::Member(m) => match obj {
                None => Ok(d.clone()),
                // Instances of builtin-layout classes (a list subclass with slots) keep
                // slot values in their dict.
                Some(o) if !matches!(o.payload(), Payload::Object(_)) => match o.dict().and_then(|dd| crate::builtins::dict::dict_get_str(self, &dd, &m.name).ok().flatten()) {
                    Some(v) => Ok(v),
                    None => Err(self.no_attribute(o, &m.name)),
                },
                Some(o) => match self.slot_cell(m, o)?.borrow().get(m.index).cloned().flatten() {
                    Some(v) => Ok(v),
                    None => Err(self.no_attribute(o, &m.name)),
                },
            },
            Payload::Function(_) => match obj {
                Some(o) => Ok(ObjRef::new(&t.method, Payload::BoundMethod { func: d.clone(), self_: o.clone() })),
                None => Ok(d.clone()),
            },
            Payload::Builtin(b) if b.self_.is_none() => match obj {
                Some(o) => Ok(object::new_builtin_bound(b, o.clone())),
                None => Ok(d.clone()),
            },
            Payload::StaticMethod(f) if !d.type_data().heap => Ok(f.clone()),
            Payload::ClassMethod(f) if !d.type_data().heap => Ok(ObjRef::new(&t.method, Payload::BoundMethod { func: f.clone(), self_: owner.clone() })),
            Payload::Property(p) if !d.type_data().heap => match obj {
                None => Ok(d.clone()),
                Some(o) => match p.parts.borrow().fget.clone() {
                    Some(g) => self.call(&g, std::slice::from_ref(&o), None),
                    None => Err(self.attribute_error(self.property_error(d, o, "getter"))),
                },
            },
            _ => {
                let td = d.type_data();
                if td.heap {
                    if let Some(get) = td.lookup("__get__") {
                        let o = obj.cloned().unwrap_or_else(object::none);
                        return self.call(&get, &[d.clone(), o, owner.clone()], None);
                    }
                }
                Ok(d.clone())
            }
        }
    }

    /// CPython 3.11's message for a missing property accessor (`what` is getter, setter
    /// or deleter): it names the property when `__set_name__` recorded a name, and the
    /// object's type by qualified name.
    pub fn property_error(&self, p: &ObjRef, obj: &PyObject, what: &str) -> String {
        let qualname = obj.type_data().qualname.borrow().clone();
        let name = match p.payload() {
            Payload::Property(pd) => pd.name.borrow().clone(),
            _ => None,
        };
        let name_repr = name.and_then(|n| self.repr_string(&n).ok());
        match name_repr {
            Some(n) => format!("property {} of '{}' object has no {}", n, qualname, what),
            None => format!("property of '{}' object has no {}", qualname, what),
        }
    }

    fn type_getattr(&self, ty: &ObjRef, name: &ObjRef, n: &str) -> PyResult {
        let meta = ObjRef::from_borrowed(ty.ty());
        let h = name_hash(name);
        let meta_attr = ty.type_data().lookup_hashed(n, h);
        if let Some(m) = &meta_attr {
            if self.is_data_descriptor(m) {
                return self.descr_get(m, Some(ty), &meta);
            }
        }
        if let Some(r) = crate::builtins::native_attrs::get_type(self, ty, n) {
            return r;
        }
        let td = ty.as_type().expect("type");
        if let Some(a) = td.lookup_hashed(n, h) {
            return self.descr_get(&a, None, ty);
        }
        if let Some(m) = meta_attr {
            return self.descr_get(&m, Some(ty), &meta);
        }
        let _ = name;
        Err(self.attribute_error(format!("type object '{}' has no attribute '{}'", td.name.borrow(), n)))
    }

    /// The instance `__dict__`, created on first use, for objects that can have one.
    pub fn instance_dict(&self, obj: &ObjRef) -> Option<ObjRef> {
        object::values::materialize(obj);
        if let Some(d) = obj.dict() {
            return Some(d);
        }
        let can = match obj.payload() {
            Payload::Function(_) | Payload::Exception(_) => true,
            Payload::Type(_) | Payload::Module(_) => false,
            _ => {
                let td = obj.type_data();
                td.heap
            }
        };
        if !can {
            return None;
        }
        let managed = obj.type_data().heap && matches!(obj.type_data().layout, crate::object::types::Layout::Object | crate::object::types::Layout::List | crate::object::types::Layout::Dict | crate::object::types::Layout::Set);
        let d = if managed { crate::gc::new_managed_dict() } else { object::new_dict() };
        drop(obj.set_dict(Some(d.clone())));
        Some(d)
    }

    /// Whether `name` is declared in the `__slots__` of a class on `ty`'s MRO.
    fn is_slot(&self, ty: &PyObject, name: &str) -> bool {
        ty.as_type()
            .map(|td| td.mro.borrow().iter().any(|t| t.as_type().and_then(|x| x.slots.borrow().as_ref().map(|s| s.iter().any(|v| v == name))).unwrap_or(false)))
            .unwrap_or(false)
    }

    pub(crate) fn type_has_dict(&self, ty: &PyObject) -> bool {
        ty.as_type().map(|td| td.mro.borrow().iter().any(|t| t.as_type().map(|x| x.heap && x.slots.borrow().is_none()).unwrap_or(false))).unwrap_or(false)
    }

    pub fn setattr(&self, obj: &ObjRef, name: &ObjRef, value: ObjRef) -> PyResult<()> {
        if let Some(target) = crate::modules::weakref::proxy_target(self, obj)? {
            return self.setattr(&target, name, value);
        }
        let td = obj.type_data();
        if td.heap {
            if let Some(sa) = td.lookup("__setattr__") {
                if !matches!(sa.payload(), Payload::Builtin(_)) {
                    self.call_lent(&sa, [obj, name, &value])?;
                    return Ok(());
                }
            }
        }
        self.generic_setattr(obj, name, Some(value))
    }

    pub fn delattr(&self, obj: &ObjRef, name: &ObjRef) -> PyResult<()> {
        let td = obj.type_data();
        if td.heap {
            if let Some(da) = td.lookup("__delattr__") {
                if !matches!(da.payload(), Payload::Builtin(_)) {
                    self.call_lent(&da, [&obj, &name])?;
                    return Ok(());
                }
            }
        }
        self.generic_setattr(obj, name, None)
    }

    /// `object.__setattr__` / `object.__delattr__` (value None deletes).
    pub fn generic_setattr(&self, obj: &ObjRef, name: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
        let n = name.as_str().ok_or_else(|| self.type_error(format!("attribute name must be string, not '{}'", name.type_name())))?;
        let name = object::str::intern_ref(name.clone());
        match obj.payload() {
            Payload::Type(td) => {
                if !td.heap {
                    return Err(self.type_error(format!("cannot set '{}' attribute of immutable type '{}'", n, td.name.borrow())));
                }
                if let Some(r) = crate::builtins::native_attrs::set_type(self, obj, n, value.clone()) {
                    return r;
                }
                let d = td.dict().clone();
                // Invalidated before (a finalizer run by the replaced value may look
                // attributes up) and after the change.
                crate::object::types::type_modified(td);
                let r = match value {
                    Some(v) => self.setitem(&d, &name, v),
                    None => self.delitem(&d, &name).map_err(|_| self.attribute_error(format!("type object '{}' has no attribute '{}'", td.name.borrow(), n))),
                };
                crate::object::types::type_modified(td);
                return r;
            }
            Payload::Module(m) => {
                return match value {
                    Some(v) => self.setitem(&m.dict, &name, v),
                    None => self.delitem(&m.dict, &name).map_err(|_| self.attribute_error(format!("module '{}' has no attribute '{}'", m.name, n))),
                };
            }
            _ => {}
        }
        if let Some(r) = crate::builtins::native_attrs::set(self, obj, n, value.clone()) {
            return r;
        }
        if let Some(e) = crate::builtins::native_attrs::readonly_error(self, obj, n) {
            return Err(e);
        }
        let td = obj.type_data();
        if let Some(d) = td.lookup_hashed(n, name_hash(&name)) {
            match d.payload() {
                Payload::Property(p) if !d.type_data().heap => {
                    let f = {
                        let parts = p.parts.borrow();
                        if value.is_some() { parts.fset.clone() } else { parts.fdel.clone() }
                    };
                    return match f {
                        Some(f) => {
                            let mut args = vec![obj.clone()];
                            args.extend(value);
                            self.call(&f, &args, None).map(|_| ())
                        }
                        None => Err(self.attribute_error(self.property_error(&d, obj, if value.is_some() { "setter" } else { "deleter" }))),
                    };
                }
                Payload::Member(m) if matches!(obj.payload(), Payload::Object(_)) => {
                    let cell = self.slot_cell(m, obj)?;
                    let old = match value {
                        Some(v) => cell.borrow_mut()[m.index].replace(v),
                        None => {
                            let old = cell.borrow_mut()[m.index].take();
                            if old.is_none() {
                                // An empty member fails with just its name (PyMember_SetOne).
                                return Err(self.attribute_error(&m.name));
                            }
                            old
                        }
                    };
                    drop(old);
                    return Ok(());
                }
                Payload::Member(_) | Payload::Function(_) | Payload::Builtin(_) | Payload::StaticMethod(_) | Payload::ClassMethod(_) => {}
                _ => {
                    let dtd = d.type_data();
                    if dtd.heap && (dtd.lookup("__set__").is_some() || dtd.lookup("__delete__").is_some()) {
                        // A data descriptor handles both setting and deleting; the
                        // missing half fails like CPython's slot_tp_descr_set.
                        let mname = if value.is_some() { "__set__" } else { "__delete__" };
                        let Some(m) = dtd.lookup(mname) else {
                            return Err(self.attribute_error(mname));
                        };
                        let mut args = vec![d.clone(), obj.clone()];
                        args.extend(value);
                        return self.call(&m, &args, None).map(|_| ());
                    }
                }
            }
        }
        if td.slots.borrow().is_some() {
            if !self.is_slot(obj.ty(), n) && !self.type_has_dict(obj.ty()) {
                if td.lookup_str(n).is_some() {
                    return Err(self.attribute_error(format!("'{}' object attribute '{}' is read-only", obj.type_name(), n)));
                }
                return Err(self.attribute_error(format!("'{}' object has no attribute '{}'", obj.type_name(), n)));
            }
        }
        let value = match value {
            Some(v) => match object::values::set(obj, &name, v, &std::cell::Cell::new(0)) {
                Ok(old) => {
                    drop(old);
                    return Ok(());
                }
                Err(v) => Some(v),
            },
            None => None,
        };
        let Some(dict) = self.instance_dict(obj) else {
            if td.lookup_str(n).is_some() {
                return Err(self.attribute_error(format!("'{}' object attribute '{}' is read-only", obj.type_name(), n)));
            }
            return Err(self.attribute_error(format!("'{}' object has no attribute '{}'", obj.type_name(), n)));
        };
        match value {
            Some(v) => self.setitem(&dict, &name, v),
            None => match self.delitem(&dict, &name) {
                Ok(()) => Ok(()),
                // An empty `__slots__` member fails with just its name (CPython's PyMember_SetOne).
                Err(e) if e.is(&self.exc_type("KeyError")) && self.is_slot(obj.ty(), n) => Err(self.attribute_error(n)),
                Err(e) if e.is(&self.exc_type("KeyError")) => Err(self.no_attribute(obj, n)),
                Err(e) => Err(e),
            },
        }
    }

    /// LOAD_METHOD: returns (method, self) for an unbound method found on the type, or
    /// (NULL, attribute) otherwise.
    pub fn load_method(&self, obj: ObjRef, name: &ObjRef) -> PyResult<(ObjRef, ObjRef)> {
        let td = obj.type_data();
        let plain = !matches!(obj.payload(), Payload::Type(_) | Payload::Module(_) | Payload::Super { .. } | Payload::WeakRef(_))
            && td.custom_getattribute().is_none();
        if let (true, Some(sd)) = (plain, name.as_str_data()) {
            let n: &str = &sd.s;
            if let Some(m) = td.lookup_hashed(n, sd.hash()) {
                let is_method = match m.payload() {
                    Payload::Function(_) => true,
                    Payload::Builtin(b) => b.self_.is_none(),
                    _ => false,
                };
                if is_method && crate::builtins::native_attrs::get(self, &obj, n).is_none() {
                    let shadowed = match obj.dict() {
                        Some(d) => crate::builtins::dict::dict_get_str(self, &d, n)?,
                        None => object::values::get(&obj, name, &std::cell::Cell::new(0)),
                    };
                    match shadowed {
                        Some(v) => return Ok((object::new_null(), v)),
                        None => return Ok((m, obj)),
                    }
                }
            }
        }
        let v = self.getattr(&obj, name)?;
        Ok((object::new_null(), v))
    }
}

/// The (cached) hash of an attribute name already known to be a str.
fn name_hash(name: &ObjRef) -> i64 {
    name.as_str_data().map(|s| s.hash()).unwrap_or_else(|| object::str::str_hash(""))
}
