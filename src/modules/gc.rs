//! The `gc` module. The cycle collector itself is not implemented yet: objects in
//! reference cycles are reclaimed only at exit. `gc.collect()` raises
//! NotImplementedError rather than report a wrong count.

use super::{module_dict, new_module};
use crate::builtins::def_in;
use crate::object::{self, ObjRef, Payload, PyResult};
use crate::vm::Vm;

thread_local! {
    static ENABLED: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
}

fn collect(vm: &Vm, _args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Err(vm.not_implemented_error("gc.collect(): the cycle collector is not implemented in Ouro yet"))
}
fn enable(_vm: &Vm, _args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    ENABLED.with(|e| e.set(true));
    Ok(object::none())
}
fn disable(_vm: &Vm, _args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    ENABLED.with(|e| e.set(false));
    Ok(object::none())
}
fn isenabled(_vm: &Vm, _args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_bool(ENABLED.with(|e| e.get())))
}
fn is_tracked(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let o = &args[0];
    let tracked = o.payload().is_gc() && !matches!(o.payload(), Payload::Dict(_) if o.as_dict().map(|d| d.borrow().is_empty()).unwrap_or(true));
    Ok(object::new_bool(tracked))
}

fn is_finalized(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_bool(args[0].gc_head().map(|h| h.flags.get() & 1 != 0).unwrap_or(false)))
}

pub fn make(vm: &Vm) -> PyResult {
    let m = new_module(vm, "gc");
    let d = module_dict(&m).clone();
    def_in(vm, &d, "collect", collect);
    def_in(vm, &d, "enable", enable);
    def_in(vm, &d, "disable", disable);
    def_in(vm, &d, "isenabled", isenabled);
    def_in(vm, &d, "is_tracked", is_tracked);
    def_in(vm, &d, "is_finalized", is_finalized);
    Ok(m)
}
