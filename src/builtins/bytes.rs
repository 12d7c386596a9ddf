//! `bytes` and `bytearray`: construction, containment, concatenation, item assignment
//! and the common methods.

use std::cell::RefCell;

use super::def;
use crate::object::types::builtin_types;
use crate::object::{self, ObjRef, Payload, PyResult};
use crate::vm::Vm;

#[must_use]
pub fn new_bytearray(v: Vec<u8>) -> ObjRef {
    ObjRef::new(&builtin_types().bytearray, Payload::ByteArray(RefCell::new(v)))
}

/// The bytes of a bytes-like object.
pub fn as_bytes(o: &ObjRef) -> Option<Vec<u8>> {
    match o.payload() {
        Payload::Bytes(b) => Some(b.to_vec()),
        Payload::ByteArray(b) => Some(b.borrow().clone()),
        _ => None,
    }
}

pub fn bytes_contains(vm: &Vm, c: &ObjRef, item: &ObjRef) -> PyResult<bool> {
    let hay = as_bytes(c).unwrap_or_default();
    if let Some(i) = item.as_int() {
        let v = i.as_i64().filter(|v| (0..256).contains(v)).ok_or_else(|| vm.value_error("byte must be in range(0, 256)"))?;
        return Ok(hay.contains(&(v as u8)));
    }
    match as_bytes(item) {
        Some(n) => Ok(n.is_empty() || hay.windows(n.len()).any(|w| w == &n[..])),
        None => Err(vm.type_error(format!("a bytes-like object is required, not '{}'", item.type_name()))),
    }
}

