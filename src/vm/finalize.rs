//! Finalization at refcount zero: `__del__` (at most once per object, PEP 442) and
//! closing suspended generators; "Exception ignored in" reporting; clearing module
//! namespaces at interpreter exit.

use super::Vm;
use crate::memory;
use crate::object::{self, ObjRef, Payload};

/// Starts running finalizers on `vm`. The caller calls `uninstall` before dropping it.
pub fn install(vm: &Vm) {
    memory::set_current_vm(vm as *const Vm);
    memory::set_finalizer(finalize);
}

pub fn uninstall() {
    memory::set_current_vm(std::ptr::null());
}

/// The finalizer hook: runs with `obj` temporarily resurrected (one reference).
fn finalize(obj: &ObjRef) -> bool {
    let Some(vm) = memory::current_vm() else { return false };
    run_finalizer(vm, obj);
    // __del__ runs first; then, unless it resurrected the object, its weak references
    // are cleared and their callbacks called.
    if obj.refcnt() == 1 && crate::modules::weakref::has_weakrefs(obj) {
        crate::modules::weakref::clear_weakrefs(vm, obj);
    }
    false
}

/// Clears weak references to the unreachable objects before any finalizer runs and
/// calls the callbacks of weakrefs that are not garbage themselves. Returns the number
/// of weakref objects freed after their callbacks.
pub fn handle_weakrefs(vm: &Vm, unreachable: &crate::gc::list::GcList, _old: &crate::gc::list::GcList) -> i64 {
    let objs: Vec<ObjRef> = unreachable.heads().into_iter().map(|h| ObjRef::from_borrowed(crate::gc::list::object_of(h))).collect();
    let refs: Vec<&crate::memory::PyObject> = objs.iter().map(|o| &**o).collect();
    crate::modules::weakref::handle_weakrefs(vm, &refs)
}

/// Runs `obj`'s finalizer (`__del__`, or closing a suspended generator) unless it already
/// ran; exceptions are reported as unraisable.
pub fn run_finalizer(vm: &Vm, obj: &ObjRef) {
    match obj.payload() {
        Payload::Generator(g) => {
            if !crate::gc::set_finalized(obj) {
                return;
            }
            let suspended = {
                let st = g.borrow();
                st.started && st.frame.is_some() && !st.running
            };
            if suspended {
                if let Err(e) = vm.gen_close(obj) {
                    let what = vm.repr_string(obj).unwrap_or_default();
                    vm.write_unraisable(&e, &what);
                }
            }
        }
        _ => {
            let td = obj.type_data();
            if !td.heap {
                return;
            }
            let Some(del) = td.lookup("__del__") else { return };
            if !crate::gc::set_finalized(obj) {
                return;
            }
            // A pending exception must survive the finalizer (CPython saves and
            // restores it around tp_finalize).
            let saved = vm.exc_info.borrow().clone();
            if let Err(e) = vm.call(&del, std::slice::from_ref(&obj), None) {
                let what = vm.repr_string(&del).unwrap_or_default();
                vm.write_unraisable(&e, &what);
            }
            *vm.exc_info.borrow_mut() = saved;
        }
    }
}

impl Vm {
    /// Reports an exception that cannot propagate (CPython's `PyErr_WriteUnraisable`).
    pub fn write_unraisable(&self, e: &super::PyErr, where_: &str) {
        let mut s = format!("Exception ignored in: {}\n", where_);
        s.push_str(&self.format_exception(&e.exc));
        self.write_stderr(&s);
    }

    /// Clears module namespaces at exit so that `__del__` methods run, as CPython's
    /// `_PyModule_ClearDict`: names starting with one underscore first, then the others
    /// (`__builtins__` last), each pass in insertion order.
    pub fn clear_modules_at_exit(&self) {
        // CPython collects garbage once before clearing module namespaces (so cycles
        // with __del__ are finalized first), then clears `__main__` and the other
        // modules, most recently imported first, then collects again.
        crate::gc::collect_with_callback(self, 2);
        let modules: Vec<(ObjRef, ObjRef)> = crate::builtins::dict::dict_items(&self.modules);
        let main = modules.iter().find(|(k, _)| k.as_str() == Some("__main__")).map(|(_, m)| m.clone());
        if let Some(m) = &main {
            if let Payload::Module(md) = m.payload() {
                clear_module_dict(self, &md.dict);
            }
        }
        for (k, m) in modules.iter().rev() {
            if matches!(k.as_str(), Some("__main__") | Some("sys") | Some("builtins")) {
                continue;
            }
            if let Payload::Module(md) = m.payload() {
                clear_module_dict(self, &md.dict);
            }
        }
        crate::gc::collect_with_callback(self, 2);
    }

