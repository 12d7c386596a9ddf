//! The builtin functions (`print`, `len`, `isinstance`, `sorted`, ...) and the names of
//! the `builtins` namespace.

use super::{arity, def_in, parse_args};
use crate::object::int::Int;
use crate::object::types::builtin_types;
use crate::object::{self, ObjRef, Payload, PyResult};
use crate::vm::compare::CmpOp;
use crate::vm::Vm;

fn kwarg<'a>(args: &'a [ObjRef], kw: Option<&'a [ObjRef]>, name: &str) -> Option<&'a ObjRef> {
    let names = kw?;
    let base = args.len() - names.len();
    names.iter().position(|n| n.as_str() == Some(name)).map(|i| &args[base + i])
}

fn positional<'a>(args: &'a [ObjRef], kw: Option<&[ObjRef]>) -> &'a [ObjRef] {
    &args[..args.len() - kw.map(|k| k.len()).unwrap_or(0)]
}

fn check_kw(vm: &Vm, fname: &str, kw: Option<&[ObjRef]>, allowed: &[&str]) -> PyResult<()> {
    if let Some(names) = kw {
        for n in names {
            let s = n.as_str().unwrap_or("");
            if !allowed.contains(&s) {
                return Err(vm.type_error(format!("'{}' is an invalid keyword argument for {}()", s, fname)));
            }
        }
    }
    Ok(())
}

fn print(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    check_kw(vm, "print", kw, &["sep", "end", "file", "flush"])?;
    let pos = positional(args, kw);
    let get_str = |name: &str, default: &str| -> PyResult<String> {
        match kwarg(args, kw, name) {
            Some(v) if !v.is_none() => match v.as_str() {
                Some(s) => Ok(s.to_string()),
                None => Err(vm.type_error(format!("{} must be None or a string, not {}", name, v.type_name()))),
            },
            _ => Ok(default.to_string()),
        }
    };
    let sep = get_str("sep", " ")?;
    let end = get_str("end", "\n")?;
    let mut out = String::new();
    for (i, a) in pos.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        out.push_str(vm.str(a)?.as_str().unwrap_or(""));
    }
    out.push_str(&end);
    let file = kwarg(args, kw, "file").filter(|f| !f.is_none()).cloned();
    let file = match file {
        Some(f) => Some(f),
        None => crate::modules::sys::sys_attr(vm, "stdout"),
    };
    match file {
        Some(f) if !crate::modules::sys::is_std_stream(&f, 1) => {
            if crate::modules::sys::is_std_stream(&f, 2) {
                vm.write_stderr(&out);
            } else {
                let w = vm.getattr_str(&f, "write")?;
                vm.call(&w, &[object::new_string(out)], None)?;
            }
        }
        _ => vm.write_stdout(&out),
    }
    if let Some(fl) = kwarg(args, kw, "flush") {
        if vm.truthy(fl)? {
            vm.flush_stdout();
        }
    }
    Ok(object::none())
}

/// Whether `b` is the builtin `len` (which the eval loop calls directly, as CPython
/// 3.11's PRECALL_NO_KW_LEN does). Its `__self__` is the builtins module, which it
/// does not receive.
pub fn is_len(b: &crate::object::BuiltinData) -> bool {
    b.special.get() == object::Special::Len
}

