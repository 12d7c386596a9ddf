//! The insertion-ordered hash table behind `dict` (CPython's compact dict: an index
//! table over an append-only entry vector).
//!
//! Invariants:
//! - `indices.len()` is 0 or a power of two; a slot is EMPTY, DUMMY or an index into
//!   `entries`; `entries[i]` is None once deleted.
//! - `used` counts live entries; `fill` counts non-EMPTY slots; deleted entries keep
//!   their position in `entries` (only popitem drops trailing ones), so `fill <=
//!   entries.len()`; the index table is grown before `entries.len()` reaches 2/3 of its size.
//! - `version` changes on every mutation, to a number no table of this thread has had
//!   (0 only for a table never changed, hence empty): a lookup that released its borrow
//!   to run a Python `__eq__` can tell the table changed under it and restart, and a
//!   cache keyed by a dict's address and version knows the dict is as it was.
//! - Lookups that may run Python code (`lookup`, `set_item`, `del_item`) take the table
//!   behind its `RefCell` and never hold the borrow across the comparison.

use std::cell::RefCell;

use super::str::StrData;
use super::{ObjRef, PyResult};
use crate::memory::PyObject;

pub type EqFn<'a> = &'a dyn Fn(&ObjRef, &ObjRef) -> PyResult<bool>;

const EMPTY: i32 = -1;
const DUMMY: i32 = -2;
const PERTURB_SHIFT: u32 = 5;

pub struct DictEntry {
    pub hash: i64,
    pub key: ObjRef,
    pub value: ObjRef,
}

thread_local! {
    static NEXT_VERSION: std::cell::Cell<u64> = const { std::cell::Cell::new(1) };
}

/// A version no table of this thread has had yet.
#[inline]
fn next_version() -> u64 {
    NEXT_VERSION.with(|n| {
        let v = n.get();
        n.set(v + 1);
        v
    })
}

#[derive(Default)]
pub struct DictTable {
    indices: Vec<i32>,
    pub entries: Vec<Option<DictEntry>>,
    used: usize,
    fill: usize,
    pub version: u64,
}

enum Probe {
    Found(usize),
    Missing,
    Compare { entry: usize, key: ObjRef, state: (usize, u64) },
}

impl DictTable {
    pub fn with_capacity(n: usize) -> DictTable {
        let mut t = DictTable::default();
        if n > 0 {
            let mut size = 8;
            while size * 2 < n * 3 {
                size *= 2;
            }
            t.indices = vec![EMPTY; size];
            t.entries.reserve(n);
        }
        t
    }
    pub fn len(&self) -> usize {
        self.used
    }
    /// Slots of the index table.
    pub fn index_capacity(&self) -> usize {
        self.indices.len()
    }
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// One step of the probe sequence starting at `state`, resolving what can be decided
    /// without running Python code.
    fn probe(&self, key: &ObjRef, hash: i64, mut state: (usize, u64), fast: &dyn Fn(&ObjRef, &ObjRef) -> Option<bool>) -> Probe {
        if self.indices.is_empty() {
            return Probe::Missing;
        }
        let mask = self.indices.len() - 1;
        loop {
            let (i, perturb) = state;
            let ix = self.indices[i & mask];
            let next_perturb = perturb >> PERTURB_SHIFT;
            let next = ((i.wrapping_mul(5)).wrapping_add(1).wrapping_add(next_perturb as usize) & mask, next_perturb);
            if ix == EMPTY {
                return Probe::Missing;
            }
            if ix >= 0 {
                if let Some(e) = &self.entries[ix as usize] {
                    if e.hash == hash {
                        if e.key.is(key) {
                            return Probe::Found(ix as usize);
                        }
                        match fast(&e.key, key) {
                            Some(true) => return Probe::Found(ix as usize),
                            Some(false) => {}
                            None => return Probe::Compare { entry: ix as usize, key: e.key.clone(), state: next },
                        }
                    }
                }
            }
            state = next;
        }
    }

    fn start(hash: i64) -> (usize, u64) {
        (hash as u64 as usize, hash as u64)
    }

