//! Resource limits: a cap on the bytes the process has allocated (`-X max-memory=SIZE`)
//! and on the steps a program may run (`-X max-steps=N`), both also settable from Rust.
//!
//! Invariants:
//! - `ALLOCATED` is, per thread, the bytes allocated minus the bytes freed on that thread
//!   through the global allocator (`CountingAlloc`, a thin counter over mimalloc); it is
//!   exact, not sampled. An interpreter runs on one thread, so its thread's count is the
//!   interpreter's heap (a plain thread-local add, where a process-wide atomic would put
//!   a locked instruction on every allocation). A block freed on another thread than
//!   the one that allocated it stays counted on the first; `allocated` never goes
//!   below zero.
//! - A limit is soft: allocations themselves never fail because of it. The interpreter
//!   checks at its safe points (backward jumps and calls, see `check`) and raises
//!   MemoryError / RuntimeError there, and sizes a program asks for up front (`[0] * n`,
//!   `bytes(n)`, `'x'.ljust(n)`) are refused before allocating (`can_allocate`).
//! - A step is one safe point passed: a backward jump or a call. Steps are counted
//!   only once some limit has been set.
//! - Crossing a limit raises once; the program then has a grace of 1/8 of the limit
//!   (more memory or more steps) to handle the error, after which every safe point
//!   raises again. The memory limit re-arms when usage falls back under it.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};

/// The global allocator: mimalloc (the system allocator under Miri, which cannot run
/// foreign code), counting the bytes in use.
pub struct CountingAlloc;

#[cfg(miri)]
use std::alloc::System as Inner;

/// mimalloc through its plain entry points when the alignment asked for is at most 8
/// (every mimalloc block has that), which is nearly every Rust allocation; through the
/// aligned ones otherwise.
#[cfg(not(miri))]
struct Inner;

#[cfg(not(miri))]
extern "C" {
    /// mimalloc's `mi_option_set` (the bindings declare it only behind a feature).
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// `mi_option_arena_eager_commit` in mimalloc v2's `mi_option_t`.
#[cfg(not(miri))]
const MI_OPTION_ARENA_EAGER_COMMIT: std::ffi::c_int = 4;

#[cfg(not(miri))]
static CONFIGURED: AtomicBool = AtomicBool::new(false);

/// Sets mimalloc's options before its first allocation. Arenas are committed as their
/// pages are used rather than all at once: on Linux mimalloc otherwise commits each new
/// 1 GiB arena's first segments eagerly, which the kernel backs with huge pages, so a
/// process that needs a few hundred KiB would start at 10 MB of resident memory.
#[cfg(not(miri))]
#[inline]
fn configure_once() {
    if !CONFIGURED.load(Relaxed) {
        configure();
    }
}

#[cfg(not(miri))]
#[cold]
fn configure() {
    CONFIGURED.store(true, Relaxed);
    // SAFETY: `mi_option_set` only writes mimalloc's option table, which allocation
    // reads; setting the same value twice (two threads racing here) is harmless.
    unsafe { mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0) }
}

#[cfg(not(miri))]
// SAFETY: each method calls the mimalloc function for its layout: `mi_malloc`/
// `mi_zalloc`/`mi_realloc` return blocks aligned to at least 8 bytes, and the aligned
// variants honour any other alignment; `mi_free` frees blocks of either kind.
unsafe impl GlobalAlloc for Inner {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        configure_once();
        // SAFETY: see the impl.
        unsafe {
            if layout.align() <= 8 {
                libmimalloc_sys::mi_malloc(layout.size()) as *mut u8
            } else {
                libmimalloc_sys::mi_malloc_aligned(layout.size(), layout.align()) as *mut u8
            }
        }
    }
    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        configure_once();
        // SAFETY: see the impl.
        unsafe {
            if layout.align() <= 8 {
                libmimalloc_sys::mi_zalloc(layout.size()) as *mut u8
            } else {
                libmimalloc_sys::mi_zalloc_aligned(layout.size(), layout.align()) as *mut u8
            }
        }
    }
    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: see the impl.
        unsafe { libmimalloc_sys::mi_free(ptr as *mut std::ffi::c_void) }
    }
    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: see the impl.
        unsafe {
            if layout.align() <= 8 {
                libmimalloc_sys::mi_realloc(ptr as *mut std::ffi::c_void, new_size) as *mut u8
            } else {
                libmimalloc_sys::mi_realloc_aligned(ptr as *mut std::ffi::c_void, new_size, layout.align()) as *mut u8
            }
        }
    }
}

thread_local! {
    static ALLOCATED: Cell<isize> = const { Cell::new(0) };
}

/// Adds `delta` bytes to this thread's count (a const thread-local without destructor,
/// so it is usable from the allocator at any point of a thread's life).
#[inline]
fn count(delta: isize) {
    ALLOCATED.with(|a| a.set(a.get().wrapping_add(delta)));
}
static MAX_MEMORY: AtomicUsize = AtomicUsize::new(usize::MAX);

