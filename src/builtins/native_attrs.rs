//! Attributes the builtin types expose as data descriptors (CPython's getsets and
//! members): `func.__name__`, `exc.args`, `type.__mro__`, `x.__class__`, ...
//! `get` returns None when the name is not one of the object's native attributes.

use crate::object::types::builtin_types;
use crate::object::{self, ObjRef, Payload, PyResult};
use crate::vm::exceptions::exc_args;
use crate::vm::Vm;

fn opt(o: &Option<ObjRef>) -> ObjRef {
    o.clone().unwrap_or_else(object::none)
}

pub fn get(vm: &Vm, obj: &ObjRef, name: &str) -> Option<PyResult> {
    if name == "__class__" {
        return Some(Ok(ObjRef::from_borrowed(obj.ty())));
    }
    if !name.starts_with("__") && !matches!(obj.payload(), Payload::Int(_) | Payload::Float(_) | Payload::Complex(..) | Payload::Exception(_) | Payload::Slice { .. } | Payload::Range { .. } | Payload::Property(_) | Payload::Code(_) | Payload::Cell(_) | Payload::Traceback(_) | Payload::Frame(_) | Payload::WeakRef(_) | Payload::File(_) | Payload::Generator(_) | Payload::DictView { .. }) {
        return None;
    }
    let r = match obj.payload() {
        Payload::Function(f) => match name {
            "__name__" => f.name.borrow().clone(),
            "__qualname__" => f.qualname.borrow().clone(),
            "__doc__" => f.doc.borrow().clone(),
            "__module__" => f.module.borrow().clone(),
            "__defaults__" => opt(&f.defaults.borrow()),
            "__kwdefaults__" => opt(&f.kwdefaults.borrow()),
            "__code__" => f.code.clone(),
            "__globals__" => f.globals.clone(),
            "__builtins__" => f.builtins.clone(),
            "__closure__" => opt(&f.closure),
            "__annotations__" => {
                let a = f.annotations.borrow().clone();
                match a {
                    Some(a) => a,
                    None => {
                        let d = object::new_dict();
                        *f.annotations.borrow_mut() = Some(d.clone());
                        d
                    }
                }
            }
            "__dict__" => return vm.instance_dict(obj).map(Ok),
            _ => return None,
        },
        Payload::BoundMethod { func, self_ } => match name {
            "__self__" => self_.clone(),
            "__func__" => func.clone(),
            "__name__" | "__qualname__" | "__doc__" | "__module__" => return Some(vm.getattr_str(func, name)),
            _ => return None,
        },
        Payload::Builtin(b) => match name {
            "__name__" => object::new_str(b.name),
            "__qualname__" => object::new_string(match b.owner {
                Some(o) => format!("{}.{}", o, b.name),
                None => b.name.to_string(),
            }),
            "__self__" => opt(&b.self_),
            "__doc__" => {
                if b.doc.is_empty() {
                    object::none()
                } else {
                    object::new_str(b.doc)
                }
            }
            "__module__" => {
                if b.owner.is_none() {
                    object::new_str("builtins")
                } else {
                    object::none()
                }
            }
            _ => return None,
        },
        Payload::Exception(e) => match name {
            "args" => e.args.borrow().clone(),
            "__traceback__" => opt(&e.traceback.borrow()),
            "__cause__" => opt(&e.cause.borrow()),
            "__context__" => opt(&e.context.borrow()),
            "__suppress_context__" => object::new_bool(e.suppress_context.get()),
            "value" if obj.is_instance(&vm.exc_type("StopIteration")) => exc_args(obj).into_iter().next().unwrap_or_else(object::none),
            "code" if obj.is_instance(&vm.exc_type("SystemExit")) => {
                let a = exc_args(obj);
                match a.len() {
                    0 => object::none(),
                    1 => a[0].clone(),
                    _ => object::new_tuple(a),
                }
            }
            "__dict__" => return vm.instance_dict(obj).map(Ok),
            _ => return None,
        },
        Payload::Int(i) => match name {
            "real" | "numerator" => object::new_int_value(i.clone()),
            "imag" => object::new_int(0),
            "denominator" => object::new_int(1),
            _ => return None,
        },
        Payload::Float(f) => match name {
            "real" => object::new_float(*f),
            "imag" => object::new_float(0.0),
            _ => return None,
        },
        Payload::Complex(re, im) => match name {
            "real" => object::new_float(*re),
            "imag" => object::new_float(*im),
            _ => return None,
        },
        Payload::Slice { start, stop, step } => match name {
            "start" => start.clone(),
            "stop" => stop.clone(),
            "step" => step.clone(),
            _ => return None,
        },
        Payload::Range { start, stop, step } => match name {
            "start" => object::new_int(*start),
            "stop" => object::new_int(*stop),
            "step" => object::new_int(*step),
            _ => return None,
        },
        Payload::Property(p) => match name {
            "fget" => opt(&p.parts.borrow().fget),
            "fset" => opt(&p.parts.borrow().fset),
            "fdel" => opt(&p.parts.borrow().fdel),
            "__doc__" => match p.parts.borrow().clone() {
                object::PropParts { doc: Some(d), .. } => d,
                object::PropParts { fget, .. } => match fget {
                    Some(g) => return Some(vm.getattr_str(&g, "__doc__")),
                    None => object::none(),
                },
            },
            "__isabstractmethod__" => object::new_bool(false),
            _ => return None,
        },
        Payload::StaticMethod(f) | Payload::ClassMethod(f) => match name {
            "__func__" | "__wrapped__" => f.clone(),
            "__isabstractmethod__" => object::new_bool(false),
            _ => return None,
        },
        Payload::Generator(g) => {
            let g = g.borrow();
            match name {
                "__name__" => g.name.clone(),
                "__qualname__" => g.qualname.clone(),
                "gi_running" => object::new_bool(g.running),
                "gi_frame" => {
                    if g.frame.is_some() {
                        object::new_bool(true)
                    } else {
                        object::none()
                    }
                }
                "gi_code" => g.code.clone(),
                _ => return None,
            }
        }
        Payload::Code(c) => match name {
            "co_name" => c.name.clone(),
            "co_qualname" => c.qualname.clone(),
            "co_filename" => c.filename.clone(),
            "co_argcount" => object::new_int(c.argcount as i64),
            "co_posonlyargcount" => object::new_int(c.posonlyargcount as i64),
            "co_kwonlyargcount" => object::new_int(c.kwonlyargcount as i64),
            "co_nlocals" => object::new_int(c.varnames.len() as i64),
            "co_flags" => object::new_int(c.flags as i64),
            "co_firstlineno" => object::new_int(c.firstlineno as i64),
            "co_varnames" => object::new_tuple(c.varnames.to_vec()),
            "co_cellvars" => object::new_tuple(c.cellvars.to_vec()),
            "co_freevars" => object::new_tuple(c.freevars.to_vec()),
            "co_names" => object::new_tuple(c.names.to_vec()),
            "co_consts" => object::new_tuple(c.consts.to_vec()),
            _ => return None,
        },
        Payload::Cell(c) => match name {
            "cell_contents" => match c.borrow().clone() {
                Some(v) => v,
                None => return Some(Err(vm.value_error("Cell is empty"))),
            },
            _ => return None,
        },
        Payload::Traceback(t) => match name {
            "tb_lineno" => object::new_int(t.lineno as i64),
            "tb_next" => opt(&t.next),
            "tb_frame" => t.frame.clone(),
            _ => return None,
        },
        Payload::WeakRef(w) => match name {
            "__callback__" => w.callback.borrow().clone().unwrap_or_else(object::none),
            _ => return None,
        },
        Payload::File(f) => return super::io::file_attr(&f.borrow(), name).map(Ok),
        Payload::Frame(f) => match name {
            "f_lineno" => object::new_int(f.lineno.get() as i64),
            "f_code" => f.code.clone(),
            "f_back" => f.snapshot.as_ref().and_then(|s| s.back.clone()).unwrap_or_else(object::none),
            "f_globals" if f.snapshot.is_some() => f.snapshot.as_ref().map(|s| s.globals.clone())?,
            "f_locals" if f.snapshot.is_some() => f.snapshot.as_ref().map(|s| s.locals.clone())?,
            "f_builtins" => vm.builtins.clone(),
            _ => return None,
        },
        Payload::DictView { dict, .. } => match name {
            "mapping" => dict.clone(),
            _ => return None,
        },
        _ => return None,
    };
    Some(Ok(r))
}

