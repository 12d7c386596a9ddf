//! The `time` module: clocks and sleep.

use std::time::{Instant, SystemTime, UNIX_EPOCH};

use super::new_module;
use crate::builtins::{arity, def_in};
use crate::object::{self, ObjRef, PyResult};
use crate::vm::Vm;

thread_local! {
    static START: Instant = Instant::now();
}

fn since_start() -> std::time::Duration {
    START.with(|s| s.elapsed())
}

fn now() -> std::time::Duration {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default()
}

fn time(_vm: &Vm, _args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_float(now().as_secs_f64()))
}
fn time_ns(_vm: &Vm, _args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_bigint(dashu_int::IBig::from(now().as_nanos())))
}
fn perf_counter(_vm: &Vm, _args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_float(since_start().as_secs_f64()))
}
fn perf_counter_ns(_vm: &Vm, _args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_bigint(dashu_int::IBig::from(since_start().as_nanos())))
}
fn sleep(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    arity(vm, "sleep", args, kw, 1, 1)?;
    let secs = crate::builtins::float::float_from(vm, &args[0])?;
    if secs < 0.0 {
        return Err(vm.value_error("sleep length must be non-negative"));
    }
    vm.flush_stdout();
    std::thread::sleep(std::time::Duration::from_secs_f64(secs));
    Ok(object::none())
}

pub fn make(vm: &Vm) -> PyResult {
    let m = new_module(vm, "time");
    let fns: &[(&'static str, object::NativeFn)] = &[
        ("time", time),
        ("time_ns", time_ns),
        ("perf_counter", perf_counter),
        ("perf_counter_ns", perf_counter_ns),
        ("monotonic", perf_counter),
        ("monotonic_ns", perf_counter_ns),
        ("process_time", perf_counter),
        ("sleep", sleep),
    ];
    for (n, f) in fns {
        def_in(vm, &m, n, *f);
    }
    Ok(m)
}