fn len(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    arity(vm, "len", args, kw, 1, 1)?;
    Ok(object::new_int(vm.len(&args[0])? as i64))
}
fn repr(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    arity(vm, "repr", args, kw, 1, 1)?;
    vm.repr(&args[0])
}
fn ascii(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    arity(vm, "ascii", args, kw, 1, 1)?;
    vm.ascii(&args[0])
}
fn abs(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    arity(vm, "abs", args, kw, 1, 1)?;
    let x = &args[0];
    if !x.type_data().heap {
        match x.payload() {
            Payload::Int(i) => return Ok(object::new_int_value(i.abs())),
            Payload::Float(f) => return Ok(object::new_float(f.abs())),
            Payload::Complex(a, b) => return Ok(object::new_float(a.hypot(*b))),
            _ => {}
        }
    }
    match x.type_data().lookup("__abs__") {
        Some(m) => vm.call(&m, std::slice::from_ref(&x), None),
        None => Err(vm.type_error(format!("bad operand type for abs(): '{}'", x.type_name()))),
    }
}
fn all(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    arity(vm, "all", args, kw, 1, 1)?;
    let it = vm.iter(&args[0])?;
    while let Some(x) = vm.next(&it)? {
        if !vm.truthy(&x)? {
            return Ok(object::new_bool(false));
        }
    }
    Ok(object::new_bool(true))
}
fn any(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    arity(vm, "any", args, kw, 1, 1)?;
    let it = vm.iter(&args[0])?;
    while let Some(x) = vm.next(&it)? {
        if vm.truthy(&x)? {
            return Ok(object::new_bool(true));
        }
    }
    Ok(object::new_bool(false))
}
fn radix(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>, name: &str, base: u32, prefix: &str) -> PyResult {
    arity(vm, name, args, kw, 1, 1)?;
    let i = vm.index(&args[0])?;
    if let crate::object::Int::Small(v) = i {
        return Ok(object::new_string(crate::object::int::small_pow2_radix(v, base, prefix)));
    }
    let s = i.to_string_radix(base);
    Ok(object::new_string(match s.strip_prefix('-') {
        Some(d) => format!("-{}{}", prefix, d),
        None => format!("{}{}", prefix, s),
    }))
}
fn bin(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    radix(vm, args, kw, "bin", 2, "0b")
}
fn oct(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    radix(vm, args, kw, "oct", 8, "0o")
}
fn hex(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    radix(vm, args, kw, "hex", 16, "0x")
}
fn callable(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    arity(vm, "callable", args, kw, 1, 1)?;
    let x = &args[0];
    let c = matches!(x.payload(), Payload::Function(_) | Payload::Builtin(_) | Payload::BoundMethod { .. } | Payload::Type(_))
        || x.type_data().lookup("__call__").is_some();
    Ok(object::new_bool(c))
}
fn chr(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    arity(vm, "chr", args, kw, 1, 1)?;
    let i = vm.index(&args[0])?;
    match i.as_i64().and_then(|v| u32::try_from(v).ok()) {
        Some(v) if v < 0x110000 => match char::from_u32(v) {
            Some(c) => Ok(object::new_string(c.to_string())),
            None => Ok(object::new_str("\u{fffd}")),
        },
        _ => {
            if i.as_i64().is_none() {
                return Err(vm.overflow_error("Python int too large to convert to C int"));
            }
            Err(vm.value_error("chr() arg not in range(0x110000)"))
        }
    }
}
fn ord(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    arity(vm, "ord", args, kw, 1, 1)?;
    match args[0].payload() {
        Payload::Str(s) => {
            if s.nchars != 1 {
                return Err(vm.type_error(format!("ord() expected a character, but string of length {} found", s.nchars)));
            }
            Ok(object::new_int(s.s.chars().next().unwrap() as i64))
        }
        Payload::Bytes(_) | Payload::ByteArray(_) => {
            let b = super::bytes::as_bytes(&args[0]).unwrap_or_default();
            if b.len() != 1 {
                return Err(vm.type_error(format!("ord() expected a character, but string of length {} found", b.len())));
            }
            Ok(object::new_int(b[0] as i64))
        }
        _ => Err(vm.type_error(format!("ord() expected string of length 1, but {} found", args[0].type_name()))),
    }
}
/// The attribute-name argument of `getattr` & co: a str (CPython's PyObject_GetAttr check).
fn attr_name<'a>(vm: &Vm, o: &'a ObjRef, _fname: &str) -> PyResult<&'a ObjRef> {
    if o.as_str().is_none() {
        return Err(vm.type_error(format!("attribute name must be string, not '{}'", o.type_name())));
    }
    Ok(o)
}
fn getattr(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    arity(vm, "getattr", args, kw, 2, 3)?;
    let name = object::str::intern_ref(attr_name(vm, &args[1], "getattr")?.clone());
    match vm.getattr(&args[0], &name) {
        Ok(v) => Ok(v),
        Err(e) if args.len() == 3 && e.is(&vm.exc_type("AttributeError")) => Ok(args[2].clone()),
        Err(e) => Err(e),
    }
}
fn setattr(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    arity(vm, "setattr", args, kw, 3, 3)?;
    let name = object::str::intern_ref(attr_name(vm, &args[1], "setattr")?.clone());
    vm.setattr(&args[0], &name, args[2].clone())?;
    Ok(object::none())
}
fn delattr(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    arity(vm, "delattr", args, kw, 2, 2)?;
    let name = attr_name(vm, &args[1], "delattr")?;
    vm.delattr(&args[0], name)?;
    Ok(object::none())
}
fn hasattr(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    arity(vm, "hasattr", args, kw, 2, 2)?;
    let name = attr_name(vm, &args[1], "hasattr")?;
    match vm.getattr(&args[0], name) {
        Ok(_) => Ok(object::new_bool(true)),
        Err(e) if e.is(&vm.exc_type("AttributeError")) => Ok(object::new_bool(false)),
        Err(e) => Err(e),
    }
}

