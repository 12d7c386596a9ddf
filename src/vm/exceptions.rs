//! Exceptions: `PyErr`, the builtin exception hierarchy, construction helpers and the
//! CPython-format traceback printer.
//!
//! Invariant: a `PyErr` always holds an instance of BaseException (or a subclass). Errors
//! created by native code take the currently handled exception as their `__context__`
//! at creation, as CPython's `PyErr_SetObject` does.

use std::cell::{Cell, RefCell};

use super::Vm;
use crate::object::types::{builtin_types, new_static_type, Layout};
use crate::object::{self, ExcData, ObjRef, Payload, PyObject, PyResult, TracebackData};

#[derive(Debug, Clone)]
pub struct PyErr {
    pub exc: ObjRef,
}

impl PyErr {
    pub fn new(exc: ObjRef) -> PyErr {
        PyErr { exc }
    }
    pub fn is(&self, ty: &PyObject) -> bool {
        self.exc.is_instance(ty)
    }
    pub fn data(&self) -> &ExcData {
        self.exc.as_exc().expect("PyErr holds an exception")
    }
}

const HIERARCHY: &[(&str, &str)] = &[
    ("BaseException", ""),
    ("GeneratorExit", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("SystemExit", "BaseException"),
    ("Exception", "BaseException"),
    ("ArithmeticError", "Exception"),
    ("FloatingPointError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("AssertionError", "Exception"),
    ("AttributeError", "Exception"),
    ("BufferError", "Exception"),
    ("EOFError", "Exception"),
    ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
    ("LookupError", "Exception"),
    ("IndexError", "LookupError"),
    ("KeyError", "LookupError"),
    ("MemoryError", "Exception"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("OSError", "Exception"),
    ("BlockingIOError", "OSError"),
    ("ChildProcessError", "OSError"),
    ("ConnectionError", "OSError"),
    ("BrokenPipeError", "ConnectionError"),
    ("ConnectionAbortedError", "ConnectionError"),
    ("ConnectionRefusedError", "ConnectionError"),
    ("ConnectionResetError", "ConnectionError"),
    ("FileExistsError", "OSError"),
    ("FileNotFoundError", "OSError"),
    ("InterruptedError", "OSError"),
    ("IsADirectoryError", "OSError"),
    ("NotADirectoryError", "OSError"),
    ("PermissionError", "OSError"),
    ("ProcessLookupError", "OSError"),
    ("TimeoutError", "OSError"),
    ("ReferenceError", "Exception"),
    ("RuntimeError", "Exception"),
    ("NotImplementedError", "RuntimeError"),
    ("RecursionError", "RuntimeError"),
    ("StopAsyncIteration", "Exception"),
    ("StopIteration", "Exception"),
    ("SyntaxError", "Exception"),
    ("IndentationError", "SyntaxError"),
    ("TabError", "IndentationError"),
    ("SystemError", "Exception"),
    ("TypeError", "Exception"),
    ("ValueError", "Exception"),
    ("UnicodeError", "ValueError"),
    ("UnicodeDecodeError", "UnicodeError"),
    ("UnicodeEncodeError", "UnicodeError"),
    ("UnicodeTranslateError", "UnicodeError"),
    ("Warning", "Exception"),
    ("BytesWarning", "Warning"),
    ("DeprecationWarning", "Warning"),
    ("EncodingWarning", "Warning"),
    ("FutureWarning", "Warning"),
    ("ImportWarning", "Warning"),
    ("PendingDeprecationWarning", "Warning"),
    ("ResourceWarning", "Warning"),
    ("RuntimeWarning", "Warning"),
    ("SyntaxWarning", "Warning"),
    ("UnicodeWarning", "Warning"),
    ("UserWarning", "Warning"),
];

pub fn init_exception_types(vm: &Vm) {
    let t = builtin_types();
    let mut map = vm.exc_types.borrow_mut();
    for (name, base) in HIERARCHY {
        let ty = if base.is_empty() {
            t.base_exception.clone()
        } else {
            let b = map.get(base).expect("base defined first").clone();
            new_static_type(name, Layout::Exception, &b)
        };
        map.insert(name, ty);
    }
    let os = map["OSError"].clone();
    map.insert("EnvironmentError", os.clone());
    map.insert("IOError", os);
    let structured = ["UnicodeDecodeError", "UnicodeEncodeError", "SyntaxError", "OSError"].map(|n| map[n].clone());
    let _ = vm.structured_exc_types.set(structured);
}

/// Names of all builtin exception classes (for the builtins module).
pub fn exception_names() -> impl Iterator<Item = &'static str> {
    HIERARCHY.iter().map(|(n, _)| *n).chain(["EnvironmentError", "IOError"])
}

#[must_use]
pub fn new_exception_instance(ty: &PyObject, args: Vec<ObjRef>) -> ObjRef {
    ObjRef::new(
        ty,
        Payload::Exception(Box::new(ExcData {
            args: RefCell::new(object::new_tuple(args)),
            traceback: RefCell::new(None),
            cause: RefCell::new(None),
            context: RefCell::new(None),
            suppress_context: Cell::new(false),
            suggestion: RefCell::new(None),
            attr_ctx: RefCell::new(None),
        })),
    )
}

impl Vm {
    /// A new exception of builtin type `name` with one string argument, its
    /// `__context__` set to the exception being handled.
    pub fn new_error(&self, name: &str, msg: &str) -> PyErr {
        let ty = self.exc_type(name);
        let e = new_exception_instance(&ty, vec![object::new_str(msg)]);
        self.set_context(&e);
        PyErr::new(e)
    }
    pub fn new_error_args(&self, name: &str, args: Vec<ObjRef>) -> PyErr {
        let ty = self.exc_type(name);
        let e = new_exception_instance(&ty, args);
        self.set_context(&e);
        PyErr::new(e)
    }
    pub fn type_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_error("TypeError", msg.as_ref())
    }
    pub fn value_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_error("ValueError", msg.as_ref())
    }
    pub fn index_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_error("IndexError", msg.as_ref())
    }
    pub fn attribute_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_error("AttributeError", msg.as_ref())
    }
    pub fn overflow_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_error("OverflowError", msg.as_ref())
    }
    pub fn zero_division(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_error("ZeroDivisionError", msg.as_ref())
    }
    pub fn runtime_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_error("RuntimeError", msg.as_ref())
    }
    pub fn not_implemented_error(&self, msg: impl AsRef<str>) -> PyErr {
        self.new_error("NotImplementedError", msg.as_ref())
    }
    pub fn key_error(&self, key: ObjRef) -> PyErr {
        self.new_error_args("KeyError", vec![key])
    }
    pub fn stop_iteration(&self, value: Option<ObjRef>) -> PyErr {
        self.new_error_args("StopIteration", value.into_iter().collect())
    }

    /// Sets `exc.__context__` to the exception currently handled (unless it is `exc`).
    pub fn set_context(&self, exc: &ObjRef) {
        let handled = self.exc_info.borrow().clone();
        if let Some(h) = handled {
            if h.is(exc) {
                return;
            }
            // Break a cycle exc -> ... -> h -> ... -> exc, as CPython does.
            let mut o = h.clone();
            loop {
                let next = o.as_exc().and_then(|d| d.context.borrow().clone());
                match next {
                    Some(n) if n.is(exc) => {
                        *o.as_exc().unwrap().context.borrow_mut() = None;
                        break;
                    }
                    Some(n) => o = n,
                    None => break,
                }
            }
            if let Some(d) = exc.as_exc() {
                let old = d.context.replace(Some(h));
                drop(old);
            }
        }
    }

    /// Prepends a traceback entry for a frame at `line` to `exc.__traceback__`.
    pub fn add_traceback(&self, exc: &ObjRef, f: &mut super::Frame) {
        if let Some(d) = exc.as_exc() {
            let line = f.line();
            let code = f.code_obj().clone();
            f.extras = true;
            let frame = f
                .frame_obj
                .get_or_insert_with(|| {
                    ObjRef::new(
                        &builtin_types().frame,
                        Payload::Frame(Box::new(object::FrameData { code: code.clone(), lineno: Cell::new(line), locals: RefCell::new(Vec::new()), snapshot: None })),
                    )
                })
                .clone();
            if let Payload::Frame(fd) = frame.payload() {
                fd.lineno.set(line);
            }
            let next = d.traceback.borrow_mut().take();
            let tb = ObjRef::new(&builtin_types().traceback, Payload::Traceback(Box::new(TracebackData { next, code, lineno: line, frame })));
            *d.traceback.borrow_mut() = Some(tb);
        }
    }

    /// `TypeName: message` as the last line of a traceback shows it.
    pub fn format_exception_only(&self, exc: &ObjRef) -> String {
        let ty = exc.ty();
        let td = ty.as_type().expect("exception type");
        let mut name = td.qualname.borrow().clone();
        if td.heap {
            if let Some(m) = td.lookup_own("__module__") {
                if let Some(ms) = m.as_str() {
                    if ms != "__main__" && ms != "builtins" {
                        name = format!("{}.{}", ms, name);
                    }
                }
            }
        }
        let msg = match self.str(exc) {
            Ok(s) => s.as_str().unwrap_or("").to_string(),
            Err(_) => "<exception str() failed>".to_string(),
        };
        let mut out = if msg.is_empty() { name } else { format!("{}: {}", name, msg) };
        if let Some(d) = exc.as_exc() {
            let sugg = d.suggestion.borrow().clone().or_else(|| {
                let ctx = d.attr_ctx.borrow().clone();
                ctx.and_then(|(o, n)| crate::builtins::suggest::attr_suggestion(self, &o, &n))
            });
            if let Some(sg) = sugg {
                out.push_str(&format!(". Did you mean: '{}'?", sg));
            }
        }
        if exc.is_instance(&self.exc_type("SyntaxError")) {
            out = self.format_syntax_error(exc, out);
        }
        out.push('\n');
        if let Some(d) = exc.dict() {
            if let Ok(Some(notes)) = crate::builtins::dict::dict_get_str(self, &d, "__notes__") {
                if let Some(items) = notes.as_list().map(|l| l.borrow().clone()) {
                    for n in items {
                        let s = self.str(&n).ok().and_then(|s| s.as_str().map(String::from)).unwrap_or_default();
                        out.push_str(&s);
                        out.push('\n');
                    }
                }
            }
        }
        out
    }

    fn format_syntax_error(&self, exc: &ObjRef, line: String) -> String {
        let get = |n: &str| exc.dict().and_then(|d| crate::builtins::dict::dict_get_str(self, &d, n).ok().flatten());
        let filename = get("filename").and_then(|f| f.as_str().map(String::from));
        let lineno = get("lineno").and_then(|l| l.as_int().and_then(|i| i.as_i64()));
        let offset = get("offset").and_then(|l| l.as_int().and_then(|i| i.as_i64()));
        let text = get("text").and_then(|f| f.as_str().map(String::from));
        let mut out = String::new();
        if let (Some(f), Some(l)) = (filename, lineno) {
            out.push_str(&format!("  File \"{}\", line {}\n", f, l));
        }
        if let Some(t) = text {
            let trimmed = t.trim_end_matches('\n');
            let stripped = trimmed.trim_start();
            let lead = trimmed.chars().count() - stripped.chars().count();
            out.push_str(&format!("    {}\n", stripped));
            if let Some(off) = offset {
                let col = (off as usize).saturating_sub(1).saturating_sub(lead);
                out.push_str(&format!("    {}^\n", " ".repeat(col)));
            }
        }
        // Drop the "(file, line N)" detail str() adds: tracebacks show it above.
        let msg = exc.as_exc().and_then(|d| d.args.borrow().as_tuple().and_then(|t| t.first().cloned()));
        let name = line.split(':').next().unwrap_or("SyntaxError").to_string();
        match msg.and_then(|m| m.as_str().map(String::from)) {
            Some(m) => out.push_str(&format!("{}: {}", name, m)),
            None => out.push_str(&line),
        }
        out
    }

    /// The full traceback text of `exc`, with its chained causes and contexts first.
    pub fn format_exception(&self, exc: &ObjRef) -> String {
        let mut seen = Vec::new();
        self.format_chain(exc, &mut seen)
    }

    fn format_chain(&self, exc: &ObjRef, seen: &mut Vec<usize>) -> String {
        seen.push(exc.addr());
        let mut out = String::new();
        if let Some(d) = exc.as_exc() {
            let cause = d.cause.borrow().clone();
            let context = d.context.borrow().clone();
            if let Some(c) = cause {
                if !seen.contains(&c.addr()) {
                    out.push_str(&self.format_chain(&c, seen));
                    out.push_str("\nThe above exception was the direct cause of the following exception:\n\n");
                }
            } else if let Some(c) = context {
                if !d.suppress_context.get() && !seen.contains(&c.addr()) {
                    out.push_str(&self.format_chain(&c, seen));
                    out.push_str("\nDuring handling of the above exception, another exception occurred:\n\n");
                }
            }
            let tb = d.traceback.borrow().clone();
            if let Some(tb) = tb {
                out.push_str("Traceback (most recent call last):\n");
                out.push_str(&self.format_tb(&tb));
            }
        }
        out.push_str(&self.format_exception_only(exc));
        out
    }

    fn format_tb(&self, tb: &ObjRef) -> String {
        let mut out = String::new();
        let mut cur = Some(tb.clone());
        let mut last: Option<(String, u32, String)> = None;
        let mut repeat = 0;
        while let Some(t) = cur {
            let Payload::Traceback(d) = t.payload() else { break };
            let code = d.code.as_code().expect("traceback code");
            let key = (code.filename_str().to_string(), d.lineno, code.name_str().to_string());
            if last.as_ref() == Some(&key) {
                repeat += 1;
            } else {
                if repeat > 3 {
                    out.push_str(&format!("  [Previous line repeated {} more times]\n", repeat - 3));
                }
                repeat = 1;
            }
            if repeat <= 3 {
                out.push_str(&format!("  File \"{}\", line {}, in {}\n", key.0, key.1, key.2));
                if let Some(src) = self.source_line(&key.0, key.1) {
                    let s = src.trim();
                    if !s.is_empty() {
                        out.push_str(&format!("    {}\n", s));
                    }
                }
            }
            last = Some(key);
            cur = d.next.clone();
        }
        if repeat > 3 {
            out.push_str(&format!("  [Previous line repeated {} more times]\n", repeat - 3));
        }
        out
    }

    /// Prints an uncaught exception to stderr.
    pub fn print_exception(&self, exc: &ObjRef) {
        let s = self.format_exception(exc);
        self.write_stderr(&s);
    }
}

/// `exc.args` as a vector.
pub fn exc_args(exc: &PyObject) -> Vec<ObjRef> {
    exc.as_exc().map(|d| d.args.borrow().as_tuple().map(|t| t.to_vec()).unwrap_or_default()).unwrap_or_default()
}

pub fn exc_new_err(vm: &Vm, name: &str, msg: &str) -> PyResult {
    Err(vm.new_error(name, msg))
}