/// The `__slots__` names a class adds along its MRO and whether its instances have a
/// `__dict__`: two classes are layout-compatible for `__class__` assignment when these agree.
fn slot_layout(ty: &crate::object::PyObject) -> (Vec<String>, bool) {
    let mut names = Vec::new();
    let mut has_dict = false;
    if let Some(td) = ty.as_type() {
        for t in td.mro.borrow().iter() {
            let Some(x) = t.as_type() else { continue };
            if !x.heap {
                continue;
            }
            match x.slots.borrow().as_ref() {
                Some(s) => names.extend(s.iter().cloned()),
                None => has_dict = true,
            }
        }
    }
    (names, has_dict)
}

pub fn set(vm: &Vm, obj: &ObjRef, name: &str, value: Option<ObjRef>) -> Option<PyResult<()>> {
    if name == "__class__" {
        let Some(v) = value else { return Some(Err(vm.type_error("can't delete __class__ attribute"))) };
        if v.as_type().is_none() {
            return Some(Err(vm.type_error(format!("__class__ must be set to a class, not '{}' object", v.type_name()))));
        }
        let (old, new) = (obj.type_data(), v.as_type().unwrap());
        if !old.heap || !new.heap {
            return Some(Err(vm.type_error("__class__ assignment only supported for mutable types or ModuleType subclasses")));
        }
        if old.layout != new.layout || slot_layout(obj.ty()) != slot_layout(&v) {
            return Some(Err(vm.type_error(format!(
                "__class__ assignment: '{}' object layout differs from '{}'",
                new.name.borrow(),
                old.name.borrow()
            ))));
        }
        // The values belong to the old class's shared keys: move them into a dict first.
        crate::object::values::materialize(obj);
        obj.set_type(&v);
        return Some(Ok(()));
    }
    if name == "__dict__" {
        let has_dict = match obj.payload() {
            Payload::Function(_) | Payload::Exception(_) => true,
            Payload::Type(_) | Payload::Module(_) => false,
            _ => obj.type_data().heap && vm.type_has_dict(obj.ty()),
        };
        if has_dict {
            let Some(v) = value else { return Some(Err(vm.type_error("cannot delete __dict__"))) };
            if v.as_dict().is_none() {
                return Some(Err(vm.type_error(format!("__dict__ must be set to a dictionary, not a '{}'", v.type_name()))));
            }
            crate::object::values::materialize(obj);
            drop(obj.set_dict(Some(v)));
            return Some(Ok(()));
        }
    }
    match obj.payload() {
        Payload::Function(f) => {
            if matches!(name, "__name__" | "__qualname__") {
                match &value {
                    Some(v) if v.as_str().is_some() => {}
                    _ => return Some(Err(vm.type_error(format!("{} must be set to a string object", name)))),
                }
            }
            if matches!(name, "__defaults__" | "__kwdefaults__" | "__annotations__") {
                let ok = match (&value, name) {
                    (None, _) => true,
                    (Some(v), _) if v.is_none() => true,
                    (Some(v), "__defaults__") => v.as_tuple().is_some(),
                    (Some(v), _) => v.as_dict().is_some(),
                };
                if !ok {
                    return Some(Err(vm.type_error(match name {
                        "__defaults__" => "__defaults__ must be set to a tuple object".to_string(),
                        "__kwdefaults__" => "__kwdefaults__ must be set to a dict object".to_string(),
                        _ => "__annotations__ must be set to a dict object".to_string(),
                    })));
                }
            }
            let v = value.unwrap_or_else(object::none);
            match name {
                "__name__" => *f.name.borrow_mut() = v,
                "__qualname__" => *f.qualname.borrow_mut() = v,
                "__doc__" => *f.doc.borrow_mut() = v,
                "__module__" => *f.module.borrow_mut() = v,
                "__defaults__" => *f.defaults.borrow_mut() = if v.is_none() { None } else { Some(v) },
                "__kwdefaults__" => *f.kwdefaults.borrow_mut() = if v.is_none() { None } else { Some(v) },
                "__annotations__" => *f.annotations.borrow_mut() = Some(v),
                _ => return None,
            }
            Some(Ok(()))
        }
        Payload::Exception(e) => {
            if let ("__cause__" | "__context__", Some(v)) = (name, &value) {
                if !v.is_none() && !v.is_instance(&builtin_types().base_exception) {
                    let what = if name == "__cause__" { "cause" } else { "context" };
                    return Some(Err(vm.type_error(format!("exception {} must be None or derive from BaseException", what))));
                }
            }
            match name {
                "__traceback__" => *e.traceback.borrow_mut() = value.filter(|v| !v.is_none()),
                "__cause__" => {
                    *e.cause.borrow_mut() = value.filter(|v| !v.is_none());
                    e.suppress_context.set(true);
                }
                "__context__" => *e.context.borrow_mut() = value.filter(|v| !v.is_none()),
                "__suppress_context__" => e.suppress_context.set(value.map(|v| vm.truthy(&v).unwrap_or(false)).unwrap_or(false)),
                "args" => {
                    let v = value.unwrap_or_else(|| object::new_tuple(vec![]));
                    let items = match vm.collect(&v) {
                        Ok(i) => i,
                        Err(e) => return Some(Err(e)),
                    };
                    *e.args.borrow_mut() = object::new_tuple(items);
                }
                _ => return None,
            }
            Some(Ok(()))
        }
        _ => None,
    }
}

