//! `repr()` of the builtin types, with CPython's recursion markers (`[...]`, `{...}`).

use super::range::range_repr;
use crate::object::types::builtin_types;
use crate::object::{ObjRef, Payload, PyResult};
use crate::object;
use crate::vm::Vm;

/// repr of a builtin payload; None for payloads whose type's `__repr__` must be called.
pub fn builtin_repr(vm: &Vm, o: &ObjRef) -> PyResult<Option<ObjRef>> {
    let t = builtin_types();
    let s: String = match o.payload() {
        Payload::None => return Ok(Some(object::str::intern("None"))),
        Payload::NotImplemented => "NotImplemented".into(),
        Payload::Ellipsis => "Ellipsis".into(),
        Payload::Int(i) => {
            if o.ty().is(&t.bool_) {
                return Ok(Some(object::str::intern(if i.is_zero() { "False" } else { "True" })));
            }
            if let object::Int::Small(v) = i {
                return Ok(Some(small_int_str(*v)));
            }
            int_repr(vm, i)?
        }
        Payload::Float(f) => crate::format::float_repr(*f),
        Payload::Complex(re, im) => super::float::complex_repr(*re, *im),
        Payload::Str(s) => crate::format::py_str_repr(&s.s),
        Payload::Bytes(b) => bytes_repr(b),
        Payload::ByteArray(b) => format!("bytearray({})", bytes_repr(&b.borrow())),
        Payload::List(_) | Payload::Tuple(_) | Payload::Dict(_) | Payload::Set(_) | Payload::DictView { .. } => return container_repr(vm, o).map(Some),
        Payload::Range { start, stop, step } => range_repr(*start, *stop, *step),
        Payload::Slice { start, stop, step } => format!("slice({}, {}, {})", vm.repr_string(start)?, vm.repr_string(stop)?, vm.repr_string(step)?),
        Payload::Type(td) => {
            let module = if td.heap {
                td.lookup_own("__module__").and_then(|m| m.as_str().map(String::from)).unwrap_or_else(|| "builtins".into())
            } else {
                "builtins".into()
            };
            if module == "builtins" {
                format!("<class '{}'>", td.qualname.borrow())
            } else {
                format!("<class '{}.{}'>", module, td.qualname.borrow())
            }
        }
        Payload::Function(f) => format!("<function {} at {:#x}>", f.qualname.borrow().as_str().unwrap_or("?"), o.addr()),
        Payload::Builtin(b) => match &b.self_ {
            Some(s) if !matches!(s.payload(), Payload::Module(_)) => {
                format!("<built-in method {} of {} object at {:#x}>", b.name, s.type_name(), s.addr())
            }
            _ => match b.owner {
                Some(owner) => format!("<method '{}' of '{}' objects>", b.name, owner),
                None => format!("<built-in function {}>", b.name),
            },
        },
        Payload::BoundMethod { func, self_ } => {
            let qn = vm.getattr_opt(func, "__qualname__")?.map(|q| vm.str_string(&q)).transpose()?.unwrap_or_else(|| "?".into());
            format!("<bound method {} of {}>", qn, vm.repr_string(self_)?)
        }
        Payload::Module(m) => format!("<module '{}'>", m.name),
        Payload::Code(c) => format!("<code object {} at {:#x}, file \"{}\", line {}>", c.name_str(), o.addr(), c.filename_str(), c.firstlineno),
        Payload::Cell(c) => match &*c.borrow() {
            Some(v) => format!("<cell at {:#x}: {} object at {:#x}>", o.addr(), v.type_name(), v.addr()),
            None => format!("<cell at {:#x}: empty>", o.addr()),
        },
        Payload::Generator(g) => {
            let q = g.borrow().qualname.clone();
            format!("<generator object {} at {:#x}>", q.as_str().unwrap_or("?"), o.addr())
        }
        Payload::Exception(_) => return Ok(Some(super::exception::exc_repr(vm, o)?)),
        Payload::Property(_) => format!("<property object at {:#x}>", o.addr()),
        Payload::Member(m) => format!("<member '{}' of '{}' objects>", m.name, m.owner.as_type().map(|t| t.name.borrow().clone()).unwrap_or_default()),
        Payload::WeakRef(_) | Payload::MappingProxy(_) | Payload::File(_) => {
            let m = o.type_data().lookup("__repr__").expect("type's own repr");
            return vm.call(&m, std::slice::from_ref(&o), None).map(Some);
        }
        _ => format!("<{} object at {:#x}>", o.type_name(), o.addr()),
    };
    Ok(Some(object::new_string(s)))
}

