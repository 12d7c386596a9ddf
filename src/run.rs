//! Running programs: compiling source to a code object (with CPython's SyntaxError),
//! executing `__main__`, and turning an uncaught exception into an exit status.

use crate::compiler::{self, Mode};
use crate::object::{self, ObjRef, PyResult};
use crate::parser::{SyntaxError, SyntaxErrorKind};
use crate::vm::{PyErr, Vm};

/// Builds the Python SyntaxError (or IndentationError/TabError) for a parse error.
pub fn syntax_error(vm: &Vm, e: &SyntaxError, filename: &str, src: &str) -> PyErr {
    let kind = match e.kind {
        SyntaxErrorKind::Syntax => "SyntaxError",
        SyntaxErrorKind::Indentation => "IndentationError",
        SyntaxErrorKind::Tab => "TabError",
        SyntaxErrorKind::Recursion => return vm.new_error("RecursionError", &e.msg),
    };
    make_syntax_error(vm, kind, &e.msg, filename, src, e.lineno, e.offset, e.end_offset)
}

#[allow(clippy::too_many_arguments)]
fn make_syntax_error(vm: &Vm, kind: &str, msg: &str, filename: &str, src: &str, lineno: usize, offset: usize, end_offset: usize) -> PyErr {
    let text = src.lines().nth(lineno.saturating_sub(1)).map(|l| format!("{}\n", l));
    let detail = object::new_tuple(vec![
        object::new_str(filename),
        object::new_int(lineno as i64),
        object::new_int(offset as i64),
        text.as_deref().map(object::new_str).unwrap_or_else(object::none),
    ]);
    let err = vm.new_error_args(kind, vec![object::new_str(msg), detail]);
    if let Some(d) = vm.instance_dict(&err.exc) {
        let set = |k: &str, v: ObjRef| {
            let _ = crate::builtins::dict::dict_set_str(vm, &d, k, v);
        };
        set("msg", object::new_str(msg));
        set("filename", object::new_str(filename));
        set("lineno", object::new_int(lineno as i64));
        set("offset", object::new_int(offset as i64));
        set("end_lineno", object::new_int(lineno as i64));
        set("end_offset", object::new_int(end_offset as i64));
        set("text", text.map(object::new_string).unwrap_or_else(object::none));
        set("print_file_and_line", object::none());
    }
    if let Some(d) = err.exc.as_exc() {
        *d.args.borrow_mut() = object::new_tuple(vec![object::new_str(msg), {
            let t = vm.instance_dict(&err.exc).and_then(|dd| crate::builtins::dict::dict_get_str(vm, &dd, "text").ok().flatten()).unwrap_or_else(object::none);
            object::new_tuple(vec![object::new_str(filename), object::new_int(lineno as i64), object::new_int(offset as i64), t])
        }]);
    }
    err
}

/// The SyntaxError for source text holding a NUL: CPython's tokenizer stops at it, so
/// the error names the NUL's line, shows the text before it and has no column.
fn null_byte_error(vm: &Vm, src: &str, filename: &str, nul: usize) -> PyErr {
    let lineno = src[..nul].matches('\n').count() + 1;
    let start = src[..nul].rfind('\n').map_or(0, |i| i + 1);
    let detail = object::new_tuple(vec![object::new_str(filename), object::new_int(lineno as i64), object::none(), object::new_string(format!("{}\n", &src[start..nul]))]);
    let ty = vm.exc_type("SyntaxError");
    match vm.call(&ty, &[object::new_str("source code cannot contain null bytes"), detail], None) {
        Ok(e) => PyErr::new(e),
        Err(e) => e,
    }
}

