//! The virtual machine: interpreter state, frames and the dispatch loop.
//!
//! Invariants:
//! - Python→Python calls made by `CallFunction`/`CallMethod` do not recurse on the Rust
//!   stack: the caller's frame is parked on the eval loop's own frame stack and the
//!   callee runs in the same loop. Native code that calls back into Python (a `key=`
//!   function, `__repr__`, ...) starts a nested loop; `depth` counts frames of both kinds
//!   and raises RecursionError past `recursion_limit`.
//! - A frame's value stack holds owned references; call arguments are moved from the
//!   caller's stack into the callee's fast locals (no second reference stays behind).
//! - `exc_info` is the exception currently being handled (what `sys.exc_info()` shows);
//!   entering a handler saves the previous one on the value stack and `PopExcept`
//!   restores it.

pub mod attr;
pub mod attr_site;
pub mod binary;
pub mod call;
pub mod compare;
pub mod eval;
pub mod finalize;
pub mod global_site;
pub mod exceptions;
pub mod iter;
mod ops_build;
mod ops_except;
mod ops_names;
pub mod protocols;

use std::cell::{Cell, RefCell};
use ahash::AHashMap as HashMap;
use std::rc::Rc;

use crate::object::{ObjRef, PyResult};

pub use exceptions::PyErr;

/// A handler block: on an exception, truncate the stack to `level` and jump to `handler`.
#[derive(Clone, Copy, Debug)]
pub struct Block {
    pub handler: u32,
    pub level: u32,
}

pub struct Frame {
    /// The function whose code runs here, a strong reference (CPython 3.11's `f_func`);
    /// None for module code and code run by `exec`/`eval`.
    pub func: Option<ObjRef>,
    /// A strong reference (CPython's `f_code`); None only while the frame waits in the
    /// frame pool (see `Vm::recycle_frame`), so that a pooled frame holds no code.
    pub code: Option<ObjRef>,
    /// The globals of a frame without a function, a strong reference (CPython holds them
    /// through the function it makes for such code). A function's frame borrows its
    /// function's globals instead (CPython's borrowed `f_globals`), so that running a
    /// function adds no reference to its module's namespace. Invariant: `own_globals` is
    /// Some exactly when `func` is None. Builtins are the interpreter's (`Vm::builtins`).
    pub own_globals: Option<ObjRef>,
    /// The local namespace of module and class bodies (None for optimized functions).
    pub locals: Option<ObjRef>,
    /// `varnames ++ cellvars ++ freevars`; cell and free slots hold cell objects.
    pub fast: Vec<Option<ObjRef>>,
    /// The value stack; it has room for the code's `stacksize` (see `alloc_frame`).
    /// While an eval loop runs the frame, the loop holds the stack and this is `EMPTY`
    /// (see `vm::eval`); it is here whenever the frame is suspended, parked as a
    /// caller, being unwound or handed to an out-of-line handler.
    pub stack: crate::memory::value_stack::ValueStack,
    pub blocks: Vec<Block>,
    pub pc: usize,
    /// Index of the instruction being executed (for line numbers).
    pub lasti: usize,
    pub kwnames: Option<ObjRef>,
    /// An exception to raise at the current instruction when the frame resumes
    /// (`generator.throw`).
    pub pending_throw: Option<PyErr>,
    /// The frame object tracebacks refer to, created on first need.
    pub frame_obj: Option<ObjRef>,
    /// The frame below this one on the thread's stack, meaningful while it runs: the
    /// chain `Vm::top_frame` starts, which `sys._getframe` walks.
    pub back: *const Frame,
    /// The frame that called this one in the same eval loop, parked until this one
    /// returns (None for the frame an eval loop started with).
    pub caller: Option<Box<Frame>>,
    /// For a generator's frame resumed inside the eval loop by `caller` (see
    /// `Vm::take_inline_frame`): the generator, a strong reference, and the
    /// instruction that resumed it, which decide what a yield or a return does.
    pub gen: Option<(ObjRef, Resumed)>,
    /// For a property getter's frame run by LOAD_ATTR (see `AttrLoad::Getter`): the
    /// instance, a strong reference held while the getter runs, as CPython's LOAD_ATTR
    /// holds it on the value stack while the descriptor calls the getter.
    pub owner: Option<ObjRef>,
    /// Whether any of `frame_obj`, `locals`, `own_globals`, `kwnames`,
    /// `pending_throw`, `gen` and `owner` may be Some: every place that sets one of them
    /// sets this too, so that a frame that never had one (most function frames) is
    /// released without testing them (`release`, which checks the invariant in debug
    /// builds, clears it).
    pub extras: bool,
}

