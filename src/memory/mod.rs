//! The heap: object blocks, reference counting, deallocation and the trashcan.
//!
//! Invariants (CPython's, Include/object.h):
//! - Every Python object is one block: an optional `GcHead` (only for types that can hold
//!   references, see `Payload::is_gc`), then the `PyObject` header `{refcnt, type, dict}`
//!   followed by the payload. An `ObjRef` points at the `PyObject`, never at the `GcHead`.
//! - `refcnt` is exactly Python's reference count. An `ObjRef` owns one reference: `clone`
//!   increments, `drop` decrements, and the block is deallocated when the count reaches 0.
//!   A borrowed `&PyObject` owns none.
//! - The type pointer owns one reference to the type object.
//! - Deallocation never recurses without bound: past `TRASHCAN_DEPTH` nested deallocations
//!   further ones are queued and freed once the outermost one returns.
//! - `live_objects()` counts allocated and not yet freed objects and `ref_total()` sums
//!   their counts (the debug accounting that must return to its start value after the
//!   final collection at exit). Both are computed from the pools when asked, so
//!   allocation and reference counting pay nothing for them.

pub mod limits;
pub mod pool;
pub mod stack;
pub mod value_stack;

use std::alloc::Layout;
use std::cell::{Cell, RefCell};
use std::ptr::NonNull;

use crate::object::Payload;

/// The generation links and scratch word that precede every GC-capable object
/// (CPython's `PyGC_Head`). The collector owns these fields.
#[repr(C)]
pub struct GcHead {
    pub next: Cell<*mut GcHead>,
    pub prev: Cell<*mut GcHead>,
    pub gc_refs: Cell<isize>,
    /// Bit 0: the object's finalizer (`__del__`) has run (PEP 442: at most once).
    pub flags: Cell<usize>,
}

#[repr(C)]
pub struct PyObject {
    refcnt: Cell<isize>,
    ty: Cell<NonNull<PyObject>>,
    /// The instance `__dict__` (None until first needed, as CPython 3.11 does lazily).
    dict: Cell<Option<ObjRef>>,
    payload: Payload,
}

#[repr(C)]
struct GcBlock {
    head: GcHead,
    obj: PyObject,
}

const TRASHCAN_DEPTH: u32 = 50;

thread_local! {
    static DEALLOC_DEPTH: Cell<u32> = const { Cell::new(0) };
    static TRASH: RefCell<Vec<NonNull<PyObject>>> = const { RefCell::new(Vec::new()) };
    static FINALIZER: Cell<Option<fn(&ObjRef) -> bool>> = const { Cell::new(None) };
}

/// Sum of the reference counts of all live objects (CPython debug build's `_Py_RefTotal`),
/// computed by walking the heap: every block the pools hold and no free list keeps is
/// a live object (only objects come from the pools), and its size tells whether a GC
/// head precedes it. Keeping a running total instead would put a second memory update
/// on every reference count change, as CPython's debug build has and its release
/// build does not.
pub fn ref_total() -> isize {
    let kept: std::collections::HashSet<usize> =
        FREELISTS.with(|l| l.iter().flat_map(|list| list.blocks()).map(|b| b as usize).collect());
    let mut total = 0;
    pool::for_each_block(|b, size| {
        if kept.contains(&(b as usize)) {
            return;
        }
        let obj = if size == std::mem::size_of::<GcBlock>() {
            // SAFETY: a live GC object's block is a GcBlock.
            unsafe { std::ptr::addr_of!((*(b as *const GcBlock)).obj) }
        } else {
            debug_assert_eq!(size, std::mem::size_of::<PyObject>());
            b as *const PyObject
        };
        // SAFETY: the block holds a live object (see above).
        total += unsafe { (*obj).refcnt.get() };
    });
    total
}

/// Number of object blocks currently allocated.
pub fn live_objects() -> isize {
    // Only objects come from the pools; blocks kept on the free lists hold none.
    let kept: usize = FREELISTS.with(|l| l.iter().map(|list| list.len.get()).sum());
    (pool::allocated_blocks() - kept) as isize
}

/// Installs the hook run when an object's count reaches zero, before it is freed; it
/// receives a temporary owned reference (count 1) and returns true if the object was
/// resurrected (its count is above 1 when the hook returns), in which case it is not freed.
pub fn set_finalizer(f: fn(&ObjRef) -> bool) {
    FINALIZER.with(|c| c.set(Some(f)));
}

/// An owned reference to a Python object.
pub struct ObjRef(NonNull<PyObject>);

impl ObjRef {
    /// Allocates a new object of type `ty` (one new reference to the type is taken).
    /// Returns the only reference to it.
    #[must_use]
    pub fn new(ty: &PyObject, payload: Payload) -> ObjRef {
        ty.incref();
        // SAFETY: `ty` is a live object (we hold a borrowed reference and just took a
        // counted one), so the pointer stored in the new header is valid.
        unsafe { ObjRef::alloc_with_type(NonNull::from(ty), payload) }
    }