pub fn bytes_concat(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult {
    let (Some(mut x), Some(y)) = (as_bytes(a), as_bytes(b)) else {
        return Err(vm.type_error(format!("can't concat {} to {}", b.type_name(), a.type_name())));
    };
    x.extend(y);
    Ok(match a.payload() {
        Payload::ByteArray(_) => new_bytearray(x),
        _ => object::new_bytes(x),
    })
}

/// The bytes a bytearray slice assignment stores (CPython's bytearray_ass_subscript).
fn slice_values(vm: &Vm, v: &ObjRef) -> PyResult<Vec<u8>> {
    if let Some(b) = as_bytes(v) {
        return Ok(b);
    }
    if v.as_int().is_some() || v.as_str().is_some() || vm.iter(v).is_err() {
        return Err(vm.type_error("can assign only bytes, buffers, or iterables of ints in range(0, 256)"));
    }
    let mut out = Vec::new();
    for x in vm.collect(v)? {
        let n = vm.index(&x)?.as_i64().filter(|x| (0..256).contains(x)).ok_or_else(|| vm.value_error("byte must be in range(0, 256)"))?;
        out.push(n as u8);
    }
    Ok(out)
}

/// `del o[k]` for a bytearray.
pub fn bytearray_delitem(vm: &Vm, o: &ObjRef, k: &ObjRef) -> PyResult<()> {
    let Payload::ByteArray(b) = o.payload() else { unreachable!() };
    let len = b.borrow().len();
    if let Payload::Slice { .. } = k.payload() {
        let (start, _stop, step, n) = super::seq::slice_indices(vm, k, len)?;
        let mut idx: Vec<usize> = (0..n).map(|j| (start + j as isize * step) as usize).collect();
        idx.sort_unstable();
        let mut bb = b.borrow_mut();
        for i in idx.into_iter().rev() {
            bb.remove(i);
        }
        return Ok(());
    }
    if k.as_int().is_none() && k.type_data().lookup("__index__").is_none() {
        return Err(vm.type_error(format!("bytearray indices must be integers or slices, not {}", k.type_name())));
    }
    let i = vm.index_isize(k)?;
    match super::list::norm_index(i, len) {
        Some(j) => {
            b.borrow_mut().remove(j);
            Ok(())
        }
        None => Err(vm.index_error("bytearray index out of range")),
    }
}

pub fn bytearray_setitem(vm: &Vm, o: &ObjRef, k: &ObjRef, v: ObjRef) -> PyResult<()> {
    let Payload::ByteArray(b) = o.payload() else { unreachable!() };
    if let Payload::Slice { .. } = k.payload() {
        let new = slice_values(vm, &v)?;
        let len = b.borrow().len();
        let (start, stop, step, n) = super::seq::slice_indices(vm, k, len)?;
        if step == 1 {
            let stop = stop.max(start) as usize;
            b.borrow_mut().splice(start as usize..stop, new);
            return Ok(());
        }
        if new.len() != n {
            return Err(vm.value_error(format!("attempt to assign bytes of size {} to extended slice of size {}", new.len(), n)));
        }
        let mut bb = b.borrow_mut();
        for (j, x) in new.into_iter().enumerate() {
            bb[(start + j as isize * step) as usize] = x;
        }
        return Ok(());
    }
    if k.as_int().is_none() && k.type_data().lookup("__index__").is_none() {
        return Err(vm.type_error(format!("bytearray indices must be integers or slices, not {}", k.type_name())));
    }
    let i = vm.index_isize(k)?;
    let val = vm.index(&v)?.as_i64().filter(|x| (0..256).contains(x)).ok_or_else(|| vm.value_error("byte must be in range(0, 256)"))?;
    let len = b.borrow().len();
    match super::list::norm_index(i, len) {
        Some(j) => {
            b.borrow_mut()[j] = val as u8;
            Ok(())
        }
        None => Err(vm.index_error("bytearray index out of range")),
    }
}

/// Bytes from the argument of `bytes(x)` / `bytearray(x)`.
fn bytes_from(vm: &Vm, x: &ObjRef, encoding: Option<&ObjRef>) -> PyResult<Vec<u8>> {
    if let Some(s) = x.as_str() {
        let Some(enc) = encoding else {
            return Err(vm.type_error("string argument without an encoding"));
        };
        return super::str::encode(vm, s, enc.as_str().unwrap_or("utf-8"), "strict");
    }
    if let Some(b) = as_bytes(x) {
        return Ok(b);
    }
    if let Some(n) = x.as_int() {
        let n = n.as_i64().unwrap_or(-1);
        if n < 0 {
            return Err(vm.value_error("negative count"));
        }
        let mut v = super::vec_with_capacity(vm, n as usize)?;
        v.resize(n as usize, 0);
        return Ok(v);
    }
    let mut out = Vec::new();
    for i in vm.collect(x)? {
        let v = vm.index(&i)?.as_i64().filter(|v| (0..256).contains(v)).ok_or_else(|| vm.value_error("bytes must be in range(0, 256)"))?;
        out.push(v as u8);
    }
    Ok(out)
}

fn bytes_new(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let a = super::parse_args(vm, "bytes", &args[1..], kw, &["source", "encoding", "errors"], 0)?;
    let v = match &a[0] {
        Some(x) => bytes_from(vm, x, a[1].as_ref())?,
        None => Vec::new(),
    };
    Ok(ObjRef::new(&args[0], Payload::Bytes(v.into_boxed_slice())))
}
fn bytearray_new(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(ObjRef::new(&args[0], Payload::ByteArray(RefCell::new(Vec::new()))))
}
fn bytearray_init(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let a = super::parse_args(vm, "bytearray", &args[1..], kw, &["source", "encoding", "errors"], 0)?;
    let v = match &a[0] {
        Some(x) => bytes_from(vm, x, a[1].as_ref())?,
        None => Vec::new(),
    };
    if let Payload::ByteArray(b) = args[0].payload() {
        *b.borrow_mut() = v;
    }
    Ok(object::none())
}
fn b_decode(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let a = super::parse_args(vm, "decode", &args[1..], kw, &["encoding", "errors"], 0)?;
    let data = as_bytes(&args[0]).unwrap_or_default();
    let enc = a[0].as_ref().and_then(|e| e.as_str().map(String::from)).unwrap_or_else(|| "utf-8".into());
    let errors = a[1].as_ref().and_then(|e| e.as_str().map(String::from)).unwrap_or_else(|| "strict".into());
    super::str::decode(vm, &data, &enc, &errors)
}
fn b_hex(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let data = as_bytes(&args[0]).unwrap_or_default();
    Ok(object::new_string(data.iter().map(|b| format!("{:02x}", b)).collect()))
}
fn b_fromhex(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let s = args.get(1).and_then(|s| s.as_str()).unwrap_or("");
    let digits: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() % 2 != 0 || !digits.iter().all(|c| c.is_ascii_hexdigit()) {
        return Err(vm.value_error("non-hexadecimal number found in fromhex() arg"));
    }
    let v: Vec<u8> = digits.chunks(2).map(|p| u8::from_str_radix(&p.iter().collect::<String>(), 16).unwrap_or(0)).collect();
    Ok(if args[0].is(&builtin_types().bytearray) { new_bytearray(v) } else { object::new_bytes(v) })
}
fn b_len(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_int(as_bytes(&args[0]).map(|b| b.len()).unwrap_or(0) as i64))
}
fn b_getitem(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    super::seq::seq_getitem(vm, &args[0], &args[1])
}
fn b_repr(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(super::repr::builtin_repr(vm, &args[0])?.unwrap_or_else(|| object::new_str("")))
}
fn ba_append(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let v = vm.index(&args[1])?.as_i64().filter(|x| (0..256).contains(x)).ok_or_else(|| vm.value_error("byte must be in range(0, 256)"))?;
    if let Payload::ByteArray(b) = args[0].payload() {
        b.borrow_mut().push(v as u8);
    }
    Ok(object::none())
}
/// The bytearray `self` of a method call.
fn ba_items<'a>(vm: &Vm, o: &'a ObjRef) -> PyResult<&'a std::cell::RefCell<Vec<u8>>> {
    match o.payload() {
        Payload::ByteArray(b) => Ok(b),
        _ => Err(vm.type_error(format!("descriptor requires a 'bytearray' object but received a '{}'", o.type_name()))),
    }
}
fn byte_arg(vm: &Vm, o: &ObjRef) -> PyResult<u8> {
    vm.index(o)?.as_i64().filter(|x| (0..256).contains(x)).map(|x| x as u8).ok_or_else(|| vm.value_error("byte must be in range(0, 256)"))
}
fn ba_setitem_m(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::arity(vm, "__setitem__", &args[1..], kw, 2, 2)?;
    bytearray_setitem(vm, &args[0], &args[1], args[2].clone())?;
    Ok(object::none())
}
fn ba_delitem_m(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::arity(vm, "__delitem__", &args[1..], kw, 1, 1)?;
    bytearray_delitem(vm, &args[0], &args[1])?;
    Ok(object::none())
}
fn ba_pop(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::arity(vm, "pop", &args[1..], kw, 0, 1)?;
    let b = ba_items(vm, &args[0])?;
    let len = b.borrow().len() as isize;
    if len == 0 {
        return Err(vm.index_error("pop from empty bytearray"));
    }
    let mut i = match args.get(1) {
        Some(i) => vm.index_isize(i)?,
        None => -1,
    };
    if i < 0 {
        i += len;
    }
    if !(0..len).contains(&i) {
        return Err(vm.index_error("pop index out of range"));
    }
    Ok(object::new_int(b.borrow_mut().remove(i as usize) as i64))
}
fn ba_insert(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::arity(vm, "insert", &args[1..], kw, 2, 2)?;
    let b = ba_items(vm, &args[0])?;
    let len = b.borrow().len() as isize;
    let i = vm.index_isize(&args[1])?;
    let at = if i < 0 { (i + len).max(0) } else { i.min(len) } as usize;
    let v = byte_arg(vm, &args[2])?;
    b.borrow_mut().insert(at, v);
    Ok(object::none())
}
fn ba_remove(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::arity(vm, "remove", &args[1..], kw, 1, 1)?;
    let b = ba_items(vm, &args[0])?;
    let v = byte_arg(vm, &args[1])?;
    let pos = b.borrow().iter().position(|x| *x == v);
    match pos {
        Some(p) => {
            b.borrow_mut().remove(p);
            Ok(object::none())
        }
        None => Err(vm.value_error("value not found in bytearray")),
    }
}
fn ba_reverse(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::arity(vm, "reverse", &args[1..], kw, 0, 0)?;
    ba_items(vm, &args[0])?.borrow_mut().reverse();
    Ok(object::none())
}
fn ba_clear(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::arity(vm, "clear", &args[1..], kw, 0, 0)?;
    ba_items(vm, &args[0])?.borrow_mut().clear();
    Ok(object::none())
}
fn ba_copy(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::arity(vm, "copy", &args[1..], kw, 0, 0)?;
    let v = ba_items(vm, &args[0])?.borrow().clone();
    Ok(new_bytearray(v))
}
fn ba_iadd(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let Some(more) = args.get(1).and_then(as_bytes) else {
        return Err(vm.type_error(format!("can't concat {} to bytearray", args.get(1).map(|a| a.type_name()).unwrap_or_default())));
    };
    ba_items(vm, &args[0])?.borrow_mut().extend(more);
    Ok(args[0].clone())
}
fn ba_imul(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let n = vm.index_isize(&args[1])?.max(0) as usize;
    let b = ba_items(vm, &args[0])?;
    let len = b.borrow().len();
    let mut v = super::vec_with_capacity(vm, len.saturating_mul(n))?;
    for _ in 0..n {
        v.extend_from_slice(&b.borrow());
    }
    *b.borrow_mut() = v;
    Ok(args[0].clone())
}
fn ba_extend(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let more = bytes_from(vm, &args[1], None)?;
    if let Payload::ByteArray(b) = args[0].payload() {
        b.borrow_mut().extend(more);
    }
    Ok(object::none())
}

