//! The hash table behind `set` and `frozenset`, following CPython 3.11's
//! `Objects/setobject.c` step for step (linear probes, then perturbation; the same growth
//! rule) so that iteration order equals CPython's.
//!
//! Invariants:
//! - `table.len()` is a power of two >= 8 (or 0 before the first insertion); `mask` is
//!   `table.len() - 1`.
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

#[derive(Clone, Default)]
pub struct SetTable {
    pub table: Vec<Slot>,
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
        self.table.len().wrapping_sub(1)
    }
    fn ensure_table(&mut self) {
        if self.table.is_empty() {
            self.table = vec![Slot::Empty; MINSIZE];
        }
    }

    /// Where the probe sequence for `hash` starts (a non-empty table).
    fn probe_start(&self, hash: i64) -> ProbeState {
        ((hash as u64 as usize) & self.mask(), 0, hash as u64, None)
    }

    /// Walks the probe sequence from `st` = (run start, offset in run, perturb, freeslot),
    /// exactly as `set_add_entry`: each run checks `start..=start+probes` linearly, then
    /// jumps from the run's start.
    fn walk(&self, key: &ObjRef, hash: i64, st: ProbeState, fast: Fast) -> Step {
        let mask = self.mask();
        let (mut start, mut off, mut perturb, mut freeslot) = st;
        loop {
            let i = start + off;
            match &self.table[i] {
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
            if cell.borrow().table.is_empty() {
                return Ok(Step::Missing(usize::MAX, None));
            }
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
        if self.table.is_empty() {
            return Some(false);
        }
        let mask = self.mask();
        let (mut start, mut off, mut perturb, _) = self.probe_start(hash);
        loop {
            match &self.table[start + off] {
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
            t.ensure_table();
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
            Step::Missing(i, freeslot) => {
                let mut t = cell.borrow_mut();
                if t.table.is_empty() {
                    // A comparison emptied the set (`clear()`): the key goes into a
                    // fresh table, where its first slot is free.
                    t.ensure_table();
                    let first = t.probe_start(hash).0;
                    t.insert_missing(first, None, hash, key);
                } else {
                    t.insert_missing(i, freeslot, hash, key);
                }
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
            let n = if self.used > 50000 { self.used * 2 } else { self.used * 4 };
            self.resize(n);
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
        let old = std::mem::replace(&mut self.table, vec![Slot::Empty; SetTable::size_for(minused)]);
        self.fill = self.used;
        self.version += 1;
        for s in old {
            if let Slot::Active(h, k) = s {
                SetTable::insert_clean(&mut self.table, h, k);
            }
        }
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
                let cur = if t.table.is_empty() { MINSIZE } else { t.table.len() };
                let size = if other.used * 5 >= (cur - 1) * 3 { SetTable::size_for(other.used * 2) } else { cur };
                if size - 1 == other.mask() && other.fill == other.used {
                    t.table = other.table.clone();
                } else {
                    if t.table.len() != size {
                        t.table = vec![Slot::Empty; size];
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

    /// Grows the table ahead of inserting about `n` more keys (`set_merge`'s growth
    /// check, which `set_update_internal` also makes for a dict argument).
    pub fn presize(&mut self, n: usize) {
        self.ensure_table();
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

    pub fn clear(&mut self) -> Vec<Slot> {
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