    /// Allocates an object whose type pointer is `ty`; the caller passes one counted
    /// reference to `ty` (or a dangling pointer fixed up with `set_type` before use).
    /// SAFETY: `ty` must be a live object whose reference is transferred, or the caller
    /// must overwrite it with `init_type` before anything reads it.
    unsafe fn alloc_with_type(ty: NonNull<PyObject>, payload: Payload) -> ObjRef {
        // SAFETY (the deref): a type pointer that is not yet valid is only passed for
        // type objects (`new_self_typed`), whose payload is GC, so `||` never reaches it.
        let heap = || unsafe { ty.as_ref() }.as_type().is_some_and(|t| t.heap);
        let gc = payload.is_gc() || heap();
        // (No free list holds type objects, so `heap` is not asked for them.)
        let kind = FreeKind::of(&payload).filter(|_| !heap());
        let (ptr, reused) = alloc_object_block(gc, kind);
        // SAFETY: `ptr` is the object part of the fresh block; writing each field in
        // place (rather than moving a whole PyObject built on the stack) copies the
        // payload once.
        write_header(ptr, ty, payload);
        // SAFETY: `alloc_object_block` never returns null (it aborts instead).
        let r = ObjRef(NonNull::new_unchecked(ptr));
        if gc {
            // Dicts are tracked once they hold something trackable; the empty tuple
            // singleton never is (as in CPython).
            let skip = match &r.payload {
                Payload::Dict(_) => true,
                Payload::Tuple(t) => t.is_empty() && !r.type_data().heap,
                _ => false,
            };
            crate::gc::on_alloc_head(r.gc_head_unchecked(), !skip, !reused);
        }
        r
    }

    /// Allocates an exact int (machine-sized) or float: the commonest allocation, with
    /// no GC head, no tracking and (for floats) CPython's free list. `ty` must be the
    /// builtin `int` or `float` type, matching the payload `make` builds (a float when
    /// `float`). The payload is made once the block is there, so that it is written
    /// straight into it rather than built on the stack and copied (which stalls on the
    /// mismatched stores and loads).
    #[must_use]
    #[inline(always)]
    pub fn new_scalar(ty: &PyObject, float: bool, make: impl FnOnce() -> Payload) -> ObjRef {
        debug_assert!(!ty.as_type().is_some_and(|t| t.heap));
        ty.incref();
        let kind = if float { Some(FreeKind::Float) } else { None };
        // SAFETY: the block is fresh and initialised here; the header takes the
        // reference to `ty` counted above.
        unsafe {
            let (p, _) = alloc_object_block(false, kind);
            let payload = make();
            debug_assert!(matches!(payload, Payload::Float(_)) == float && matches!(payload, Payload::Float(_) | Payload::Int(crate::object::int::Int::Small(_))));
            write_header(p, NonNull::from(ty), payload);
            ObjRef(NonNull::new_unchecked(p))
        }
    }

    /// Allocates a tuple of the builtin `tuple` type `ty` holding `items` (at least one),
    /// building its payload in place in the new block (a payload moved in from the
    /// caller would be copied through memory the caller has just written).
    #[must_use]
    #[inline]
    pub fn new_tuple(ty: &PyObject, items: Box<[ObjRef]>) -> ObjRef {
        debug_assert!(!items.is_empty() && !ty.as_type().is_some_and(|t| t.heap));
        ty.incref();
        let n = items.len();
        let kind = (n <= TUPLE_FREELIST_SIZES).then_some(FreeKind::Tuple(n));
        // SAFETY: as in `new_scalar`; a non-empty tuple is tracked from the start.
        unsafe {
            let (p, reused) = alloc_object_block(true, kind);
            write_header(p, NonNull::from(ty), Payload::Tuple(items));
            let r = ObjRef(NonNull::new_unchecked(p));
            crate::gc::on_alloc_head(r.gc_head_unchecked(), true, !reused);
            r
        }
    }

    /// Bootstrap of `type`: allocates a type object whose type is itself.
    #[must_use]
    pub fn new_self_typed(payload: Payload) -> ObjRef {
        // SAFETY: the dangling type pointer is replaced before the object is returned,
        // and the self-reference is counted (refcnt 2: ours plus the type pointer's).
        unsafe {
            let r = ObjRef::alloc_with_type(NonNull::dangling(), payload);
            r.ty.set(r.0);
            r.incref();
            r
        }
    }

    /// Turns a borrowed reference into an owned one (increments the count).
    #[must_use]
    pub fn from_borrowed(obj: &PyObject) -> ObjRef {
        obj.incref();
        ObjRef(NonNull::from(obj))
    }

    pub fn as_ptr(&self) -> *const PyObject {
        self.0.as_ptr()
    }

    /// The payload of a number that this handle alone refers to, for the arithmetic
    /// fast paths to overwrite a temporary with its result instead of allocating the
    /// result and freeing the temporary (the caller writes a value of the same kind).
    /// Some only when the count is 1 and the payload is a float or a machine-sized int
    /// outside the small-int cache's range: the cached ints are shared whatever their
    /// count says, and nothing else keeps an uncounted reference to a number (only
    /// strings are interned; constants, caches and containers count theirs). Ints and
    /// floats cannot be weakly referenced and are never tracked by the collector, so
    /// the only trace of the reuse is the object's address.
    #[inline(always)]
    pub fn unique_number_mut(&mut self) -> Option<&mut Payload> {
        if self.refcnt.get() != 1 {
            return None;
        }
        // SAFETY: the count is 1 and this handle holds it, so no other handle exists;
        // a shared borrow of the object could only come from this handle, which is
        // borrowed mutably for the result's lifetime, or from an uncounted reference,
        // which numbers do not have (see above). So the payload is not aliased.
        let payload = unsafe { &mut (*self.0.as_ptr()).payload };
        match payload {
            Payload::Float(_) => Some(payload),
            Payload::Int(crate::object::int::Int::Small(x)) if !(-5..=256).contains(x) => Some(payload),
            _ => None,
        }
    }
}

