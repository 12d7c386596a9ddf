//! `str` payload, the one-character and empty-string singletons, and the intern table.
//!
//! Invariants:
//! - `nchars` is the number of code points; `is_ascii` means byte index == char index.
//! - `hash` is computed once (-1 means not yet computed; a computed hash is never -1).
//! - The intern table maps content to the one interned object without owning a counted
//!   reference (interned strings are mortal): deallocating an interned string removes it.

use std::cell::{Cell, RefCell};
use std::hash::{BuildHasher, Hasher};

use ahash::AHashSet;

use super::{ObjRef, Payload, PyObject};
use crate::object::types::{builtin_types as bt, singletons as sg};

pub struct StrData {
    pub s: Box<str>,
    pub hash: Cell<i64>,
    pub nchars: usize,
    pub is_ascii: bool,
    pub interned: Cell<bool>,
    /// Where this string was last found as a key of an exact dict by name lookup (an
    /// entry index, see `DictTable::find_name`): only a hint, checked before use.
    pub name_hint: Cell<u32>,
}

impl StrData {
    pub fn new(s: Box<str>) -> StrData {
        let is_ascii = s.is_ascii();
        let nchars = if is_ascii { s.len() } else { s.chars().count() };
        StrData { s, hash: Cell::new(-1), nchars, is_ascii, interned: Cell::new(false), name_hint: Cell::new(0) }
    }
    pub fn hash(&self) -> i64 {
        let h = self.hash.get();
        if h != -1 {
            return h;
        }
        let h = str_hash(&self.s);
        self.hash.set(h);
        h
    }
    /// The `i`-th code point (0 <= i < nchars).
    pub fn char_at(&self, i: usize) -> char {
        if self.is_ascii {
            self.s.as_bytes()[i] as char
        } else {
            self.s.chars().nth(i).unwrap_or('\0')
        }
    }
    /// Substring of code points `start..end` (both within bounds).
    pub fn substr(&self, start: usize, end: usize) -> &str {
        if self.is_ascii {
            &self.s[start..end]
        } else {
            let mut it = self.s.char_indices();
            let b0 = it.clone().nth(start).map(|(b, _)| b).unwrap_or(self.s.len());
            let b1 = if end >= self.nchars {
                self.s.len()
            } else {
                it.nth(end).map(|(b, _)| b).unwrap_or(self.s.len())
            };
            &self.s[b0..b1]
        }
    }
}

thread_local! {
    static HASHER: ahash::RandomState = ahash::RandomState::with_seeds(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344);
    static INTERNED: RefCell<AHashSet<Interned>> = RefCell::new(AHashSet::new());
}

/// An intern table entry: an interned string object, hashed and compared by its text,
/// so the table keeps no copy of the text. Invariant: the table holds only live strings
/// (`intern_remove` runs before an interned string's block is freed).
#[derive(Clone, Copy)]
struct Interned(*const PyObject);

impl Interned {
    fn text(&self) -> &str {
        &unsafe_deref(self.0).as_str_data().expect("the intern table holds strings").s
    }
}

impl std::borrow::Borrow<str> for Interned {
    fn borrow(&self) -> &str {
        self.text()
    }
}

impl std::hash::Hash for Interned {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.text().hash(h)
    }
}

impl PartialEq for Interned {
    fn eq(&self, other: &Interned) -> bool {
        self.text() == other.text()
    }
}

impl Eq for Interned {}

pub fn str_hash(s: &str) -> i64 {
    if s.is_empty() {
        return 0;
    }
    let h = HASHER.with(|st| {
        let mut h = st.build_hasher();
        h.write(s.as_bytes());
        h.finish() as i64
    });
    if h == -1 { -2 } else { h }
}

pub fn bytes_hash(b: &[u8]) -> i64 {
    if b.is_empty() {
        return 0;
    }
    let h = HASHER.with(|st| {
        let mut h = st.build_hasher();
        h.write(b);
        h.finish() as i64
    });
    if h == -1 { -2 } else { h }
}

#[must_use]
pub fn new_str(s: &str) -> ObjRef {
    if let Some(r) = singleton(s) {
        return r;
    }
    ObjRef::new(&bt().str, Payload::Str(StrData::new(s.into())))
}

#[must_use]
pub fn new_string(s: String) -> ObjRef {
    if let Some(r) = singleton(&s) {
        return r;
    }
    ObjRef::new(&bt().str, Payload::Str(StrData::new(s.into_boxed_str())))
}

fn singleton(s: &str) -> Option<ObjRef> {
    let b = s.as_bytes();
    if b.is_empty() {
        return Some(sg().empty_str.clone());
    }
    if b.len() <= 2 {
        let mut it = s.chars();
        if let (Some(c), None) = (it.next(), it.next()) {
            if (c as u32) < 256 {
                return Some(sg().latin1[c as usize].clone());
            }
        }
    }
    None
}

/// Allocates a string object without consulting the singletons (used to build them).
#[must_use]
pub fn new_str_raw(s: &str) -> ObjRef {
    ObjRef::new(&bt().str, Payload::Str(StrData::new(s.into())))
}

/// Returns the interned string equal to `s` (a new reference), creating it if needed.
#[must_use]
pub fn intern(s: &str) -> ObjRef {
    let found = INTERNED.with(|t| t.borrow().get(s).map(|e| e.0));
    if let Some(p) = found {
        // SAFETY-free: the table only holds pointers of live strings (removed on dealloc).
        return ObjRef::from_borrowed(unsafe_deref(p));
    }
    let obj = new_str(s);
    intern_obj(&obj);
    obj
}

/// Interns `obj` in place if no equal string is interned yet; returns the interned one.
#[must_use]
pub fn intern_ref(obj: ObjRef) -> ObjRef {
    let Some(d) = obj.as_str_data() else { return obj };
    if d.interned.get() {
        return obj;
    }
    let found = INTERNED.with(|t| t.borrow().get(&*d.s).map(|e| e.0));
    if let Some(p) = found {
        return ObjRef::from_borrowed(unsafe_deref(p));
    }
    intern_obj(&obj);
    obj
}

fn intern_obj(obj: &ObjRef) {
    if let Some(d) = obj.as_str_data() {
        d.interned.set(true);
        INTERNED.with(|t| t.borrow_mut().insert(Interned(obj.as_ptr())));
    }
}

pub fn is_interned(obj: &PyObject) -> bool {
    obj.as_str_data().map(|d| d.interned.get()).unwrap_or(false)
}

pub(crate) fn intern_remove(s: &str) {
    INTERNED.with(|t| {
        if let Ok(mut t) = t.try_borrow_mut() {
            t.remove(s);
        }
    });
}

fn unsafe_deref<'a>(p: *const PyObject) -> &'a PyObject {
    crate::memory::deref_table_ptr(p)
}
