//! `open()` and file objects: text (`TextIOWrapper`) and binary (`BufferedReader`,
//! `BufferedWriter`) files with read/write/readline/iteration and `with` support.
//!
//! Invariants: a file reads its whole content when opened for reading (`data`, with the
//! read position `pos` in bytes); writes go straight to the OS file; `file` is None once
//! closed. Text files use UTF-8 (the default encoding here) and translate `\r\n` to `\n`
//! on reading as universal newlines do.

use std::io::Write;

use super::def;
use crate::object::types::builtin_types;
use crate::object::{self, ObjRef, Payload, PyResult};
use crate::vm::Vm;

pub struct FileData {
    pub file: Option<std::fs::File>,
    pub name: ObjRef,
    pub mode: String,
    pub text: bool,
    pub readable: bool,
    pub writable: bool,
    pub data: Vec<u8>,
    pub pos: usize,
    /// `sys.stdin`: `data` holds what was read so far from the process's stdin (through the
    /// same buffer `input()` uses) and grows on demand, a line at a time.
    pub stdin: bool,
}

/// `sys.stdin`: a text file over the process's standard input.
#[must_use]
pub fn stdin_file() -> ObjRef {
    use std::os::fd::AsFd;
    let file = std::io::stdin().as_fd().try_clone_to_owned().ok().map(std::fs::File::from);
    let fd = FileData { file, name: object::new_str("<stdin>"), mode: "r".into(), text: true, readable: true, writable: false, data: Vec::new(), pos: 0, stdin: true };
    ObjRef::new(&builtin_types().text_file, Payload::File(Box::new(std::cell::RefCell::new(fd))))
}

/// For `sys.stdin`: appends the next line of the process's stdin to `data` (everything
/// up to EOF when `all`). Returns false at EOF. Other files read everything when opened.
fn pull_stdin(vm: &Vm, f: &mut FileData, all: bool) -> bool {
    use std::io::{BufRead, Read};
    if !f.stdin {
        return false;
    }
    vm.flush_stdout();
    let stdin = std::io::stdin();
    let mut lock = stdin.lock();
    let n = if all { lock.read_to_end(&mut f.data) } else { lock.read_until(b'\n', &mut f.data) };
    matches!(n, Ok(k) if k > 0)
}

fn os_error(vm: &Vm, e: &std::io::Error, path: &str) -> crate::vm::PyErr {
    let code = e.raw_os_error().unwrap_or(0) as i64;
    let msg = match e.kind() {
        std::io::ErrorKind::NotFound => "No such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "Permission denied".to_string(),
        std::io::ErrorKind::AlreadyExists => "File exists".to_string(),
        _ => {
            let s = e.to_string();
            s.split(" (os error").next().unwrap_or(&s).to_string()
        }
    };
    let args = [object::new_int(code), object::new_string(msg), object::new_str(path)];
    match vm.call(&vm.exc_type("OSError"), &args, None) {
        Ok(exc) => crate::vm::PyErr::new(exc),
        Err(e) => e,
    }
}