impl Clone for ObjRef {
    #[inline]
    fn clone(&self) -> ObjRef {
        self.incref();
        ObjRef(self.0)
    }
}

impl Drop for ObjRef {
    #[inline]
    fn drop(&mut self) {
        let rc = self.refcnt.get() - 1;
        self.refcnt.set(rc);
        if rc == 0 {
            // SAFETY: the count reached zero, so this was the last reference; nobody
            // can observe the object any more except through the finalizer hook.
            unsafe { dealloc(self.0) }
        }
    }
}

/// Handles lent without counting: `N` borrowed references laid out as a slice of
/// `ObjRef`, to pass a call's arguments the way CPython passes a borrowed stack array
/// to a vectorcall (the callee takes references of its own; the array adds none).
/// Invariant: the handles are never dropped (`ManuallyDrop`), are only lent out by
/// shared reference (so they can be cloned, never moved out), and cannot outlive the
/// references they copy (`'a`).
pub struct Lent<'a, const N: usize> {
    refs: [std::mem::ManuallyDrop<ObjRef>; N],
    _borrow: std::marker::PhantomData<&'a ObjRef>,
}

impl<'a, const N: usize> Lent<'a, N> {
    #[inline]
    pub fn new(refs: [&'a ObjRef; N]) -> Lent<'a, N> {
        Lent { refs: refs.map(|r| std::mem::ManuallyDrop::new(ObjRef(r.0))), _borrow: std::marker::PhantomData }
    }
    #[inline]
    pub fn as_slice(&self) -> &[ObjRef] {
        // SAFETY: `ManuallyDrop<ObjRef>` is `repr(transparent)` over `ObjRef`, so the
        // array has the layout of `[ObjRef; N]`; each handle points at an object kept
        // alive by the reference it was copied from for all of `'a` (see the invariant).
        unsafe { std::slice::from_raw_parts(self.refs.as_ptr().cast::<ObjRef>(), N) }
    }
}

impl std::ops::Deref for ObjRef {
    type Target = PyObject;
    #[inline]
    fn deref(&self) -> &PyObject {
        // SAFETY: an ObjRef owns a reference, so the object is alive while it exists.
        unsafe { self.0.as_ref() }
    }
}

impl std::fmt::Debug for ObjRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<object at {:p}>", self.0.as_ptr())
    }
}

impl PyObject {
    #[inline]
    pub fn refcnt(&self) -> isize {
        self.refcnt.get()
    }
    #[inline]
    pub fn incref(&self) {
        self.refcnt.set(self.refcnt.get() + 1);
    }
    /// The object's type (borrowed).
    #[inline]
    pub fn ty(&self) -> &PyObject {
        // SAFETY: the header owns a reference to its type, so it outlives this borrow.
        unsafe { self.ty.get().as_ref() }
    }
    /// Replaces the type (for `__class__` assignment); takes a new reference to `ty`.
    pub fn set_type(&self, ty: &PyObject) {
        ty.incref();
        let old = self.ty.replace(NonNull::from(ty));
        // SAFETY: the header owned one reference to the old type; it is released here.
        drop(ObjRef(old));
    }
    #[inline]
    pub fn payload(&self) -> &Payload {
        &self.payload
    }
    #[inline]
    pub fn is(&self, other: &PyObject) -> bool {
        std::ptr::eq(self, other)
    }
    /// The address, used as `id()`.
    #[inline]
    pub fn addr(&self) -> usize {
        self as *const PyObject as usize
    }
    /// The instance dict if one was created (new reference).
    pub fn dict(&self) -> Option<ObjRef> {
        let d = self.dict.take();
        let r = d.clone();
        self.dict.set(d);
        r
    }
    pub fn has_dict(&self) -> bool {
        let d = self.dict.take();
        let r = d.is_some();
        self.dict.set(d);
        r
    }
    /// Replaces the instance dict; the old one is returned to be dropped by the caller
    /// (after any borrow of this object is over).
    pub fn set_dict(&self, d: Option<ObjRef>) -> Option<ObjRef> {
        self.dict.replace(d)
    }
    /// Whether the object's block carries a GC head: containers (by payload) and every
    /// instance of a heap type, as CPython gives heap types Py_TPFLAGS_HAVE_GC (an
    /// instance of an int subclass can be part of a reference cycle through its dict and
    /// its class). Invariant: fixed for the object's life (`__class__` assignment keeps
    /// heap types heap).
    pub fn has_gc_head(&self) -> bool {
        self.payload.is_gc() || self.ty().as_type().is_some_and(|t| t.heap)
    }
    pub fn gc_head(&self) -> Option<&GcHead> {
        if self.has_gc_head() {
            Some(self.gc_head_unchecked())
        } else {
            None
        }
    }
    /// The GC head of an object known to have one (`has_gc_head()`).
    #[inline]
    fn gc_head_unchecked(&self) -> &GcHead {
        debug_assert!(self.has_gc_head());
        // SAFETY: objects with a GC head are always allocated inside a GcBlock, whose
        // `obj` field is at a fixed offset after the head (repr(C)).
        unsafe {
            let off = std::mem::offset_of!(GcBlock, obj);
            let block = (self as *const PyObject as *const u8).sub(off) as *const GcBlock;
            &(*block).head
        }
    }
}