/// `dir(obj)` as sorted names.
pub fn dir_names(vm: &Vm, obj: &ObjRef) -> PyResult<Vec<String>> {
    let mut names: Vec<String> = Vec::new();
    let mut add_dict = |d: &ObjRef| {
        for (k, _) in super::dict::dict_items(d) {
            if let Some(s) = k.as_str() {
                names.push(s.to_string());
            }
        }
    };
    match obj.payload() {
        Payload::Module(m) => add_dict(&m.dict),
        Payload::Type(td) => {
            for t in td.mro.borrow().iter() {
                add_dict(t.as_type().unwrap().dict());
            }
        }
        _ => {
            object::values::materialize(obj);
            if let Some(d) = obj.dict() {
                add_dict(&d);
            }
            for t in obj.type_data().mro.borrow().iter() {
                add_dict(t.as_type().unwrap().dict());
            }
        }
    }
    names.sort();
    names.dedup();
    let _ = vm;
    Ok(names)
}
fn dir(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    arity(vm, "dir", args, kw, 0, 1)?;
    let names = match args.first() {
        Some(o) => {
            if o.type_data().heap {
                if let Some(d) = o.type_data().lookup("__dir__") {
                    if !matches!(d.payload(), Payload::Builtin(_)) {
                        let r = vm.call(&d, std::slice::from_ref(&o), None)?;
                        let mut v = vm.collect(&r)?;
                        let mut keyed: Vec<(String, ObjRef)> = v.drain(..).map(|x| (x.as_str().unwrap_or("").to_string(), x)).collect();
                        keyed.sort_by(|a, b| a.0.cmp(&b.0));
                        return Ok(object::new_list(keyed.into_iter().map(|(_, x)| x).collect()));
                    }
                }
            }
            dir_names(vm, o)?
        }
        None => {
            let l = locals_dict(vm)?;
            let mut v: Vec<String> = super::dict::dict_items(&l).iter().filter_map(|(k, _)| k.as_str().map(String::from)).collect();
            v.sort();
            v
        }
    };
    Ok(object::new_list(names.iter().map(|n| object::new_str(n)).collect()))
}
fn divmod(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    arity(vm, "divmod", args, kw, 2, 2)?;
    let (a, b) = (&args[0], &args[1]);
    for (x, y, name) in [(a, b, "__divmod__"), (b, a, "__rdivmod__")] {
        if let Some(m) = x.type_data().lookup(name) {
            let r = vm.call_lent(&m, [&x, &y])?;
            if !matches!(r.payload(), Payload::NotImplemented) {
                return Ok(r);
            }
        }
    }
    Err(vm.type_error(format!("unsupported operand type(s) for divmod(): '{}' and '{}'", a.type_name(), b.type_name())))
}
fn format(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    arity(vm, "format", args, kw, 1, 2)?;
    if let Some(s) = args.get(1) {
        if s.as_str().is_none() {
            return Err(vm.type_error(format!("format() argument 2 must be str, not {}", s.type_name())));
        }
    }
    vm.format(&args[0], args.get(1))
}
fn globals(vm: &Vm, _args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(globals_of_caller(vm))
}

/// The current frame's local namespace (a snapshot dict for function frames).
pub fn locals_dict(vm: &Vm) -> PyResult {
    match vm.current_frame() {
        Some(f) => frame_locals(vm, f),
        None => Ok(object::new_dict()),
    }
}

