//! The `sys` module.

use super::{module_dict, new_module};
use crate::builtins::def_in;
use crate::object::types::{builtin_types, new_static_type, Layout};
use dashu_int::ops::BitTest;

use crate::object::{self, ObjRef, Payload, PyResult};
use crate::vm::Vm;

fn getrefcount(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    crate::builtins::arity(vm, "getrefcount", args, kw, 1, 1)?;
    Ok(object::new_int(args[0].refcnt() as i64))
}
fn getrecursionlimit(vm: &Vm, _args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_int(vm.recursion_limit.get() as i64))
}
fn setrecursionlimit(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    crate::builtins::arity(vm, "setrecursionlimit", args, kw, 1, 1)?;
    let n = vm.index(&args[0])?.as_i64().unwrap_or(0);
    if n < 1 {
        return Err(vm.value_error("recursion limit must be greater or equal than 1"));
    }
    if (n as usize) <= vm.depth.get() {
        return Err(vm.new_error(
            "RecursionError",
            &format!("cannot set the recursion limit to {} at the recursion depth {}: the limit is too low", n, vm.depth.get()),
        ));
    }
    vm.recursion_limit.set(n as usize);
    Ok(object::none())
}
fn exit(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Err(vm.new_error_args("SystemExit", args.to_vec()))
}
fn intern(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    crate::builtins::arity(vm, "intern", args, kw, 1, 1)?;
    if !args[0].ty().is(&builtin_types().str) {
        return Err(vm.type_error(format!("intern() argument must be str, not {}", args[0].type_name())));
    }
    Ok(object::str::intern_ref(args[0].clone()))
}
fn exc_info(vm: &Vm, _args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(match vm.exc_info.borrow().clone() {
        Some(e) => {
            let tb = e.as_exc().and_then(|d| d.traceback.borrow().clone()).unwrap_or_else(object::none);
            object::new_tuple(vec![ObjRef::from_borrowed(e.ty()), e, tb])
        }
        None => object::new_tuple(vec![object::none(), object::none(), object::none()]),
    })
}
fn exception(vm: &Vm, _args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(vm.exc_info.borrow().clone().unwrap_or_else(object::none))
}
fn set_int_max_str_digits(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let a = crate::builtins::parse_args(vm, "set_int_max_str_digits", args, kw, &["maxdigits"], 1)?;
    let n = vm.index(a[0].as_ref().unwrap())?.as_i64().unwrap_or(-1);
    if n != 0 && n < 640 {
        return Err(vm.value_error("maxdigits must be 0 or larger than 640"));
    }
    crate::format::INT_MAX_STR_DIGITS.store(n as usize, std::sync::atomic::Ordering::Relaxed);
    vm.int_max_str_digits.set(n as usize);
    Ok(object::none())
}
fn get_int_max_str_digits(vm: &Vm, _args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_int(vm.int_max_str_digits.get() as i64))
}
/// `sys.getsizeof`: Ouro's real size of the object, its block (with the GC header for
/// GC objects) plus the memory it owns directly (item arrays, string bytes, tables).
fn getsizeof(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    crate::builtins::arity(vm, "getsizeof", args, kw, 1, 2)?;
    let o = &args[0];
    let block = crate::memory::block_size(o) as i64;
    let word = std::mem::size_of::<usize>() as i64;
    let extra = match o.payload() {
        Payload::List(l) => word * l.borrow().capacity() as i64,
        Payload::Tuple(t) => word * t.len() as i64,
        Payload::Str(s) => s.s.len() as i64,
        Payload::Bytes(b) => b.len() as i64,
        Payload::ByteArray(b) => b.borrow().capacity() as i64,
        Payload::Int(crate::object::Int::Big(b)) => ((&**b).bit_len() as i64 + 63) / 64 * 8 + 24,
        Payload::Dict(d) => {
            let t = d.borrow();
            (t.entries.capacity() as i64) * 3 * word + t.index_capacity() as i64 * 4
        }
        // The boxed table with its inline slots, and a larger table's heap slots.
        Payload::Set(s) => (std::mem::size_of_val(&**s) + s.borrow().table.heap_bytes()) as i64,
        _ => 0,
    };
    Ok(object::new_int(block + extra))
}
fn getallocatedblocks(_vm: &Vm, _args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_int(crate::memory::pool::allocated_blocks() as i64))
}
fn debugmallocstats(vm: &Vm, _args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    vm.write_stderr(&format!("{}\n{}", crate::memory::pool::stats_report(), crate::memory::freelist_report()));
    Ok(object::none())
}
/// `sys._getframe(depth=0)`: a frame object for the running frame `depth` calls up, with
/// its f_back chain. Each call builds new frame objects whose `f_locals` is a snapshot
/// taken at the call.
fn getframe(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    crate::builtins::arity(vm, "_getframe", args, kw, 0, 1)?;
    let depth = match args.first() {
        Some(d) => vm.index_isize(d)?,
        None => 0,
    };
    let mut stack: Vec<*const crate::vm::Frame> = Vec::new();
    let mut p = vm.top_frame.get();
    while !p.is_null() {
        stack.push(p);
        p = crate::memory::deref_frame(p).back;
    }
    stack.reverse();
    if depth < 0 || depth as usize >= stack.len() {
        return Err(vm.value_error("call stack is not deep enough"));
    }
    let mut back: Option<ObjRef> = None;
    for p in &stack[..stack.len() - depth as usize] {
        let f = crate::memory::deref_frame(*p);
        let locals = crate::builtins::functions::frame_locals(vm, f)?;
        let snapshot = object::FrameSnapshot { globals: f.globals().clone(), back: back.take(), locals };
        let data = object::FrameData { code: f.code_obj().clone(), lineno: std::cell::Cell::new(f.line()), locals: std::cell::RefCell::new(Vec::new()), snapshot: Some(Box::new(snapshot)) };
        back = Some(ObjRef::new(&builtin_types().frame, Payload::Frame(Box::new(data))));
    }
    Ok(back.expect("at least one frame"))
}