pub fn open(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let a = super::parse_args(vm, "open", args, kw, &["file", "mode", "buffering", "encoding", "errors", "newline", "closefd", "opener"], 1)?;
    let file = a[0].as_ref().unwrap();
    let Some(path) = file.as_str() else {
        return Err(vm.type_error(format!("expected str, bytes or os.PathLike object, not {}", file.type_name())));
    };
    let mode = match &a[1] {
        Some(m) => m.as_str().ok_or_else(|| vm.type_error(format!("open() argument 'mode' must be str, not {}", m.type_name())))?.to_string(),
        None => "r".to_string(),
    };
    let valid = mode.chars().all(|c| "rwxabt+".contains(c)) && mode.chars().filter(|c| "rwxa".contains(*c)).count() == 1;
    if !valid || (mode.contains('b') && mode.contains('t')) {
        return Err(vm.value_error(format!("invalid mode: '{}'", mode)));
    }
    let text = !mode.contains('b');
    if !text {
        if let Some(e) = &a[3] {
            if !e.is_none() {
                return Err(vm.value_error("binary mode doesn't take an encoding argument"));
            }
        }
    }
    if let Some(e) = &a[3] {
        if let Some(enc) = e.as_str() {
            let n = enc.to_ascii_lowercase().replace('_', "-");
            if !matches!(n.as_str(), "utf-8" | "utf8" | "ascii" | "latin-1" | "latin1" | "iso-8859-1") {
                return Err(vm.new_error("LookupError", &format!("unknown encoding: {}", enc)));
            }
        }
    }
    let plus = mode.contains('+');
    let mut opts = std::fs::OpenOptions::new();
    let (readable, writable) = match mode.chars().find(|c| "rwxa".contains(*c)).unwrap_or('r') {
        'r' => {
            opts.read(true).write(plus);
            (true, plus)
        }
        'w' => {
            opts.write(true).create(true).truncate(true).read(plus);
            (plus, true)
        }
        'x' => {
            opts.write(true).create_new(true).read(plus);
            (plus, true)
        }
        _ => {
            opts.append(true).create(true).read(plus);
            (plus, true)
        }
    };
    let mut f = opts.open(path).map_err(|e| os_error(vm, &e, path))?;
    if std::path::Path::new(path).is_dir() {
        return Err(os_error(vm, &std::io::Error::from_raw_os_error(21), path));
    }
    let mut data = Vec::new();
    if readable {
        use std::io::Read;
        f.read_to_end(&mut data).map_err(|e| os_error(vm, &e, path))?;
        if text {
            let mut out = Vec::with_capacity(data.len());
            let mut i = 0;
            while i < data.len() {
                if data[i] == b'\r' {
                    out.push(b'\n');
                    if data.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                } else {
                    out.push(data[i]);
                }
                i += 1;
            }
            data = out;
        }
    }
    let t = builtin_types();
    let ty = if text { &t.text_file } else if readable { &t.reader_file } else { &t.writer_file };
    let fd = FileData { file: Some(f), name: file.clone(), mode, text, readable, writable, data, pos: 0, stdin: false };
    Ok(ObjRef::new(ty, Payload::File(Box::new(std::cell::RefCell::new(fd)))))
}

fn this<'a>(vm: &Vm, args: &'a [ObjRef]) -> PyResult<&'a std::cell::RefCell<FileData>> {
    match args.first().map(|a| a.payload()) {
        Some(Payload::File(f)) => Ok(f),
        _ => Err(vm.type_error("descriptor requires a file object")),
    }
}

fn check_open(vm: &Vm, f: &FileData) -> PyResult<()> {
    if f.file.is_none() {
        return Err(vm.value_error("I/O operation on closed file."));
    }
    Ok(())
}

fn make_result(f: &FileData, bytes: &[u8]) -> ObjRef {
    if f.text {
        object::new_string(String::from_utf8_lossy(bytes).into_owned())
    } else {
        object::new_bytes(bytes.to_vec())
    }
}

fn f_read(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let cell = this(vm, args)?;
    let mut f = cell.borrow_mut();
    check_open(vm, &f)?;
    if !f.readable {
        return Err(vm.new_error("OSError", "not readable"));
    }
    let n = match args.get(1) {
        Some(n) if !n.is_none() => vm.index(n)?.as_i64().unwrap_or(-1),
        _ => -1,
    };
    if n < 0 {
        pull_stdin(vm, &mut f, true);
    } else {
        while std::str::from_utf8(&f.data[f.pos..]).map(|s| s.chars().count()).unwrap_or(f.data.len() - f.pos) < n as usize && pull_stdin(vm, &mut f, false) {}
    }
    let start = f.pos;
    let end = if n < 0 {
        f.data.len()
    } else if f.text {
        // n characters of UTF-8 text.
        let s = std::str::from_utf8(&f.data[start..]).unwrap_or("");
        start + s.char_indices().nth(n as usize).map(|(b, _)| b).unwrap_or(s.len())
    } else {
        (start + n as usize).min(f.data.len())
    };
    f.pos = end;
    Ok(make_result(&f, &f.data[start..end]))
}

fn next_line(vm: &Vm, f: &mut FileData) -> Option<(usize, usize)> {
    if !f.data[f.pos..].contains(&b'\n') {
        pull_stdin(vm, f, false);
    }
    if f.pos >= f.data.len() {
        return None;
    }
    let start = f.pos;
    let end = f.data[start..].iter().position(|b| *b == b'\n').map(|i| start + i + 1).unwrap_or(f.data.len());
    f.pos = end;
    Some((start, end))
}

