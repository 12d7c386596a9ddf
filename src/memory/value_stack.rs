//! A frame's value stack: CPython's `stack_pointer` over a block of slots.
//!
//! Invariant: `base..top` hold the live entries, bottom first, each an owned reference;
//! `top..end` are unused; `end - base` is the capacity of the block, which the stack owns
//! (allocated as a `Vec<ObjRef>` buffer, freed with the stack).
//!
//! The room comes from the compiler: a code object's `stacksize` is the deepest its
//! stack gets (the opcode table's stack effects walked over every path, never below
//! zero), and every frame reserves it, plus `SLACK`, before its first instruction. A
//! push still tests for room (a full block grows: a wrong maximum costs time, not
//! memory safety); a pop does not test for an entry, as CPython's does not: a pop below
//! the bottom would need a handler that pops more than the table says. Builds with
//! debug assertions check exactly that at every dispatch (the depth an instruction
//! starts at is the compiler's for it) and at every pop, and the test suite runs every
//! opcode under them.

use std::ptr;

use crate::memory::ObjRef;

/// Room beyond the compiler's maximum depth, so that a handler that pushes before it
/// pops at the deepest point does not have to grow the block.
pub const SLACK: usize = 2;

pub struct ValueStack {
    base: *mut ObjRef,
    top: *mut ObjRef,
    end: *mut ObjRef,
}

impl ValueStack {
    /// An empty stack with room for `n` entries.
    pub fn with_capacity(n: usize) -> ValueStack {
        let mut v: Vec<ObjRef> = Vec::with_capacity(n);
        let cap = v.capacity();
        let base = v.as_mut_ptr();
        std::mem::forget(v);
        // SAFETY: `base` is the start of a buffer of `cap` slots (a dangling, aligned
        // pointer when `cap` is 0, for which the offset is 0).
        let end = unsafe { base.add(cap) };
        ValueStack { base, top: base, end }
    }

    #[inline(always)]
    fn capacity(&self) -> usize {
        // SAFETY: `base` and `end` bound the same block (module invariant).
        unsafe { self.end.offset_from(self.base) as usize }
    }