/// A fresh block for an object of `kind`'s free list (if any), with an initialised,
/// untracked GC head before the object when `gc`; returns where the object goes and
/// whether the block came from the free list.
/// SAFETY: the caller initialises the object (`write_header`) before using it.
#[inline(always)]
unsafe fn alloc_object_block(gc: bool, kind: Option<FreeKind>) -> (*mut PyObject, bool) {
    let (block, reused) = block_for(kind, if gc { std::mem::size_of::<GcBlock>() } else { std::mem::size_of::<PyObject>() });
    if gc {
        let layout = Layout::new::<GcBlock>();
        let block = block as *mut GcBlock;
        if block.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        // SAFETY: `block` is a fresh block of GcBlock's size and alignment.
        std::ptr::addr_of_mut!((*block).head).write(GcHead {
            next: Cell::new(std::ptr::null_mut()),
            prev: Cell::new(std::ptr::null_mut()),
            gc_refs: Cell::new(0),
            flags: Cell::new(0),
        });
        (std::ptr::addr_of_mut!((*block).obj), reused)
    } else {
        let layout = Layout::new::<PyObject>();
        let p = block as *mut PyObject;
        if p.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        (p, reused)
    }
}

/// Initialises a new object in place: count 1, type `ty` (whose reference the header
/// takes over), no dict, `payload`.
/// SAFETY: `p` must point to unused memory of PyObject's size and alignment.
#[inline(always)]
unsafe fn write_header(p: *mut PyObject, ty: NonNull<PyObject>, payload: Payload) {
    std::ptr::addr_of_mut!((*p).refcnt).write(Cell::new(1));
    std::ptr::addr_of_mut!((*p).ty).write(Cell::new(ty));
    std::ptr::addr_of_mut!((*p).dict).write(Cell::new(None));
    std::ptr::addr_of_mut!((*p).payload).write(payload);
}

/// Frees an object whose count reached zero.
/// SAFETY: `ptr` must point to a live object with refcnt 0 that nobody references.
unsafe fn dealloc(ptr: NonNull<PyObject>) {
    if dealloc_scalar(ptr) {
        return;
    }
    let depth = DEALLOC_DEPTH.with(|d| d.get());
    if depth >= TRASHCAN_DEPTH {
        TRASH.with(|t| t.borrow_mut().push(ptr));
        return;
    }
    DEALLOC_DEPTH.with(|d| d.set(depth + 1));
    dealloc_now(ptr);
    DEALLOC_DEPTH.with(|d| d.set(depth));
    if depth == 0 {
        loop {
            let next = TRASH.with(|t| t.borrow_mut().pop());
            match next {
                Some(p) => {
                    DEALLOC_DEPTH.with(|d| d.set(1));
                    dealloc_now(p);
                    DEALLOC_DEPTH.with(|d| d.set(0));
                }
                None => break,
            }
        }
    }
}

/// Frees an exact int (machine-sized) or float, the counterpart of `ObjRef::new_scalar`,
/// and returns true; returns false for any other object. Such an object owns nothing
/// but its type reference: no GC head (its type is static), hence no weakrefs; no
/// finalizer; no instance dict (checked); a payload with no drop glue (`i64`, `f64`).
/// SAFETY: as `dealloc`.
#[inline]
unsafe fn dealloc_scalar(ptr: NonNull<PyObject>) -> bool {
    let p = ptr.as_ptr();
    // The type first: an exact float has a float payload, an exact int an int one
    // (machine-sized or not); a pointer compare settles what decoding the payload and
    // then the type's flags would.
    let ty = (*p).ty.get();
    let Some(t) = crate::object::types::builtin_types_if_made() else { return false };
    let kind = if std::ptr::eq(ty.as_ptr(), &*t.float) {
        Some(FreeKind::Float)
    } else if std::ptr::eq(ty.as_ptr(), &*t.int) && matches!((*p).payload, Payload::Int(crate::object::int::Int::Small(_))) {
        None
    } else {
        return false;
    };
    if (*(*p).dict.as_ptr()).is_some() {
        return false;
    }
    release_block(kind, p as *mut u8, std::mem::size_of::<PyObject>());
    drop(ObjRef(ty));
    true
}