/// The next line of an open file as a new str/bytes, or `None` at the end.
fn read_one_line(vm: &Vm, args: &[ObjRef]) -> PyResult<Option<ObjRef>> {
    let cell = this(vm, args)?;
    let mut f = cell.borrow_mut();
    check_open(vm, &f)?;
    Ok(next_line(vm, &mut f).map(|(s, e)| make_result(&f, &f.data[s..e])))
}

fn f_readline(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    match read_one_line(vm, args)? {
        Some(line) => Ok(line),
        None => Ok(make_result(&this(vm, args)?.borrow(), b"")),
    }
}

fn f_readlines(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let cell = this(vm, args)?;
    let mut f = cell.borrow_mut();
    check_open(vm, &f)?;
    let mut out = Vec::new();
    while let Some((s, e)) = next_line(vm, &mut f) {
        out.push(make_result(&f, &f.data[s..e]));
    }
    Ok(object::new_list(out))
}

fn f_next(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    read_one_line(vm, args)?.ok_or_else(|| vm.stop_iteration(None))
}

fn f_iter(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    check_open(vm, &this(vm, args)?.borrow())?;
    Ok(args[0].clone())
}

fn f_write(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let cell = this(vm, args)?;
    let mut f = cell.borrow_mut();
    check_open(vm, &f)?;
    let Some(v) = args.get(1) else { return Err(vm.type_error("write() takes exactly one argument (0 given)")) };
    if !f.writable {
        return Err(vm.new_error("OSError", "not writable"));
    }
    let (bytes, count) = if f.text {
        let s = v.as_str().ok_or_else(|| vm.type_error(format!("write() argument must be str, not {}", v.type_name())))?;
        (s.as_bytes().to_vec(), v.as_str_data().map(|d| d.nchars).unwrap_or(0))
    } else {
        let b = super::bytes::as_bytes(v).ok_or_else(|| vm.type_error(format!("a bytes-like object is required, not '{}'", v.type_name())))?;
        let n = b.len();
        (b, n)
    };
    let name = f.name.as_str().unwrap_or("").to_string();
    f.file.as_mut().expect("open").write_all(&bytes).map_err(|e| os_error(vm, &e, &name))?;
    Ok(object::new_int(count as i64))
}

fn f_writelines(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    for line in vm.collect(&args[1])? {
        f_write(vm, &[args[0].clone(), line], None)?;
    }
    Ok(object::none())
}

fn f_close(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let cell = this(vm, args)?;
    let old = cell.borrow_mut().file.take();
    drop(old);
    Ok(object::none())
}

fn f_flush(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let cell = this(vm, args)?;
    let mut f = cell.borrow_mut();
    check_open(vm, &f)?;
    let _ = f.file.as_mut().expect("open").flush();
    Ok(object::none())
}

fn f_enter(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    check_open(vm, &this(vm, args)?.borrow())?;
    Ok(args[0].clone())
}

fn f_exit(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    f_close(vm, &args[..1], None)?;
    Ok(object::none())
}

fn f_repr(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let f = this(vm, args)?.borrow();
    let name = vm.repr_string(&f.name)?;
    Ok(object::new_string(if f.text {
        format!("<_io.TextIOWrapper name={} mode='{}' encoding='UTF-8'>", name, f.mode)
    } else {
        format!("<_io.{} name={}>", args[0].type_name(), name)
    }))
}

/// `closed`, `name` and `mode` of a file object.
pub fn file_attr(f: &FileData, name: &str) -> Option<ObjRef> {
    Some(match name {
        "closed" => object::new_bool(f.file.is_none()),
        "name" => f.name.clone(),
        "mode" => object::new_str(&f.mode),
        "encoding" if f.text => object::new_str("UTF-8"),
        _ => return None,
    })
}

pub fn init(_vm: &Vm) {
    let t = builtin_types();
    for ty in [&t.text_file, &t.reader_file, &t.writer_file] {
        crate::builtins::set_type_attr(ty, "__module__", object::new_str("_io"));
        def(ty, "read", f_read);
        def(ty, "readline", f_readline);
        def(ty, "readlines", f_readlines);
        def(ty, "write", f_write);
        def(ty, "writelines", f_writelines);
        def(ty, "close", f_close);
        def(ty, "flush", f_flush);
        def(ty, "__enter__", f_enter);
        def(ty, "__exit__", f_exit);
        def(ty, "__iter__", f_iter);
        def(ty, "__next__", f_next);
        def(ty, "__repr__", f_repr);
    }
}