/// The instruction that resumed a generator's frame inside the eval loop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resumed {
    /// `FOR_ITER` (the resumer's `pc` is past it): a yield is the loop's next item, a
    /// return ends the loop.
    ForIter,
    /// `YIELD_FROM` (the resumer's `pc` is at it): a yield is yielded on by the resumer,
    /// a return is the value of the `yield from`.
    YieldFrom,
}

impl Frame {
    /// Ends the frame: a frame object that outlives it takes over its locals; all other
    /// references are released, locals first to last. Capacities are kept for reuse.
    #[inline(always)]
    pub fn release(&mut self) {
        let extras = std::mem::take(&mut self.extras);
        if extras {
            if let Some(fo) = self.frame_obj.take() {
                if fo.refcnt() > 1 {
                    if let crate::object::Payload::Frame(fd) = fo.payload() {
                        let cap = self.fast.capacity();
                        *fd.locals.borrow_mut() = std::mem::replace(&mut self.fast, Vec::with_capacity(cap));
                    }
                }
            }
        }
        // No destructor run by a released local can reach this frame: it is off the
        // chain of running frames (or never was on it). The slots stay, all empty, for
        // `alloc_frame` to resize.
        for slot in self.fast.iter_mut() {
            drop(slot.take());
        }
        if !self.stack.is_empty() {
            self.stack.clear();
        }
        self.blocks.clear();
        self.back = std::ptr::null();
        // Only a loop abandoned by a panic leaves a caller parked here.
        if self.caller.is_some() {
            drop(self.caller.take());
        }
        self.func = None;
        if extras {
            self.locals = None;
            self.own_globals = None;
            self.kwnames = None;
            self.pending_throw = None;
            self.gen = None;
            self.owner = None;
        }
        debug_assert!(
            self.frame_obj.is_none()
                && self.locals.is_none()
                && self.own_globals.is_none()
                && self.kwnames.is_none()
                && self.pending_throw.is_none()
                && self.gen.is_none()
                && self.owner.is_none(),
            "a frame field set without Frame::extras"
        );
    }
}

impl Frame {
    /// Stores `next` in `caller`, which is empty (a frame fresh from `alloc_frame` or
    /// released): the old value needs no destructor, so none is called.
    #[inline(always)]
    pub fn link(&mut self, next: Option<Box<Frame>>) {
        let old = std::mem::replace(&mut self.caller, next);
        debug_assert!(old.is_none());
        std::mem::forget(old);
    }
}

impl Drop for Frame {
    fn drop(&mut self) {
        self.release();
    }
}

impl Frame {
    /// Takes the top of the value stack (the compiler's stack depth guarantees one).
    #[inline]
    pub fn pop(&mut self) -> ObjRef {
        self.stack.pop()
    }

    /// The namespace `LOAD_GLOBAL` and `STORE_GLOBAL` use (borrowed).
    #[inline]
    pub fn globals(&self) -> &ObjRef {
        match (&self.own_globals, self.func.as_ref().map(|f| f.payload())) {
            (Some(g), _) => g,
            (None, Some(crate::object::Payload::Function(fd))) => &fd.globals,
            _ => unreachable!("a frame has a function or globals of its own"),
        }
    }
    /// The code object (see `code`).
    #[inline]
    pub fn code_obj(&self) -> &ObjRef {
        self.code.as_ref().expect("a frame out of the pool has its code")
    }
    pub fn code(&self) -> &crate::bytecode::CodeObject {
        self.code_obj().as_code().expect("frame code")
    }
    pub fn line(&self) -> u32 {
        let c = self.code();
        c.lines.get(self.lasti).copied().unwrap_or(c.firstlineno)
    }
}

