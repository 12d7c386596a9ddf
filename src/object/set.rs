//! The hash table behind `set` and `frozenset`, following CPython 3.11's
//! `Objects/setobject.c` step for step (linear probes, then perturbation; the same growth
//! rule) so that iteration order equals CPython's.
//!
//! Invariants:
//! - `table.len()` is a power of two >= 8; `mask` is `table.len() - 1`. A table of 8
//!   slots lives inside the `SetTable` (CPython's `smalltable`), so a small set costs
//!   no allocation beyond its object; a larger one is on the heap.
//! - `fill` counts Active + Dummy slots, `used` counts Active ones; after an insertion
//!   `fill * 5 < mask * 3` holds or the table is resized.
//! - `version` changes on every mutation (see dict.rs for why).

use std::cell::RefCell;

use super::{ObjRef, PyResult};
use crate::object::dict::EqFn;

const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;
const MINSIZE: usize = 8;

#[derive(Clone)]
pub enum Slot {
    Empty,
    Dummy,
    Active(i64, ObjRef),
}

/// A set's slots: the inline table of `MINSIZE` slots every set starts with, or a
/// larger one on the heap once the set grows past it (and again inline after
/// `clear`, or when a resize shrinks it back to `MINSIZE`, as in CPython).
#[derive(Clone)]
pub enum Slots {
    Inline([Slot; MINSIZE]),
    Heap(Box<[Slot]>),
}

impl Default for Slots {
    fn default() -> Self {
        Slots::Inline([const { Slot::Empty }; MINSIZE])
    }
}

impl Slots {
    /// A table of `size` empty slots (`size` a power of two >= `MINSIZE`).
    fn empty(size: usize) -> Slots {
        if size == MINSIZE { Slots::default() } else { Slots::Heap(vec![Slot::Empty; size].into_boxed_slice()) }
    }
    /// The bytes the table occupies outside the `SetTable` (for `sys.getsizeof`).
    pub fn heap_bytes(&self) -> usize {
        match self {
            Slots::Inline(_) => 0,
            Slots::Heap(b) => std::mem::size_of_val(&**b),
        }
    }
}

impl std::ops::Deref for Slots {
    type Target = [Slot];
    #[inline]
    fn deref(&self) -> &[Slot] {
        match self {
            Slots::Inline(a) => a,
            Slots::Heap(b) => b,
        }
    }
}

impl std::ops::DerefMut for Slots {
    #[inline]
    fn deref_mut(&mut self) -> &mut [Slot] {
        match self {
            Slots::Inline(a) => a,
            Slots::Heap(b) => b,
        }
    }
}

/// The slots of a table taken out of its set, by value.
pub enum SlotsIntoIter {
    Inline(std::array::IntoIter<Slot, MINSIZE>),
    Heap(std::vec::IntoIter<Slot>),
}

impl Iterator for SlotsIntoIter {
    type Item = Slot;
    fn next(&mut self) -> Option<Slot> {
        match self {
            SlotsIntoIter::Inline(i) => i.next(),
            SlotsIntoIter::Heap(i) => i.next(),
        }
    }
}

impl IntoIterator for Slots {
    type Item = Slot;
    type IntoIter = SlotsIntoIter;
    fn into_iter(self) -> SlotsIntoIter {
        match self {
            Slots::Inline(a) => SlotsIntoIter::Inline(a.into_iter()),
            Slots::Heap(b) => SlotsIntoIter::Heap(b.into_vec().into_iter()),
        }
    }
}

#[derive(Clone, Default)]
pub struct SetTable {
    pub table: Slots,
    pub fill: usize,
    pub used: usize,
    pub finger: usize,
    pub version: u64,
}

enum Step {
    Found(usize),
    /// First empty slot met; with the first dummy seen before it, if any.
    Missing(usize, Option<usize>),
    Compare(usize, ObjRef, ProbeState),
}

type ProbeState = (usize, usize, u64, Option<usize>);

