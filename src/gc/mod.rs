//! The cycle collector, after CPython 3.11's `Modules/gcmodule.c` (function names kept).
//!
//! Invariants:
//! - Every GC-capable object that is tracked is in exactly one of the three generation
//!   lists, the startup list (part of the oldest generation, see `GcState::startup`) or
//!   the permanent generation. Tracking is decided at allocation (all GC
//!   payloads but dicts) and by `maintain_dict_tracking` for dicts; tuples and dicts may
//!   be untracked by a collection.
//! - `count[0]` = GC allocations − GC deallocations since the last collection of
//!   generation 0 (never below zero); collecting generation g zeroes counts 0..=g and
//!   increments `count[g + 1]`.
//! - An automatic collection is requested when `count[0] > threshold[0]` at allocation
//!   time and runs at the next safe point of the eval loop (a backward jump or a call),
//!   never in the middle of native code.
//! - During a collection `gc_refs` holds the reference count minus references from
//!   other objects being collected; no Python code runs between `update_refs` and the
//!   end of `move_unreachable`.

pub mod list;
pub mod traverse;

use std::cell::{Cell, RefCell};

use crate::memory::{GcHead, PyObject};
use crate::object::{self, ObjRef, Payload, PyResult};
use crate::vm::Vm;
use list::{head_ref, move_to, object_of, unlink, GcList};

pub const NUM_GENERATIONS: usize = 3;
pub const DEBUG_STATS: i64 = 1;
pub const DEBUG_COLLECTABLE: i64 = 2;
pub const DEBUG_UNCOLLECTABLE: i64 = 4;
pub const DEBUG_SAVEALL: i64 = 32;
pub const DEBUG_LEAK: i64 = DEBUG_COLLECTABLE | DEBUG_UNCOLLECTABLE | DEBUG_SAVEALL;

const FINALIZED: usize = 1;
const COLLECTING: usize = 2;
const UNREACHABLE: usize = 4;

#[derive(Default, Clone, Copy)]
pub struct GenStats {
    pub collections: i64,
    pub collected: i64,
    pub uncollectable: i64,
}

pub struct GcState {
    pub generations: [GcList; NUM_GENERATIONS],
    /// What the thread's first interpreter tracked while it was created (types, their
    /// methods, the builtins and sys modules): members of the oldest generation that
    /// collections do not traverse, as if frozen (`gc.freeze`), so they count as
    /// reachable and keep what they refer to alive. They are alive as long as the
    /// interpreter: builtin types are immutable, and `run::baseline` keeps the sys and
    /// builtins namespaces' original contents until teardown. `gc.get_objects()` lists
    /// them and generation 2's size counts them, as CPython does; creating another
    /// interpreter on the thread returns them to generation 2.
    pub startup: GcList,
    pub permanent: GcList,
    pub threshold: [Cell<i64>; NUM_GENERATIONS],
    pub count: [Cell<i64>; NUM_GENERATIONS],
    pub enabled: Cell<bool>,
    pub collecting: Cell<bool>,
    pub debug: Cell<i64>,
    pub long_lived_total: Cell<i64>,
    pub long_lived_pending: Cell<i64>,
    pub stats: RefCell<[GenStats; NUM_GENERATIONS]>,
    /// `gc.garbage` and `gc.callbacks` (created with the gc module).
    pub garbage: RefCell<Option<ObjRef>>,
    pub callbacks: RefCell<Option<ObjRef>>,
    /// Collect at every tracked allocation (`-X gcstress`).
    pub stress: Cell<bool>,
}

thread_local! {
    static STATE: &'static GcState = Box::leak(Box::new(GcState {
        generations: [GcList::new(), GcList::new(), GcList::new()],
        startup: GcList::new(),
        permanent: GcList::new(),
        threshold: [Cell::new(700), Cell::new(10), Cell::new(10)],
        count: [Cell::new(0), Cell::new(0), Cell::new(0)],
        enabled: Cell::new(true),
        collecting: Cell::new(false),
        debug: Cell::new(0),
        long_lived_total: Cell::new(0),
        long_lived_pending: Cell::new(0),
        stats: RefCell::new([GenStats::default(); NUM_GENERATIONS]),
        garbage: RefCell::new(None),
        callbacks: RefCell::new(None),
        stress: Cell::new(false),
    }));
}