    /// Tears the interpreter's own namespaces down after `clear_modules_at_exit`, so that
    /// only the permanent objects (types, singletons) remain; the leak check counts
    /// what is left.
    pub fn teardown(&self) {
        // Every module but sys and builtins goes (they and their contents predate the program).
        let names: Vec<ObjRef> =
            crate::builtins::dict::dict_items(&self.modules).into_iter().map(|(k, _)| k).filter(|k| !matches!(k.as_str(), Some("sys") | Some("builtins"))).collect();
        for k in names {
            let _ = self.dict_del(&self.modules, &k);
        }
        self.exc_info.borrow_mut().take();
        // CPython clears sys and builtins last, when `print` and sys.stderr are gone: the
        // finalizers of what the program left there run without visible effect.
        let running = memory::current_vm().is_some();
        uninstall();
        self.restore_namespaces();
        if running {
            install(self);
        }
        self.sources.borrow_mut().clear();
        let pool = self.frame_pool.take();
        self.frame_pool_len.set(0);
        drop(pool);
        crate::gc::release_module_state();
        crate::gc::collect_with_callback(self, 2);
        crate::object::types::clear_attr_cache();
    }
}

/// The items of the sys and builtins dicts, and the contents of every list among their
/// values (`sys.path`, `sys.argv`, ...), at the moment the program started. Holding them
/// keeps those objects alive for the interpreter's life, as the namespaces themselves do.
pub struct NamespaceSnapshot {
    dicts: Vec<(ObjRef, Vec<(ObjRef, ObjRef)>)>,
    lists: Vec<(ObjRef, Vec<ObjRef>)>,
}

impl Vm {
    /// Takes the snapshot `teardown` restores (replacing an earlier one).
    pub fn snapshot_namespaces(&self) {
        let mut snap = NamespaceSnapshot { dicts: Vec::new(), lists: Vec::new() };
        let sys = self.sys.borrow().clone();
        for d in sys.iter().map(|m| crate::modules::module_dict(m).clone()).chain([self.builtins.clone()]) {
            let items = crate::builtins::dict::dict_items(&d);
            for (_, v) in &items {
                if let Payload::List(l) = v.payload() {
                    snap.lists.push((v.clone(), l.borrow().clone()));
                }
            }
            snap.dicts.push((d, items));
        }
        *self.namespace_snapshot.borrow_mut() = Some(snap);
    }

    /// Puts the sys and builtins namespaces back as `snapshot_namespaces` saw them, so that
    /// objects the program stored there (`sys.x = obj`, `sys.path.append(p)`) are released.
    fn restore_namespaces(&self) {
        let Some(snap) = self.namespace_snapshot.borrow().as_ref().map(|s| (s.dicts.clone(), s.lists.clone())) else { return };
        let (dicts, lists) = snap;
        for (list, items) in lists {
            if let Payload::List(l) = list.payload() {
                let old = std::mem::replace(&mut *l.borrow_mut(), items);
                drop(old);
            }
        }
        for (d, items) in dicts {
            let keep: std::collections::HashSet<usize> = items.iter().map(|(k, _)| k.addr()).collect();
            let extra: Vec<ObjRef> = crate::builtins::dict::dict_items(&d).into_iter().map(|(k, _)| k).filter(|k| !keep.contains(&k.addr())).collect();
            for k in extra {
                let _ = self.dict_del(&d, &k);
            }
            for (k, v) in items {
                let _ = self.dict_set(&d, k, v);
            }
        }
    }
}

fn clear_module_dict(vm: &Vm, d: &ObjRef) {
    let items = crate::builtins::dict::dict_items(d);
    let names: Vec<ObjRef> = items.into_iter().map(|(k, _)| k).collect();
    drop_values(vm, d, names.iter().filter(|k| k.as_str().map(|s| s.starts_with('_') && !s.starts_with("__")).unwrap_or(false)));
    drop_values(vm, d, names.iter().filter(|k| k.as_str().map(|s| !s.starts_with('_') || s.starts_with("__") && s != "__builtins__").unwrap_or(false)));
}

fn drop_values<'a>(vm: &Vm, d: &ObjRef, keys: impl Iterator<Item = &'a ObjRef>) {
    for k in keys {
        let _ = vm.dict_set(d, k.clone(), object::none());
    }
}