// SAFETY: every method forwards to mimalloc with the caller's arguments unchanged, so the
// GlobalAlloc contract holds as it does for mimalloc; the counter updates have no effect
// on the memory handed out.
unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged (see the impl).
        let p = unsafe { Inner.alloc(layout) };
        if !p.is_null() {
            count(layout.size() as isize);
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged (see the impl).
        let p = unsafe { Inner.alloc_zeroed(layout) };
        if !p.is_null() {
            count(layout.size() as isize);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        count(-(layout.size() as isize));
        // SAFETY: forwarded unchanged (see the impl).
        unsafe { Inner.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded unchanged (see the impl).
        let p = unsafe { Inner.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            count(new_size as isize - layout.size() as isize);
        }
        p
    }
}

/// Bytes currently allocated by the process.
/// The bytes this thread holds from the global allocator.
pub fn allocated() -> usize {
    ALLOCATED.with(|a| a.get().max(0) as usize)
}

/// Caps the bytes the program may have allocated (`usize::MAX`: no cap).
pub fn set_max_memory(bytes: usize) {
    if bytes != usize::MAX {
        LIMITED.store(true, Relaxed);
    }
    MAX_MEMORY.store(bytes, Relaxed);
}

pub fn max_memory() -> usize {
    MAX_MEMORY.load(Relaxed)
}

/// The machine's physical memory in bytes (from /proc/meminfo; unbounded elsewhere).
fn physical_memory() -> usize {
    thread_local! {
        static PHYS: usize = std::fs::read_to_string("/proc/meminfo")
            .ok()
            .and_then(|m| m.lines().find(|l| l.starts_with("MemTotal:")).and_then(|l| l.split_whitespace().nth(1)?.parse::<usize>().ok()))
            .map(|kb| kb.saturating_mul(1024))
            .unwrap_or(usize::MAX);
    }
    PHYS.with(|p| *p)
}

/// Whether `bytes` more can be allocated within the cap and the machine's memory
/// (CPython gets MemoryError from malloc for such sizes; mimalloc would reserve them).
pub fn can_allocate(bytes: usize) -> bool {
    let cap = max_memory().min(physical_memory());
    allocated().checked_add(bytes).is_some_and(|total| total <= cap)
}

thread_local! {
    static STEPS: Cell<u64> = const { Cell::new(0) };
    static MAX_STEPS: Cell<u64> = const { Cell::new(u64::MAX) };
    /// Whether the memory / step limit was reported and its grace is running.
    static MEMORY_REPORTED: Cell<bool> = const { Cell::new(false) };
    static STEPS_REPORTED: Cell<bool> = const { Cell::new(false) };
}

fn with_grace(limit: u64) -> u64 {
    limit.saturating_add(limit / 8)
}

/// Caps the steps (backward jumps and calls) the program may run (`u64::MAX`: no cap),
/// counting from now.
pub fn set_max_steps(n: u64) {
    if n != u64::MAX {
        LIMITED.store(true, Relaxed);
    }
    MAX_STEPS.with(|m| m.set(n));
    STEPS.with(|s| s.set(0));
    STEPS_REPORTED.with(|r| r.set(false));
}

pub fn max_steps() -> u64 {
    MAX_STEPS.with(|m| m.get())
}

/// A limit found exceeded at a safe point.
#[derive(Debug, PartialEq, Eq)]
pub enum Exceeded {
    Memory,
    Steps,
}

/// Set once any limit has been set (and never cleared): until then safe points skip
/// the limit checks (and the step count, which `set_max_steps` resets anyway).
static LIMITED: AtomicBool = AtomicBool::new(false);

/// Whether any limit is set (when not, `check` has nothing to count).
#[inline(always)]
pub fn limited() -> bool {
    LIMITED.load(Relaxed)
}

/// Counts one step and reports a limit the program has crossed (see the module's
/// invariants for the grace that follows).
#[inline]
pub fn check() -> Option<Exceeded> {
    if !LIMITED.load(Relaxed) {
        return None;
    }
    check_limits()
}

fn check_limits() -> Option<Exceeded> {
    let steps = STEPS.with(|s| {
        let n = s.get() + 1;
        s.set(n);
        n
    });
    if steps > max_steps() && report(&STEPS_REPORTED, steps > with_grace(max_steps())) {
        return Some(Exceeded::Steps);
    }
    let (used, max) = (allocated(), max_memory());
    if used > max {
        if report(&MEMORY_REPORTED, used as u64 > with_grace(max as u64)) {
            return Some(Exceeded::Memory);
        }
    } else if max != usize::MAX {
        MEMORY_REPORTED.with(|r| r.set(false));
    }
    None
}

/// Whether to raise for a crossed limit: the first time, and after the grace.
fn report(reported: &'static std::thread::LocalKey<Cell<bool>>, past_grace: bool) -> bool {
    reported.with(|r| !r.replace(true) || past_grace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps() {
        // (Other test threads allocate concurrently, so the counter's exact value is
        // checked by the -X max-memory tests, not here.)
        assert!(can_allocate(1 << 20));
        assert!(!can_allocate(usize::MAX));
        set_max_steps(16);
        for _ in 0..16 {
            assert_eq!(check(), None);
        }
        assert_eq!(check(), Some(Exceeded::Steps));
        // Grace: up to 16 + 16 / 8 = 18 steps without another error, then one at every step.
        assert_eq!(check(), None);
        assert_eq!(check(), Some(Exceeded::Steps));
        assert_eq!(check(), Some(Exceeded::Steps));
        set_max_steps(u64::MAX);
        assert_eq!(check(), None);
    }
}