fn stream_write(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let s = args.get(1).ok_or_else(|| vm.type_error("write() takes exactly one argument (0 given)"))?;
    let Some(text) = s.as_str() else {
        return Err(vm.type_error(format!("write() argument must be str, not {}", s.type_name())));
    };
    if is_std_stream(&args[0], 2) {
        vm.write_stderr(text);
    } else {
        vm.write_stdout(text);
    }
    Ok(object::new_int(s.as_str_data().map(|d| d.nchars).unwrap_or(0) as i64))
}
fn stream_flush(vm: &Vm, _args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    vm.flush_stdout();
    Ok(object::none())
}

/// True if `o` is Ouro's own stdout (fd 1) or stderr (fd 2) object.
pub fn is_std_stream(o: &ObjRef, fd: i64) -> bool {
    o.type_data().name.borrow().as_str() == "TextIOWrapper" && o.as_int().and_then(|i| i.as_i64()) == Some(fd)
}

/// `sys.<name>` if set.
pub fn sys_attr(vm: &Vm, name: &str) -> Option<ObjRef> {
    let sys = vm.sys.borrow().clone()?;
    crate::builtins::dict::dict_get_str(vm, module_dict(&sys), name).ok().flatten()
}

/// `sys.__getattr__` (PEP 562): the structured attributes (version_info, implementation,
/// float_info) live in the frozen `_ouro_sys` module, imported on first use. They are
/// not copied into sys: sys is torn down after the other modules, and a class instance
/// left in its dict would outlive the final collection.
fn sys_getattr(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    crate::builtins::arity(vm, "__getattr__", args, kw, 1, 1)?;
    let name = args[0].as_str().unwrap_or("");
    let missing = || vm.attribute_error(format!("module 'sys' has no attribute '{}'", name));
    if name.starts_with('_') {
        return Err(missing());
    }
    let extra = crate::modules::import::import_dotted(vm, "_ouro_sys")?;
    crate::builtins::dict::dict_get_str(vm, module_dict(&extra), name)?.ok_or_else(missing)
}

fn getdefaultencoding(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    crate::builtins::arity(vm, "getdefaultencoding", args, kw, 0, 0)?;
    Ok(object::new_str("utf-8"))
}

pub fn init(vm: &Vm) {
    let m = new_module(vm, "sys");
    let d = module_dict(&m).clone();
    let fns: &[(&'static str, object::NativeFn)] = &[
        ("getrefcount", getrefcount),
        ("getrecursionlimit", getrecursionlimit),
        ("getdefaultencoding", getdefaultencoding),
        ("getfilesystemencoding", getdefaultencoding),
        ("setrecursionlimit", setrecursionlimit),
        ("exit", exit),
        ("intern", intern),
        ("exc_info", exc_info),
        ("exception", exception),
        ("set_int_max_str_digits", set_int_max_str_digits),
        ("get_int_max_str_digits", get_int_max_str_digits),
        ("getsizeof", getsizeof),
        ("getallocatedblocks", getallocatedblocks),
        ("_debugmallocstats", debugmallocstats),
        ("_getframe", getframe),
        ("__getattr__", sys_getattr),
    ];
    for (n, f) in fns {
        def_in(vm, &m, n, *f);
    }
    let set = |k: &str, v: ObjRef| {
        let _ = vm.dict_set(&d, object::str::intern(k), v);
    };
    set("modules", vm.modules.clone());
    set("argv", object::new_list(vec![]));
    set("path", object::new_list(vec![]));
    set("maxsize", object::new_int(i64::MAX));
    set("byteorder", object::new_str("little"));
    set("platform", object::new_str("linux"));
    set("version", object::new_str(concat!("3.11.7 (Ouro ", env!("CARGO_PKG_VERSION"), ")")));
    set("hexversion", object::new_int(0x030b07f0));
    set("executable", object::new_str(""));
    set("flags", object::none());
    set("maxunicode", object::new_int(0x10ffff));
    let io_ty = new_static_type("TextIOWrapper", Layout::Int, &builtin_types().object);
    crate::builtins::def(&io_ty, "write", stream_write);
    crate::builtins::def(&io_ty, "flush", stream_flush);
    let stdout = ObjRef::new(&io_ty, Payload::Int(object::Int::Small(1)));
    let stderr = ObjRef::new(&io_ty, Payload::Int(object::Int::Small(2)));
    set("stdout", stdout.clone());
    set("stderr", stderr.clone());
    set("__stdout__", stdout);
    set("__stderr__", stderr);
    let stdin = crate::builtins::io::stdin_file();
    set("stdin", stdin.clone());
    set("__stdin__", stdin);
    let _ = vm.dict_set(&vm.modules, object::str::intern("sys"), m.clone());
    *vm.sys.borrow_mut() = Some(m);
}
