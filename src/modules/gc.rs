//! The `gc` module: the interface to the cycle collector in `crate::gc`.

use super::{module_dict, new_module};
use crate::builtins::{arity, def_in, parse_args};
use crate::gc::{self, NUM_GENERATIONS};
use crate::object::{self, ObjRef, PyResult};
use crate::vm::Vm;

fn collect(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let a = parse_args(vm, "collect", args, kw, &["generation"], 0)?;
    let g = match &a[0] {
        Some(g) => vm.index(g)?.as_i64().unwrap_or(-1),
        None => 2,
    };
    Ok(object::new_int(gc::collect(vm, g)?))
}
fn enable(_vm: &Vm, _args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    gc::state().enabled.set(true);
    Ok(object::none())
}
fn disable(_vm: &Vm, _args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    gc::state().enabled.set(false);
    Ok(object::none())
}
fn isenabled(_vm: &Vm, _args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_bool(gc::state().enabled.get()))
}
fn is_tracked(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    arity(vm, "is_tracked", args, kw, 1, 1)?;
    Ok(object::new_bool(gc::is_tracked(&args[0])))
}
fn is_finalized(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    arity(vm, "is_finalized", args, kw, 1, 1)?;
    Ok(object::new_bool(gc::is_finalized(&args[0])))
}
fn get_count(_vm: &Vm, _args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let st = gc::state();
    Ok(object::new_tuple(st.count.iter().map(|c| object::new_int(c.get())).collect()))
}
fn get_threshold(_vm: &Vm, _args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let st = gc::state();
    Ok(object::new_tuple(st.threshold.iter().map(|c| object::new_int(c.get())).collect()))
}
fn set_threshold(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    arity(vm, "set_threshold", args, kw, 1, 3)?;
    let st = gc::state();
    for (i, a) in args.iter().enumerate() {
        let v = vm.index(a)?.as_i64().ok_or_else(|| vm.overflow_error("Python int too large to convert to C int"))?;
        st.threshold[i].set(v);
    }
    Ok(object::none())
}
fn get_objects(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let a = parse_args(vm, "get_objects", args, kw, &["generation"], 0)?;
    let g = match &a[0] {
        Some(g) if !g.is_none() => {
            let v = vm.index(g)?.as_i64().unwrap_or(-1);
            if v >= NUM_GENERATIONS as i64 {
                return Err(vm.value_error(format!("generation parameter must be less than the number of available generations ({})", NUM_GENERATIONS)));
            }
            if v < 0 {
                return Err(vm.value_error("generation parameter cannot be negative"));
            }
            Some(v as usize)
        }
        _ => None,
    };
    Ok(object::new_list(gc::objects(g)))
}
fn get_stats(vm: &Vm, _args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let stats = *gc::state().stats.borrow();
    let mut out = Vec::new();
    for s in stats.iter() {
        let d = object::new_dict();
        vm.dict_set(&d, object::str::intern("collections"), object::new_int(s.collections))?;
        vm.dict_set(&d, object::str::intern("collected"), object::new_int(s.collected))?;
        vm.dict_set(&d, object::str::intern("uncollectable"), object::new_int(s.uncollectable))?;
        out.push(d);
    }
    Ok(object::new_list(out))
}
fn get_referrers(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let mut out = Vec::new();
    for o in gc::objects(None) {
        let mut hit = false;
        crate::gc::traverse::traverse(&o, &mut |x| {
            if args.iter().any(|a| a.is(x)) {
                hit = true;
            }
        });
        if hit {
            out.push(o);
        }
    }
    Ok(object::new_list(out))
}
fn get_referents(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let mut out = Vec::new();
    for a in args {
        if a.has_gc_head() {
            out.extend(gc::referents(a));
        }
    }
    Ok(object::new_list(out))
}
fn freeze(_vm: &Vm, _args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    gc::freeze();
    Ok(object::none())
}
fn unfreeze(_vm: &Vm, _args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    gc::unfreeze();
    Ok(object::none())
}
fn get_freeze_count(_vm: &Vm, _args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_int(gc::freeze_count() as i64))
}
fn set_debug(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    arity(vm, "set_debug", args, kw, 1, 1)?;
    gc::state().debug.set(vm.index(&args[0])?.as_i64().unwrap_or(0));
    Ok(object::none())
}
fn get_debug(_vm: &Vm, _args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_int(gc::state().debug.get()))
}

pub fn make(vm: &Vm) -> PyResult {
    let m = new_module(vm, "gc");
    let d = module_dict(&m).clone();
    let fns: &[(&'static str, object::NativeFn)] = &[
        ("collect", collect),
        ("enable", enable),
        ("disable", disable),
        ("isenabled", isenabled),
        ("is_tracked", is_tracked),
        ("is_finalized", is_finalized),
        ("get_count", get_count),
        ("get_threshold", get_threshold),
        ("set_threshold", set_threshold),
        ("get_objects", get_objects),
        ("get_stats", get_stats),
        ("get_referrers", get_referrers),
        ("get_referents", get_referents),
        ("freeze", freeze),
        ("unfreeze", unfreeze),
        ("get_freeze_count", get_freeze_count),
        ("set_debug", set_debug),
        ("get_debug", get_debug),
    ];
    for (n, f) in fns {
        def_in(vm, &m, n, *f);
    }
    let st = gc::state();
    let garbage = st.garbage.borrow().clone().unwrap_or_else(|| object::new_list(vec![]));
    let callbacks = st.callbacks.borrow().clone().unwrap_or_else(|| object::new_list(vec![]));
    *st.garbage.borrow_mut() = Some(garbage.clone());
    *st.callbacks.borrow_mut() = Some(callbacks.clone());
    let set = |k: &str, v: ObjRef| vm.dict_set(&d, object::str::intern(k), v);
    set("garbage", garbage)?;
    set("callbacks", callbacks)?;
    set("DEBUG_STATS", object::new_int(gc::DEBUG_STATS))?;
    set("DEBUG_COLLECTABLE", object::new_int(gc::DEBUG_COLLECTABLE))?;
    set("DEBUG_UNCOLLECTABLE", object::new_int(gc::DEBUG_UNCOLLECTABLE))?;
    set("DEBUG_SAVEALL", object::new_int(gc::DEBUG_SAVEALL))?;
    set("DEBUG_LEAK", object::new_int(gc::DEBUG_LEAK))?;
    Ok(m)
}