/// State of a generator object.
pub struct GenState {
    pub frame: Option<Box<Frame>>,
    /// The generator's code (`gi_code`), a strong reference kept after the frame ends.
    pub code: ObjRef,
    pub running: bool,
    pub started: bool,
    pub name: ObjRef,
    pub qualname: ObjRef,
    /// The exception being handled inside the generator when it last yielded.
    pub exc_state: Option<ObjRef>,
}

/// Stack size assumed for threads that did not call `set_stack_bounds`.
const DEFAULT_STACK: usize = 8 << 20;

thread_local! {
    /// (address near the top of this thread's stack, usable stack size)
    static STACK: Cell<(usize, usize)> = const { Cell::new((0, 0)) };
}

/// Records the current thread's stack: call near the top of the thread with its size.
pub fn set_stack_bounds(size: usize) {
    let here = 0u8;
    STACK.with(|s| s.set((&here as *const u8 as usize, size)));
}

pub struct Vm {
    pub builtins: ObjRef,
    pub modules: ObjRef,
    pub sys: RefCell<Option<ObjRef>>,
    pub exc_info: RefCell<Option<ObjRef>>,
    pub depth: Cell<usize>,
    pub recursion_limit: Cell<usize>,
    pub sources: RefCell<HashMap<String, Rc<str>>>,
    pub exc_types: RefCell<HashMap<&'static str, ObjRef>>,
    /// Modules being imported (for the partially-initialised checks).
    pub importing: RefCell<Vec<String>>,
    pub int_max_str_digits: Cell<usize>,
    pub repr_stack: RefCell<Vec<usize>>,
    pub stdout_buf: RefCell<Vec<u8>>,
    /// The innermost running Python frame (null when none runs); the others follow
    /// through `Frame::back`. Invariant: only boxed frames that an eval loop is
    /// running are on the chain (a frame is taken off before it is dropped or handed
    /// back to a generator).
    pub top_frame: Cell<*const Frame>,
    /// Finished frames kept for reuse, chained through their `caller` (see
    /// `Vm::recycle_frame`), and how many there are.
    pub frame_pool: Cell<Option<Box<Frame>>>,
    pub frame_pool_len: Cell<usize>,
    /// The sys and builtins namespaces as the program found them (see
    /// `Vm::snapshot_namespaces`); restored by `teardown`.
    pub namespace_snapshot: RefCell<Option<finalize::NamespaceSnapshot>>,
    /// When set (`capture_output`), what the program writes to stdout and stderr is
    /// appended here instead of reaching the process's streams.
    pub captured: RefCell<Option<String>>,
    /// UnicodeDecodeError, UnicodeEncodeError, SyntaxError and OSError: the types whose
    /// instances get structured attributes, which every new exception is tested against
    /// (set with the other exception types).
    pub structured_exc_types: std::cell::OnceCell<[ObjRef; 4]>,
}

impl Vm {
    /// Creates an interpreter: builtin types, the builtins module, sys.
    pub fn new() -> Vm {
        let first = crate::gc::begin_startup();
        crate::object::types::init();
        let vm = Vm {
            builtins: crate::object::new_dict(),
            modules: crate::object::new_dict(),
            sys: RefCell::new(None),
            exc_info: RefCell::new(None),
            depth: Cell::new(0),
            recursion_limit: Cell::new(1000),
            sources: RefCell::new(HashMap::new()),
            exc_types: RefCell::new(HashMap::new()),
            importing: RefCell::new(Vec::new()),
            int_max_str_digits: Cell::new(4300),
            repr_stack: RefCell::new(Vec::new()),
            stdout_buf: RefCell::new(Vec::new()),
            top_frame: Cell::new(std::ptr::null()),
            frame_pool: Cell::new(None),
            frame_pool_len: Cell::new(0),
            namespace_snapshot: RefCell::new(None),
            captured: RefCell::new(None),
            structured_exc_types: std::cell::OnceCell::new(),
        };
        exceptions::init_exception_types(&vm);
        crate::builtins::init(&vm);
        crate::modules::init(&vm);
        if first {
            crate::gc::end_startup();
        }
        vm
    }