    #[inline(always)]
    pub fn len(&self) -> usize {
        // SAFETY: `base` and `top` point into (or one past) the same block.
        unsafe { self.top.offset_from(self.base) as usize }
    }

    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.top == self.base
    }

    /// Makes room for `n` more entries (`Vec::reserve`).
    #[inline]
    pub fn reserve(&mut self, n: usize) {
        // SAFETY: `top` and `end` bound the unused part of the same block.
        if (unsafe { self.end.offset_from(self.top) } as usize) < n {
            self.grow(n);
        }
    }

    /// Grows the block to room for `n` more entries. The stack is handed to the
    /// out-of-line part by value, so that a stack held in a local (see
    /// `take`) never has its address taken and can live in registers.
    #[inline(always)]
    fn grow(&mut self, n: usize) {
        let s = std::mem::replace(self, ValueStack::EMPTY);
        *self = s.grown(n);
    }

    #[cold]
    #[inline(never)]
    fn grown(self, n: usize) -> ValueStack {
        let (len, cap) = (self.len(), self.capacity());
        let base = self.base;
        std::mem::forget(self);
        // SAFETY: the block was allocated as a `Vec<ObjRef>` of capacity `cap` whose first
        // `len` slots hold live entries (module invariant); the vector takes the block
        // and the entries over, and the new stack takes them back below.
        let mut v = unsafe { Vec::from_raw_parts(base, len, cap) };
        v.reserve(n.max(SLACK));
        let cap = v.capacity();
        let base = v.as_mut_ptr();
        std::mem::forget(v);
        // SAFETY: the new block has `cap >= len` slots.
        unsafe { ValueStack { base, top: base.add(len), end: base.add(cap) } }
    }

    /// A stack with no block: what a frame holds while its eval loop holds its stack.
    pub const EMPTY: ValueStack = ValueStack { base: std::ptr::NonNull::dangling().as_ptr(), top: std::ptr::NonNull::dangling().as_ptr(), end: std::ptr::NonNull::dangling().as_ptr() };

    /// Whether the stack has a block: a frame's always has one (`alloc_frame` reserves
    /// the code's depth) except while its eval loop holds it (see `take`).
    #[inline(always)]
    pub fn has_block(&self) -> bool {
        self.capacity() != 0
    }

    /// Moves the entries and the block out, leaving this stack `EMPTY`. The eval loop
    /// holds the running frame's stack in a local this way (see `vm::eval`).
    #[inline(always)]
    pub fn take(&mut self) -> ValueStack {
        std::mem::replace(self, ValueStack::EMPTY)
    }

    /// Takes the entries and the block of `other`, which becomes `EMPTY`; this stack
    /// must be `EMPTY` (a frame's while its loop holds the stack, or that loop's local
    /// while the frame holds it).
    #[inline(always)]
    pub fn swap_in(&mut self, other: &mut ValueStack) {
        debug_assert!(!self.has_block(), "swap_in over a stack that has a block");
        // Not `mem::swap`: this stack's fields are known (EMPTY's), so they are written
        // into `other` without being read first.
        let empty = std::mem::replace(self, other.take());
        std::mem::forget(empty);
    }

    /// Pushes `v`, growing the block if it is full.
    #[inline(always)]
    pub fn push(&mut self, v: ObjRef) {
        if self.top == self.end {
            self.grow(1);
        }
        // SAFETY: `top < end` now, so `top` is an unused slot of the block; writing the
        // entry there and raising `top` leaves it live.
        unsafe {
            ptr::write(self.top, v);
            self.top = self.top.add(1);
        }
    }

    /// Pops the top entry, which the compiler's depth guarantees is there (see the
    /// module invariant).
    #[inline(always)]
    pub fn pop(&mut self) -> ObjRef {
        debug_assert!(self.top > self.base, "value stack underflow: the compiler's stack depth is wrong");
        // SAFETY: `top > base`: the compiler's depth for this instruction covers its pops
        // (module invariant; asserted in debug builds), so the slot below `top` holds a
        // live entry; moving it out and lowering `top` leaves that slot unused.
        unsafe {
            self.top = self.top.sub(1);
            ptr::read(self.top)
        }
    }

    /// The top entry, which the compiler's depth guarantees is there (as for `pop`).
    #[inline(always)]
    pub fn top(&self) -> &ObjRef {
        debug_assert!(self.top > self.base, "value stack underflow: the compiler's stack depth is wrong");
        // SAFETY: `top > base` (as in `pop`), so the slot below `top` holds a live entry,
        // borrowed with `self`.
        unsafe { &*self.top.sub(1) }
    }

    /// The top entry, mutably (see `top`).
    #[inline(always)]
    pub fn top_mut(&mut self) -> &mut ObjRef {
        debug_assert!(self.top > self.base, "value stack underflow: the compiler's stack depth is wrong");
        // SAFETY: as in `top`, borrowed exclusively with `self`.
        unsafe { &mut *self.top.sub(1) }
    }

    /// Releases the entries from `n` up, bottom first (`Vec::truncate`): they leave the
    /// stack before any of their destructors runs.
    #[inline(always)]
    pub fn truncate(&mut self, n: usize) {
        let len = self.len();
        if n >= len {
            return;
        }
        // SAFETY: slots `n..len` hold live entries; `top` drops to `n` first, so they are
        // no longer the stack's, and then they are released in place, once each.
        unsafe {
            self.top = self.base.add(n);
            ptr::drop_in_place(ptr::slice_from_raw_parts_mut(self.top, len - n));
        }
    }

    /// Releases every entry, bottom first.
    #[inline]
    pub fn clear(&mut self) {
        if !self.is_empty() {
            self.truncate(0);
        }
    }

    /// Moves the top entry down past the `k` entries below it, which move up one
    /// (`ROT_THREE` is `k` = 2: [a, b, c] becomes [c, a, b]). The compiler's depth
    /// guarantees the `k + 1` entries, as for `pop`.
    #[inline(always)]
    pub fn rotate_top(&mut self, k: usize) {
        debug_assert!(self.len() > k, "value stack underflow: the compiler's stack depth is wrong");
        // SAFETY: `top - 1 - k .. top` are live entries (module invariant and the
        // compiler's depth); the top one is moved out, the `k` below it move up one
        // slot (overlapping copy), and it fills the slot they left: the same entries,
        // each once.
        unsafe {
            let last = self.top.sub(1);
            let v = ptr::read(last);
            ptr::copy(last.sub(k), last.sub(k - 1), k);
            ptr::write(last.sub(k), v);
        }
    }

    /// Pushes every item.
    #[inline(always)]
    pub fn extend(&mut self, items: impl IntoIterator<Item = ObjRef>) {
        for v in items {
            self.push(v);
        }
    }

    /// Takes the entries from `at` up, bottom first, where they are: the stack drops to
    /// `at` at once, and the iterator owns the entries it has not yet yielded (dropping
    /// it releases them, bottom first). It borrows the stack, so nothing can be pushed
    /// over them meanwhile. `split_off` without the vector.
    #[inline(always)]
    pub fn drain_from(&mut self, at: usize) -> Drain<'_> {
        assert!(at <= self.len(), "value stack index out of range");
        // SAFETY: `at <= len`, so `base + at` is within `base..=top`.
        let start = unsafe { self.base.add(at) };
        let end = std::mem::replace(&mut self.top, start);
        Drain { next: start, end, _stack: std::marker::PhantomData }
    }

    /// Takes the entries from `at` up (bottom first).
    #[inline(always)]
    pub fn split_off(&mut self, at: usize) -> Vec<ObjRef> {
        let len = self.len();
        assert!(at <= len, "value stack index out of range");
        let mut out = Vec::with_capacity(len - at);
        // SAFETY: slots `at..len` hold live entries; they move into `out` (whose length
        // is set once they are written) and `top` drops to `at`, leaving them unused.
        unsafe {
            ptr::copy_nonoverlapping(self.base.add(at), out.as_mut_ptr(), len - at);
            out.set_len(len - at);
            self.top = self.base.add(at);
        }
        out
    }
}