pub fn state() -> &'static GcState {
    STATE.with(|s| *s)
}

fn head_ptr(h: &GcHead) -> *mut GcHead {
    h as *const GcHead as *mut GcHead
}

pub fn is_tracked(o: &PyObject) -> bool {
    o.gc_head().map(|h| !h.next.get().is_null()).unwrap_or(false)
}

/// Links a GC object into the youngest generation (no-op if tracked).
pub fn track(o: &PyObject) {
    if let Some(h) = o.gc_head() {
        if h.next.get().is_null() {
            state().generations[0].push(head_ptr(h));
        }
    }
}

pub fn untrack(o: &PyObject) {
    if let Some(h) = o.gc_head() {
        untrack_head(h);
    }
}

/// Unlinks a GC head from its generation if it is tracked.
#[inline]
pub fn untrack_head(h: &GcHead) {
    if !h.next.get().is_null() {
        unlink(head_ptr(h));
    }
}

/// Called for every new GC-capable object, with its head; `track` links it into the
/// youngest generation (dicts and the empty tuple start untracked). `counted`: whether
/// it counts as an allocation (CPython's `_PyObject_GC_Link`), which an object on a
/// block reused from a free list does not.
pub fn on_alloc_head(h: &GcHead, track: bool, counted: bool) {
    let st = if counted { on_alloc() } else { state() };
    if !counted && st.stress.get() && st.enabled.get() && !st.collecting.get() {
        // Stress mode collects at every allocation, counted or not.
        PENDING.with(|p| p.set(true));
    }
    if track {
        st.generations[0].push(head_ptr(h));
    }
}

/// Counts a new GC-capable object and requests a collection past the threshold.
pub fn on_alloc() -> &'static GcState {
    let st = state();
    let c = st.count[0].get() + 1;
    st.count[0].set(c);
    if st.enabled.get() && !st.collecting.get() && (st.stress.get() || (c > st.threshold[0].get() && st.threshold[0].get() != 0)) {
        PENDING.with(|p| p.set(true));
    }
    st
}

/// Uncounts a freed GC-capable object (CPython's `PyObject_GC_Del`).
pub fn on_dealloc() {
    let st = state();
    let c = st.count[0].get();
    if c > 0 {
        st.count[0].set(c - 1);
    }
}

/// True if an object of this kind may be tracked (CPython's `_PyObject_GC_MAY_BE_TRACKED`).
pub fn may_be_tracked(o: &PyObject) -> bool {
    if !o.has_gc_head() {
        return false;
    }
    match o.payload() {
        Payload::Tuple(_) if !o.type_data().heap => is_tracked(o),
        _ => true,
    }
}

/// Tracks a dict once it holds a key or value that may be tracked (MAINTAIN_TRACKING);
/// managed instance dicts are never tracked themselves.
pub fn maintain_dict_tracking(d: &PyObject, key: &PyObject, value: &PyObject) {
    let Some(h) = d.gc_head() else { return };
    if !h.next.get().is_null() || h.flags.get() & traverse::MANAGED_DICT != 0 {
        return;
    }
    if may_be_tracked(key) || may_be_tracked(value) {
        track(d);
    }
}

/// Marks a managed instance dict as exposed (`obj.__dict__` was taken): from now on it
/// is an ordinary dict for the collector.
pub fn expose_dict(d: &PyObject) {
    if let Some(h) = d.gc_head() {
        if h.flags.get() & traverse::MANAGED_DICT != 0 {
            h.flags.set(h.flags.get() & !traverse::MANAGED_DICT);
            // CPython creates the dict object now: count it as an allocation unless its
            // dict free list would provide it.
            if crate::memory::dict_freelist_empty() {
                on_alloc();
            }
            let has_trackable = d.as_dict().map(|t| t.borrow().iter().any(|e| may_be_tracked(&e.key) || may_be_tracked(&e.value))).unwrap_or(false);
            if has_trackable {
                track(d);
            }
        }
    }
}

/// A new managed dict for an instance: never tracked, and not counted as an
/// allocation, since CPython 3.11 keeps such attributes in the instance and creates no
/// dict until `__dict__` is asked for (see `expose_dict`). A collection request that
/// only this dict's allocation made is withdrawn.
pub fn new_managed_dict() -> ObjRef {
    let was_pending = pending();
    let before = state().count[0].get();
    let d = crate::object::new_dict();
    if let Some(h) = d.gc_head() {
        h.flags.set(h.flags.get() | traverse::MANAGED_DICT);
        if state().count[0].get() != before {
            on_dealloc();
        }
    }
    if !was_pending && !state().stress.get() {
        PENDING.with(|p| p.set(false));
    }
    d
}