    pub fn exc_type(&self, name: &str) -> ObjRef {
        self.exc_types.borrow().get(name).cloned().unwrap_or_else(|| panic!("exception type {} registered", name))
    }

    /// Remembers a file's source for tracebacks (CPython's linecache).
    pub fn register_source(&self, filename: &str, src: &str) {
        self.sources.borrow_mut().insert(filename.to_string(), Rc::from(src));
    }

    pub fn source_line(&self, filename: &str, line: u32) -> Option<String> {
        let s = self.sources.borrow().get(filename).cloned();
        let s = match s {
            Some(s) => s,
            None => {
                let text = std::fs::read_to_string(filename).ok()?;
                let rc: Rc<str> = Rc::from(text.as_str());
                self.sources.borrow_mut().insert(filename.to_string(), rc.clone());
                rc
            }
        };
        s.lines().nth((line as usize).checked_sub(1)?).map(|l| l.to_string())
    }

    /// Sends what the program writes to stdout and stderr to a buffer from now on (for
    /// embedding and fuzzing); `take_output` returns it.
    pub fn capture_output(&self) {
        self.flush_stdout();
        self.captured.borrow_mut().get_or_insert_with(String::new);
    }

    /// The output captured since `capture_output` (or since the last call); capturing
    /// goes on.
    pub fn take_output(&self) -> String {
        self.captured.borrow_mut().as_mut().map(std::mem::take).unwrap_or_default()
    }

    pub fn write_stdout(&self, s: &str) {
        use std::io::Write;
        if let Some(c) = self.captured.borrow_mut().as_mut() {
            c.push_str(s);
            return;
        }
        let mut b = self.stdout_buf.borrow_mut();
        b.extend_from_slice(s.as_bytes());
        if b.len() > 8192 {
            let _ = std::io::stdout().write_all(&b);
            b.clear();
        }
    }

    pub fn flush_stdout(&self) {
        use std::io::Write;
        let mut b = self.stdout_buf.borrow_mut();
        let _ = std::io::stdout().write_all(&b);
        let _ = std::io::stdout().flush();
        b.clear();
    }

    pub fn write_stderr(&self, s: &str) {
        use std::io::Write;
        if let Some(c) = self.captured.borrow_mut().as_mut() {
            c.push_str(s);
            return;
        }
        self.flush_stdout();
        let _ = std::io::stderr().write_all(s.as_bytes());
    }

    /// Enters a frame level (Python or native re-entry); RecursionError past the limit.
    #[inline(always)]
    pub fn enter_recursion(&self, what: &str) -> PyResult<()> {
        let d = self.depth.get() + 1;
        if d > self.recursion_limit.get() {
            return Err(self.recursion_error(what));
        }
        self.depth.set(d);
        Ok(())
    }
    #[cold]
    #[inline(never)]
    fn recursion_error(&self, what: &str) -> PyErr {
        self.new_error("RecursionError", &format!("maximum recursion depth exceeded{}", what))
    }
    /// Fails with RecursionError when the native stack is nearly used up, so that deep
    /// native recursion (nested reprs, comparisons, native→Python→native calls) never
    /// overflows the Rust stack.
    pub fn check_stack(&self) -> PyResult<()> {
        let here = 0u8;
        let addr = &here as *const u8 as usize;
        let (base, size) = STACK.with(|s| s.get());
        if base == 0 {
            STACK.with(|s| s.set((addr, DEFAULT_STACK)));
            return Ok(());
        }
        if base.saturating_sub(addr) > size / 10 * 8 {
            return Err(self.new_error("RecursionError", "maximum recursion depth exceeded"));
        }
        Ok(())
    }

    /// The innermost running Python frame.
    pub fn current_frame(&self) -> Option<&Frame> {
        let p = self.top_frame.get();
        if p.is_null() {
            return None;
        }
        Some(crate::memory::deref_frame(p))
    }

    pub fn leave_recursion(&self) {
        self.depth.set(self.depth.get() - 1);
    }
}

impl Default for Vm {
    fn default() -> Self {
        Vm::new()
    }
}