/// The error for assigning or deleting a native attribute that has no setter: getsets
/// say "attribute 'x' of 'T' objects is not writable" (T the defining type), read-only
/// members say "readonly attribute". None when `name` is not a read-only native attribute.
pub fn readonly_error(vm: &Vm, obj: &ObjRef, name: &str) -> Option<crate::vm::PyErr> {
    let getset = |owner: &str| Some(vm.attribute_error(format!("attribute '{}' of '{}' objects is not writable", name, owner)));
    let member = || Some(vm.attribute_error("readonly attribute"));
    match (obj.payload(), name) {
        (Payload::Int(_), "real" | "imag" | "numerator" | "denominator") => getset("int"),
        (Payload::Float(_), "real" | "imag") => getset("float"),
        (Payload::Complex(..), "real" | "imag") => member(),
        (Payload::Slice { .. } | Payload::Range { .. }, "start" | "stop" | "step") => member(),
        (Payload::Property(_), "fget" | "fset" | "fdel") => member(),
        (Payload::StaticMethod(_) | Payload::ClassMethod(_), "__func__") => member(),
        (Payload::Builtin(_), "__name__" | "__qualname__" | "__doc__" | "__self__") => getset("builtin_function_or_method"),
        (Payload::BoundMethod { .. }, "__self__" | "__func__") => member(),
        (Payload::Function(_), "__globals__" | "__builtins__" | "__closure__") => member(),
        (Payload::Code(_), n) if n.starts_with("co_") && get(vm, obj, n).is_some() => member(),
        (Payload::Traceback(_), "tb_lineno" | "tb_frame") => member(),
        (Payload::Generator(_), "gi_running" | "gi_code" | "gi_frame") => getset("generator"),
        (Payload::Frame(_), "f_code" | "f_back") => member(),
        (Payload::DictView { .. }, "mapping") => getset(&obj.type_name()),
        _ => None,
    }
}