/// SAFETY: as `dealloc`.
unsafe fn dealloc_now(ptr: NonNull<PyObject>) {
    let obj = ptr.as_ref();
    let gc = obj.has_gc_head();
    // Only GC objects can be weakly referenced (see modules::weakref::weakrefable).
    let weakly_referenced = gc && obj.gc_head_unchecked().flags.get() & crate::modules::weakref::HAS_WEAKREFS != 0;
    if obj.payload.needs_finalizer_check() || weakly_referenced {
        if let Some(fin) = FINALIZER.with(|c| c.get()) {
            // Resurrect temporarily for the hook: count 1 owned by `tmp`.
            obj.refcnt.set(1);
            let tmp = ObjRef(ptr);
            let resurrected = fin(&tmp);
            if resurrected || tmp.refcnt.get() > 1 {
                // Someone kept a reference: drop ours without freeing.
                tmp.refcnt.set(tmp.refcnt.get() - 1);
                std::mem::forget(tmp);
                return;
            }
            std::mem::forget(tmp);
            obj.refcnt.set(0);
        }
    }
    let p = ptr.as_ptr();
    let kind = FreeKind::of(&(*p).payload).filter(|_| !(*p).ty.get().as_ref().as_type().is_some_and(|t| t.heap));
    // Whether the collector counted the object (see `gc::counted`).
    let counted = gc && crate::gc::counted((*p).gc_head_unchecked());
    if gc {
        crate::gc::untrack_head((*p).gc_head_unchecked());
    }
    if let Payload::WeakRef(w) = &(*p).payload {
        crate::modules::weakref::unlink_weakref(p, w);
    }
    // Release what the object owns: its payload (in CPython's order), dict and type.
    (*p).payload.release_contents();
    let dict = (*p).dict.take();
    drop(dict);
    let ty = (*p).ty.get();
    std::ptr::drop_in_place(p);
    let kept = if gc {
        let off = std::mem::offset_of!(GcBlock, obj);
        let block = (p as *mut u8).sub(off);
        release_block(kind, block, std::mem::size_of::<GcBlock>())
    } else {
        release_block(kind, p as *mut u8, std::mem::size_of::<PyObject>())
    };
    // As in CPython, a block kept on a free list is not uncounted (nor counted again
    // when reused): only `PyObject_GC_Del` decrements the allocation count.
    if counted && !kept {
        crate::gc::on_dealloc();
    }
    drop(ObjRef(ty));
}

/// Dereferences a pointer held by a non-owning table (the intern table, the subclass
/// lists, the type attribute cache, each type's literal lookup cache and the attribute
/// sites of code objects). The table's invariant is that it only hands out pointers of
/// live objects: an entry is removed (or, in the caches keyed by a type's version tag,
/// made unreachable by resetting the tag) before its object can be freed.
pub(crate) fn deref_table_ptr<'a>(p: *const PyObject) -> &'a PyObject {
    // SAFETY: see above; entries are removed in `Payload::release_contents` before the
    // block is freed.
    unsafe { &*p }
}

thread_local! {
    static CURRENT_VM: Cell<*const crate::vm::Vm> = const { Cell::new(std::ptr::null()) };
}

/// Records the interpreter that finalizers run on (null to stop running them).
pub fn set_current_vm(vm: *const crate::vm::Vm) {
    CURRENT_VM.with(|c| c.set(vm));
}

/// The interpreter registered with `set_current_vm`, if any.
pub fn current_vm<'a>() -> Option<&'a crate::vm::Vm> {
    let p = CURRENT_VM.with(|c| c.get());
    // SAFETY: `set_current_vm` is called with the address of a live `Vm` and reset to
    // null before that `Vm` is dropped (see `vm::finalize`).
    unsafe { p.as_ref() }
}

/// The code object a running frame executes, borrowed from the frame's own reference
/// (`Frame::code`) but not tied to a borrow of the frame, so that the eval loop can hand
/// the frame mutably to its out-of-line handlers while it reads the instructions. The
/// frame's invariant makes this sound: a frame owns a strong reference to its code, and
/// `Frame::code` is assigned only when a frame is allocated or recycled, never while an
/// eval loop runs it; the loop uses the reference only until it switches to another
/// frame or returns.
/// `code` is the frame's `Frame::code`, which is Some and a code object for every frame
/// out of the pool: neither is tested again here (the eval loop reads it at every call
/// and return).
#[inline(always)]
pub(crate) fn running_code<'a>(code: &Option<ObjRef>) -> &'a crate::bytecode::CodeObject {
    debug_assert!(code.as_ref().is_some_and(|c| c.as_code().is_some()), "a running frame's code");
    // SAFETY: a frame out of the pool holds its code (see `Frame::code`), and the code
    // object's payload is the code (payloads never change kind).
    let c: *const crate::bytecode::CodeObject = unsafe {
        let Some(o) = code else { std::hint::unreachable_unchecked() };
        let Payload::Code(c) = o.payload() else { std::hint::unreachable_unchecked() };
        &**c
    };
    // SAFETY: see above; the frame's reference keeps the code object (and so `*c`) alive
    // and unmoved while the reference is used.
    unsafe { &*c }
}

/// The instruction at `pc` of a running frame's code, fetched without a bounds test.
/// `pc` is always one the compiler's control flow reaches: the entry, the successor of
/// an instruction that falls through, a jump's target, or a handler's (every resume
/// point is one of these). `compiler::stack_depth` walks every such path and asserts
/// that each stays inside the code (a path ends in a return, a raise or a jump, and a
/// jump lands inside), so every reachable `pc` is below `instrs.len()`.
#[inline(always)]
pub(crate) fn instr_at(instrs: &[crate::bytecode::Instr], pc: usize) -> crate::bytecode::Instr {
    debug_assert!(pc < instrs.len(), "instruction {pc} is past the end of the code");
    // SAFETY: `pc < instrs.len()` (see above: the compiler checked every path).
    unsafe { *instrs.get_unchecked(pc) }
}