/// A frame's local namespace: the namespace dict of a module or class body, else a new
/// dict of the function's bound locals and cell contents.
pub fn frame_locals(vm: &Vm, f: &crate::vm::Frame) -> PyResult {
    if let Some(l) = &f.locals {
        return Ok(l.clone());
    }
    let d = object::new_dict();
    let code = f.code();
    let names = code.varnames.iter().chain(code.cellvars.iter()).chain(code.freevars.iter());
    for (i, n) in names.enumerate() {
        let v = match &f.fast[i] {
            Some(v) if i >= code.varnames.len() => match v.payload() {
                Payload::Cell(c) => c.borrow().clone(),
                _ => None,
            },
            other => other.clone(),
        };
        if let Some(v) = v {
            vm.dict_set(&d, n.clone(), v)?;
        }
    }
    Ok(d)
}
fn locals(vm: &Vm, _args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    locals_dict(vm)
}
fn vars(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    arity(vm, "vars", args, kw, 0, 1)?;
    match args.first() {
        None => locals_dict(vm),
        Some(o) => match vm.getattr_opt(o, "__dict__")? {
            Some(d) => Ok(d),
            None => Err(vm.type_error("vars() argument must have __dict__ attribute")),
        },
    }
}
fn hash(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    arity(vm, "hash", args, kw, 1, 1)?;
    Ok(object::new_int(vm.hash(&args[0])?))
}
fn id(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    arity(vm, "id", args, kw, 1, 1)?;
    Ok(object::new_bigint(dashu_int::IBig::from(args[0].addr())))
}
fn input(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    arity(vm, "input", args, kw, 0, 1)?;
    if let Some(p) = args.first() {
        vm.write_stdout(&vm.str_string(p)?);
    }
    vm.flush_stdout();
    let mut line = String::new();
    match std::io::stdin().read_line(&mut line) {
        Ok(0) | Err(_) => Err(vm.new_error("EOFError", "EOF when reading a line")),
        Ok(_) => {
            if line.ends_with('\n') {
                line.pop();
                if line.ends_with('\r') {
                    line.pop();
                }
            }
            Ok(object::new_string(line))
        }
    }
}

