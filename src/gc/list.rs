//! Intrusive doubly-linked generation lists of `GcHead`s (CPython's `gc_list_*`).
//!
//! Invariants: a list is circular around a sentinel head that is not an object; an
//! object is tracked iff its head's `next` is non-null, and then it is in exactly one
//! list. Objects unlink themselves when deallocated (`memory::dealloc_now` calls
//! `untrack`), so a list never holds a dangling entry.

use std::cell::Cell;
use std::ptr::NonNull;

use crate::memory::{GcHead, PyObject};

/// A list sentinel on the heap, so its address is stable when the list moves.
///
/// The sentinel is reached only through the raw pointer returned by `Box::into_raw`:
/// its neighbours' links point at it with that same provenance, so a write through one
/// of them never invalidates the list's own access (a `Box` field would be retagged
/// as unique each time the list moves, and links written through other pointers would
/// then conflict with it).
pub struct GcList {
    head: NonNull<GcHead>,
}

impl GcList {
    pub fn new() -> GcList {
        let head = Box::new(GcHead { next: Cell::new(std::ptr::null_mut()), prev: Cell::new(std::ptr::null_mut()), gc_refs: Cell::new(0), flags: Cell::new(0) });
        let p = Box::into_raw(head);
        let list = GcList { head: NonNull::new(p).expect("Box::into_raw is never null") };
        list.sentinel_ref().next.set(p);
        list.sentinel_ref().prev.set(p);
        list
    }
    pub fn sentinel(&self) -> *mut GcHead {
        self.head.as_ptr()
    }
    fn sentinel_ref(&self) -> &GcHead {
        // SAFETY: the sentinel is owned by this list (from `Box::into_raw`, freed only in
        // `drop`), and every field of a GcHead is a Cell, so shared access suffices.
        unsafe { self.head.as_ref() }
    }
    pub fn is_empty(&self) -> bool {
        self.sentinel_ref().next.get() == self.sentinel()
    }
    pub fn first(&self) -> Option<*mut GcHead> {
        let n = self.sentinel_ref().next.get();
        if n == self.sentinel() {
            None
        } else {
            Some(n)
        }
    }
    /// Appends an untracked `h` at the end.
    pub fn push(&self, h: *mut GcHead) {
        let s = self.sentinel();
        // SAFETY: `h` is the head of a live object that is in no list (its `next` is
        // null); the sentinel and its `prev` are valid list nodes.
        unsafe {
            let last = (*s).prev.get();
            (*h).prev.set(last);
            (*h).next.set(s);
            (*last).next.set(h);
            (*s).prev.set(h);
        }
    }
    /// Moves every entry of `other` to the end of this list.
    pub fn merge(&self, other: &GcList) {
        if other.is_empty() {
            return;
        }
        let (s, o) = (self.sentinel(), other.sentinel());
        // SAFETY: both lists are well-formed circular lists of live nodes.
        unsafe {
            let first = (*o).next.get();
            let last = (*o).prev.get();
            let tail = (*s).prev.get();
            (*tail).next.set(first);
            (*first).prev.set(tail);
            (*last).next.set(s);
            (*s).prev.set(last);
            (*o).next.set(o);
            (*o).prev.set(o);
        }
    }
    pub fn len(&self) -> usize {
        let mut n = 0;
        let mut p = self.sentinel_ref().next.get();
        while p != self.sentinel() {
            n += 1;
            // SAFETY: entries of a list are live nodes.
            p = unsafe { (*p).next.get() };
        }
        n
    }
    /// The entries, in order (raw heads; valid until Python code runs).
    pub fn heads(&self) -> Vec<*mut GcHead> {
        let mut v = Vec::new();
        let mut p = self.sentinel_ref().next.get();
        while p != self.sentinel() {
            v.push(p);
            // SAFETY: entries of a list are live nodes.
            p = unsafe { (*p).next.get() };
        }
        v
    }
}

impl Drop for GcList {
    fn drop(&mut self) {
        // SAFETY: the sentinel came from `Box::into_raw` in `new` and is freed only here.
        // Entries still linked to it are left dangling at it, so a list is dropped only
        // when empty (the generation lists live for the whole process).
        debug_assert!(self.is_empty());
        drop(unsafe { Box::from_raw(self.head.as_ptr()) });
    }
}

/// Unlinks a tracked head from its list and marks it untracked.
pub fn unlink(h: *mut GcHead) {
    // SAFETY: `h` is tracked, so it is in a well-formed list and its neighbours are live.
    unsafe {
        let prev = (*h).prev.get();
        let next = (*h).next.get();
        (*prev).next.set(next);
        (*next).prev.set(prev);
        (*h).next.set(std::ptr::null_mut());
        (*h).prev.set(std::ptr::null_mut());
    }
}

/// Moves a tracked head to the end of `to`.
pub fn move_to(h: *mut GcHead, to: &GcList) {
    unlink(h);
    to.push(h);
}

pub fn head_ref<'a>(h: *mut GcHead) -> &'a GcHead {
    // SAFETY: callers pass heads of tracked (hence live) objects taken from a list
    // while no Python code has run since.
    unsafe { &*h }
}

/// The object a head belongs to.
pub fn object_of<'a>(h: *mut GcHead) -> &'a PyObject {
    crate::memory::object_from_head(h)
}
