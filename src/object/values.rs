//! Inline instance values: the attributes of an instance of a Python class kept in the
//! instance itself, under names its class shares among all its instances (CPython
//! 3.11's `PyDictValues` with the type's cached shared keys).
//!
//! Invariants:
//! - A type whose instances keep values inline (`TypeData::inline_values`: a heap class
//!   of the plain object layout whose instances have a `__dict__`) owns `shared_keys`,
//!   an append-only list of exact str names, at most `MAX_SHARED_KEYS` long: the index
//!   of a name never changes while the type lives.
//! - An instance of such a type is in *values mode* while it has no dict object: the
//!   value of shared key `i` is then entry `nslots + i` of its `Payload::Object` vector
//!   (`None`: not set). The attributes set, taken in key order, are in the order they
//!   were set, so a dict built from them (`materialize`) has the insertion order the
//!   instance dict would have had.
//! - Once an instance has a dict (it was materialized, assigned, or the instance was
//!   never in values mode), its vector holds only its slots and the dict holds every
//!   attribute; the instance never returns to values mode while the dict is there.
//!
//! For the collector, values mode is what an unexposed managed dict is (see
//! `gc::new_managed_dict`): the values are visited through the instance and no dict
//! object exists for CPython, so none is counted.

use std::cell::{Cell, RefCell};

use super::str::StrData;
use super::types::{builtin_types, TypeData};
use super::{ObjRef, Payload, PyObject};

/// The most names a class shares among its instances (CPython's SHARED_KEYS_MAX_SIZE).
pub const MAX_SHARED_KEYS: usize = 30;

/// The slot-and-values vector of `obj` and its type, when the type keeps values inline
/// (whether or not `obj` is in values mode right now).
#[inline]
fn values_of(obj: &PyObject) -> Option<(&RefCell<Vec<Option<ObjRef>>>, &TypeData)> {
    let Payload::Object(v) = obj.payload() else { return None };
    let td = obj.type_data();
    td.inline_values.get().then_some((v, td))
}

/// `name` as an exact str: only such names are shared keys.
#[inline]
fn exact_str(name: &PyObject) -> Option<&StrData> {
    let s = name.as_str_data()?;
    name.ty().is(&builtin_types().str).then_some(s)
}

/// Marks a hint that records a miss: the low bits are how many shared keys there were.
const MISS: u32 = 1 << 31;

/// The index of `name` among the shared keys of `td`. `hint` is what the caller last
/// learnt about the name for this type: an index (checked before use), or `MISS` with
/// the number of keys then, which still answers "absent" while no key has been added
/// (keys are only ever appended). A caller that may see several types resets its hint
/// when the type changes.
#[inline]
fn key_index(td: &TypeData, name: &PyObject, hint: &Cell<u32>) -> Option<usize> {
    let keys = td.shared_keys.borrow();
    let h = hint.get();
    if h & MISS == 0 {
        if keys.get(h as usize).is_some_and(|k| k.is(name)) {
            return Some(h as usize);
        }
    } else if (h & !MISS) as usize == keys.len() {
        return None;
    }
    search_keys(&keys, name, hint)
}

/// `key_index` when the hint does not answer: a search by identity, then by content.
#[cold]
#[inline(never)]
fn search_keys(keys: &[ObjRef], name: &PyObject, hint: &Cell<u32>) -> Option<usize> {
    let found = exact_str(name).and_then(|n| keys.iter().position(|k| k.is(name) || k.as_str_data().is_some_and(|ks| ks.hash() == n.hash() && ks.s == n.s)));
    hint.set(found.map_or(MISS | keys.len() as u32, |i| i as u32));
    found
}

/// Whether `hint` (see `key_index`) records that a name is not a shared key of `td`.
#[inline(always)]
pub fn known_missing(td: &TypeData, hint: u32) -> bool {
    hint & MISS != 0 && (hint & !MISS) as usize == td.shared_keys.borrow().len()
}