/// Applies a str method to the latin-1 view of the bytes and converts the result back.
/// A byte as the character the str methods see: itself when its meaning is the same for
/// bytes and str (ASCII other than \x1c-\x1f), else a private-use character without
/// case, digit or space properties, since bytes methods treat bytes >= 0x80 (and the
/// \x1c-\x1f separators) as plain non-letters. `char_byte` inverts it.
fn byte_char(b: u8) -> char {
    if b < 0x80 && !(0x1c..=0x1f).contains(&b) {
        b as char
    } else {
        char::from_u32(0xE000 + b as u32).unwrap_or('\u{E000}')
    }
}

fn char_byte(c: char) -> u8 {
    let u = c as u32;
    if (0xE000..=0xE0FF).contains(&u) {
        (u - 0xE000) as u8
    } else {
        u as u8
    }
}

/// Applies a str method to the bytes arguments seen as characters (`byte_char`) and
/// converts str results back.
fn via_str(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>, name: &str) -> PyResult {
    let to_s = |o: &ObjRef| -> Option<ObjRef> { as_bytes(o).map(|b| object::new_string(b.iter().map(|&c| byte_char(c)).collect())) };
    let mut conv: Vec<ObjRef> = Vec::with_capacity(args.len());
    for (i, a) in args.iter().enumerate() {
        // A searched-for subsequence may also be a single byte given as an int.
        if i == 1 && matches!(name, "find" | "rfind" | "index" | "rindex" | "count") && as_bytes(a).is_none() {
            if !matches!(a.payload(), Payload::Int(_)) {
                return Err(vm.type_error(format!("argument should be integer or bytes-like object, not '{}'", a.type_name())));
            }
            let b = vm.index_isize(a)?;
            if !(0..256).contains(&b) {
                return Err(vm.value_error("byte must be in range(0, 256)"));
            }
            conv.push(object::new_string(byte_char(b as u8).to_string()));
            continue;
        }
        // The separator's join argument (any iterable) and startswith/endswith tuples
        // hold bytes too: convert their items.
        let items = if i == 1 && name == "join" {
            Some(vm.collect(a)?)
        } else {
            a.as_tuple().map(|t| t.to_vec())
        };
        match (to_s(a), items) {
            (Some(s), _) => conv.push(s),
            (None, Some(items)) => {
                let mut v = Vec::with_capacity(items.len());
                for (j, x) in items.iter().enumerate() {
                    match to_s(x) {
                        Some(s) => v.push(s),
                        None if name == "join" => {
                            return Err(vm.type_error(format!("sequence item {}: expected a bytes-like object, {} found", j, x.type_name())));
                        }
                        None => v.push(x.clone()),
                    }
                }
                conv.push(if name == "join" { object::new_list(v) } else { object::new_tuple(v) });
            }
            (None, None) => conv.push(a.clone()),
        }
    }
    let m = super::str::str_method(name).ok_or_else(|| vm.attribute_error(name.to_string()))?;
    let r = match m(vm, &conv, kw) {
        // bytes.index/rindex word their miss differently from str's.
        Err(e) if matches!(name, "index" | "rindex") && e.is(&vm.exc_type("ValueError")) => return Err(vm.value_error("subsection not found")),
        r => r?,
    };
    let back = |o: &ObjRef| -> ObjRef {
        match o.as_str() {
            Some(s) => {
                let v: Vec<u8> = s.chars().map(char_byte).collect();
                if matches!(args[0].payload(), Payload::ByteArray(_)) { new_bytearray(v) } else { object::new_bytes(v) }
            }
            None => o.clone(),
        }
    };
    Ok(match r.payload() {
        Payload::Str(_) => back(&r),
        Payload::List(l) => object::new_list(l.borrow().iter().map(back).collect()),
        Payload::Tuple(t) => object::new_tuple(t.iter().map(back).collect()),
        _ => r,
    })
}