/// Entry `i` of a running frame's locals (`Frame::fast`) or of one of its code's tables
/// (`consts`, `names`, `caches`, `global_sites`), fetched without a bounds test. `i` is
/// an instruction's operand (or, for `caches`, a `pc` as `instr_at` takes). The
/// compiler checks every operand of every code object it makes against the table its
/// kind names (`compiler::check_operands`: a local or cell slot is below `nlocalsplus`,
/// a constant or a name is inside `consts` or `names`), code objects come from nowhere
/// else, a frame's `fast` has exactly `nlocalsplus` slots while it runs (`alloc_frame`
/// sizes it and nothing resizes it), `caches` has one entry per instruction and
/// `global_sites` one per name.
#[inline(always)]
pub(crate) fn operand_at<T>(table: &[T], i: usize) -> &T {
    debug_assert!(i < table.len(), "operand {i} is past the end of its table ({})", table.len());
    // SAFETY: `i < table.len()` (see above: the compiler checked every operand).
    unsafe { table.get_unchecked(i) }
}

/// `operand_at` for a table written in place (a frame's locals).
#[inline(always)]
pub(crate) fn operand_at_mut<T>(table: &mut [T], i: usize) -> &mut T {
    debug_assert!(i < table.len(), "operand {i} is past the end of its table ({})", table.len());
    // SAFETY: as for `operand_at`.
    unsafe { table.get_unchecked_mut(i) }
}

/// Entry `i` of an instance's values (a new reference), if there and set, read without
/// taking a borrow of the cell: nothing but a reference count's increment runs while the
/// vector is read, so no mutable borrow can start meanwhile, and one already held makes
/// this return None (the caller's general path then reports what it should).
#[inline(always)]
pub(crate) fn peek_value(values: &std::cell::RefCell<Vec<Option<ObjRef>>>, i: usize) -> Option<ObjRef> {
    // SAFETY: the reference is used only within this function, where no code that could
    // borrow `values` mutably runs (see above); `try_borrow_unguarded` fails while a
    // mutable borrow is held.
    let v = unsafe { values.try_borrow_unguarded() }.ok()?;
    v.get(i)?.clone()
}

/// A dict's version (see `DictTable::version`), read without taking a borrow of the
/// cell; None while the dict is borrowed mutably (being changed).
#[inline(always)]
pub(crate) fn dict_version(d: &std::cell::RefCell<crate::object::dict::DictTable>) -> Option<u64> {
    // SAFETY: the reference is used for one read of a field, during which no code runs
    // that could borrow the cell mutably; `try_borrow_unguarded` fails while a mutable
    // borrow is held.
    Some(unsafe { d.try_borrow_unguarded() }.ok()?.version)
}

/// Dereferences a frame on the chain of running frames (`Vm::top_frame`, `Frame::back`).
pub(crate) fn deref_frame<'a>(p: *const crate::vm::Frame) -> &'a crate::vm::Frame {
    // SAFETY: the chain only holds addresses of boxed frames that an eval loop is still
    // running (a frame is taken off before it is dropped or handed back to a generator),
    // and callers use the reference only during the native call made from that frame.
    unsafe { &*p }
}

/// The size of `o`'s block: header, payload and (for GC objects) the GC head.
pub fn block_size(o: &PyObject) -> usize {
    if o.has_gc_head() {
        std::mem::size_of::<GcBlock>()
    } else {
        std::mem::size_of::<PyObject>()
    }
}

/// CPython 3.11's free lists: freed objects of the commonest types keep their block for
/// the next object of the same type, up to a per-type limit (100 floats, 80 lists, 80
/// dicts, 2000 tuples of each length 1..=20, one slice); other objects go straight back
/// to the pools. Blocks on a free list are still allocated as far as the pool allocator
/// (and `sys.getallocatedblocks()`) is concerned. A full collection empties every list
/// but the slice cache.
///
/// Invariant: a list holds only blocks of the size its kind allocates (`FreeKind::size`).
#[derive(Clone, Copy, PartialEq, Debug)]
enum FreeKind {
    Float,
    List,
    Dict,
    Tuple(usize),
    /// CPython 3.11's one-object slice cache (kept by full collections).
    Slice,
}

const TUPLE_FREELIST_SIZES: usize = 20;