/// Parses and compiles `src`; errors are Python SyntaxErrors.
pub fn compile_source(vm: &Vm, src: &str, filename: &str, mode: Mode) -> PyResult<ObjRef> {
    if let Some(nul) = src.find('\0') {
        return Err(null_byte_error(vm, src, filename, nul));
    }
    let module = if mode == Mode::Eval {
        match crate::parser::parse_expression(src) {
            Ok(e) => crate::ast::Module { body: vec![crate::ast::Stmt { span: e.span, kind: crate::ast::StmtKind::Expr(e) }] },
            Err(e) => return Err(syntax_error(vm, &e, filename, src)),
        }
    } else {
        crate::parser::parse_module(src).map_err(|e| syntax_error(vm, &e, filename, src))?
    };
    compiler::compile(&module, src, filename, mode).map_err(|e| {
        let idx = crate::ast::LineIndex::new(src);
        let line = idx.line(e.pos as usize);
        let col = src[idx.line_start(line)..(e.pos as usize).min(src.len())].chars().count() + 1;
        make_syntax_error(vm, "SyntaxError", &e.msg, filename, src, line, col, col + 1)
    })
}

/// Creates `__main__` with its namespace.
pub fn main_module(vm: &Vm, filename: Option<&str>) -> ObjRef {
    let m = crate::modules::new_module(vm, "__main__");
    let d = crate::modules::module_dict(&m).clone();
    let _ = crate::builtins::dict::dict_set_str(vm, &d, "__builtins__", vm.builtins.clone());
    if let Some(f) = filename {
        let _ = crate::builtins::dict::dict_set_str(vm, &d, "__file__", object::new_str(f));
    }
    let _ = crate::builtins::dict::dict_set_str(vm, &vm.modules, "__main__", m.clone());
    m
}

/// Remembers the main program's source for tracebacks, except for `-c` code and stdin:
/// CPython shows no source lines for `<string>` or `<stdin>` (linecache cannot read them).
pub fn register_main_source(vm: &Vm, filename: &str, src: &str) {
    if !filename.starts_with('<') {
        vm.register_source(filename, src);
    }
}

/// Runs source as the `__main__` module; returns the process exit status.
pub fn run_main(vm: &Vm, src: &str, filename: &str) -> i32 {
    crate::vm::finalize::install(vm);
    register_main_source(vm, filename, src);
    let m = main_module(vm, if filename.starts_with('<') { None } else { Some(filename) });
    let d = crate::modules::module_dict(&m).clone();
    let r = compile_source(vm, src, filename, Mode::Exec).and_then(|code| {
        // The frame holds the only references taken for the run (CPython's borrowed `d`).
        let frame = vm.make_namespace_frame(code, d.clone(), Some(d));
        vm.run_frame(frame)
    });
    let status = match r {
        Ok(_) => 0,
        Err(e) => handle_uncaught(vm, &e),
    };
    vm.clear_modules_at_exit();
    vm.flush_stdout();
    status
}

/// Ends the interpreter's life after `run_main`: tears its namespaces down, collects,
/// and stops running finalizers. With a counted `baseline` (taken after `Vm::new`),
/// returns the (references, blocks) still live beyond it (the leak check: both are 0
/// when the program left nothing behind).
pub fn finish(vm: &Vm, baseline: Option<(isize, isize)>) -> Option<(isize, isize)> {
    vm.teardown();
    vm.flush_stdout();
    crate::vm::finalize::uninstall();
    baseline.map(|b| (crate::memory::ref_total() - b.0, crate::memory::live_objects() - b.1))
}

/// Remembers the sys and builtins namespaces as they are now (teardown restores them, so
/// whatever the program stores there is freed too); with `count`, also returns the
/// (references, blocks) alive now, to pass to `finish` (summing the references walks
/// the heap, so a run without the leak report skips it).
pub fn baseline(vm: &Vm, count: bool) -> Option<(isize, isize)> {
    vm.snapshot_namespaces();
    crate::object::types::clear_attr_cache();
    count.then(|| (crate::memory::ref_total(), crate::memory::live_objects()))
}