macro_rules! bytes_str_methods {
    ($($f:ident => $name:literal),* $(,)?) => {
        $( fn $f(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult { via_str(vm, args, kw, $name) } )*
        fn register_str_like(ty: &ObjRef) {
            $( def(ty, $name, $f); )*
        }
    };
}
bytes_str_methods! {
    bm_upper => "upper", bm_lower => "lower", bm_strip => "strip", bm_lstrip => "lstrip", bm_rstrip => "rstrip",
    bm_split => "split", bm_rsplit => "rsplit", bm_join => "join", bm_replace => "replace", bm_startswith => "startswith",
    bm_endswith => "endswith", bm_find => "find", bm_rfind => "rfind", bm_index => "index", bm_count => "count",
    bm_isdigit => "isdigit", bm_isalpha => "isalpha", bm_isspace => "isspace", bm_isalnum => "isalnum",
    bm_title => "title", bm_capitalize => "capitalize", bm_swapcase => "swapcase", bm_center => "center",
    bm_ljust => "ljust", bm_rjust => "rjust", bm_zfill => "zfill", bm_partition => "partition", bm_rpartition => "rpartition",
    bm_isupper => "isupper", bm_islower => "islower", bm_expandtabs => "expandtabs",
    bm_istitle => "istitle", bm_removeprefix => "removeprefix", bm_removesuffix => "removesuffix",
    bm_rindex => "rindex",
}

/// `bytes.splitlines(keepends=False)`: only \n, \r and \r\n end lines in bytes.
fn b_splitlines(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let a = super::parse_args(vm, "splitlines", &args[1..], kw, &["keepends"], 0)?;
    let keep = match &a[0] {
        Some(k) => vm.truthy(k)?,
        None => false,
    };
    let data = as_bytes(&args[0]).unwrap_or_default();
    let make = |v: &[u8]| if matches!(args[0].payload(), Payload::ByteArray(_)) { new_bytearray(v.to_vec()) } else { object::new_bytes(v.to_vec()) };
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < data.len() {
        let eol = match data[i] {
            b'\n' => 1,
            b'\r' if data.get(i + 1) == Some(&b'\n') => 2,
            b'\r' => 1,
            _ => 0,
        };
        if eol == 0 {
            i += 1;
            continue;
        }
        out.push(make(&data[start..if keep { i + eol } else { i }]));
        i += eol;
        start = i;
    }
    if start < data.len() {
        out.push(make(&data[start..]));
    }
    Ok(object::new_list(out))
}

fn b_isascii(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::arity(vm, "isascii", &args[1..], kw, 0, 0)?;
    Ok(object::new_bool(as_bytes(&args[0]).unwrap_or_default().is_ascii()))
}

/// `bytes.maketrans(frm, to)`: the 256-byte table mapping each byte of frm to to's.
fn b_maketrans(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::arity(vm, "maketrans", args, kw, 2, 2)?;
    let (Some(frm), Some(to)) = (as_bytes(&args[0]), as_bytes(&args[1])) else {
        return Err(vm.type_error(format!("a bytes-like object is required, not '{}'", if as_bytes(&args[0]).is_none() { args[0].type_name() } else { args[1].type_name() })));
    };
    if frm.len() != to.len() {
        return Err(vm.value_error("maketrans arguments must have same length"));
    }
    let mut table: Vec<u8> = (0..=255).collect();
    for (f, t) in frm.iter().zip(to.iter()) {
        table[*f as usize] = *t;
    }
    Ok(object::new_bytes(table))
}

/// `bytes.translate(table, /, delete=b'')`: table is None or 256 bytes.
fn b_translate(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let a = super::parse_args(vm, "translate", &args[1..], kw, &["table", "delete"], 1)?;
    let table = a[0].as_ref().expect("required");
    let table = if table.is_none() {
        None
    } else {
        let t = as_bytes(table).ok_or_else(|| vm.type_error(format!("a bytes-like object is required, not '{}'", table.type_name())))?;
        if t.len() != 256 {
            return Err(vm.value_error("translation table must be 256 characters long"));
        }
        Some(t)
    };
    let delete = match &a[1] {
        Some(d) => as_bytes(d).ok_or_else(|| vm.type_error(format!("a bytes-like object is required, not '{}'", d.type_name())))?,
        None => Vec::new(),
    };
    let data = as_bytes(&args[0]).unwrap_or_default();
    let out: Vec<u8> = data.iter().filter(|b| !delete.contains(b)).map(|&b| table.as_ref().map_or(b, |t| t[b as usize])).collect();
    Ok(if matches!(args[0].payload(), Payload::ByteArray(_)) { new_bytearray(out) } else { object::new_bytes(out) })
}

pub fn init(_vm: &Vm) {
    let t = builtin_types();
    super::def_staticmethod(&t.bytes, "__new__", bytes_new);
    super::def_staticmethod(&t.bytearray, "__new__", bytearray_new);
    def(&t.bytearray, "__init__", bytearray_init);
    for ty in [&t.bytes, &t.bytearray] {
        def(ty, "decode", b_decode);
        def(ty, "hex", b_hex);
        super::def_classmethod(ty, "fromhex", b_fromhex);
        def(ty, "__len__", b_len);
        def(ty, "__getitem__", b_getitem);
        def(ty, "__repr__", b_repr);
        register_str_like(ty);
        def(ty, "splitlines", b_splitlines);
        def(ty, "isascii", b_isascii);
        def(ty, "translate", b_translate);
        super::def_staticmethod(ty, "maketrans", b_maketrans);
    }
    def(&t.bytearray, "append", ba_append);
    def(&t.bytearray, "extend", ba_extend);
    let methods: &[(&'static str, object::NativeFn)] = &[
        ("__setitem__", ba_setitem_m),
        ("__delitem__", ba_delitem_m),
        ("pop", ba_pop),
        ("insert", ba_insert),
        ("remove", ba_remove),
        ("reverse", ba_reverse),
        ("clear", ba_clear),
        ("copy", ba_copy),
        ("__iadd__", ba_iadd),
        ("__imul__", ba_imul),
    ];
    for (name, f) in methods {
        def(&t.bytearray, name, *f);
    }
    super::set_type_attr(&t.bytearray, "__hash__", object::none());
}