impl FreeKind {
    /// The free list for a block of this payload when its type is builtin: as in
    /// CPython, instances of Python classes use none. Allocation and deallocation both
    /// decide by it.
    fn of(payload: &Payload) -> Option<FreeKind> {
        match payload {
            Payload::Float(_) => Some(FreeKind::Float),
            Payload::List(_) => Some(FreeKind::List),
            Payload::Dict(_) => Some(FreeKind::Dict),
            Payload::Tuple(items) if (1..=TUPLE_FREELIST_SIZES).contains(&items.len()) => Some(FreeKind::Tuple(items.len())),
            Payload::Slice { .. } => Some(FreeKind::Slice),
            _ => None,
        }
    }
    fn slot(self) -> usize {
        match self {
            FreeKind::Float => 0,
            FreeKind::List => 1,
            FreeKind::Dict => 2,
            FreeKind::Tuple(n) => 2 + n,
            FreeKind::Slice => 3 + TUPLE_FREELIST_SIZES,
        }
    }
    /// The kind whose list is at `slot` (the inverse of `slot`).
    fn from_slot(slot: usize) -> FreeKind {
        match slot {
            0 => FreeKind::Float,
            1 => FreeKind::List,
            2 => FreeKind::Dict,
            n if n == 3 + TUPLE_FREELIST_SIZES => FreeKind::Slice,
            n => FreeKind::Tuple(n - 2),
        }
    }
    fn limit(self) -> usize {
        match self {
            FreeKind::Float => 100,
            FreeKind::List | FreeKind::Dict => 80,
            FreeKind::Tuple(_) => 2000,
            FreeKind::Slice => 1,
        }
    }
    fn size(self) -> usize {
        match self {
            FreeKind::Float => std::mem::size_of::<PyObject>(),
            _ => std::mem::size_of::<GcBlock>(),
        }
    }
}

const NFREELISTS: usize = 4 + TUPLE_FREELIST_SIZES;

/// One free list: an intrusive stack of unused blocks, each block's first word linking
/// to the next (as pymalloc's free blocks), so pushing and popping touch no other memory.
struct FreeList {
    head: Cell<*mut u8>,
    len: Cell<usize>,
}

thread_local! {
    static FREELISTS: [FreeList; NFREELISTS] =
        const { [const { FreeList { head: Cell::new(std::ptr::null_mut()), len: Cell::new(0) } }; NFREELISTS] };
}

impl FreeList {
    fn pop(&self) -> Option<*mut u8> {
        let h = self.head.get();
        if h.is_null() {
            return None;
        }
        // SAFETY: blocks on a free list are allocated, unused and at least a word long;
        // `push` stored the next block's address in the first word.
        self.head.set(unsafe { (h as *mut *mut u8).read() });
        self.len.set(self.len.get() - 1);
        Some(h)
    }
    /// The blocks on the list (for the debug accounting).
    fn blocks(&self) -> Vec<*mut u8> {
        let mut out = Vec::with_capacity(self.len.get());
        let mut b = self.head.get();
        while !b.is_null() {
            out.push(b);
            // SAFETY: as in `pop`.
            b = unsafe { (b as *mut *mut u8).read() };
        }
        out
    }
    fn push(&self, p: *mut u8) {
        // SAFETY: `p` is an allocated block whose object has been dropped (no one reads
        // it any more), at least a word long and 16-byte aligned.
        unsafe { (p as *mut *mut u8).write(self.head.get()) };
        self.head.set(p);
        self.len.set(self.len.get() + 1);
    }
}

/// Whether CPython 3.11's one-object slice cache holds a slice: a slice made now would
/// come from it and, freed before another is made, go back to it, leaving the
/// collector's counts and lists as they were. The eval loop then slices builtin
/// sequences by the bounds alone, without the object (see `Vm::slice_fast_path`).
pub fn slice_cache_full() -> bool {
    FREELISTS.with(|l| l[FreeKind::Slice.slot()].len.get() >= FreeKind::Slice.limit())
}

/// A block for a new object of `kind`'s type: from its free list, else from the pools.
#[inline]
fn block_for(kind: Option<FreeKind>, size: usize) -> (*mut u8, bool) {
    if let Some(k) = kind {
        debug_assert_eq!(k.size(), size);
        if let Some(p) = FREELISTS.with(|l| l[k.slot()].pop()) {
            return (p, true);
        }
    }
    (pool::alloc(size), false)
}

/// Gives back the block of a freed object of `kind`'s type: kept on its free list while
/// that has room (returns true), else returned to the pools.
#[inline]
fn release_block(kind: Option<FreeKind>, p: *mut u8, size: usize) -> bool {
    if let Some(k) = kind {
        let kept = FREELISTS.with(|l| {
            let list = &l[k.slot()];
            let room = list.len.get() < k.limit();
            if room {
                list.push(p);
            }
            room
        });
        if kept {
            return true;
        }
    }
    pool::free(p, size);
    false
}

/// Empties the free lists (on a full collection), returning their blocks to the pools;
/// each block of a container is uncounted then, as CPython's `PyObject_GC_Del` does.
/// The slice cache stays, as CPython's does.
pub fn clear_freelists() {
    for slot in 0..NFREELISTS {
        let kind = FreeKind::from_slot(slot);
        if kind == FreeKind::Slice {
            continue;
        }
        while let Some(b) = FREELISTS.with(|l| l[slot].pop()) {
            pool::free(b, kind.size());
            if kind != FreeKind::Float {
                crate::gc::on_dealloc();
            }
        }
    }
}

/// Whether the dict free list is empty (a new dict would then be counted).
pub fn dict_freelist_empty() -> bool {
    FREELISTS.with(|l| l[FreeKind::Dict.slot()].len.get() == 0)
}