/// Whether a GC-capable object was counted as an allocation: all are but managed dicts.
pub fn counted(h: &GcHead) -> bool {
    h.flags.get() & traverse::MANAGED_DICT == 0
}

pub fn is_finalized(o: &PyObject) -> bool {
    o.gc_head().map(|h| h.flags.get() & FINALIZED != 0).unwrap_or(false)
}

/// Marks `o` finalized; returns false if it already was (PEP 442: finalize once).
pub fn set_finalized(o: &PyObject) -> bool {
    match o.gc_head() {
        Some(h) => {
            if h.flags.get() & FINALIZED != 0 {
                return false;
            }
            h.flags.set(h.flags.get() | FINALIZED);
            true
        }
        None => true,
    }
}

fn refs(h: *mut GcHead) -> isize {
    head_ref(h).gc_refs.get()
}
fn set_refs(h: *mut GcHead, v: isize) {
    head_ref(h).gc_refs.set(v)
}
fn flag(h: *mut GcHead, f: usize) -> bool {
    head_ref(h).flags.get() & f != 0
}
fn set_flag(h: *mut GcHead, f: usize, on: bool) {
    let hh = head_ref(h);
    hh.flags.set(if on { hh.flags.get() | f } else { hh.flags.get() & !f });
}

/// gc_refs = refcount, and mark as being collected.
fn update_refs(containers: &GcList) {
    for h in containers.heads() {
        set_refs(h, object_of(h).refcnt());
        set_flag(h, COLLECTING, true);
    }
}

/// Subtracts the references between objects of `containers`.
fn subtract_refs(containers: &GcList) {
    for h in containers.heads() {
        traverse::traverse(object_of(h), &mut |o: &PyObject| {
            if let Some(oh) = o.gc_head() {
                let p = head_ptr(oh);
                if flag(p, COLLECTING) {
                    set_refs(p, refs(p) - 1);
                }
            }
        });
    }
}

/// Moves objects not reachable from outside `young` into `unreachable`.
fn move_unreachable(young: &GcList, unreachable: &GcList) {
    let ys = young.sentinel();
    let mut gc = head_ref(ys).next.get();
    while gc != ys {
        if refs(gc) > 0 {
            traverse::traverse(object_of(gc), &mut |o: &PyObject| {
                let Some(oh) = o.gc_head() else { return };
                let p = head_ptr(oh);
                if !flag(p, COLLECTING) {
                    return;
                }
                if flag(p, UNREACHABLE) {
                    // Tentatively unreachable, but referenced by a reachable object.
                    set_flag(p, UNREACHABLE, false);
                    move_to(p, young);
                    set_refs(p, 1);
                } else if refs(p) == 0 {
                    set_refs(p, 1);
                }
            });
            set_flag(gc, COLLECTING, false);
            gc = head_ref(gc).next.get();
        } else {
            let next = head_ref(gc).next.get();
            move_to(gc, unreachable);
            set_flag(gc, UNREACHABLE, true);
            gc = next;
        }
    }
}

fn deduce_unreachable(base: &GcList, unreachable: &GcList) {
    update_refs(base);
    subtract_refs(base);
    move_unreachable(base, unreachable);
    for h in unreachable.heads() {
        set_flag(h, COLLECTING, false);
    }
}

/// Untracks exact tuples whose items can never be part of a cycle (an instance of a
/// tuple subclass has a class and maybe a dict, so it stays tracked, as in CPython).
fn untrack_tuples(young: &GcList) {
    for h in young.heads() {
        let o = object_of(h);
        if o.type_data().heap {
            continue;
        }
        if let Payload::Tuple(items) = o.payload() {
            if items.iter().all(|i| !may_be_tracked(i)) {
                unlink(h);
            }
        }
    }
}

