//! `BaseException` and its methods; `str()`/`repr()` of exceptions.

use std::cell::{Cell, RefCell};

use super::def;
use super::is_special;
use crate::object::types::builtin_types;
use crate::object::{self, ExcData, ObjRef, Payload, PyResult, Special};
use crate::vm::exceptions::exc_args;
use crate::vm::Vm;

/// An attribute stored in the exception's dict by `__init__`.
fn attr(vm: &Vm, e: &ObjRef, name: &str) -> Option<ObjRef> {
    e.dict().and_then(|d| super::dict::dict_get_str(vm, &d, name).ok().flatten())
}

fn int_attr(vm: &Vm, e: &ObjRef, name: &str) -> Option<i64> {
    attr(vm, e, name).and_then(|v| v.as_int().and_then(|i| i.as_i64()))
}

pub fn exc_str(vm: &Vm, e: &ObjRef) -> PyResult {
    let args = exc_args(e);
    if e.is_instance(&vm.exc_type("KeyError")) && args.len() == 1 {
        return vm.repr(&args[0]);
    }
    if e.is_instance(&vm.exc_type("UnicodeDecodeError")) || e.is_instance(&vm.exc_type("UnicodeEncodeError")) {
        if let (Some(enc), Some(start), Some(end), Some(reason)) = (attr(vm, e, "encoding"), int_attr(vm, e, "start"), int_attr(vm, e, "end"), attr(vm, e, "reason")) {
            let obj = attr(vm, e, "object");
            let (enc, reason) = (vm.str_string(&enc)?, vm.str_string(&reason)?);
            let decode = e.is_instance(&vm.exc_type("UnicodeDecodeError"));
            let s = if end - start == 1 {
                if decode {
                    let byte = obj.as_ref().and_then(super::bytes::as_bytes).and_then(|b| b.get(start as usize).copied()).unwrap_or(0);
                    format!("'{}' codec can't decode byte 0x{:02x} in position {}: {}", enc, byte, start, reason)
                } else {
                    let c = obj.as_ref().and_then(|o| o.as_str_data().map(|d| d.char_at(start as usize) as u32)).unwrap_or(0);
                    let esc = if c < 0x100 { format!("\\x{:02x}", c) } else if c < 0x10000 { format!("\\u{:04x}", c) } else { format!("\\U{:08x}", c) };
                    format!("'{}' codec can't encode character '{}' in position {}: {}", enc, esc, start, reason)
                }
            } else {
                let what = if decode { "decode bytes" } else { "encode characters" };
                format!("'{}' codec can't {} in position {}-{}: {}", enc, what, start, end - 1, reason)
            };
            return Ok(object::new_string(s));
        }
    }
    if e.is_instance(&vm.exc_type("SyntaxError")) {
        if let Some(msg) = attr(vm, e, "msg") {
            // CPython's SyntaxError_str: "msg (file, line N)" with the file's base name.
            let mut s = vm.str_string(&msg)?;
            let file = attr(vm, e, "filename").and_then(|f| f.as_str().map(|f| f.rsplit('/').next().unwrap_or(f).to_string()));
            let line = attr(vm, e, "lineno").and_then(|l| l.as_int().and_then(|i| i.as_i64()));
            match (file, line) {
                (Some(f), Some(l)) => s.push_str(&format!(" ({}, line {})", f, l)),
                (Some(f), None) => s.push_str(&format!(" ({})", f)),
                (None, Some(l)) => s.push_str(&format!(" (line {})", l)),
                (None, None) => {}
            }
            return Ok(object::new_string(s));
        }
    }
    if e.is_instance(&vm.exc_type("OSError")) {
        // CPython's OSError_str: a filename (None is no filename) or errno and
        // strerror parsed from 2 to 5 arguments (which then stay 2 to 5).
        let get = |n: &str| attr(vm, e, n).unwrap_or_else(object::none);
        let filename = Some(get("filename")).filter(|f| !f.is_none());
        if filename.is_some() || (2..=5).contains(&args.len()) {
            let mut s = format!("[Errno {}] {}", vm.str_string(&get("errno"))?, vm.str_string(&get("strerror"))?);
            if let Some(f) = filename {
                s.push_str(&format!(": {}", vm.repr_string(&f)?));
                let f2 = get("filename2");
                if !f2.is_none() {
                    s.push_str(&format!(" -> {}", vm.repr_string(&f2)?));
                }
            }
            return Ok(object::new_string(s));
        }
    }
    match args.len() {
        0 => Ok(object::new_str("")),
        1 => vm.str(&args[0]),
        _ => vm.repr(&object::new_tuple(args)),
    }
}