/// The entries `ValueStack::drain_from` took. Invariant: `next..end` hold live entries
/// that belong to the iterator (the stack's `top` is at or below `next`), inside the
/// block of the stack it borrows.
pub struct Drain<'a> {
    next: *mut ObjRef,
    end: *mut ObjRef,
    _stack: std::marker::PhantomData<&'a mut ValueStack>,
}

impl Iterator for Drain<'_> {
    type Item = ObjRef;
    #[inline]
    fn next(&mut self) -> Option<ObjRef> {
        if self.next == self.end {
            return None;
        }
        // SAFETY: `next < end`, so `next` holds a live entry of the iterator's; moving it
        // out and stepping past it keeps the invariant.
        unsafe {
            let v = ptr::read(self.next);
            self.next = self.next.add(1);
            Some(v)
        }
    }
}

impl Drop for Drain<'_> {
    fn drop(&mut self) {
        for v in self.by_ref() {
            drop(v);
        }
    }
}

impl std::ops::Deref for ValueStack {
    type Target = [ObjRef];
    #[inline(always)]
    fn deref(&self) -> &[ObjRef] {
        // SAFETY: `base..top` are the live entries (module invariant), borrowed with `self`.
        unsafe { std::slice::from_raw_parts(self.base, self.len()) }
    }
}

impl std::ops::DerefMut for ValueStack {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut [ObjRef] {
        // SAFETY: as in `deref`, borrowed exclusively with `self`.
        unsafe { std::slice::from_raw_parts_mut(self.base, self.len()) }
    }
}

impl Drop for ValueStack {
    /// Releases the entries and frees the block; an `EMPTY` stack (the eval loop's
    /// local once its stack is back in the frame) has nothing to free, tested inline.
    #[inline(always)]
    fn drop(&mut self) {
        if self.has_block() {
            // SAFETY: the stack's block, its live entries and its capacity (module
            // invariant); the stack is being dropped, so nothing uses them afterwards.
            unsafe { release_block(self.base, self.len(), self.capacity()) };
        }
    }
}

/// `ValueStack::drop` for a stack with a block: by value, out of line (see `grow`).
/// # Safety
/// `base` is a block allocated as a `Vec<ObjRef>` of capacity `cap` whose first `len`
/// slots hold live entries, and nothing uses the block or the entries afterwards.
#[inline(never)]
unsafe fn release_block(base: *mut ObjRef, len: usize, cap: usize) {
    // SAFETY: the caller's contract; the vector drops the entries and frees the block.
    drop(unsafe { Vec::from_raw_parts(base, len, cap) });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pushes_pops_and_grows() {
        crate::object::types::init();
        let int = |v: &ObjRef| match v.as_int() {
            Some(crate::object::Int::Small(i)) => *i,
            _ => -1,
        };
        let mut s = ValueStack::with_capacity(1);
        s.push(crate::object::new_int(6));
        s.push(crate::object::new_int(7));
        s.extend([crate::object::new_int(8), crate::object::new_int(9), crate::object::new_int(5)]);
        s.rotate_top(3);
        assert_eq!(s.iter().map(int).collect::<Vec<_>>(), [6, 5, 7, 8, 9]);
        s.rotate_top(2);
        assert_eq!(s.iter().map(int).collect::<Vec<_>>(), [6, 5, 9, 7, 8]);
        s.rotate_top(3);
        assert_eq!(s.iter().map(int).collect::<Vec<_>>(), [6, 8, 5, 9, 7]);
        s.truncate(1);
        s.extend([5, 7, 8, 9].map(crate::object::new_int));
        assert_eq!(s.iter().map(int).collect::<Vec<_>>(), [6, 5, 7, 8, 9]);
        let tail = s.split_off(3);
        assert_eq!(tail.iter().map(int).collect::<Vec<_>>(), [8, 9]);
        let mut d = s.drain_from(1);
        assert_eq!(d.next().map(|v| int(&v)), Some(5));
        drop(d);
        assert_eq!(s.len(), 1);
        s.extend(tail);
        assert_eq!(int(&s.pop()), 9);
        s.truncate(1);
        assert_eq!(s.iter().map(int).collect::<Vec<_>>(), [6]);
        // The eval loop's hand-over: the entries and the block move, the frame's stack
        // is left without a block, and growing the held stack keeps its entries.
        let mut held = s.take();
        assert!(s.is_empty() && s.capacity() == 0);
        for i in 0..40 {
            held.push(crate::object::new_int(i));
        }
        s.swap_in(&mut held);
        assert_eq!(held.capacity(), 0);
        assert_eq!(s.len(), 41);
        assert_eq!(int(&s[0]), 6);
        assert_eq!(int(&s.pop()), 39);
        s.clear();
        assert!(s.is_empty());
    }
}