/// Untracks dicts holding nothing that may be tracked (full collections only).
fn untrack_dicts(young: &GcList) {
    for h in young.heads() {
        let o = object_of(h);
        if o.type_data().heap {
            continue;
        }
        if let Some(t) = o.as_dict() {
            if let Ok(t) = t.try_borrow() {
                if !t.iter().any(|e| may_be_tracked(&e.key) || may_be_tracked(&e.value)) {
                    drop(t);
                    unlink(h);
                }
            }
        }
    }
}

fn has_finalizer(o: &PyObject) -> bool {
    match o.payload() {
        Payload::Generator(g) => g.try_borrow().map(|g| g.frame.is_some() && g.started).unwrap_or(false),
        _ => o.ty().as_type().map(|t| t.heap && t.lookup("__del__").is_some()).unwrap_or(false),
    }
}

/// Runs the finalizers of the unreachable objects (PEP 442), each at most once.
fn finalize_garbage(vm: &Vm, collectable: &GcList) {
    let seen = GcList::new();
    while let Some(h) = collectable.first() {
        let o = ObjRef::from_borrowed(object_of(h));
        move_to(h, &seen);
        if has_finalizer(&o) && !is_finalized(&o) {
            crate::vm::finalize::run_finalizer(vm, &o);
        }
        drop(o);
    }
    collectable.merge(&seen);
}

/// Breaks the cycles of the garbage by clearing each object; refcounting frees the rest.
fn delete_garbage(collectable: &GcList, old: &GcList) {
    let st = state();
    while let Some(h) = collectable.first() {
        let o = ObjRef::from_borrowed(object_of(h));
        if st.debug.get() & DEBUG_SAVEALL != 0 {
            let g = st.garbage.borrow().clone();
            if let Some(g) = g {
                if let Some(l) = g.as_list() {
                    l.borrow_mut().push(o.clone());
                }
            }
        } else {
            traverse::clear(&o);
        }
        // Still alive (or saved): move it on so the loop advances.
        if let Some(oh) = o.gc_head() {
            let p = head_ptr(oh);
            if collectable.first() == Some(p) {
                move_to(p, old);
            }
        }
        drop(o);
    }
}

fn debug_cycle(vm: &Vm, msg: &str, o: &PyObject) {
    vm.write_stderr(&format!("gc: {} <{} {:#x}>\n", msg, o.type_name(), o.addr()));
}

/// Collects generation `generation` (CPython's `gc_collect_main`). Returns
/// (collected, uncollectable).
fn gc_collect_main(vm: &Vm, generation: usize) -> (i64, i64) {
    let st = state();
    let t0 = std::time::Instant::now();
    if st.debug.get() & DEBUG_STATS != 0 {
        let sizes: Vec<String> = (0..NUM_GENERATIONS).map(|g| generation_len(g).to_string()).collect();
        vm.write_stderr(&format!(
            "gc: collecting generation {}...\ngc: objects in each generation: {}\ngc: objects in permanent generation: {}\n",
            generation,
            sizes.join(" "),
            st.permanent.len()
        ));
    }
    if generation + 1 < NUM_GENERATIONS {
        let c = &st.count[generation + 1];
        c.set(c.get() + 1);
    }
    for i in 0..=generation {
        st.count[i].set(0);
    }
    for i in 0..generation {
        st.generations[generation].merge(&st.generations[i]);
    }
    let young = &st.generations[generation];
    let old = if generation < NUM_GENERATIONS - 1 { &st.generations[generation + 1] } else { young };
    let unreachable = GcList::new();
    deduce_unreachable(young, &unreachable);
    untrack_tuples(young);
    if generation < NUM_GENERATIONS - 1 {
        if generation == NUM_GENERATIONS - 2 {
            st.long_lived_pending.set(st.long_lived_pending.get() + young.len() as i64);
        }
        old.merge(young);
    } else {
        untrack_dicts(young);
        st.long_lived_pending.set(0);
        st.long_lived_total.set(generation_len(NUM_GENERATIONS - 1) as i64);
    }
    for h in unreachable.heads() {
        set_flag(h, UNREACHABLE, false);
    }
    if st.debug.get() & DEBUG_COLLECTABLE != 0 {
        for h in unreachable.heads() {
            debug_cycle(vm, "collectable", object_of(h));
        }
    }
    let mut m = crate::vm::finalize::handle_weakrefs(vm, &unreachable, old);
    finalize_garbage(vm, &unreachable);
    // Objects a finalizer resurrected go back to the old generation.
    let still = GcList::new();
    deduce_unreachable(&unreachable, &still);
    for h in still.heads() {
        set_flag(h, UNREACHABLE, false);
    }
    old.merge(&unreachable);
    m += still.len() as i64;
    delete_garbage(&still, old);
    let n = 0i64;
    if st.debug.get() & DEBUG_STATS != 0 {
        vm.write_stderr(&format!("gc: done, {} unreachable, {} uncollectable, {:.4}s elapsed\n", m, n, t0.elapsed().as_secs_f64()));
    }
    if generation == NUM_GENERATIONS - 1 {
        crate::memory::clear_freelists();
    }
    let mut stats = st.stats.borrow_mut();
    stats[generation].collections += 1;
    stats[generation].collected += m;
    stats[generation].uncollectable += n;
    (m, n)
}