/// The decimal text of a machine int as a new str, written digit by digit (the
/// commonest repr, `str(n)` of a counter or an index, without the formatter).
pub fn small_int_str(v: i64) -> ObjRef {
    // 19 digits and a sign hold any i64.
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut n = v.unsigned_abs();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if v < 0 {
        i -= 1;
        buf[i] = b'-';
    }
    object::new_str(std::str::from_utf8(&buf[i..]).expect("ascii digits"))
}

pub fn int_repr(vm: &Vm, i: &object::Int) -> PyResult<String> {
    match i {
        object::Int::Small(v) => Ok(v.to_string()),
        object::Int::Big(b) => crate::format::int_to_decimal(b).map_err(|m| vm.value_error(m)),
    }
}

pub fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') { '"' } else { '\'' };
    let mut s = String::from("b");
    s.push(quote);
    for &c in b {
        match c {
            b'\\' => s.push_str("\\\\"),
            b'\t' => s.push_str("\\t"),
            b'\n' => s.push_str("\\n"),
            b'\r' => s.push_str("\\r"),
            c if c as char == quote => {
                s.push('\\');
                s.push(c as char);
            }
            0x20..=0x7e => s.push(c as char),
            _ => s.push_str(&format!("\\x{:02x}", c)),
        }
    }
    s.push(quote);
    s
}

/// Escapes non-ASCII characters as `ascii()` does.
pub fn ascii_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let cp = c as u32;
        if cp < 0x80 {
            out.push(c);
        } else if cp < 0x100 {
            out.push_str(&format!("\\x{:02x}", cp));
        } else if cp < 0x10000 {
            out.push_str(&format!("\\u{:04x}", cp));
        } else {
            out.push_str(&format!("\\U{:08x}", cp));
        }
    }
    out
}

/// repr of list, tuple, dict, set, frozenset and dict views, guarding self-reference.
pub fn container_repr(vm: &Vm, o: &ObjRef) -> PyResult {
    let t = builtin_types();
    let addr = o.addr();
    if vm.repr_stack.borrow().contains(&addr) {
        let s = match o.payload() {
            Payload::List(_) => "[...]".to_string(),
            Payload::Dict(_) => "{...}".to_string(),
            Payload::Tuple(_) => "(...)".to_string(),
            _ => format!("{}(...)", o.type_name()),
        };
        return Ok(object::new_string(s));
    }
    vm.enter_recursion(" while getting the repr of an object")?;
    vm.repr_stack.borrow_mut().push(addr);
    let r = container_repr_inner(vm, o, &t.frozenset);
    vm.repr_stack.borrow_mut().pop();
    vm.leave_recursion();
    r.map(object::new_string)
}

fn join(vm: &Vm, items: &[ObjRef]) -> PyResult<String> {
    let mut parts = Vec::with_capacity(items.len());
    for i in items {
        parts.push(vm.repr_string(i)?);
    }
    Ok(parts.join(", "))
}

fn container_repr_inner(vm: &Vm, o: &ObjRef, frozenset: &ObjRef) -> PyResult<String> {
    Ok(match o.payload() {
        Payload::List(l) => {
            let items = l.borrow().clone();
            format!("[{}]", join(vm, &items)?)
        }
        Payload::Tuple(t) => {
            if t.len() == 1 {
                format!("({},)", vm.repr_string(&t[0])?)
            } else {
                format!("({})", join(vm, t)?)
            }
        }
        Payload::Dict(_) => {
            let items = super::dict::dict_items(o);
            let mut parts = Vec::with_capacity(items.len());
            for (k, v) in items {
                parts.push(format!("{}: {}", vm.repr_string(&k)?, vm.repr_string(&v)?));
            }
            format!("{{{}}}", parts.join(", "))
        }
        Payload::Set(s) => {
            let items: Vec<ObjRef> = s.borrow().iter().map(|(_, k)| k.clone()).collect();
            let name = o.type_name();
            let is_frozen = o.ty().is_subtype(frozenset);
            let exact = o.ty().is(&builtin_types().set);
            if items.is_empty() {
                format!("{}()", name)
            } else if exact {
                format!("{{{}}}", join(vm, &items)?)
            } else {
                let _ = is_frozen;
                format!("{}({{{}}})", name, join(vm, &items)?)
            }
        }
        Payload::DictView { dict, kind } => {
            let items = super::dict::dict_items(dict);
            let parts: Vec<ObjRef> = items
                .into_iter()
                .map(|(k, v)| match kind {
                    object::DictViewKind::Keys => k,
                    object::DictViewKind::Values => v,
                    object::DictViewKind::Items => object::new_tuple(vec![k, v]),
                })
                .collect();
            format!("{}([{}])", o.type_name(), join(vm, &parts)?)
        }
        _ => unreachable!("container"),
    })
}