/// Bounds for `run_sandboxed`.
#[derive(Clone, Debug)]
pub struct Sandbox {
    /// Steps (backward jumps and calls) before `RuntimeError` (see `memory::limits`).
    pub max_steps: u64,
    /// Bytes the program may allocate beyond what is in use when it starts.
    pub max_memory: usize,
    /// Collect at every safe point after a GC allocation (`-X gcstress`).
    pub gc_stress: bool,
}

/// What `run_sandboxed` observed.
#[derive(Clone, Debug)]
pub struct SandboxReport {
    /// The exit status `ouro FILE` would have.
    pub status: i32,
    /// Everything written to stdout and stderr.
    pub output: String,
    /// References and blocks left alive after teardown (both 0 unless Ouro leaks).
    pub leaked: (isize, isize),
    /// Native functions that panicked (became SystemError) during the run: 0 unless
    /// Ouro has a bug.
    pub native_panics: u64,
}

/// Runs `src` as `__main__` in a fresh interpreter within `limits`, capturing its output,
/// and tears the interpreter down; the leak check's counts come back with the status.
/// The calling thread must have a stack of at least 8 MiB (its bounds are set here).
pub fn run_sandboxed(src: &str, limits: &Sandbox) -> SandboxReport {
    crate::vm::set_stack_bounds(6 << 20);
    let vm = Vm::new();
    // An earlier interpreter on this thread leaves its namespaces' reference cycles
    // behind when dropped: collect them now, before the baseline.
    crate::gc::collect_with_callback(&vm, 2);
    vm.capture_output();
    crate::memory::limits::set_max_memory(crate::memory::limits::allocated().saturating_add(limits.max_memory));
    crate::memory::limits::set_max_steps(limits.max_steps);
    let base = baseline(&vm, true);
    let panics = crate::vm::call::native_panics();
    crate::gc::state().stress.set(limits.gc_stress);
    let status = run_main(&vm, src, "<sandbox>");
    let leaked = finish(&vm, base).expect("counted baseline");
    crate::gc::state().stress.set(false);
    crate::memory::limits::set_max_steps(u64::MAX);
    crate::memory::limits::set_max_memory(usize::MAX);
    let output = vm.take_output();
    SandboxReport { status, output, leaked, native_panics: crate::vm::call::native_panics() - panics }
}

/// For unit tests: runs `src` as `run_sandboxed` does, without limits (and collecting
/// at every allocation when `gc_stress`), on a thread with the stack it needs; checks
/// that the program exits with 0, leaks nothing and has no native panic, and returns
/// its output.
#[cfg(test)]
pub(crate) fn run_checked(src: &'static str, gc_stress: bool) -> String {
    let limits = Sandbox { max_steps: u64::MAX, max_memory: usize::MAX, gc_stress };
    // The test harness's threads have less than the 8 MiB `run_sandboxed` wants.
    let report = std::thread::Builder::new().stack_size(8 << 20).spawn(move || run_sandboxed(src, &limits)).unwrap().join().unwrap();
    assert_eq!(report.status, 0, "{}", report.output);
    assert_eq!(report.leaked, (0, 0));
    assert_eq!(report.native_panics, 0);
    report.output
}

/// Prints an uncaught exception like CPython and returns the exit status (SystemExit's
/// code, else 1).
pub fn handle_uncaught(vm: &Vm, e: &PyErr) -> i32 {
    if e.is(&vm.exc_type("SystemExit")) {
        let args = crate::vm::exceptions::exc_args(&e.exc);
        let code = match args.len() {
            0 => object::none(),
            1 => args[0].clone(),
            _ => object::new_tuple(args),
        };
        if code.is_none() {
            return 0;
        }
        if let Some(i) = code.as_int() {
            return i.as_i64().map(|v| v as i32).unwrap_or(-1);
        }
        let s = vm.str(&code).ok().and_then(|s| s.as_str().map(String::from)).unwrap_or_default();
        vm.write_stderr(&format!("{}\n", s));
        return 1;
    }
    vm.flush_stdout();
    vm.print_exception(&e.exc);
    1
}
