//! LOAD_GLOBAL's cache (what CPython 3.11's LOAD_GLOBAL_MODULE and LOAD_GLOBAL_BUILTIN
//! specialisations do): one entry per name of a code object.
//!
//! Invariant: an entry whose globals (address, version) pair equals that of the running
//! frame's globals, and, unless the value was found in the globals, whose builtins pair
//! equals that of the builtins, holds the address of the value that the lookup (globals,
//! then builtins) finds there. Dict versions change at every mutation to a number no
//! dict of the thread has had, so the dicts compared have not changed since the entry
//! was filled and the value is still held by the dict it was found in (a value found in
//! the globals shadows the builtins, so they need no comparison).

use std::cell::Cell;

use crate::object::{ObjRef, PyObject};

pub struct GlobalSite {
    globals: Cell<(usize, u64)>,
    builtins: Cell<(usize, u64)>,
    /// Borrowed from the dict that holds it (null: empty).
    value: Cell<*const PyObject>,
    /// Whether `value` was found in the globals (the builtins are then not compared).
    in_globals: Cell<bool>,
}

impl Default for GlobalSite {
    fn default() -> GlobalSite {
        GlobalSite { globals: Cell::new((0, 0)), builtins: Cell::new((0, 0)), value: Cell::new(std::ptr::null()), in_globals: Cell::new(false) }
    }
}

/// A dict's (address, version), None for anything else (or a dict being changed).
#[inline(always)]
fn dict_state(d: &PyObject) -> Option<(usize, u64)> {
    Some((d.addr(), crate::memory::dict_version(d.as_dict()?)?))
}

impl GlobalSite {
    /// The cached value (a new reference) if both dicts are as they were at `fill`.
    #[inline]
    pub fn get(&self, globals: &PyObject, builtins: &PyObject) -> Option<ObjRef> {
        let v = self.value.get();
        if v.is_null() || dict_state(globals)? != self.globals.get() || (!self.in_globals.get() && dict_state(builtins)? != self.builtins.get()) {
            return None;
        }
        Some(ObjRef::from_borrowed(crate::memory::deref_table_ptr(v)))
    }

    /// Remembers `value`, just found by the lookup of `name` in `globals` or `builtins`
    /// (which ran no code since).
    pub fn fill(&self, globals: &ObjRef, builtins: &PyObject, name: &ObjRef, value: &ObjRef) {
        if let (Some(g), Some(b)) = (dict_state(globals), dict_state(builtins)) {
            self.globals.set(g);
            self.builtins.set(b);
            self.value.set(&**value as *const PyObject);
            self.in_globals.set(crate::builtins::dict::dict_get_name(globals, name).is_some_and(|v| v.is(value)));
        }
    }
}
