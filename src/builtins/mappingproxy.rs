//! `mappingproxy`: the read-only view of a mapping that `type.__dict__` returns.
//! Reads go to the underlying mapping; there is no way to write through it.

use super::def;
use crate::object::types::builtin_types;
use crate::object::{self, ObjRef, Payload, PyResult};
use crate::vm::Vm;

fn target<'a>(vm: &Vm, args: &'a [ObjRef]) -> PyResult<&'a ObjRef> {
    match args.first().map(|a| a.payload()) {
        Some(Payload::MappingProxy(m)) => Ok(m),
        _ => Err(vm.type_error("descriptor requires a 'mappingproxy' object")),
    }
}

fn mp_new(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::arity(vm, "mappingproxy", &args[1..], kw, 1, 1)?;
    let m = &args[1];
    if m.as_dict().is_none() && m.type_data().lookup("__getitem__").is_none() {
        return Err(vm.type_error(format!("mappingproxy() argument must be a mapping, not {}", m.type_name())));
    }
    Ok(ObjRef::new(&builtin_types().mappingproxy, Payload::MappingProxy(m.clone())))
}
fn mp_getitem(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    vm.getitem(target(vm, args)?, &args[1])
}
fn mp_contains(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_bool(vm.contains(target(vm, args)?, &args[1])?))
}
fn mp_len(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_int(vm.len(target(vm, args)?)? as i64))
}
fn mp_iter(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    vm.iter(target(vm, args)?)
}
fn forward(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>, name: &str) -> PyResult {
    let m = vm.getattr_str(target(vm, args)?, name)?;
    vm.call(&m, &args[1..], kw)
}
fn mp_get(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    forward(vm, args, kw, "get")
}
fn mp_keys(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    forward(vm, args, kw, "keys")
}
fn mp_values(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    forward(vm, args, kw, "values")
}
fn mp_items(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    forward(vm, args, kw, "items")
}
fn mp_copy(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    forward(vm, args, kw, "copy")
}
fn mp_repr(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_string(format!("mappingproxy({})", vm.repr_string(target(vm, args)?)?)))
}
fn mp_eq(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    vm.rich_compare(target(vm, args)?, &args[1], crate::vm::compare::CmpOp::Eq)
}

pub fn init(_vm: &Vm) {
    let t = &builtin_types().mappingproxy;
    super::def_staticmethod(t, "__new__", mp_new);
    def(t, "__getitem__", mp_getitem);
    def(t, "__contains__", mp_contains);
    def(t, "__len__", mp_len);
    def(t, "__iter__", mp_iter);
    def(t, "__repr__", mp_repr);
    def(t, "__eq__", mp_eq);
    def(t, "get", mp_get);
    def(t, "keys", mp_keys);
    def(t, "values", mp_values);
    def(t, "items", mp_items);
    def(t, "copy", mp_copy);
    super::set_type_attr(t, "__hash__", object::none());
}
