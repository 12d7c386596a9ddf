//! `BaseException` and its methods; `str()`/`repr()` of exceptions.

use std::cell::{Cell, RefCell};

use super::def;
use crate::object::types::builtin_types;
use crate::object::{self, ExcData, ObjRef, Payload, PyResult};
use crate::vm::exceptions::exc_args;
use crate::vm::Vm;

pub fn exc_str(vm: &Vm, e: &ObjRef) -> PyResult {
    let args = exc_args(e);
    if e.is_instance(&vm.exc_type("KeyError")) && args.len() == 1 {
        return vm.repr(&args[0]);
    }
    match args.len() {
        0 => Ok(object::new_str("")),
        1 => vm.str(&args[0]),
        _ => vm.repr(&object::new_tuple(args)),
    }
}

pub fn exc_repr(vm: &Vm, e: &ObjRef) -> PyResult {
    let args = exc_args(e);
    let name = e.type_data().name.borrow().clone();
    let inner = if args.len() == 1 {
        vm.repr_string(&args[0])?
    } else {
        let r = vm.repr_string(&object::new_tuple(args))?;
        r[1..r.len() - 1].trim_end_matches(',').to_string()
    };
    Ok(object::new_string(format!("{}({})", name, inner)))
}

fn exc_new(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let nkw = kw.map(|k| k.len()).unwrap_or(0);
    let pos = args[1..args.len() - nkw].to_vec();
    let _ = vm;
    Ok(ObjRef::new(
        &args[0],
        Payload::Exception(Box::new(ExcData {
            args: RefCell::new(object::new_tuple(pos)),
            traceback: RefCell::new(None),
            cause: RefCell::new(None),
            context: RefCell::new(None),
            suppress_context: Cell::new(false),
            suggestion: RefCell::new(None),
            attr_ctx: RefCell::new(None),
        })),
    ))
}

fn exc_init(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let nkw = kw.map(|k| k.len()).unwrap_or(0);
    let e = &args[0];
    if nkw > 0 {
        let ty = e.type_data();
        let name = ty.name.borrow().clone();
        // Some builtin exceptions take keyword-only attributes (name=, obj=, path=).
        if let Some(names) = kw {
            let allowed: &[&str] = match name.as_str() {
                "NameError" | "UnboundLocalError" => &["name"],
                "AttributeError" => &["name", "obj"],
                "ImportError" | "ModuleNotFoundError" => &["name", "path"],
                _ => &[],
            };
            if !ty.heap {
                for (k, v) in names.iter().zip(args[args.len() - nkw..].iter()) {
                    let ks = k.as_str().unwrap_or("");
                    if !allowed.contains(&ks) {
                        return Err(vm.type_error(format!("{}() takes no keyword arguments", name)));
                    }
                    let d = vm.instance_dict(e).expect("exception dict");
                    vm.dict_set(&d, k.clone(), v.clone())?;
                }
            }
        }
    }
    if let Some(d) = e.as_exc() {
        *d.args.borrow_mut() = object::new_tuple(args[1..args.len() - nkw].to_vec());
    }
    Ok(object::none())
}

fn exc_str_m(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    exc_str(vm, &args[0])
}
fn exc_repr_m(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    exc_repr(vm, &args[0])
}
fn exc_with_traceback(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    if let Some(d) = args[0].as_exc() {
        *d.traceback.borrow_mut() = args.get(1).filter(|t| !t.is_none()).cloned();
    }
    Ok(args[0].clone())
}
fn exc_add_note(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let Some(note) = args.get(1) else {
        return Err(vm.type_error("add_note() takes exactly one argument (0 given)"));
    };
    if note.as_str().is_none() {
        return Err(vm.type_error(format!("note must be a str, not '{}'", note.type_name())));
    }
    let d = vm.instance_dict(&args[0]).expect("exception dict");
    let notes = match super::dict::dict_get_str(vm, &d, "__notes__")? {
        Some(n) => n,
        None => {
            let l = object::new_list(vec![]);
            super::dict::dict_set_str(vm, &d, "__notes__", l.clone())?;
            l
        }
    };
    match notes.as_list() {
        Some(l) => l.borrow_mut().push(note.clone()),
        None => return Err(vm.type_error("Cannot add note: __notes__ is not a list")),
    }
    Ok(object::none())
}
fn exc_reduce(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let args_t = args[0].as_exc().map(|d| d.args.borrow().clone()).unwrap_or_else(|| object::new_tuple(vec![]));
    Ok(object::new_tuple(vec![ObjRef::from_borrowed(args[0].ty()), args_t]))
}

pub fn init(_vm: &Vm) {
    let t = builtin_types();
    let b = &t.base_exception;
    super::def_staticmethod(b, "__new__", exc_new);
    def(b, "__init__", exc_init);
    def(b, "__str__", exc_str_m);
    def(b, "__repr__", exc_repr_m);
    def(b, "with_traceback", exc_with_traceback);
    def(b, "add_note", exc_add_note);
    def(b, "__reduce__", exc_reduce);
}

/// `BaseException.__new__(cls, *args)` for native callers.
pub fn exc_new_for(vm: &Vm, cls: &ObjRef, args: &[ObjRef]) -> PyResult {
    let mut a = vec![cls.clone()];
    a.extend_from_slice(args);
    exc_new(vm, &a, None)
}
