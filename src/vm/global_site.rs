//! LOAD_GLOBAL's cache (what CPython 3.11's LOAD_GLOBAL_MODULE and LOAD_GLOBAL_BUILTIN
//! specialisations do): one entry per name of a code object.
//!
//! Invariant: an entry whose globals and builtins (address, version) pairs equal those
//! of the running frame's dicts holds the address of the value that the lookup (globals,
//! then builtins) finds there. Dict versions change at every mutation to a number no
//! dict of the thread has had, so neither dict has changed since the entry was filled
//! and the value is still held by the dict it was found in.

use std::cell::Cell;

use crate::object::{ObjRef, PyObject};

pub struct GlobalSite {
    globals: Cell<(usize, u64)>,
    builtins: Cell<(usize, u64)>,
    /// Borrowed from the dict that holds it (null: empty).
    value: Cell<*const PyObject>,
}

impl Default for GlobalSite {
    fn default() -> GlobalSite {
        GlobalSite { globals: Cell::new((0, 0)), builtins: Cell::new((0, 0)), value: Cell::new(std::ptr::null()) }
    }
}

/// A dict's (address, version), None for anything else.
#[inline]
fn dict_state(d: &PyObject) -> Option<(usize, u64)> {
    let t = d.as_dict()?.try_borrow().ok()?;
    Some((d.addr(), t.version))
}

impl GlobalSite {
    /// The cached value (a new reference) if both dicts are as they were at `fill`.
    #[inline]
    pub fn get(&self, globals: &PyObject, builtins: &PyObject) -> Option<ObjRef> {
        let v = self.value.get();
        if v.is_null() || dict_state(globals)? != self.globals.get() || dict_state(builtins)? != self.builtins.get() {
            return None;
        }
        Some(ObjRef::from_borrowed(crate::memory::deref_table_ptr(v)))
    }

    /// Remembers `value`, just found by the lookup in `globals` or `builtins` (which
    /// ran no code since).
    pub fn fill(&self, globals: &PyObject, builtins: &PyObject, value: &ObjRef) {
        if let (Some(g), Some(b)) = (dict_state(globals), dict_state(builtins)) {
            self.globals.set(g);
            self.builtins.set(b);
            self.value.set(&**value as *const PyObject);
        }
    }
}