pub fn get_type(vm: &Vm, ty: &ObjRef, name: &str) -> Option<PyResult> {
    let td = ty.as_type()?;
    let t = builtin_types();
    let r = match name {
        "__name__" => object::new_string(td.name.borrow().clone()),
        "__qualname__" => object::new_string(td.qualname.borrow().clone()),
        "__module__" => {
            if td.heap {
                return td.lookup_own("__module__").map(Ok);
            }
            object::new_str("builtins")
        }
        "__bases__" => object::new_tuple(td.bases.borrow().clone()),
        "__base__" => td.bases.borrow().first().cloned().unwrap_or_else(object::none),
        "__mro__" => object::new_tuple(td.mro.borrow().clone()),
        "__dict__" => ObjRef::new(&builtin_types().mappingproxy, Payload::MappingProxy(td.dict().clone())),
        "__doc__" => {
            if td.heap {
                return Some(Ok(td.lookup_own("__doc__").unwrap_or_else(object::none)));
            }
            object::none()
        }
        "__class__" => ObjRef::from_borrowed(ty.ty()),
        // Only a class's own dict holds it (abc.ABCMeta stores it there), as in CPython.
        "__abstractmethods__" => {
            return Some(td.lookup_own("__abstractmethods__").ok_or_else(|| vm.attribute_error("__abstractmethods__")));
        }
        _ => return None,
    };
    let _ = t;
    Some(Ok(r))
}

pub fn set_type(vm: &Vm, ty: &ObjRef, name: &str, value: Option<ObjRef>) -> Option<PyResult<()>> {
    let td = ty.as_type()?;
    match name {
        "__name__" => {
            let v = value?;
            match v.as_str() {
                Some(s) => *td.name.borrow_mut() = s.to_string(),
                None => return Some(Err(vm.type_error(format!("can only assign string to {}.__name__, not '{}'", td.name.borrow(), v.type_name())))),
            }
            Some(Ok(()))
        }
        "__qualname__" => {
            let v = value?;
            if let Some(s) = v.as_str() {
                *td.qualname.borrow_mut() = s.to_string();
            }
            Some(Ok(()))
        }
        _ => None,
    }
}