pub fn exc_repr(vm: &Vm, e: &ObjRef) -> PyResult {
    let args = exc_args(e);
    let name = e.type_data().name.borrow().clone();
    let inner = if args.len() == 1 {
        vm.repr_string(&args[0])?
    } else {
        let r = vm.repr_string(&object::new_tuple(args))?;
        r[1..r.len() - 1].trim_end_matches(',').to_string()
    };
    Ok(object::new_string(format!("{}({})", name, inner)))
}

/// The OSError subclass CPython's `OSError.__new__` picks for an errno.
fn oserror_subclass(errno: i64) -> Option<&'static str> {
    Some(match errno {
        1 | 13 => "PermissionError",
        2 => "FileNotFoundError",
        3 => "ProcessLookupError",
        4 => "InterruptedError",
        10 => "ChildProcessError",
        11 | 114 | 115 => "BlockingIOError",
        17 => "FileExistsError",
        20 => "NotADirectoryError",
        21 => "IsADirectoryError",
        32 | 108 => "BrokenPipeError",
        103 => "ConnectionAbortedError",
        104 => "ConnectionResetError",
        110 => "TimeoutError",
        111 => "ConnectionRefusedError",
        _ => return None,
    })
}

fn exc_new(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let nkw = kw.map(|k| k.len()).unwrap_or(0);
    let pos = args[1..args.len() - nkw].to_vec();
    let mut cls = args[0].clone();
    if cls.is(&vm.exc_type("OSError")) && (2..=5).contains(&pos.len()) {
        if let Some(sub) = pos[0].as_int().and_then(|i| i.as_i64()).and_then(oserror_subclass) {
            cls = vm.exc_type(sub);
        }
    }
    Ok(ObjRef::new(
        &cls,
        Payload::Exception(Box::new(ExcData {
            args: RefCell::new(object::new_tuple(pos)),
            traceback: RefCell::new(None),
            cause: RefCell::new(None),
            context: RefCell::new(None),
            suppress_context: Cell::new(false),
            suggestion: RefCell::new(None),
            attr_ctx: RefCell::new(None),
        })),
    ))
}

fn exc_init(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let nkw = kw.map(|k| k.len()).unwrap_or(0);
    let e = &args[0];
    let pos = &args[1..args.len() - nkw];
    if nkw > 0 {
        let ty = e.type_data();
        let name = ty.name.borrow().clone();
        // The builtin base decides which keyword-only attributes are accepted
        // (name=, obj=, path=); every other keyword is refused.
        let base = ty.mro.borrow().iter().find(|t| !t.as_type().map(|x| x.heap).unwrap_or(true)).map(|t| t.as_type().unwrap().name.borrow().clone()).unwrap_or_default();
        if let Some(names) = kw {
            let allowed: &[&str] = match base.as_str() {
                "NameError" | "UnboundLocalError" => &["name"],
                "AttributeError" => &["name", "obj"],
                "ImportError" | "ModuleNotFoundError" => &["name", "path"],
                _ => &[],
            };
            for (k, v) in names.iter().zip(args[args.len() - nkw..].iter()) {
                let ks = k.as_str().unwrap_or("");
                if !allowed.contains(&ks) {
                    return Err(vm.type_error(format!("{}() takes no keyword arguments", name)));
                }
                let d = vm.instance_dict(e).expect("exception dict");
                vm.dict_set(&d, k.clone(), v.clone())?;
            }
        }
    }
    // Structured attributes of the builtin exceptions that take positional fields.
    let set = |n: &str, v: ObjRef| -> PyResult<()> {
        let d = vm.instance_dict(e).expect("exception dict");
        super::dict::dict_set_str(vm, &d, n, v)
    };
    let [unicode_decode, unicode_encode, syntax_error, os_error] = vm.structured_exc_types.get().expect("exception types made");
    // How many of the positional arguments `args` keeps.
    let mut nargs = pos.len();
    if pos.len() == 5 && (e.is_instance(unicode_decode) || e.is_instance(unicode_encode)) {
        for (n, v) in ["encoding", "object", "start", "end", "reason"].iter().zip(pos.iter()) {
            set(n, v.clone())?;
        }
    } else if e.is_instance(syntax_error) {
        // SyntaxError(msg, (filename, lineno, offset, text[, end_lineno, end_offset])).
        let info: Vec<ObjRef> = pos.get(1).and_then(|t| t.as_tuple().map(|t| t.to_vec())).unwrap_or_default();
        if pos.len() == 2 && info.len() < 4 {
            return Err(vm.type_error(format!("function takes at least 4 arguments ({} given)", info.len())));
        }
        if pos.len() == 2 && info.len() > 6 {
            return Err(vm.type_error(format!("function takes at most 6 arguments ({} given)", info.len())));
        }
        set("msg", pos.first().cloned().unwrap_or_else(object::none))?;
        for (i, n) in ["filename", "lineno", "offset", "text", "end_lineno", "end_offset"].iter().enumerate() {
            set(n, info.get(i).cloned().unwrap_or_else(object::none))?;
        }
        set("print_file_and_line", object::none())?;
    } else if e.is_instance(os_error) {
        // CPython's oserror_init: the fields come from 2 to 5 arguments; a filename
        // (not None) is kept, and then a second one (not None) too.
        let none = object::none;
        let parsed = (2..=5).contains(&pos.len());
        let field = |i: usize| pos.get(i).filter(|v| parsed && !v.is_none()).cloned();
        let (errno, strerror) = if parsed { (pos[0].clone(), pos[1].clone()) } else { (none(), none()) };
        let filename = field(2);
        let filename2 = filename.as_ref().and_then(|_| field(4));
        // Given a filename, args keeps (errno, strerror), as CPython's.
        if filename.is_some() {
            nargs = 2;
        }
        set("errno", errno)?;
        set("strerror", strerror)?;
        set("filename", filename.unwrap_or_else(none))?;
        set("filename2", filename2.unwrap_or_else(none))?;
    }
    if let Some(d) = e.as_exc() {
        *d.args.borrow_mut() = object::new_tuple(pos[..nargs].to_vec());
    }
    Ok(object::none())
}

