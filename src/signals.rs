//! SIGINT → `KeyboardInterrupt`.
//!
//! The handler only stores `true` into `INTERRUPTED`; the eval loop polls the flag at
//! safe points (backward jumps and calls, beside the GC's check) through
//! `take_interrupt`, which consumes it and lets the loop raise `KeyboardInterrupt` in
//! the running frame. Like CPython, a script gets the handler only when SIGINT's
//! inherited disposition is the default one: a process started with SIGINT ignored
//! (e.g. `cmd &` in a non-interactive shell) keeps ignoring it. The interactive prompt
//! installs it regardless: there Ctrl-C must always interrupt the running code.

use std::sync::atomic::{AtomicBool, Ordering};

/// Set by the SIGINT handler; cleared by whoever consumes the interrupt.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Set when the program ended with an uncaught KeyboardInterrupt.
static SIGINT_EXIT: AtomicBool = AtomicBool::new(false);

/// True once `install` has put our handler in place.
static INSTALLED: AtomicBool = AtomicBool::new(false);

extern "C" fn on_sigint(_sig: libc::c_int) {
    // Async-signal-safe: a single atomic store.
    INTERRUPTED.store(true, Ordering::Relaxed);
}

/// Installs the SIGINT handler unless SIGINT is ignored (or `force`). Idempotent.
#[cfg(unix)]
pub fn install(force: bool) {
    if INSTALLED.load(Ordering::Relaxed) {
        return;
    }
    // SAFETY: `sigaction` is called with valid pointers to zero-initialised, then
    // filled, `libc::sigaction` structs owned by this frame. The handler installed
    // (`on_sigint`) is async-signal-safe: it performs one atomic store and nothing else.
    unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(libc::SIGINT, std::ptr::null(), &mut old) != 0 {
            return;
        }
        if old.sa_sigaction == libc::SIG_IGN && !force {
            return;
        }
        let mut new: libc::sigaction = std::mem::zeroed();
        new.sa_sigaction = on_sigint as extern "C" fn(libc::c_int) as libc::sighandler_t;
        new.sa_flags = libc::SA_RESTART;
        libc::sigemptyset(&mut new.sa_mask);
        if libc::sigaction(libc::SIGINT, &new, std::ptr::null_mut()) == 0 {
            INSTALLED.store(true, Ordering::Relaxed);
        }
    }
}

#[cfg(not(unix))]
pub fn install(_force: bool) {}

/// Whether an interrupt is waiting (without taking it).
#[inline(always)]
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::Relaxed)
}

/// Consumes a pending interrupt: true at most once per SIGINT received.
#[inline]
pub fn take_interrupt() -> bool {
    INTERRUPTED.load(Ordering::Relaxed) && INTERRUPTED.swap(false, Ordering::Relaxed)
}

/// Forgets an interrupt that arrived while no Python code was running.
pub fn clear() {
    INTERRUPTED.store(false, Ordering::Relaxed);
}

/// Records an interrupt as if SIGINT had arrived (for tests and embedders).
pub fn interrupt() {
    INTERRUPTED.store(true, Ordering::Relaxed);
}

/// Asks `exit_by_sigint` to end the process once the interpreter has shut down.
pub fn request_sigint_exit() {
    SIGINT_EXIT.store(true, Ordering::Relaxed);
}

pub fn sigint_exit_requested() -> bool {
    SIGINT_EXIT.load(Ordering::Relaxed)
}

/// Ends the process the way CPython does after an uncaught `KeyboardInterrupt`: with
/// SIGINT's default action, so the parent sees "killed by SIGINT" (a shell reports
/// status 130). Falls back to `exit(130)` if the signal does not end the process.
pub fn exit_by_sigint() -> ! {
    #[cfg(unix)]
    // SAFETY: restoring the default disposition and raising a signal have no memory
    // preconditions; SIGINT's default action terminates the process.
    unsafe {
        libc::signal(libc::SIGINT, libc::SIG_DFL);
        libc::raise(libc::SIGINT);
    }
    std::process::exit(130)
}

/// The process setup the `ouro` binary does in place of the Rust runtime's (its entry
/// point is the C `main`, see `src/main.rs`): SIGPIPE ignored, so that writing to a
/// closed pipe fails with EPIPE (`BrokenPipeError`) as in CPython, and standard
/// descriptors 0–2 that are closed opened on /dev/null, so that no file the program
/// opens lands on them.
#[cfg(unix)]
pub fn init_process() {
    // SAFETY: setting a signal's disposition to SIG_IGN, querying a descriptor's flags
    // and opening a path given as a NUL-terminated literal have no memory preconditions.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_IGN);
        for fd in 0..3 {
            if libc::fcntl(fd, libc::F_GETFD) == -1 && std::io::Error::last_os_error().raw_os_error() == Some(libc::EBADF) {
                libc::open(c"/dev/null".as_ptr(), libc::O_RDWR);
            }
        }
    }
}

#[cfg(not(unix))]
pub fn init_process() {}

/// Ends the process with `code` once the interpreter has shut down: flushes the
/// standard streams and exits without running the C runtime's exit handlers and
/// thread-local destructors, which would only free memory the exit releases anyway
/// (the allocator's own handler alone returned every page to the system one by one).
pub fn exit_now(code: i32) -> ! {
    use std::io::Write;
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    #[cfg(all(unix, not(ouro_pgo_gen)))]
    // SAFETY: `_exit` has no memory preconditions; nothing runs after it.
    unsafe {
        libc::_exit(code)
    }
    // The instrumented build of scripts/pgo.sh exits through `exit`, whose handlers
    // write the profile.
    #[cfg(any(not(unix), ouro_pgo_gen))]
    std::process::exit(code)
}
