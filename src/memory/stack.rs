//! The native stack the interpreter runs on.
//!
//! Deep native recursion (nested reprs and comparisons, native → Python re-entry) must
//! reach `RecursionError` long before the stack ends, so the interpreter runs on a stack
//! of its own, far larger than the 8 MiB a main thread gets: a private anonymous
//! mapping reserved without commitment (pages are backed as they are first touched),
//! with an inaccessible guard page below it. The calling thread switches onto it and
//! back; spawning a thread with such a stack instead cost about 0.1 ms (`ouro -c pass`
//! takes 1.6 ms).
//!
//! Invariant: no unwinding crosses the switch: the callback runs under `catch_unwind`
//! and a panic comes back as the `Err` of the result, on the caller's stack.

use std::panic::{catch_unwind, AssertUnwindSafe};

/// Runs `f` on a fresh stack of `size` bytes (rounded up to whole pages) and returns
/// what it returned, or the payload of its panic.
#[cfg(all(unix, not(miri)))]
pub fn run_on_large_stack<R: Send + 'static>(size: usize, f: impl FnOnce() -> R + Send + 'static) -> std::thread::Result<R> {
    // SAFETY: sysconf has no memory preconditions.
    let page = match unsafe { libc::sysconf(libc::_SC_PAGESIZE) } {
        p if p > 0 => p as usize,
        _ => 4096,
    };
    let size = size.div_ceil(page) * page;
    let total = size + page;
    // SAFETY: an anonymous private mapping with no address hint touches no existing
    // memory; the result is checked before use.
    let base = unsafe {
        libc::mmap(std::ptr::null_mut(), total, libc::PROT_READ | libc::PROT_WRITE, libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE | libc::MAP_STACK, -1, 0)
    };
    if base == libc::MAP_FAILED {
        return run_on_thread(size, f);
    }
    // SAFETY: the first page lies inside the mapping just made, which nothing else uses.
    unsafe { libc::mprotect(base, page, libc::PROT_NONE) };
    // SAFETY: [base + page, base + total) is a fresh, page-aligned read-write mapping of
    // `size` bytes that nothing else uses and that stays mapped until after the call;
    // the callback catches every panic, so no unwinding crosses the stack switch.
    let r = unsafe { psm::on_stack((base as *mut u8).add(page), size, move || catch_unwind(AssertUnwindSafe(f))) };
    // SAFETY: the mapping was made above with this address and length, and the stack it
    // held is no longer in use.
    unsafe { libc::munmap(base, total) };
    r
}

/// Under Miri, which cannot switch stacks (and keeps its own): `f` runs where it is
/// called, on the calling thread, whose thread-local interpreter state it may share.
#[cfg(miri)]
pub fn run_on_large_stack<R: Send + 'static>(_size: usize, f: impl FnOnce() -> R + Send + 'static) -> std::thread::Result<R> {
    catch_unwind(AssertUnwindSafe(f))
}

#[cfg(all(not(unix), not(miri)))]
pub fn run_on_large_stack<R: Send + 'static>(size: usize, f: impl FnOnce() -> R + Send + 'static) -> std::thread::Result<R> {
    run_on_thread(size, f)
}

/// The fallback: a thread with a `size`-byte stack, joined at once.
#[cfg(not(miri))]
fn run_on_thread<R: Send + 'static>(size: usize, f: impl FnOnce() -> R + Send + 'static) -> std::thread::Result<R> {
    match std::thread::Builder::new().stack_size(size).spawn(f) {
        Ok(t) => t.join(),
        Err(e) => Err(Box::new(e)),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    #[cfg_attr(miri, ignore)]
    fn runs_deep_recursion_and_returns_panics() {
        fn depth(n: u64) -> u64 {
            let pad = std::hint::black_box([n as u8; 512]);
            if n == 0 {
                pad[0] as u64
            } else {
                depth(n - 1) + 1
            }
        }
        // 64 MiB of frames: more than a main thread's default stack.
        assert_eq!(super::run_on_large_stack(256 << 20, || depth(100_000)).ok(), Some(100_000));
        let r = super::run_on_large_stack(1 << 20, || -> u8 { panic!("inside") });
        assert_eq!(r.err().and_then(|p| p.downcast_ref::<&str>().map(|s| s.to_string())).as_deref(), Some("inside"));
    }
}