/// The value of attribute `name` of `obj` if `obj` is in values mode and has it set (a
/// new reference). `None` says nothing about a dict: the caller looks there next.
#[inline]
pub fn get(obj: &PyObject, name: &PyObject, hint: &Cell<u32>) -> Option<ObjRef> {
    let (cell, td) = values_of(obj)?;
    if obj.has_dict() {
        return None;
    }
    let i = key_index(td, name, hint)?;
    cell.borrow().get(td.nslots.get() + i)?.clone()
}

/// The index of `name` among the shared keys of `td`, if it is one.
pub fn key_of(td: &TypeData, name: &PyObject) -> Option<usize> {
    key_index(td, name, &Cell::new(MISS))
}

/// Sets attribute `name` of `obj` in its values. `Ok(old)`: done, `old` is the replaced
/// value for the caller to drop. `Err(value)`: `obj` is not in values mode, or the name
/// cannot go inline (not an exact str, no room for another shared key, or setting it
/// would break the insertion order): the caller stores into the instance dict instead.
/// After `Ok`, `hint` is the name's key index.
pub fn set(obj: &PyObject, name: &ObjRef, value: ObjRef, hint: &Cell<u32>) -> Result<Option<ObjRef>, ObjRef> {
    let Some((cell, td)) = values_of(obj) else { return Err(value) };
    if obj.has_dict() {
        return Err(value);
    }
    let i = match key_index(td, name, hint) {
        Some(i) => i,
        None => {
            let mut keys = td.shared_keys.borrow_mut();
            if keys.len() >= MAX_SHARED_KEYS || exact_str(name).is_none() {
                return Err(value);
            }
            keys.push(name.clone());
            hint.set((keys.len() - 1) as u32);
            keys.len() - 1
        }
    };
    let at = td.nslots.get() + i;
    let mut v = cell.borrow_mut();
    if at < v.len() {
        if v[at].is_some() {
            return Ok(v[at].replace(value));
        }
        // A new attribute must come after every attribute already set.
        if v[at + 1..].iter().any(Option::is_some) {
            return Err(value);
        }
        v[at] = Some(value);
    } else {
        store_past_end(&mut v, td, at, value);
    }
    Ok(None)
}

/// Stores a new attribute at `at`, at or past the end of an instance's values `v` (of
/// type `td`), the slots between staying unset; the first store reserves room for
/// every shared key of the type, as attributes are usually all set by `__init__`.
#[inline(always)]
pub fn store_past_end(v: &mut Vec<Option<ObjRef>>, td: &TypeData, at: usize, value: ObjRef) {
    debug_assert!(at >= v.len());
    if v.capacity() == 0 {
        v.reserve_exact(td.nslots.get() + td.shared_keys.borrow().len());
    }
    if at > v.len() {
        v.resize_with(at, || None);
    }
    v.push(Some(value));
}

/// Ends values mode for `obj`: moves its values, in key order, into a new managed dict
/// that becomes its instance dict. Does nothing unless `obj` is in values mode.
/// Invariant after: `obj` has a dict holding every attribute, and only slots in its vector.
pub fn materialize(obj: &PyObject) {
    let Some((cell, td)) = values_of(obj) else { return };
    if obj.has_dict() {
        return;
    }
    let values = {
        let mut v = cell.borrow_mut();
        let n = td.nslots.get().min(v.len());
        v.split_off(n)
    };
    let d = crate::gc::new_managed_dict();
    {
        let keys = td.shared_keys.borrow();
        for (k, v) in keys.iter().zip(values) {
            if let Some(v) = v {
                crate::builtins::dict::dict_set_name(&d, k, v);
            }
        }
    }
    drop(obj.set_dict(Some(d)));
}

/// The vector capacity a new instance of `td` starts with: its slots, and room for the
/// values of every name its class has seen so far.
#[inline]
pub fn initial_capacity(td: &TypeData) -> usize {
    td.nslots.get() + if td.inline_values.get() { td.shared_keys.borrow().len() } else { 0 }
}