fn class_check(vm: &Vm, obj: &ObjRef, cls: &ObjRef, instance: bool, depth: u32) -> PyResult<bool> {
    if depth > 500 {
        return Err(vm.new_error("RecursionError", "maximum recursion depth exceeded in __instancecheck__"));
    }
    if let Some(items) = cls.as_tuple() {
        for c in items {
            if class_check(vm, obj, c, instance, depth + 1)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    let Some(_) = cls.as_type() else {
        // Any object whose class defines __instancecheck__/__subclasscheck__ answers
        // (typing's aliases, for one).
        let name = if instance { "__instancecheck__" } else { "__subclasscheck__" };
        if let Some(m) = cls.type_data().lookup(name) {
            let r = vm.call_lent(&m, [&cls, &obj])?;
            return vm.truthy(&r);
        }
        return Err(vm.type_error(if instance {
            "isinstance() arg 2 must be a type, a tuple of types, or a union"
        } else {
            "issubclass() arg 2 must be a class, a tuple of classes, or a union"
        }));
    };
    let meta = cls.ty();
    if !meta.is(&builtin_types().type_) {
        let name = if instance { "__instancecheck__" } else { "__subclasscheck__" };
        if let Some(m) = cls.type_data().lookup(name) {
            if !matches!(m.payload(), Payload::Builtin(_)) {
                let r = vm.call_lent(&m, [&cls, &obj])?;
                return vm.truthy(&r);
            }
        }
    }
    Ok(if instance { obj.is_instance(cls) } else { obj.is_subtype(cls) })
}
fn isinstance(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    arity(vm, "isinstance", args, kw, 2, 2)?;
    Ok(object::new_bool(class_check(vm, &args[0], &args[1], true, 0)?))
}
fn issubclass(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    arity(vm, "issubclass", args, kw, 2, 2)?;
    if args[0].as_type().is_none() {
        return Err(vm.type_error("issubclass() arg 1 must be a class"));
    }
    Ok(object::new_bool(class_check(vm, &args[0], &args[1], false, 0)?))
}
fn iter(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    arity(vm, "iter", args, kw, 1, 2)?;
    if let Some(sentinel) = args.get(1) {
        if !matches!(args[0].payload(), Payload::Function(_) | Payload::Builtin(_) | Payload::BoundMethod { .. } | Payload::Type(_)) && args[0].type_data().lookup("__call__").is_none() {
            return Err(vm.type_error("iter(v, w): v must be callable"));
        }
        return Ok(ObjRef::new(
            &builtin_types().callable_iterator,
            Payload::Iter(Box::new(std::cell::RefCell::new(object::IterState::Callable { func: args[0].clone(), sentinel: sentinel.clone() }))),
        ));
    }
    vm.iter(&args[0])
}
fn next(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    arity(vm, "next", args, kw, 1, 2)?;
    let it = &args[0];
    let is_iter = matches!(it.payload(), Payload::Iter(_) | Payload::Generator(_)) || it.type_data().lookup("__next__").is_some();
    if !is_iter {
        return Err(vm.type_error(format!("'{}' object is not an iterator", it.type_name())));
    }
    if let Payload::Generator(_) = it.payload() {
        return match vm.gen_resume(it, None, None) {
            Ok(crate::vm::iter::SendResult::Yielded(v)) => Ok(v),
            Ok(crate::vm::iter::SendResult::Returned(v)) => match args.get(1) {
                Some(d) => Ok(d.clone()),
                None => Err(vm.stop_iteration(if v.is_none() { None } else { Some(v) })),
            },
            Err(e) => Err(e),
        };
    }
    if !it.type_data().heap {
        return match vm.next(it)? {
            Some(v) => Ok(v),
            None => match args.get(1) {
                Some(d) => Ok(d.clone()),
                None => Err(vm.stop_iteration(None)),
            },
        };
    }
    let m = it.type_data().lookup("__next__").unwrap();
    match vm.call(&m, std::slice::from_ref(&it), None) {
        Ok(v) => Ok(v),
        Err(e) if args.len() == 2 && e.is(&vm.exc_type("StopIteration")) => Ok(args[1].clone()),
        Err(e) => Err(e),
    }
}

fn min_max(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>, name: &str, op: CmpOp) -> PyResult {
    check_kw(vm, name, kw, &["key", "default"])?;
    let pos = positional(args, kw);
    let key = kwarg(args, kw, "key").filter(|k| !k.is_none()).cloned();
    let default = kwarg(args, kw, "default").cloned();
    let items: Vec<ObjRef> = match pos.len() {
        0 => return Err(vm.type_error(format!("{} expected at least 1 argument, got 0", name))),
        1 => vm.collect(&pos[0])?,
        _ => {
            if default.is_some() {
                return Err(vm.type_error(format!("Cannot specify a default for {}() with multiple positional arguments", name)));
            }
            pos.to_vec()
        }
    };
    let mut best: Option<(ObjRef, ObjRef)> = None;
    for x in items {
        let k = match &key {
            Some(f) => vm.call(f, std::slice::from_ref(&x), None)?,
            None => x.clone(),
        };
        best = match best {
            None => Some((k, x)),
            Some((bk, bx)) => {
                if vm.compare_bool(&k, &bk, op)? {
                    Some((k, x))
                } else {
                    Some((bk, bx))
                }
            }
        };
    }
    match best {
        Some((_, x)) => Ok(x),
        None => match default {
            Some(d) => Ok(d),
            None => Err(vm.value_error(format!("{}() arg is an empty sequence", name))),
        },
    }
}
fn max(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    min_max(vm, args, kw, "max", CmpOp::Gt)
}
fn min(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    min_max(vm, args, kw, "min", CmpOp::Lt)
}
fn sum(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let a = parse_args(vm, "sum", args, kw, &["iterable", "start"], 1)?;
    let mut acc = a[1].clone().unwrap_or_else(|| object::new_int(0));
    match acc.payload() {
        Payload::Str(_) => return Err(vm.type_error("sum() can't sum strings [use ''.join(seq) instead]")),
        Payload::Bytes(_) => return Err(vm.type_error("sum() can't sum bytes [use b''.join(seq) instead]")),
        Payload::ByteArray(_) => return Err(vm.type_error("sum() can't sum bytearray [use b''.join(seq) instead]")),
        _ => {}
    }
    let it = vm.iter(a[0].as_ref().unwrap())?;
    let mut small: Option<i64> = match acc.payload() {
        Payload::Int(Int::Small(v)) if acc.ty().is(&builtin_types().int) => Some(*v),
        _ => None,
    };
    // CPython's phases: exact ints summed as machine words, then, once the total is an
    // exact float, doubles (ints that fit a machine word are converted as they come).
    let mut float: Option<f64> = None;
    while let Some(x) = vm.next(&it)? {
        if let Some(s) = small {
            if let (Payload::Int(Int::Small(v)), true) = (x.payload(), x.ty().is(&builtin_types().int) || x.ty().is(&builtin_types().bool_)) {
                if let Some(r) = s.checked_add(*v) {
                    small = Some(r);
                    continue;
                }
            }
            acc = object::new_int(s);
            small = None;
        }
        if let Some(f) = float {
            match x.payload() {
                Payload::Float(v) if x.ty().is(&builtin_types().float) => {
                    float = Some(f + v);
                    continue;
                }
                Payload::Int(Int::Small(v)) => {
                    float = Some(f + *v as f64);
                    continue;
                }
                _ => {
                    acc = object::new_float(f);
                    float = None;
                }
            }
        }
        acc = vm.binary_op(&acc, &x, crate::vm::binary::ADD)?;
        if let Payload::Float(v) = acc.payload() {
            if acc.ty().is(&builtin_types().float) {
                float = Some(*v);
            }
        }
    }
    if let Some(s) = small {
        return Ok(object::new_int(s));
    }
    if let Some(f) = float {
        return Ok(object::new_float(f));
    }
    Ok(acc)
}
fn sorted(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let pos = positional(args, kw);
    if pos.len() != 1 {
        return Err(vm.type_error(format!("sorted expected 1 argument, got {}", pos.len())));
    }
    check_kw(vm, "sort", kw, &["key", "reverse"])?;
    let items = vm.collect(&pos[0])?;
    let l = object::new_list(items);
    let sort = vm.getattr_str(&l, "sort")?;
    let kwpart = &args[pos.len()..];
    vm.call(&sort, kwpart, kw)?;
    Ok(l)
}
fn round(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let a = parse_args(vm, "round", args, kw, &["number", "ndigits"], 1)?;
    let x = a[0].as_ref().unwrap();
    let Some(m) = x.type_data().lookup("__round__") else {
        return Err(vm.type_error(format!("type {} doesn't define __round__ method", x.type_name())));
    };
    let mut cargs = vec![x.clone()];
    if let Some(n) = &a[1] {
        if !n.is_none() {
            cargs.push(n.clone());
        }
    }
    vm.call(&m, &cargs, None)
}
fn pow(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let a = parse_args(vm, "pow", args, kw, &["base", "exp", "mod"], 2)?;
    let (b, e) = (a[0].as_ref().unwrap(), a[1].as_ref().unwrap());
    match &a[2] {
        Some(m) if !m.is_none() => {
            // Three-argument power only uses the base's own `__pow__` (never `__rpow__`).
            if b.type_data().heap {
                if let Some(f) = b.type_data().lookup("__pow__") {
                    if !matches!(f.payload(), crate::object::Payload::Builtin(_)) {
                        let r = vm.call(&f, &[b.clone(), e.clone(), m.clone()], None)?;
                        if !matches!(r.payload(), crate::object::Payload::NotImplemented) {
                            return Ok(r);
                        }
                    }
                }
            }
            let (Some(bi), Some(ei), Some(mi)) = (b.as_int(), e.as_int(), m.as_int()) else {
                return Err(vm.type_error("pow() 3rd argument not allowed unless all arguments are integers"));
            };
            if mi.is_zero() {
                return Err(vm.value_error("pow() 3rd argument cannot be 0"));
            }
            let (bb, mut eb, mb) = (bi.to_big(), ei.to_big(), mi.to_big());
            let mut base = crate::object::int::big_divmod(&bb, &mb).1;
            if eb.signum() < dashu_int::IBig::ZERO {
                // Modular inverse by the extended Euclidean algorithm.
                let inv = mod_inverse(&base, &mb).ok_or_else(|| vm.value_error("base is not invertible for the given modulus"))?;
                base = inv;
                eb = -eb;
            }
            let mut result = crate::object::int::big_divmod(&dashu_int::IBig::ONE, &mb).1;
            let mut e = eb;
            while e > dashu_int::IBig::ZERO {
                if (&e & dashu_int::IBig::ONE) == dashu_int::IBig::ONE {
                    result = crate::object::int::big_divmod(&(&result * &base), &mb).1;
                }
                base = crate::object::int::big_divmod(&(&base * &base), &mb).1;
                e >>= 1;
            }
            Ok(object::new_bigint(result))
        }
        _ => vm.binary_op(b, e, crate::vm::binary::POW),
    }
}

fn mod_inverse(a: &dashu_int::IBig, m: &dashu_int::IBig) -> Option<dashu_int::IBig> {
    use dashu_int::IBig;
    let (mut old_r, mut r) = (a.clone(), m.clone());
    let (mut old_s, mut s) = (IBig::ONE, IBig::ZERO);
    while r != IBig::ZERO {
        let q = crate::object::int::big_divmod(&old_r, &r).0;
        let nr = &old_r - &q * &r;
        old_r = std::mem::replace(&mut r, nr);
        let ns = &old_s - &q * &s;
        old_s = std::mem::replace(&mut s, ns);
    }
    if old_r != IBig::ONE && old_r != -IBig::ONE {
        return None;
    }
    let v = if old_r == IBig::ONE { old_s } else { -old_s };
    Some(crate::object::int::big_divmod(&v, m).1)
}

fn exec_eval(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>, eval: bool) -> PyResult {
    let name = if eval { "eval" } else { "exec" };
    let a = parse_args(vm, name, args, kw, &["source", "globals", "locals"], 1)?;
    let src = a[0].as_ref().unwrap();
    let globals = match &a[1] {
        Some(g) if !g.is_none() => {
            if g.as_dict().is_none() {
                return Err(vm.type_error(format!("{}() globals must be a dict, not {}", name, g.type_name())));
            }
            g.clone()
        }
        _ => globals_of_caller(vm),
    };
    let locals = match &a[2] {
        Some(l) if !l.is_none() => Some(l.clone()),
        _ => {
            if a[1].as_ref().map(|g| !g.is_none()).unwrap_or(false) {
                Some(globals.clone())
            } else {
                Some(locals_dict(vm)?)
            }
        }
    };
    if super::dict::dict_get_str(vm, &globals, "__builtins__")?.is_none() {
        super::dict::dict_set_str(vm, &globals, "__builtins__", vm.builtins.clone())?;
    }
    let code = match src.payload() {
        Payload::Code(_) => src.clone(),
        _ => {
            let text = match src.payload() {
                Payload::Str(s) => s.s.to_string(),
                Payload::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
                _ => return Err(vm.type_error(format!("{}() arg 1 must be a string, bytes or code object", name))),
            };
            check_no_null_bytes(vm, &text)?;
            let text = if eval { text.trim_start_matches([' ', '\t']).to_string() } else { text };
            crate::run::compile_source(vm, &text, "<string>", if eval { crate::compiler::Mode::Eval } else { crate::compiler::Mode::Exec })?
        }
    };
    let nfree = code.as_code().map_or(0, |c| c.freevars.len());
    if nfree > 0 {
        return Err(vm.type_error(format!("code object requires a closure of exactly length {}", nfree)));
    }
    // The parsed arguments are copies: only the frame refers to the namespaces while the
    // code runs, as with CPython's borrowed arguments.
    drop(a);
    let frame = vm.make_namespace_frame(code, globals, locals);
    let r = vm.run_frame(frame)?;
    Ok(if eval { r } else { object::none() })
}
/// `compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1)` for
/// source text (there is no `ast` module, so no AST input or output flags).
fn compile(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let a = parse_args(vm, "compile", args, kw, &["source", "filename", "mode", "flags", "dont_inherit", "optimize", "_feature_version"], 3)?;
    let src = a[0].as_ref().unwrap();
    let filename = a[1].as_ref().unwrap();
    let filename = match filename.payload() {
        Payload::Str(s) => s.s.to_string(),
        Payload::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
        _ => return Err(vm.type_error(format!("expected str, bytes or os.PathLike object, not {}", filename.type_name()))),
    };
    let mode = a[2].as_ref().unwrap();
    let Some(mode) = mode.as_str() else {
        return Err(vm.type_error(format!("compile() argument 'mode' must be str, not {}", mode.type_name())));
    };
    let mode = match mode {
        "exec" => crate::compiler::Mode::Exec,
        "eval" => crate::compiler::Mode::Eval,
        "single" => crate::compiler::Mode::Interactive,
        _ => return Err(vm.value_error("compile() mode must be 'exec', 'eval' or 'single'")),
    };
    if let Some(f) = &a[3] {
        if vm.index(f)?.as_i64() != Some(0) {
            return Err(vm.value_error("compile(): unrecognised flags"));
        }
    }
    let text = match src.payload() {
        Payload::Str(s) => s.s.to_string(),
        Payload::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
        _ => return Err(vm.type_error("compile() arg 1 must be a string, bytes or AST object")),
    };
    check_no_null_bytes(vm, &text)?;
    crate::run::compile_source(vm, &text, &filename, mode)
}
/// `compile`, `exec` and `eval` refuse source strings holding a NUL before parsing.
fn check_no_null_bytes(vm: &Vm, text: &str) -> PyResult<()> {
    if text.contains('\0') {
        return Err(vm.new_error("SyntaxError", "source code string cannot contain null bytes"));
    }
    Ok(())
}
/// The running frame's globals (a new reference), or a new dict outside any frame.
fn globals_of_caller(vm: &Vm) -> ObjRef {
    vm.current_frame().map(|f| f.globals().clone()).unwrap_or_else(object::new_dict)
}
fn exec(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    exec_eval(vm, args, kw, false)
}
fn eval(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    exec_eval(vm, args, kw, true)
}
fn exit(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Err(vm.new_error_args("SystemExit", args.to_vec()))
}
fn import(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let a = parse_args(vm, "__import__", args, kw, &["name", "globals", "locals", "fromlist", "level"], 1)?;
    let globals = a[1].clone().filter(|g| !g.is_none()).unwrap_or_else(|| globals_of_caller(vm));
    let fromlist = a[3].clone().unwrap_or_else(object::none);
    let level = a[4].clone().unwrap_or_else(|| object::new_int(0));
    crate::modules::import::import_name(vm, a[0].as_ref().unwrap(), &fromlist, &level, &globals)
}
fn open(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::io::open(vm, args, kw)
}

pub fn init(vm: &Vm) {
    let b = &vm.builtins;
    let module = crate::modules::builtins_module_init(vm);
    let t = builtin_types();
    let fns: &[(&'static str, object::NativeFn)] = &[
        ("print", print),
        ("len", len),
        ("repr", repr),
        ("ascii", ascii),
        ("abs", abs),
        ("all", all),
        ("any", any),
        ("bin", bin),
        ("oct", oct),
        ("hex", hex),
        ("callable", callable),
        ("chr", chr),
        ("ord", ord),
        ("getattr", getattr),
        ("setattr", setattr),
        ("delattr", delattr),
        ("hasattr", hasattr),
        ("dir", dir),
        ("divmod", divmod),
        ("format", format),
        ("globals", globals),
        ("locals", locals),
        ("vars", vars),
        ("hash", hash),
        ("id", id),
        ("input", input),
        ("isinstance", isinstance),
        ("issubclass", issubclass),
        ("iter", iter),
        ("next", next),
        ("max", max),
        ("min", min),
        ("sum", sum),
        ("sorted", sorted),
        ("round", round),
        ("pow", pow),
        ("exec", exec),
        ("compile", compile),
        ("eval", eval),
        ("exit", exit),
        ("quit", exit),
        ("__import__", import),
        ("open", open),
    ];
    for (name, f) in fns {
        let made = def_in(vm, &module, name, *f);
        if *name == "len" {
            super::mark_special(&made, object::Special::Len);
        }
    }
    let types: &[(&str, &ObjRef)] = &[
        ("object", &t.object),
        ("type", &t.type_),
        ("int", &t.int),
        ("bool", &t.bool_),
        ("float", &t.float),
        ("complex", &t.complex),
        ("str", &t.str),
        ("bytes", &t.bytes),
        ("bytearray", &t.bytearray),
        ("tuple", &t.tuple),
        ("list", &t.list),
        ("dict", &t.dict),
        ("set", &t.set),
        ("frozenset", &t.frozenset),
        ("range", &t.range),
        ("slice", &t.slice),
        ("property", &t.property),
        ("staticmethod", &t.staticmethod),
        ("classmethod", &t.classmethod),
        ("super", &t.super_),
        ("enumerate", &t.enumerate),
        ("zip", &t.zip),
        ("map", &t.map),
        ("filter", &t.filter),
        ("reversed", &t.reversed),
    ];
    for (name, ty) in types {
        let _ = vm.setitem(b, &object::str::intern(name), (*ty).clone());
    }
    let _ = vm.setitem(b, &object::str::intern("None"), object::none());
    let _ = vm.setitem(b, &object::str::intern("Ellipsis"), object::ellipsis());
    let _ = vm.setitem(b, &object::str::intern("NotImplemented"), object::not_implemented());
    let _ = vm.setitem(b, &object::str::intern("True"), object::new_bool(true));
    let _ = vm.setitem(b, &object::str::intern("False"), object::new_bool(false));
    let _ = vm.setitem(b, &object::str::intern("__name__"), object::new_str("builtins"));
    let _ = vm.setitem(b, &object::str::intern("__debug__"), object::new_bool(true));
    for name in crate::vm::exceptions::exception_names() {
        let _ = vm.setitem(b, &object::str::intern(name), vm.exc_type(name));
    }
}