/// The free lists' lines of `sys._debugmallocstats()`, in CPython's order and layout
/// (with Ouro's block sizes).
pub fn freelist_report() -> String {
    let counts: Vec<usize> = FREELISTS.with(|l| l.iter().map(|f| f.len.get()).collect());
    let line = |n: usize, what: &str, size: usize| {
        let head = format!("{} free {} * {} bytes each", n, what, size);
        format!("{:>48} ={:>21}\n", head, pool::with_commas(n * size))
    };
    let mut out = String::new();
    out.push_str(&line(counts[FreeKind::Dict.slot()], "PyDictObjects", FreeKind::Dict.size()));
    out.push_str(&line(counts[FreeKind::Float.slot()], "PyFloatObjects", FreeKind::Float.size()));
    out.push_str(&line(counts[FreeKind::List.slot()], "PyListObjects", FreeKind::List.size()));
    for n in 1..=TUPLE_FREELIST_SIZES {
        let k = FreeKind::Tuple(n);
        out.push_str(&line(counts[k.slot()], &format!("{}-sized PyTupleObjects", n), k.size()));
    }
    out
}

/// The object whose GC head is `h`.
pub(crate) fn object_from_head<'a>(h: *mut GcHead) -> &'a PyObject {
    // SAFETY: GC heads are only ever created as the `head` field of a `GcBlock`, and
    // callers pass heads of live objects, so the `obj` field at the fixed offset is a
    // live PyObject.
    unsafe {
        let block = (h as *mut u8).sub(std::mem::offset_of!(GcBlock, head)) as *const GcBlock;
        &(*block).obj
    }
}

/// Dereferences an address held by a weakref list or a weakref's referent field.
pub(crate) fn deref_weak_referent<'a>(p: *const PyObject) -> &'a PyObject {
    // SAFETY: weakref lists and referent fields only hold addresses of live objects: a
    // referent clears them before it is freed and a weakref unlinks itself when freed
    // (see modules::weakref).
    unsafe { &*p }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_sizes_fit_small_classes() {
        // Object blocks must stay small-object blocks (<= 512 bytes).
        let plain = std::mem::size_of::<PyObject>();
        let gc = std::mem::size_of::<GcBlock>();
        println!("PyObject {} bytes, GcBlock {} bytes, Payload {} bytes", plain, gc, std::mem::size_of::<Payload>());
        assert!(plain <= 512 && gc <= 512);
    }

    #[test]
    fn handles_count_references_and_free_at_zero() {
        crate::object::types::init();
        let (refs0, live0) = (ref_total(), live_objects());
        let l = crate::object::new_list(vec![]);
        let t = crate::object::new_tuple(vec![l.clone(), crate::object::new_float(1.5), l.clone()]);
        assert_eq!(l.refcnt(), 3);
        assert_eq!(live_objects(), live0 + 3);
        drop(t);
        assert_eq!(l.refcnt(), 1);
        assert_eq!(live_objects(), live0 + 1);
        drop(l);
        assert_eq!((ref_total(), live_objects()), (refs0, live0));
    }

    #[test]
    fn lent_handles_are_not_counted() {
        crate::object::types::init();
        let a = crate::object::new_list(vec![]);
        let b = crate::object::new_float(0.5);
        {
            let lent = Lent::new([&a, &b]);
            let args = lent.as_slice();
            assert!(args[0].is(&a) && args[1].is(&b));
            assert_eq!((a.refcnt(), b.refcnt()), (1, 1));
            let kept = args[0].clone();
            assert_eq!(a.refcnt(), 2);
            drop(kept);
        }
        assert_eq!((a.refcnt(), b.refcnt()), (1, 1));
    }

    #[test]
    fn free_lists_reuse_blocks_until_cleared() {
        crate::object::types::init();
        clear_freelists();
        let blocks0 = pool::allocated_blocks();
        let f = crate::object::new_float(2.5);
        let addr = f.addr();
        drop(f);
        // The block stays allocated on the float free list and serves the next float.
        assert_eq!(pool::allocated_blocks(), blocks0 + 1);
        let g = crate::object::new_float(3.5);
        assert_eq!(g.addr(), addr);
        drop(g);
        clear_freelists();
        assert_eq!(pool::allocated_blocks(), blocks0);
    }

    /// The eval loop's unchecked reads (`instr_at`, `operand_at`, `peek_value`,
    /// `dict_version`) on a program that uses each: locals, constants, names, cells,
    /// instance values, globals and builtins through their caches (also while a global
    /// changes), and sets. Small enough to run under Miri, which is what it is for.
    #[test]
    fn eval_loop_unchecked_reads() {
        let src = concat!(
            "class P:\n",
            "    def __init__(self, x):\n",
            "        self.x = x\n",
            "        self.y = -x\n",
            "K = 3\n",
            "def f(ps):\n",
            "    t = 0\n",
            "    for p in ps:\n",
            "        t += p.x * K - p.y + len(ps)\n",
            "        p.y = t\n",
            "    return t\n",
            "def outer(n):\n",
            "    def inner():\n",
            "        return n + 1\n",
            "    return inner()\n",
            "ps = [P(i) for i in range(4)]\n",
            "a = f(ps)\n",
            "K = 5\n",
            "print(a, f(ps), outer(1), 2 in {1, 2}, 'z' in frozenset('ab'), ps[3].y)\n",
        );
        assert_eq!(crate::run::run_checked(src, false), "40 -34 2 True False -34\n");
    }
}