fn exc_str_m(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    exc_str(vm, &args[0])
}
fn exc_repr_m(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    exc_repr(vm, &args[0])
}
fn exc_with_traceback(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    if let Some(d) = args[0].as_exc() {
        *d.traceback.borrow_mut() = args.get(1).filter(|t| !t.is_none()).cloned();
    }
    Ok(args[0].clone())
}
fn exc_add_note(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let Some(note) = args.get(1) else {
        return Err(vm.type_error("add_note() takes exactly one argument (0 given)"));
    };
    if note.as_str().is_none() {
        return Err(vm.type_error(format!("note must be a str, not '{}'", note.type_name())));
    }
    let d = vm.instance_dict(&args[0]).expect("exception dict");
    let notes = match super::dict::dict_get_str(vm, &d, "__notes__")? {
        Some(n) => n,
        None => {
            let l = object::new_list(vec![]);
            super::dict::dict_set_str(vm, &d, "__notes__", l.clone())?;
            l
        }
    };
    match notes.as_list() {
        Some(l) => l.borrow_mut().push(note.clone()),
        None => return Err(vm.type_error("Cannot add note: __notes__ is not a list")),
    }
    Ok(object::none())
}
fn exc_reduce(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let args_t = args[0].as_exc().map(|d| d.args.borrow().clone()).unwrap_or_else(|| object::new_tuple(vec![]));
    Ok(object::new_tuple(vec![ObjRef::from_borrowed(args[0].ty()), args_t]))
}

pub fn init(_vm: &Vm) {
    let t = builtin_types();
    let b = &t.base_exception;
    super::def_staticmethod(b, "__new__", exc_new);
    def(b, "__init__", exc_init);
    super::mark_special_attr(b, "__new__", Special::ExcNew);
    super::mark_special_attr(b, "__init__", Special::ExcInit);
    def(b, "__str__", exc_str_m);
    def(b, "__repr__", exc_repr_m);
    def(b, "with_traceback", exc_with_traceback);
    def(b, "add_note", exc_add_note);
    def(b, "__reduce__", exc_reduce);
}

/// Whether a class call that made `obj` with BaseException's own `__new__` (see
/// `is_exc_new`), from positional arguments only, may skip its `__init__` (`init`):
/// it is BaseException's too, and `obj` is none of the exceptions whose `__init__`
/// sets structured attributes, so it would only set `args` to the positional
/// arguments, which `__new__` already did.
pub fn init_would_repeat_new(vm: &Vm, init: &Option<ObjRef>, obj: &ObjRef) -> bool {
    if !is_special(init, Special::ExcInit) || obj.as_exc().is_none() {
        return false;
    }
    let Some(structured) = vm.structured_exc_types.get() else { return false };
    !structured.iter().any(|t| obj.is_instance(t))
}

/// Whether `new` (a class's `__new__`) is BaseException's, whose instance keeps the
/// positional arguments in its `args` tuple from the start, as CPython's keeps the
/// call's argument tuple itself.
pub fn is_exc_new(new: &Option<ObjRef>) -> bool {
    is_special(new, Special::ExcNew)
}

/// `BaseException.__new__(cls, *args)` for native callers.
pub fn exc_new_for(vm: &Vm, cls: &ObjRef, args: &[ObjRef]) -> PyResult {
    let mut a = vec![cls.clone()];
    a.extend_from_slice(args);
    exc_new(vm, &a, None)
}