/// The next probe position after offset `off` of the run starting at `start`.
fn advance(start: usize, off: usize, perturb: u64, mask: usize) -> (usize, usize, u64) {
    let probes = if start + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
    if off < probes {
        return (start, off + 1, perturb);
    }
    let perturb = perturb >> PERTURB_SHIFT;
    ((start.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask, 0, perturb)
}

type Fast<'a> = &'a dyn Fn(&ObjRef, &ObjRef) -> Option<bool>;

impl SetTable {
    pub fn len(&self) -> usize {
        self.used
    }
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }
    fn mask(&self) -> usize {
        self.table.len() - 1
    }

    /// Where the probe sequence for `hash` starts (a non-empty table).
    fn probe_start(&self, hash: i64) -> ProbeState {
        ((hash as u64 as usize) & self.mask(), 0, hash as u64, None)
    }

    /// Walks the probe sequence from `st` = (run start, offset in run, perturb, freeslot),
    /// exactly as `set_add_entry`: each run checks `start..=start+probes` linearly, then
    /// jumps from the run's start.
    fn walk(&self, key: &ObjRef, hash: i64, st: ProbeState, fast: Fast) -> Step {
        let table: &[Slot] = &self.table;
        let mask = table.len() - 1;
        let (mut start, mut off, mut perturb, mut freeslot) = st;
        loop {
            let i = start + off;
            match &table[i] {
                Slot::Empty => return Step::Missing(i, freeslot),
                Slot::Dummy => freeslot = Some(i),
                Slot::Active(h, k) => {
                    if *h == hash {
                        if k.is(key) {
                            return Step::Found(i);
                        }
                        match fast(k, key) {
                            Some(true) => return Step::Found(i),
                            Some(false) => {}
                            None => {
                                let (s2, o2, p2) = advance(start, off, perturb, mask);
                                return Step::Compare(i, k.clone(), (s2, o2, p2, freeslot));
                            }
                        }
                    }
                }
            }
            let (s2, o2, p2) = advance(start, off, perturb, mask);
            start = s2;
            off = o2;
            perturb = p2;
        }
    }

    fn search(cell: &RefCell<SetTable>, key: &ObjRef, hash: i64, fast: Fast, eq: EqFn) -> PyResult<Step> {
        'restart: loop {
            let mut st = cell.borrow().probe_start(hash);
            loop {
                let (step, version) = {
                    let t = cell.borrow();
                    (t.walk(key, hash, st, fast), t.version)
                };
                match step {
                    Step::Compare(i, k, next) => {
                        let same = eq(&k, key)?;
                        if cell.borrow().version != version {
                            continue 'restart;
                        }
                        if same {
                            return Ok(Step::Found(i));
                        }
                        st = next;
                    }
                    other => return Ok(other),
                }
            }
        }
    }

    /// Whether the table holds `key`, when the answer needs no Python code: `key` is an
    /// exact int or str with hash `hash`, and every entry of equal hash met on the way
    /// is one that `fast` can compare (an int, float or str). None when an entry needs
    /// `__eq__`: `contains` then answers. Probes as `walk` does, without its free-slot
    /// bookkeeping and without a dynamic call per comparison (`walk` through a closure
    /// here cost 25% more per lookup).
    #[inline]
    pub fn contains_plain(&self, key: &ObjRef, hash: i64, fast: fn(&ObjRef, &ObjRef) -> Option<bool>) -> Option<bool> {
        let table: &[Slot] = &self.table;
        let mask = table.len() - 1;
        let (mut start, mut off, mut perturb, _) = self.probe_start(hash);
        loop {
            match &table[start + off] {
                Slot::Empty => return Some(false),
                Slot::Dummy => {}
                Slot::Active(h, k) => {
                    if *h == hash && (k.is(key) || fast(k, key)?) {
                        return Some(true);
                    }
                }
            }
            (start, off, perturb) = advance(start, off, perturb, mask);
        }
    }

    pub fn contains(cell: &RefCell<SetTable>, key: &ObjRef, hash: i64, fast: Fast, eq: EqFn) -> PyResult<bool> {
        Ok(matches!(SetTable::search(cell, key, hash, fast, eq)?, Step::Found(_)))
    }

    /// Adds `key`; returns false if an equal key was present.
    pub fn add(cell: &RefCell<SetTable>, key: ObjRef, hash: i64, fast: Fast, eq: EqFn) -> PyResult<bool> {
        {
            // One walk under one borrow while every entry of equal hash met is one that
            // `fast` compares (no Python code runs): the common case.
            let mut t = cell.borrow_mut();
            let st = t.probe_start(hash);
            match t.walk(&key, hash, st, fast) {
                Step::Found(_) => return Ok(false),
                Step::Missing(i, freeslot) => {
                    t.insert_missing(i, freeslot, hash, key);
                    return Ok(true);
                }
                Step::Compare(..) => {}
            }
        }
        match SetTable::search(cell, &key, hash, fast, eq)? {
            Step::Found(_) => Ok(false),
            // `search` walked the current table last (it restarts whenever a
            // comparison changed the set), and no Python code has run since.
            Step::Missing(i, freeslot) => {
                cell.borrow_mut().insert_missing(i, freeslot, hash, key);
                Ok(true)
            }
            Step::Compare(..) => unreachable!(),
        }
    }

    /// Stores `key` where a search for it ended (`Step::Missing`): in the first dummy
    /// slot met, else in the empty slot `i`, growing the table as `set_add_entry` does.
    fn insert_missing(&mut self, i: usize, freeslot: Option<usize>, hash: i64, key: ObjRef) {
        self.version += 1;
        self.used += 1;
        if let Some(f) = freeslot {
            self.table[f] = Slot::Active(hash, key);
            return;
        }
        self.fill += 1;
        self.table[i] = Slot::Active(hash, key);
        let mask = self.mask();
        if self.fill * 5 >= mask * 3 {
            self.resize(self.growth_target());
        }
    }

    /// Removes `key`; returns the removed key if it was present.
    pub fn discard(cell: &RefCell<SetTable>, key: &ObjRef, hash: i64, fast: Fast, eq: EqFn) -> PyResult<Option<ObjRef>> {
        match SetTable::search(cell, key, hash, fast, eq)? {
            Step::Found(i) => {
                let mut t = cell.borrow_mut();
                t.version += 1;
                t.used -= 1;
                match std::mem::replace(&mut t.table[i], Slot::Dummy) {
                    Slot::Active(_, k) => Ok(Some(k)),
                    _ => Ok(None),
                }
            }
            _ => Ok(None),
        }
    }

    /// Inserts into a table known to hold no equal key and no dummies (CPython's
    /// `set_insert_clean`).
    fn insert_clean(table: &mut [Slot], hash: i64, key: ObjRef) {
        let mask = table.len() - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            if matches!(table[i], Slot::Empty) {
                table[i] = Slot::Active(hash, key);
                return;
            }
            if i + LINEAR_PROBES <= mask {
                for j in 1..=LINEAR_PROBES {
                    if matches!(table[i + j], Slot::Empty) {
                        table[i + j] = Slot::Active(hash, key);
                        return;
                    }
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        }
    }

    /// The table size `resize(minused)` makes.
    fn size_for(minused: usize) -> usize {
        let mut newsize = MINSIZE;
        while newsize <= minused {
            newsize <<= 1;
        }
        newsize
    }

    pub fn resize(&mut self, minused: usize) {
        let old = std::mem::replace(&mut self.table, Slots::empty(SetTable::size_for(minused)));
        self.fill = self.used;
        self.version += 1;
        for s in old {
            if let Slot::Active(h, k) = s {
                SetTable::insert_clean(&mut self.table, h, k);
            }
        }
    }

    /// Resizes the table when more than a quarter of its slots are dummies (after
    /// `difference_update`, as CPython does).
    pub fn resize_away_dummies(&mut self) {
        if self.fill - self.used > self.mask() / 4 {
            self.resize(self.growth_target());
        }
    }

    /// The `minused` CPython's set resizes to when a table fills up or sheds dummies.
    fn growth_target(&self) -> usize {
        if self.used > 50000 { self.used * 2 } else { self.used * 4 }
    }

    /// Inserts every key of `other` (a set table) into this one, as `set_merge` does.
    /// Keys of `other` may still equal keys here, so the general path runs `add`.
    pub fn merge(cell: &RefCell<SetTable>, other: &SetTable, fast: Fast, eq: EqFn) -> PyResult<()> {
        if other.used == 0 {
            return Ok(());
        }
        {
            let mut t = cell.borrow_mut();
            if t.fill == 0 {
                // Into an empty table (every slot Empty): the table `set_merge` would
                // reach (MINSIZE, or what its growth check resizes to), made at once.
                let cur = t.table.len();
                let size = if other.used * 5 >= (cur - 1) * 3 { SetTable::size_for(other.used * 2) } else { cur };
                if size - 1 == other.mask() && other.fill == other.used {
                    if t.table.len() == size {
                        // Slot for slot into this table, all of whose slots are Empty.
                        for (to, from) in t.table.iter_mut().zip(other.table.iter()) {
                            if let Slot::Active(h, k) = from {
                                *to = Slot::Active(*h, k.clone());
                            }
                        }
                    } else {
                        t.table = other.table.clone();
                    }
                } else {
                    if t.table.len() != size {
                        t.table = Slots::empty(size);
                    }
                    for (h, k) in other.iter() {
                        SetTable::insert_clean(&mut t.table, h, k.clone());
                    }
                }
                t.fill = other.used;
                t.used = other.used;
                t.version += 1;
                return Ok(());
            }
        }
        SetTable::merge_entries(cell, other.iter().map(|(h, k)| (h, k.clone())), other.used, fast, eq)
    }

    /// Adds `n` keys already taken out of a set or dict (hash, key), in its order, after
    /// growing the table for them once (`set_merge` and `set_update_internal`'s path for
    /// a dict); `merge` uses it unless the table is empty.
    pub fn merge_entries(cell: &RefCell<SetTable>, entries: impl Iterator<Item = (i64, ObjRef)>, n: usize, fast: Fast, eq: EqFn) -> PyResult<()> {
        cell.borrow_mut().presize(n);
        for (h, k) in entries {
            SetTable::add(cell, k, h, fast, eq)?;
        }
        Ok(())
    }

    /// Adds the keys of `other` in its order while none needs a comparison that `fast`
    /// cannot make (one that would run Python code); returns false at the first that
    /// does, the keys before it added. `set_merge`'s loop, growth check made by the
    /// caller.
    pub fn merge_plain(&mut self, other: &SetTable, fast: fn(&ObjRef, &ObjRef) -> Option<bool>) -> bool {
        other.iter().all(|(h, k)| self.add_plain(k.clone(), h, fast).is_ok())
    }

    /// Adds `key` unless an equal key is present, when that needs no comparison `fast`
    /// cannot make: Ok(whether it was added), or Err(key), the table unchanged, when one
    /// would run Python code.
    pub fn add_plain(&mut self, key: ObjRef, hash: i64, fast: fn(&ObjRef, &ObjRef) -> Option<bool>) -> Result<bool, ObjRef> {
        let st = self.probe_start(hash);
        match self.walk(&key, hash, st, &fast) {
            Step::Found(_) => Ok(false),
            Step::Missing(i, freeslot) => {
                self.insert_missing(i, freeslot, hash, key);
                Ok(true)
            }
            Step::Compare(..) => Err(key),
        }
    }

    /// Grows the table ahead of inserting about `n` more keys (`set_merge`'s growth
    /// check, which `set_update_internal` also makes for a dict argument).
    pub fn presize(&mut self, n: usize) {
        if (self.fill + n) * 5 >= self.mask() * 3 {
            let m = (self.used + n) * 2;
            self.resize(m);
        }
    }

    /// Removes and returns an arbitrary key, scanning from the finger as CPython does.
    pub fn pop(&mut self) -> Option<ObjRef> {
        if self.used == 0 {
            return None;
        }
        let mask = self.mask();
        let mut i = self.finger & mask;
        loop {
            if let Slot::Active(..) = self.table[i] {
                break;
            }
            i = if i == mask { 0 } else { i + 1 };
        }
        let s = std::mem::replace(&mut self.table[i], Slot::Dummy);
        self.used -= 1;
        self.finger = i + 1;
        self.version += 1;
        match s {
            Slot::Active(_, k) => Some(k),
            _ => None,
        }
    }

    pub fn clear(&mut self) -> Slots {
        self.fill = 0;
        self.used = 0;
        self.version += 1;
        std::mem::take(&mut self.table)
    }

    /// Active keys with their hashes, in table order.
    pub fn iter(&self) -> impl Iterator<Item = (i64, &ObjRef)> {
        self.table.iter().filter_map(|s| match s {
            Slot::Active(h, k) => Some((*h, k)),
            _ => None,
        })
    }

    /// The first active slot at position >= pos.
    pub fn next_at(&self, mut pos: usize) -> Option<(usize, &ObjRef)> {
        while pos < self.table.len() {
            if let Slot::Active(_, k) = &self.table[pos] {
                return Some((pos, k));
            }
            pos += 1;
        }
        None
    }
}