fn invoke_callbacks(vm: &Vm, phase: &str, generation: usize, collected: i64, uncollectable: i64) {
    let cbs = state().callbacks.borrow().clone();
    let Some(cbs) = cbs else { return };
    let items = cbs.as_list().map(|l| l.borrow().clone()).unwrap_or_default();
    if items.is_empty() {
        return;
    }
    let info = object::new_dict();
    let _ = vm.dict_set(&info, object::str::intern("generation"), object::new_int(generation as i64));
    let _ = vm.dict_set(&info, object::str::intern("collected"), object::new_int(collected));
    let _ = vm.dict_set(&info, object::str::intern("uncollectable"), object::new_int(uncollectable));
    for cb in items {
        if let Err(e) = vm.call(&cb, &[object::new_str(phase), info.clone()], None) {
            let what = vm.repr_string(&cb).unwrap_or_default();
            vm.write_unraisable(&e, &what);
        }
    }
}

/// Collects `generation` with the callbacks around it (`gc_collect_with_callback`).
pub fn collect_with_callback(vm: &Vm, generation: usize) -> i64 {
    let st = state();
    st.collecting.set(true);
    // A pending exception handled by the program is kept aside while finalizers run.
    invoke_callbacks(vm, "start", generation, 0, 0);
    let (m, n) = gc_collect_main(vm, generation);
    invoke_callbacks(vm, "stop", generation, m, n);
    st.collecting.set(false);
    m + n
}

/// The automatic collection (CPython's `gc_collect_generations`), run at a safe point.
pub fn collect_generations(vm: &Vm) {
    let st = state();
    PENDING.with(|p| p.set(false));
    if st.collecting.get() || !st.enabled.get() {
        return;
    }
    for i in (0..NUM_GENERATIONS).rev() {
        if st.count[i].get() > st.threshold[i].get() {
            if i == NUM_GENERATIONS - 1 && st.long_lived_pending.get() < st.long_lived_total.get() / 4 {
                continue;
            }
            collect_with_callback(vm, i);
            return;
        }
    }
    // Under -X gcstress the youngest generation is collected even below its threshold.
    if st.stress.get() {
        collect_with_callback(vm, 0);
    }
}

/// Drops `gc.garbage` and `gc.callbacks` (interpreter teardown).
pub fn release_module_state() {
    let st = state();
    let g = st.garbage.borrow_mut().take();
    let c = st.callbacks.borrow_mut().take();
    drop(g);
    drop(c);
}

thread_local! {
    /// A collection was requested by an allocation and runs at the next safe point.
    /// (Apart from the lazily created state: the eval loop reads it at every call and
    /// backward jump.)
    static PENDING: Cell<bool> = const { Cell::new(false) };
}

#[inline(always)]
pub fn pending() -> bool {
    PENDING.with(|p| p.get())
}

/// `gc.collect(generation)`.
pub fn collect(vm: &Vm, generation: i64) -> PyResult<i64> {
    if !(0..NUM_GENERATIONS as i64).contains(&generation) {
        return Err(vm.value_error("invalid generation"));
    }
    if state().collecting.get() {
        return Ok(0);
    }
    Ok(collect_with_callback(vm, generation as usize))
}

/// The number of objects in generation `g` (the startup list belongs to the oldest).
fn generation_len(g: usize) -> usize {
    let st = state();
    st.generations[g].len() + if g == NUM_GENERATIONS - 1 { st.startup.len() } else { 0 }
}

