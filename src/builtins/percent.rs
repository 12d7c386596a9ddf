//! printf-style `%` formatting for str and bytes (CPython's `PyUnicode_Format`).

use crate::format::{percent_float, percent_int, percent_str, PercentFlags};
use crate::object::types::builtin_types;
use crate::object::{self, ObjRef, Payload, PyResult};
use crate::vm::Vm;

pub fn str_percent(vm: &Vm, fmt: &ObjRef, args: &ObjRef) -> PyResult {
    let f = fmt.as_str().unwrap_or("");
    Ok(object::new_string(percent_format(vm, f, args, false)?))
}

pub fn bytes_percent(vm: &Vm, fmt: &ObjRef, args: &ObjRef) -> PyResult {
    let b = super::bytes::as_bytes(fmt).unwrap_or_default();
    let f: String = b.iter().map(|&c| c as char).collect();
    let r = percent_format(vm, &f, args, true)?;
    Ok(object::new_bytes(r.chars().map(|c| c as u32 as u8).collect()))
}

fn percent_format(vm: &Vm, f: &str, args: &ObjRef, bytes: bool) -> PyResult<String> {
    let is_mapping = !matches!(args.payload(), Payload::Tuple(_) | Payload::Str(_)) && (args.as_dict().is_some() || args.type_data().lookup("__getitem__").is_some() && args.as_tuple().is_none());
    let items: &[ObjRef] = match args.payload() {
        Payload::Tuple(t) => t,
        _ => std::slice::from_ref(args),
    };
    let mut next = 0usize;
    let mut used_mapping = false;
    let mut out = String::with_capacity(f.len() + 16);
    // The format is walked by byte: every character of a conversion spec but the
    // conversion itself is ASCII, and text between specs is copied a run at a time.
    let cs = f.as_bytes();
    let mut i = 0;
    let mut take = |vm: &Vm| -> PyResult<ObjRef> {
        let r = items.get(next).cloned().ok_or_else(|| vm.type_error("not enough arguments for format string"));
        next += 1;
        r
    };
    // A width or precision written in digits; Err past usize (CPython's "too big").
    let digits = |i: &mut usize| -> Option<Option<usize>> {
        let start = *i;
        let mut n: usize = 0;
        while *i < cs.len() && cs[*i].is_ascii_digit() {
            n = n.checked_mul(10)?.checked_add((cs[*i] - b'0') as usize)?;
            *i += 1;
        }
        Some((*i > start).then_some(n))
    };
    while i < cs.len() {
        let Some(run) = cs[i..].iter().position(|&c| c == b'%') else {
            out.push_str(&f[i..]);
            break;
        };
        out.push_str(&f[i..i + run]);
        i += run + 1;
        if i >= cs.len() {
            return Err(vm.value_error("incomplete format"));
        }
        let mut mapped: Option<ObjRef> = None;
        if cs[i] == b'(' {
            if !is_mapping {
                return Err(vm.type_error("format requires a mapping"));
            }
            let mut depth = 1;
            let mut j = i + 1;
            while j < cs.len() && depth > 0 {
                if cs[j] == b'(' {
                    depth += 1;
                } else if cs[j] == b')' {
                    depth -= 1;
                }
                j += 1;
            }
            if depth > 0 {
                return Err(vm.value_error("incomplete format key"));
            }
            mapped = Some(vm.getitem(args, &object::new_str(&f[i + 1..j - 1]))?);
            used_mapping = true;
            i = j;
        }
        let mut flags = PercentFlags::default();
        while i < cs.len() && flags.set(cs[i]) {
            i += 1;
        }
        let width = if i < cs.len() && cs[i] == b'*' {
            let w = take(vm)?;
            let w = w.as_int().and_then(|x| x.as_i64()).ok_or_else(|| vm.type_error("* wants int"))?;
            if w < 0 {
                flags.left = true;
            }
            i += 1;
            Some(w.unsigned_abs() as usize)
        } else {
            digits(&mut i).ok_or_else(|| vm.value_error("width too big"))?
        };
        let mut prec: Option<usize> = None;
        if i < cs.len() && cs[i] == b'.' {
            i += 1;
            if i < cs.len() && cs[i] == b'*' {
                let p = take(vm)?;
                prec = Some(p.as_int().and_then(|x| x.as_i64()).unwrap_or(0).max(0) as usize);
                i += 1;
            } else {
                prec = Some(digits(&mut i).ok_or_else(|| vm.value_error("precision too big"))?.unwrap_or(0));
            }
        }
        while i < cs.len() && matches!(cs[i], b'h' | b'l' | b'L') {
            i += 1;
        }
        if i >= cs.len() {
            return Err(vm.value_error("incomplete format"));
        }
        let conv = f[i..].chars().next().expect("a character starts here");
        let conv_at = i;
        i += conv.len_utf8();
        if conv == '%' {
            out.push('%');
            continue;
        }
        let v = match &mapped {
            Some(v) => v.clone(),
            None => take(vm)?,
        };
        let r = match conv {
            'd' | 'i' | 'u' | 'o' | 'x' | 'X' => {
                let iv = match v.payload() {
                    Payload::Int(crate::object::int::Int::Small(x)) => {
                        match crate::format::percent_small_int(*x, flags, width, prec, conv) {
                            Ok(s) => out.push_str(&s),
                            Err(m) => return Err(super::format_error(vm, &m)),
                        }
                        continue;
                    }
                    Payload::Int(x) => x.to_big(),
                    Payload::Float(fv) if matches!(conv, 'd' | 'i' | 'u') => super::float::float_to_int(vm, *fv)?.to_big(),
                    _ => {
                        if let Some(m) = v.type_data().lookup(if matches!(conv, 'd' | 'i' | 'u') { "__int__" } else { "__index__" }) {
                            let r = vm.call(&m, std::slice::from_ref(&v), None)?;
                            r.as_int().map(|x| x.to_big()).ok_or_else(|| vm.type_error("__int__ returned non-int"))?
                        } else if matches!(conv, 'd' | 'i' | 'u') {
                            return Err(vm.type_error(format!("%{} format: a real number is required, not {}", conv, v.type_name())));
                        } else {
                            return Err(vm.type_error(format!("%{} format: an integer is required, not {}", conv, v.type_name())));
                        }
                    }
                };
                percent_int(&iv, flags, width, prec, conv)
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let fv = match v.payload() {
                    Payload::Float(x) => *x,
                    Payload::Int(x) => super::float::int_to_float(vm, x)?,
                    _ => {
                        if v.type_data().lookup("__float__").is_some() {
                            super::float::float_from(vm, &v)?
                        } else {
                            return Err(vm.type_error(format!("must be real number, not {}", v.type_name())));
                        }
                    }
                };
                percent_float(fv, flags, width, prec, conv)
            }
            's' | 'r' | 'a' | 'c' => {
                let text = match conv {
                    's' => {
                        if bytes {
                            match super::bytes::as_bytes(&v) {
                                Some(b) => b.iter().map(|&c| c as char).collect(),
                                None => return Err(vm.type_error(format!("%b requires a bytes-like object, or an object that implements __bytes__, not '{}'", v.type_name()))),
                            }
                        } else if width.is_none() && prec.is_none() {
                            // Nothing to pad or cut: the text goes straight out.
                            match v.as_str().filter(|_| v.ty().is(&builtin_types().str)) {
                                Some(t) => out.push_str(t),
                                None => out.push_str(&vm.str_string(&v)?),
                            }
                            continue;
                        } else {
                            vm.str_string(&v)?
                        }
                    }
                    'r' | 'a' => {
                        let r = if conv == 'r' && !bytes { vm.repr(&v)? } else { vm.ascii(&v)? };
                        r.as_str().unwrap_or("").to_string()
                    }
                    _ if bytes => match v.payload() {
                        Payload::Int(x) => match x.as_i64().filter(|c| (0..256).contains(c)) {
                            Some(c) => (c as u8 as char).to_string(),
                            None => return Err(vm.overflow_error("%c arg not in range(256)")),
                        },
                        _ => match super::bytes::as_bytes(&v) {
                            Some(b) if b.len() == 1 => (b[0] as char).to_string(),
                            _ => return Err(vm.type_error("%c requires an integer in range(256) or a single byte")),
                        },
                    },
                    _ => match v.payload() {
                        Payload::Int(x) => {
                            let cp = x.as_i64().unwrap_or(-1);
                            match u32::try_from(cp).ok().and_then(char::from_u32) {
                                Some(ch) => ch.to_string(),
                                None => return Err(vm.overflow_error("%c arg not in range(0x110000)")),
                            }
                        }
                        Payload::Str(st) if st.nchars == 1 => st.s.to_string(),
                        _ => return Err(vm.type_error("%c requires int or char")),
                    },
                };
                percent_str(&text, flags, width, prec, conv)
            }
            'b' if bytes => {
                let text: String = super::bytes::as_bytes(&v).unwrap_or_default().iter().map(|&c| c as char).collect();
                percent_str(&text, flags, width, prec, 's')
            }
            other => {
                let shown = if (' '..='~').contains(&other) { other } else { '?' };
                let at = f[..conv_at].chars().count();
                return Err(vm.value_error(format!("unsupported format character '{}' (0x{:x}) at index {}", shown, other as u32, at)));
            }
        };
        match r {
            Ok(s) => out.push_str(&s),
            Err(m) => return Err(super::format_error(vm, &m)),
        }
    }
    if next < items.len() && !used_mapping && !(is_mapping && items.len() == 1) {
        return Err(vm.type_error(if bytes { "not all arguments converted during bytes formatting" } else { "not all arguments converted during string formatting" }));
    }
    Ok(out)
}