    /// Index of the entry whose key equals `key`, running `eq` (with the table unborrowed)
    /// when identity and the fast comparisons cannot decide.
    pub fn lookup(cell: &RefCell<DictTable>, key: &ObjRef, hash: i64, fast: &dyn Fn(&ObjRef, &ObjRef) -> Option<bool>, eq: EqFn) -> PyResult<Option<usize>> {
        'restart: loop {
            let mut state = DictTable::start(hash);
            loop {
                let (probe, version) = {
                    let t = cell.borrow();
                    (t.probe(key, hash, state, fast), t.version)
                };
                match probe {
                    Probe::Found(i) => return Ok(Some(i)),
                    Probe::Missing => return Ok(None),
                    Probe::Compare { entry, key: ekey, state: next } => {
                        let same = eq(&ekey, key)?;
                        let t = cell.borrow();
                        if t.version != version {
                            continue 'restart;
                        }
                        if same {
                            return Ok(Some(entry));
                        }
                        drop(t);
                        state = next;
                    }
                }
            }
        }
    }

    /// Looks up a key known to be a `str` by content only (no Python code runs).
    pub fn get_str(&self, key: &str, hash: i64) -> Option<&ObjRef> {
        self.find_str(key, hash).and_then(|i| self.entries[i].as_ref().map(|e| &e.value))
    }

    /// Index of the entry for the str object `key` (by content, as `find_str`), trying
    /// the key's name hint first: an entry whose key is the very same object is that
    /// key's entry, since a dict holds each key once, so a hit needs no hashing or
    /// probing. Name lookups of one name mostly hit the same dict at the same index (a
    /// loop's variable, one attribute of many instances built alike).
    #[inline]
    pub fn find_name(&self, key: &PyObject, k: &StrData) -> Option<usize> {
        self.find_name_hinted(key, k, &k.name_hint)
    }

    /// `find_name` with the entry-index hint kept by the caller (an attribute site
    /// remembers where its name sits in the instances' dicts); updated on a miss.
    #[inline]
    pub fn find_name_hinted(&self, key: &PyObject, k: &StrData, hint: &std::cell::Cell<u32>) -> Option<usize> {
        let h = hint.get() as usize;
        if let Some(Some(e)) = self.entries.get(h) {
            if std::ptr::eq(&*e.key, key) {
                return Some(h);
            }
        }
        let found = self.find_str(&k.s, k.hash());
        if let Some(i) = found {
            hint.set(i as u32);
        }
        found
    }

    /// Index of the entry whose key is a str equal to `key` (content comparison only).
    pub fn find_str(&self, key: &str, hash: i64) -> Option<usize> {
        if self.indices.is_empty() {
            return None;
        }
        let mask = self.indices.len() - 1;
        let (mut i, mut perturb) = DictTable::start(hash);
        loop {
            let ix = self.indices[i & mask];
            if ix == EMPTY {
                return None;
            }
            if ix >= 0 {
                if let Some(e) = &self.entries[ix as usize] {
                    // The same (interned) string object answers without comparing bytes.
                    if e.hash == hash && e.key.as_str().is_some_and(|k| std::ptr::eq(k, key) || k == key) {
                        return Some(ix as usize);
                    }
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize) & mask;
        }
    }

    /// Appends a new entry for a key known to be absent.
    pub fn insert_new(&mut self, hash: i64, key: ObjRef, value: ObjRef) {
        // Deleted entries keep their slot in `entries` until a resize compacts them, so
        // the entry count (never below `fill`) bounds growth (CPython's dk_usable).
        if self.indices.is_empty() || (self.entries.len() + 1) * 3 > self.indices.len() * 2 {
            self.resize((self.used + 1) * 3);
        }
        let mask = self.indices.len() - 1;
        let (mut i, mut perturb) = DictTable::start(hash);
        loop {
            let slot = i & mask;
            if self.indices[slot] < 0 {
                if self.indices[slot] == EMPTY {
                    self.fill += 1;
                }
                self.indices[slot] = self.entries.len() as i32;
                break;
            }
            perturb >>= PERTURB_SHIFT;
            i = i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize) & mask;
        }
        self.entries.push(Some(DictEntry { hash, key, value }));
        self.used += 1;
        self.version = next_version();
    }

    fn resize(&mut self, min: usize) {
        let mut size = 8;
        while size < min {
            size *= 2;
        }
        // Room for every entry the new size admits before the next resize (CPython's
        // usable size, two thirds of the index table): growing never reallocates.
        let old: Vec<Option<DictEntry>> = std::mem::replace(&mut self.entries, Vec::with_capacity(size * 2 / 3));
        self.indices = vec![EMPTY; size];
        self.fill = 0;
        self.used = 0;
        let mask = size - 1;
        for e in old.into_iter().flatten() {
            let (mut i, mut perturb) = DictTable::start(e.hash);
            loop {
                let slot = i & mask;
                if self.indices[slot] == EMPTY {
                    self.indices[slot] = self.entries.len() as i32;
                    self.fill += 1;
                    break;
                }
                perturb >>= PERTURB_SHIFT;
                i = i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize) & mask;
            }
            self.entries.push(Some(e));
            self.used += 1;
        }
    }

    /// Replaces the value of entry `i`, returning the old value (to be dropped by the
    /// caller once the table is no longer borrowed).
    pub fn replace_value(&mut self, i: usize, value: ObjRef) -> ObjRef {
        self.version = next_version();
        let e = self.entries[i].as_mut().expect("live entry");
        std::mem::replace(&mut e.value, value)
    }

    /// Removes entry `i`, returning it (to be dropped once the table is unborrowed).
    pub fn remove_entry(&mut self, i: usize) -> DictEntry {
        let e = self.entries[i].take().expect("live entry");
        let mask = self.indices.len() - 1;
        let (mut s, mut perturb) = DictTable::start(e.hash);
        loop {
            let slot = s & mask;
            if self.indices[slot] == i as i32 {
                self.indices[slot] = DUMMY;
                break;
            }
            perturb >>= PERTURB_SHIFT;
            s = s.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize) & mask;
        }
        self.used -= 1;
        self.version = next_version();
        e
    }

    /// Removes the last live entry `i` and the deleted entries after it (CPython's
    /// popitem sets dk_nentries to `i`, so popitem stays O(1) amortised). A plain
    /// deletion keeps its entry slot: iterators rely on positions not being reused.
    pub fn pop_last_entry(&mut self, i: usize) -> DictEntry {
        let e = self.remove_entry(i);
        self.entries.truncate(i);
        e
    }

    pub fn entry(&self, i: usize) -> Option<&DictEntry> {
        self.entries.get(i).and_then(|e| e.as_ref())
    }

    /// Live entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &DictEntry> {
        self.entries.iter().flatten()
    }

    /// The first live entry at position >= `pos`, with its position.
    pub fn next_entry(&self, mut pos: usize) -> Option<(usize, &DictEntry)> {
        while pos < self.entries.len() {
            if let Some(e) = &self.entries[pos] {
                return Some((pos, e));
            }
            pos += 1;
        }
        None
    }

    /// Takes all entries out, leaving the table empty.
    pub fn take_all(&mut self) -> Vec<DictEntry> {
        self.version = next_version();
        self.indices.clear();
        self.fill = 0;
        self.used = 0;
        std::mem::take(&mut self.entries).into_iter().flatten().collect()
    }
}