/// Called as an interpreter starts being created: returns a previous interpreter's
/// startup objects to generation 2 (so that what it left behind can be collected), and
/// tells whether nothing is tracked, i.e. whether this is the thread's first
/// interpreter, whose objects `end_startup` may set aside.
pub fn begin_startup() -> bool {
    let st = state();
    st.generations[NUM_GENERATIONS - 1].merge(&st.startup);
    st.generations.iter().all(|g| g.is_empty()) && st.permanent.is_empty()
}

/// Moves every tracked object into the startup list (see `GcState::startup`); the
/// allocation counts are left as they are.
pub fn end_startup() {
    let st = state();
    for g in st.generations.iter() {
        st.startup.merge(g);
    }
}

/// All tracked objects of generation `g` (or of all generations).
pub fn objects(generation: Option<usize>) -> Vec<ObjRef> {
    let st = state();
    let lists: Vec<&GcList> = match generation {
        Some(g) if g == NUM_GENERATIONS - 1 => vec![&st.startup, &st.generations[g]],
        Some(g) => vec![&st.generations[g]],
        None => vec![&st.generations[0], &st.generations[1], &st.startup, &st.generations[2]],
    };
    let mut out = Vec::new();
    for l in lists {
        for h in l.heads() {
            out.push(ObjRef::from_borrowed(object_of(h)));
        }
    }
    out
}

pub fn freeze() {
    let st = state();
    for g in st.generations.iter() {
        st.permanent.merge(g);
    }
    st.count[0].set(0);
}

pub fn unfreeze() {
    let st = state();
    st.generations[NUM_GENERATIONS - 1].merge(&st.permanent);
}

pub fn freeze_count() -> usize {
    state().permanent.len()
}

pub fn referents(o: &PyObject) -> Vec<ObjRef> {
    let mut v = Vec::new();
    traverse::traverse(o, &mut |x: &PyObject| v.push(ObjRef::from_borrowed(x)));
    v
}

#[cfg(test)]
mod tests {
    use crate::object::{self, Payload};

    #[test]
    fn collector_frees_an_unreachable_cycle() {
        let vm = crate::vm::Vm::new();
        let _ = super::collect(&vm, 2);
        let live0 = crate::memory::live_objects();
        let l = object::new_list(vec![]);
        if let Payload::List(items) = l.payload() {
            items.borrow_mut().push(l.clone());
        }
        assert!(super::is_tracked(&l));
        drop(l);
        assert_eq!(crate::memory::live_objects(), live0 + 1, "a cycle survives refcounting");
        assert_eq!(super::collect(&vm, 2).ok(), Some(1));
        assert_eq!(crate::memory::live_objects(), live0);
    }

    /// The whole collection path on Python objects, under gcstress (a collection at every
    /// safe point): weakrefs cleared before their callbacks run, PEP 442 finalizers run
    /// once, a resurrected object survives its collection, the trashcan frees a deep
    /// chain, and nothing is left alive at the end. Not run under Miri, where a second
    /// interpreter, compiling the weakref module and the teardown's collections did not
    /// finish within half an hour; `collector_frees_an_unreachable_cycle` covers the
    /// collector's own code there.
    #[test]
    #[cfg_attr(miri, ignore)]
    fn collector_runs_finalizers_and_weakref_callbacks() {
        let src = concat!(
            "import gc, weakref\n",
            "log = []\n",
            "class A:\n",
            "    def __del__(self): log.append('del ' + self.name)\n",
            "a = A(); a.name = 'a'; a.me = a\n",
            "r = weakref.ref(a, lambda w: log.append('callback, dead=%s' % (w() is None)))\n",
            "del a\n",
            "gc.collect()\n",
            "print(log)\n",
            "keep = []\n",
            "class B:\n",
            "    def __del__(self): keep.append(self)\n",
            "b = B(); b.me = b; del b\n",
            "gc.collect()\n",
            "print(len(keep), gc.is_finalized(keep[0]))\n",
            "keep.clear()\n",
            "x = None\n",
            "for i in range(200): x = [x]\n",
            "del x\n",
            "t = (1, [2]); d = {'k': t}\n",
            "gc.collect()\n",
            "print(gc.is_tracked(t), gc.get_referents(d), gc.collect())\n",
        );
        assert_eq!(crate::run::run_checked(src, true), "['callback, dead=True', 'del a']\n1 True\nTrue [(1, [2])] 0\n");
    }
}
