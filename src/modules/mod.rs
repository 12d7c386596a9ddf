//! Built-in modules (`sys`, `gc`, `math`, ...) and the import system.

pub mod frozen;
pub mod gc;
pub mod import;
pub mod math;
pub mod math_more;
pub mod re;
pub mod sre;
pub mod sys;
pub mod time;
pub mod weakref;

use std::cell::RefCell;

use crate::object::types::builtin_types;
use crate::object::{self, ModuleData, ObjRef, Payload, PyResult};
use crate::vm::Vm;

thread_local! {
    /// The `builtins` module: created once, by `builtins_module_init`, over `vm.builtins`
    /// (its namespace is the interpreter's builtins dict) and kept for the interpreter's life.
    static BUILTINS_MODULE: RefCell<Option<ObjRef>> = const { RefCell::new(None) };
}

/// Creates the `builtins` module over `vm.builtins` and registers it in `sys.modules`.
pub fn builtins_module_init(vm: &Vm) -> ObjRef {
    let m = ObjRef::new(&builtin_types().module, Payload::Module(Box::new(ModuleData { name: "builtins".to_string(), dict: vm.builtins.clone() })));
    BUILTINS_MODULE.with(|b| *b.borrow_mut() = Some(m.clone()));
    let _ = vm.dict_set(&vm.modules, object::str::intern("builtins"), m.clone());
    m
}

/// The `builtins` module object (None before `builtins_module_init` ran).
pub fn builtins_module() -> Option<ObjRef> {
    BUILTINS_MODULE.with(|b| b.borrow().clone())
}

/// A new module object named `name` with a fresh namespace.
#[must_use]
pub fn new_module(vm: &Vm, name: &str) -> ObjRef {
    let d = object::new_dict();
    let _ = vm.dict_set(&d, object::str::intern("__name__"), object::new_str(name));
    let _ = vm.dict_set(&d, object::str::intern("__doc__"), object::none());
    let _ = vm.dict_set(&d, object::str::intern("__package__"), object::none());
    let _ = vm.dict_set(&d, object::str::intern("__spec__"), object::none());
    let _ = vm.dict_set(&d, object::str::intern("__loader__"), object::none());
    let _ = RefCell::new(());
    ObjRef::new(&builtin_types().module, Payload::Module(Box::new(ModuleData { name: name.to_string(), dict: d })))
}

pub fn module_dict(m: &ObjRef) -> &ObjRef {
    match m.payload() {
        Payload::Module(md) => &md.dict,
        _ => panic!("not a module"),
    }
}

/// Looks up a builtin module's initialiser by name.
pub fn builtin_module(vm: &Vm, name: &str) -> Option<PyResult> {
    Some(match name {
        "sys" => Ok(vm.sys.borrow().clone().expect("sys initialised")),
        "gc" => gc::make(vm),
        "math" => math::make(vm),
        "time" => time::make(vm),
        "_sre" => sre::make(vm),
        "weakref" | "_weakref" => weakref::make(vm),
        "builtins" => Ok(builtins_module()?),
        _ => {
            let (is_pkg, src) = frozen::find(name)?;
            frozen::load(vm, name, is_pkg, src)
        }
    })
}

/// `module(name, doc=None)`: a new, empty module (CPython's `types.ModuleType`).
fn module_new(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let given = args.len() > 1 || kw.is_some_and(|k| k.iter().any(|n| n.as_str() == Some("name")));
    if !given {
        return Err(vm.type_error("module() missing required argument 'name' (pos 1)"));
    }
    let a = crate::builtins::parse_args(vm, "module", args.get(1..).unwrap_or(&[]), kw, &["name", "doc"], 1)?;
    let name = a[0].as_ref().expect("required");
    let Some(n) = name.as_str() else {
        return Err(vm.type_error(format!("module() argument 'name' must be str, not {}", name.type_name())));
    };
    let m = new_module(vm, n);
    if let Some(doc) = &a[1] {
        vm.dict_set(module_dict(&m), object::str::intern("__doc__"), doc.clone())?;
    }
    Ok(m)
}

pub fn init(vm: &Vm) {
    crate::builtins::def_staticmethod(&builtin_types().module, "__new__", module_new);
    sys::init(vm);
    weakref::init(vm);
    sre::init();
}
