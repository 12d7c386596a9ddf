//! `str` methods, `str.format`, and the utf-8 / ascii / latin-1 codecs.

use super::def;
use crate::object::types::builtin_types;
use crate::object::{self, NativeFn, ObjRef, Payload, PyResult};
use crate::vm::Vm;

fn s(o: &ObjRef) -> &str {
    o.as_str().unwrap_or("")
}

/// `o` as a str argument; else CPython's TypeError, "`what`, not TYPE".
fn arg_str<'a>(vm: &Vm, o: &'a ObjRef, what: &str) -> PyResult<&'a str> {
    o.as_str().ok_or_else(|| vm.type_error(format!("{}, not {}", what, o.type_name())))
}

fn chars(x: &str) -> Vec<char> {
    x.chars().collect()
}

/// Resolves optional start/end arguments to a char range of a string of `len` chars.
fn char_range(vm: &Vm, start: Option<&ObjRef>, end: Option<&ObjRef>, len: usize) -> PyResult<(usize, usize)> {
    let norm = |o: Option<&ObjRef>, d: isize| -> PyResult<isize> {
        match o {
            Some(o) if !o.is_none() => {
                let mut i = vm.index_isize(o)?;
                if i < 0 {
                    i += len as isize;
                    if i < 0 {
                        i = 0;
                    }
                }
                Ok(i)
            }
            _ => Ok(d),
        }
    };
    let st = norm(start, 0)?;
    let en = norm(end, len as isize)?.min(len as isize);
    Ok((st as usize, en.max(0) as usize))
}

fn find_impl(vm: &Vm, args: &[ObjRef], reverse: bool) -> PyResult<Option<usize>> {
    let hay = s(&args[0]);
    let needle = arg_str(vm, &args[1], "must be str")?;
    let hc = chars(hay);
    let (st, en) = char_range(vm, args.get(2), args.get(3), hc.len())?;
    if st > en || st > hc.len() {
        return Ok(None);
    }
    let nc = chars(needle);
    if nc.len() > en - st {
        return Ok(None);
    }
    let window = &hc[st..en];
    let positions: Box<dyn Iterator<Item = usize>> = if reverse { Box::new((0..=window.len() - nc.len()).rev()) } else { Box::new(0..=window.len() - nc.len()) };
    for i in positions {
        if window[i..i + nc.len()] == nc[..] {
            return Ok(Some(st + i));
        }
    }
    Ok(None)
}

fn str_find(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_int(find_impl(vm, args, false)?.map(|i| i as i64).unwrap_or(-1)))
}
fn str_rfind(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_int(find_impl(vm, args, true)?.map(|i| i as i64).unwrap_or(-1)))
}
fn str_index(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    find_impl(vm, args, false)?.map(|i| object::new_int(i as i64)).ok_or_else(|| vm.value_error("substring not found"))
}
fn str_rindex(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    find_impl(vm, args, true)?.map(|i| object::new_int(i as i64)).ok_or_else(|| vm.value_error("substring not found"))
}
fn str_count(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let hc = chars(s(&args[0]));
    let nc = chars(arg_str(vm, &args[1], "must be str")?);
    let (st, en) = char_range(vm, args.get(2), args.get(3), hc.len())?;
    if st > en || st > hc.len() {
        return Ok(object::new_int(0));
    }
    let w = &hc[st..en];
    if nc.is_empty() {
        return Ok(object::new_int(w.len() as i64 + 1));
    }
    let mut n = 0;
    let mut i = 0;
    while i + nc.len() <= w.len() {
        if w[i..i + nc.len()] == nc[..] {
            n += 1;
            i += nc.len();
        } else {
            i += 1;
        }
    }
    Ok(object::new_int(n))
}

fn affix(vm: &Vm, args: &[ObjRef], end: bool) -> PyResult {
    let hc = chars(s(&args[0]));
    let (st, en) = char_range(vm, args.get(2), args.get(3), hc.len())?;
    let name = if end { "endswith" } else { "startswith" };
    let w: String = if st <= en && st <= hc.len() { hc[st..en].iter().collect() } else { return Ok(object::new_bool(false)) };
    let check = |p: &ObjRef| -> PyResult<bool> {
        let p = p.as_str().ok_or_else(|| {
            vm.type_error(format!("{} first arg must be str or a tuple of str, not {}", name, p.type_name()))
        })?;
        Ok(if end { w.ends_with(p) } else { w.starts_with(p) })
    };
    if let Some(t) = args[1].as_tuple() {
        for p in t {
            if p.as_str().is_none() {
                return Err(vm.type_error(format!("tuple for {} must only contain str, not {}", name, p.type_name())));
            }
            if check(p)? {
                return Ok(object::new_bool(true));
            }
        }
        return Ok(object::new_bool(false));
    }
    Ok(object::new_bool(check(&args[1])?))
}
fn str_startswith(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    affix(vm, args, false)
}
fn str_endswith(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    affix(vm, args, true)
}

fn str_join(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let sep = s(&args[0]);
    let items = vm.collect(&args[1])?;
    let mut out = String::new();
    for (i, it) in items.iter().enumerate() {
        let Some(x) = it.as_str() else {
            return Err(vm.type_error(format!("sequence item {}: expected str instance, {} found", i, it.type_name())));
        };
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(x);
    }
    if items.len() == 1 && items[0].ty().is(&builtin_types().str) {
        return Ok(items[0].clone());
    }
    Ok(object::new_string(out))
}

fn split_args(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>, name: &str) -> PyResult<(Option<String>, i64)> {
    let a = super::parse_args(vm, name, &args[1..], kw, &["sep", "maxsplit"], 0)?;
    let sep = match &a[0] {
        Some(x) if !x.is_none() => {
            let v = arg_str(vm, x, "must be str or None")?.to_string();
            if v.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            Some(v)
        }
        _ => None,
    };
    let max = match &a[1] {
        Some(m) => vm.index(m)?.as_i64().unwrap_or(-1),
        None => -1,
    };
    Ok((sep, max))
}

fn is_space(c: char) -> bool {
    crate::format::py_isspace(c)
}

fn str_split(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let (sep, max) = split_args(vm, args, kw, "split")?;
    let x = s(&args[0]);
    let mut out: Vec<ObjRef> = Vec::new();
    match sep {
        Some(sep) => {
            let mut rest = x;
            let mut n = 0;
            while max < 0 || n < max {
                match rest.find(&sep) {
                    Some(i) => {
                        out.push(object::new_str(&rest[..i]));
                        rest = &rest[i + sep.len()..];
                        n += 1;
                    }
                    None => break,
                }
            }
            out.push(object::new_str(rest));
        }
        None => {
            let mut rest = x.trim_start_matches(is_space);
            let mut n = 0;
            while !rest.is_empty() {
                if max >= 0 && n >= max {
                    out.push(object::new_str(rest));
                    break;
                }
                match rest.find(is_space) {
                    Some(i) => {
                        out.push(object::new_str(&rest[..i]));
                        rest = rest[i..].trim_start_matches(is_space);
                        n += 1;
                    }
                    None => {
                        out.push(object::new_str(rest));
                        break;
                    }
                }
            }
        }
    }
    Ok(object::new_list(out))
}

fn str_rsplit(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let (sep, max) = split_args(vm, args, kw, "rsplit")?;
    let x = s(&args[0]);
    let mut out: Vec<ObjRef> = Vec::new();
    match sep {
        Some(sep) => {
            let mut rest = x;
            let mut n = 0;
            while max < 0 || n < max {
                match rest.rfind(&sep) {
                    Some(i) => {
                        out.push(object::new_str(&rest[i + sep.len()..]));
                        rest = &rest[..i];
                        n += 1;
                    }
                    None => break,
                }
            }
            out.push(object::new_str(rest));
        }
        None => {
            let mut rest = x.trim_end_matches(is_space);
            let mut n = 0;
            while !rest.is_empty() {
                if max >= 0 && n >= max {
                    out.push(object::new_str(rest));
                    break;
                }
                match rest.rfind(is_space) {
                    Some(i) => {
                        let c = rest[i..].chars().next().unwrap();
                        out.push(object::new_str(&rest[i + c.len_utf8()..]));
                        rest = rest[..i].trim_end_matches(is_space);
                        n += 1;
                    }
                    None => {
                        out.push(object::new_str(rest));
                        break;
                    }
                }
            }
        }
    }
    out.reverse();
    Ok(object::new_list(out))
}

fn str_splitlines(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let a = super::parse_args(vm, "splitlines", &args[1..], kw, &["keepends"], 0)?;
    let keep = match &a[0] {
        Some(k) => vm.truthy(k)?,
        None => false,
    };
    let x = s(&args[0]);
    let mut out = Vec::new();
    let cs: Vec<(usize, char)> = x.char_indices().collect();
    let mut start = 0;
    let mut i = 0;
    while i < cs.len() {
        let (b, c) = cs[i];
        let is_break = matches!(c, '\n' | '\r' | '\x0b' | '\x0c' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}');
        if is_break {
            let mut end = b + c.len_utf8();
            if c == '\r' && i + 1 < cs.len() && cs[i + 1].1 == '\n' {
                end += 1;
                i += 1;
            }
            out.push(object::new_str(if keep { &x[start..end] } else { &x[start..b] }));
            start = end;
        }
        i += 1;
    }
    if start < x.len() {
        out.push(object::new_str(&x[start..]));
    }
    Ok(object::new_list(out))
}

fn strip_chars(vm: &Vm, args: &[ObjRef], name: &str) -> PyResult<Option<Vec<char>>> {
    match args.get(1) {
        Some(c) if !c.is_none() => match c.as_str() {
            Some(t) => Ok(Some(chars(t))),
            None => Err(vm.type_error(format!("{} arg must be None or str", name))),
        },
        _ => Ok(None),
    }
}
fn strip_impl(vm: &Vm, args: &[ObjRef], left: bool, right: bool) -> PyResult {
    let x = s(&args[0]);
    let name = match (left, right) {
        (true, true) => "strip",
        (true, false) => "lstrip",
        _ => "rstrip",
    };
    let set = strip_chars(vm, args, name)?;
    let pred = |c: char| match &set {
        Some(v) => v.contains(&c),
        None => is_space(c),
    };
    let mut r = x;
    if left {
        r = r.trim_start_matches(pred);
    }
    if right {
        r = r.trim_end_matches(pred);
    }
    if r.len() == x.len() && args[0].ty().is(&builtin_types().str) {
        return Ok(args[0].clone());
    }
    Ok(object::new_str(r))
}
fn str_strip(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    strip_impl(vm, args, true, true)
}
fn str_lstrip(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    strip_impl(vm, args, true, false)
}
fn str_rstrip(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    strip_impl(vm, args, false, true)
}

fn str_replace(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::arity(vm, "replace", &args[1..], kw, 2, 3)?;
    let x = s(&args[0]);
    let old = arg_str(vm, &args[1], "replace() argument 1 must be str")?;
    let new = arg_str(vm, &args[2], "replace() argument 2 must be str")?;
    let count = match args.get(3) {
        Some(c) => vm.index(c)?.as_i64().unwrap_or(-1),
        None => -1,
    };
    if count < 0 {
        if old.is_empty() {
            let mut out = String::from(new);
            for c in x.chars() {
                out.push(c);
                out.push_str(new);
            }
            return Ok(object::new_string(out));
        }
        if !x.contains(old) && args[0].ty().is(&builtin_types().str) {
            return Ok(args[0].clone());
        }
        return Ok(object::new_string(x.replace(old, new)));
    }
    if old.is_empty() {
        let mut out = String::new();
        let mut n = 0;
        for c in x.chars() {
            if n < count {
                out.push_str(new);
                n += 1;
            }
            out.push(c);
        }
        if n < count {
            out.push_str(new);
        }
        return Ok(object::new_string(out));
    }
    Ok(object::new_string(x.replacen(old, new, count as usize)))
}

fn map_str(args: &[ObjRef], f: impl Fn(&str) -> String) -> PyResult {
    Ok(object::new_string(f(s(&args[0]))))
}
fn str_upper(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    map_str(args, |x| x.to_uppercase())
}
fn str_lower(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    map_str(args, |x| x.to_lowercase())
}
fn str_casefold(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    map_str(args, |x| x.to_lowercase().replace('ß', "ss"))
}
fn str_swapcase(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    map_str(args, |x| {
        x.chars()
            .flat_map(|c| if c.is_uppercase() { c.to_lowercase().collect::<Vec<_>>() } else if c.is_lowercase() { c.to_uppercase().collect() } else { vec![c] })
            .collect()
    })
}
fn str_capitalize(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    map_str(args, |x| {
        let mut it = x.chars();
        match it.next() {
            Some(c) => c.to_uppercase().collect::<String>() + &it.as_str().to_lowercase(),
            None => String::new(),
        }
    })
}
fn str_title(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    map_str(args, |x| {
        let mut out = String::new();
        let mut prev_cased = false;
        for c in x.chars() {
            if c.is_alphabetic() {
                if prev_cased {
                    out.extend(c.to_lowercase());
                } else {
                    out.extend(c.to_uppercase());
                }
                prev_cased = true;
            } else {
                out.push(c);
                prev_cased = false;
            }
        }
        out
    })
}

fn pred_all(args: &[ObjRef], f: impl Fn(char) -> bool) -> PyResult {
    let x = s(&args[0]);
    Ok(object::new_bool(!x.is_empty() && x.chars().all(f)))
}
fn str_isdigit(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    pred_all(args, |c| c.is_ascii_digit() || crate::format::decimal_value(c).is_some() || "²³¹⁰⁴⁵⁶⁷⁸⁹".contains(c))
}
fn str_isdecimal(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    pred_all(args, |c| crate::format::decimal_value(c).is_some())
}
fn str_isnumeric(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    pred_all(args, |c| c.is_numeric())
}
fn str_isalpha(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    pred_all(args, |c| c.is_alphabetic())
}
fn str_isalnum(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    pred_all(args, |c| c.is_alphanumeric())
}
fn str_isspace(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    pred_all(args, is_space)
}
fn str_isascii(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_bool(s(&args[0]).is_ascii()))
}
fn str_isprintable(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let x = s(&args[0]);
    Ok(object::new_bool(x.chars().all(|c| {
        let r = crate::format::py_str_repr(&c.to_string());
        // A printable character reprs as itself in quotes; the quote and the backslash
        // are printable but escaped by repr.
        r.chars().count() == 3 || c == '\'' || c == '\\'
    })))
}
fn str_isupper(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let x = s(&args[0]);
    Ok(object::new_bool(x.chars().any(|c| c.is_uppercase()) && !x.chars().any(|c| c.is_lowercase())))
}
fn str_islower(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let x = s(&args[0]);
    Ok(object::new_bool(x.chars().any(|c| c.is_lowercase()) && !x.chars().any(|c| c.is_uppercase())))
}
fn str_istitle(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let x = s(&args[0]);
    let mut prev_cased = false;
    let mut any = false;
    for c in x.chars() {
        if c.is_uppercase() {
            if prev_cased {
                return Ok(object::new_bool(false));
            }
            prev_cased = true;
            any = true;
        } else if c.is_lowercase() {
            if !prev_cased {
                return Ok(object::new_bool(false));
            }
            prev_cased = true;
            any = true;
        } else {
            prev_cased = false;
        }
    }
    Ok(object::new_bool(any))
}
pub fn is_identifier(x: &str) -> bool {
    let mut it = x.chars();
    match it.next() {
        Some(c) if c == '_' || c.is_alphabetic() => it.all(|c| c == '_' || c.is_alphanumeric()),
        _ => false,
    }
}
fn str_isidentifier(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_bool(is_identifier(s(&args[0]))))
}

fn pad_args(vm: &Vm, args: &[ObjRef], name: &str) -> PyResult<(usize, char)> {
    if args.len() < 2 {
        return Err(vm.type_error(format!("{}() takes at least 1 argument (0 given)", name)));
    }
    let w = vm.index_isize(&args[1])?.max(0) as usize;
    let fill = match args.get(2) {
        Some(f) => {
            let fs = f.as_str().ok_or_else(|| vm.type_error(format!("{}() argument 2 must be str, not {}", name, f.type_name())))?;
            let mut it = fs.chars();
            match (it.next(), it.next()) {
                (Some(c), None) => c,
                _ => return Err(vm.type_error("The fill character must be exactly one character long")),
            }
        }
        None => ' ',
    };
    Ok((w, fill))
}
fn pad(vm: &Vm, args: &[ObjRef], w: usize, fill: char, left: usize, total: usize) -> PyResult {
    let x = s(&args[0]);
    let n = x.chars().count();
    if w <= n {
        if args[0].ty().is(&builtin_types().str) {
            return Ok(args[0].clone());
        }
        return Ok(object::new_str(x));
    }
    let _ = total;
    let padn = w - n;
    let l = left.min(padn);
    let mut out = super::string_with_capacity(vm, padn.saturating_mul(fill.len_utf8()).saturating_add(x.len()))?;
    out.extend(std::iter::repeat(fill).take(l));
    out.push_str(x);
    out.extend(std::iter::repeat(fill).take(padn - l));
    Ok(object::new_string(out))
}
fn str_center(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let (w, fill) = pad_args(vm, args, "center")?;
    let n = s(&args[0]).chars().count();
    let padn = w.saturating_sub(n);
    let left = padn / 2 + (padn & w & 1);
    pad(vm, args, w, fill, left, padn)
}
fn str_ljust(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let (w, fill) = pad_args(vm, args, "ljust")?;
    pad(vm, args, w, fill, 0, 0)
}
fn str_rjust(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let (w, fill) = pad_args(vm, args, "rjust")?;
    pad(vm, args, w, fill, usize::MAX, 0)
}
fn str_zfill(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let w = vm.index_isize(&args[1])?.max(0) as usize;
    let x = s(&args[0]);
    let n = x.chars().count();
    if w <= n {
        return Ok(object::new_str(x));
    }
    let (sign, rest) = match x.chars().next() {
        Some(c @ ('+' | '-')) => (c.to_string(), &x[1..]),
        _ => (String::new(), x),
    };
    let mut out = super::string_with_capacity(vm, w - n + x.len())?;
    out.push_str(&sign);
    out.extend(std::iter::repeat('0').take(w - n));
    out.push_str(rest);
    Ok(object::new_string(out))
}
fn str_expandtabs(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let a = super::parse_args(vm, "expandtabs", &args[1..], kw, &["tabsize"], 0)?;
    let ts = match &a[0] {
        Some(t) => vm.index(t)?.as_i64().unwrap_or(8),
        None => 8,
    };
    let mut out = String::new();
    let mut col = 0i64;
    for c in s(&args[0]).chars() {
        match c {
            '\t' => {
                if ts > 0 {
                    let n = ts - col % ts;
                    out.extend(std::iter::repeat(' ').take(n as usize));
                    col += n;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    Ok(object::new_string(out))
}
fn partition_impl(vm: &Vm, args: &[ObjRef], rev: bool) -> PyResult {
    let x = s(&args[0]);
    let sep = arg_str(vm, &args[1], "must be str")?;
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let found = if rev { x.rfind(sep) } else { x.find(sep) };
    Ok(match found {
        Some(i) => object::new_tuple(vec![object::new_str(&x[..i]), args[1].clone(), object::new_str(&x[i + sep.len()..])]),
        None => {
            if rev {
                object::new_tuple(vec![object::new_str(""), object::new_str(""), args[0].clone()])
            } else {
                object::new_tuple(vec![args[0].clone(), object::new_str(""), object::new_str("")])
            }
        }
    })
}
fn str_partition(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    partition_impl(vm, args, false)
}
fn str_rpartition(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    partition_impl(vm, args, true)
}
fn str_removeprefix(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let p = arg_str(vm, &args[1], "removeprefix() argument must be str")?;
    Ok(match s(&args[0]).strip_prefix(p) {
        Some(r) if !p.is_empty() => object::new_str(r),
        _ => args[0].clone(),
    })
}
fn str_removesuffix(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let p = arg_str(vm, &args[1], "removesuffix() argument must be str")?;
    Ok(match s(&args[0]).strip_suffix(p) {
        Some(r) if !p.is_empty() => object::new_str(r),
        _ => args[0].clone(),
    })
}
fn str_encode(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let a = super::parse_args(vm, "encode", &args[1..], kw, &["encoding", "errors"], 0)?;
    let enc = a[0].as_ref().and_then(|e| e.as_str().map(String::from)).unwrap_or_else(|| "utf-8".into());
    let errors = a[1].as_ref().and_then(|e| e.as_str().map(String::from)).unwrap_or_else(|| "strict".into());
    Ok(object::new_bytes(encode(vm, s(&args[0]), &enc, &errors)?))
}

fn norm_encoding(e: &str) -> String {
    e.to_ascii_lowercase().replace('_', "-")
}

/// An encoding name reduced for codec lookup: lowercase, without '-' and '_'.
fn codec_key(e: &str) -> String {
    e.to_ascii_lowercase().chars().filter(|c| *c != '-' && *c != '_').collect()
}

pub fn encode(vm: &Vm, x: &str, enc: &str, errors: &str) -> PyResult<Vec<u8>> {
    let e = norm_encoding(enc);
    let key = codec_key(enc);
    if let Some(w) = super::codecs::Wide::lookup(&key) {
        return Ok(w.encode(x));
    }
    if key == "utf8sig" {
        let mut out = b"\xef\xbb\xbf".to_vec();
        out.extend_from_slice(x.as_bytes());
        return Ok(out);
    }
    let limit = match e.as_str() {
        "utf-8" | "utf8" => return Ok(x.as_bytes().to_vec()),
        "ascii" | "us-ascii" => 128u32,
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" => 256,
        _ => return Err(vm.new_error("LookupError", &format!("unknown encoding: {}", enc))),
    };
    let mut out = Vec::new();
    for (i, c) in x.chars().enumerate() {
        if (c as u32) < limit {
            out.push(c as u32 as u8);
        } else {
            match errors {
                "ignore" => {}
                "replace" => out.push(b'?'),
                _ => {
                    let name = if limit == 128 { "ascii" } else { "latin-1" };
                    return Err(unicode_error(vm, "UnicodeEncodeError", name, object::new_str(x), i, i + 1, &format!("ordinal not in range({})", limit)));
                }
            }
        }
    }
    Ok(out)
}

/// A UnicodeDecodeError/UnicodeEncodeError with CPython's five fields (encoding, object,
/// start, end, reason), built through the class so its attributes are set.
fn unicode_error(vm: &Vm, kind: &str, enc: &str, obj: ObjRef, start: usize, end: usize, reason: &str) -> crate::vm::PyErr {
    let args = [object::new_str(enc), obj, object::new_int(start as i64), object::new_int(end as i64), object::new_str(reason)];
    match vm.call(&vm.exc_type(kind), &args, None) {
        Ok(e) => {
            vm.set_context(&e);
            crate::vm::PyErr::new(e)
        }
        Err(e) => e,
    }
}

pub fn decode(vm: &Vm, data: &[u8], enc: &str, errors: &str) -> PyResult {
    let e = norm_encoding(enc);
    let key = codec_key(enc);
    if let Some(w) = super::codecs::Wide::lookup(&key) {
        return match w.decode(data, errors) {
            Ok(s) => Ok(object::new_string(s)),
            Err((name, start, end, reason)) => Err(unicode_error(vm, "UnicodeDecodeError", &name, object::new_bytes(data.to_vec()), start, end, reason)),
        };
    }
    if key == "utf8sig" {
        return decode(vm, data.strip_prefix(b"\xef\xbb\xbf").unwrap_or(data), "utf-8", errors);
    }
    match e.as_str() {
        "utf-8" | "utf8" => match std::str::from_utf8(data) {
            Ok(v) => Ok(object::new_str(v)),
            Err(err) => match errors {
                "replace" => Ok(object::new_string(String::from_utf8_lossy(data).into_owned())),
                "ignore" => {
                    let mut out = String::new();
                    let mut rest = data;
                    loop {
                        match std::str::from_utf8(rest) {
                            Ok(v) => {
                                out.push_str(v);
                                break;
                            }
                            Err(e) => {
                                out.push_str(std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap_or(""));
                                rest = &rest[e.valid_up_to() + e.error_len().unwrap_or(rest.len() - e.valid_up_to())..];
                            }
                        }
                    }
                    Ok(object::new_string(out))
                }
                _ => {
                    let pos = err.valid_up_to();
                    let (len, reason) = match err.error_len() {
                        None => (data.len() - pos, "unexpected end of data"),
                        Some(n) if (0xc2..=0xf4).contains(&data[pos]) => (n, "invalid continuation byte"),
                        Some(n) => (n, "invalid start byte"),
                    };
                    Err(unicode_error(vm, "UnicodeDecodeError", "utf-8", object::new_bytes(data.to_vec()), pos, pos + len, reason))
                }
            },
        },
        "ascii" | "us-ascii" => {
            let mut out = String::new();
            for (i, &b) in data.iter().enumerate() {
                if b < 128 {
                    out.push(b as char);
                } else {
                    match errors {
                        "ignore" => {}
                        "replace" => out.push('\u{fffd}'),
                        _ => {
                            return Err(unicode_error(vm, "UnicodeDecodeError", "ascii", object::new_bytes(data.to_vec()), i, i + 1, "ordinal not in range(128)"))
                        }
                    }
                }
            }
            Ok(object::new_string(out))
        }
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" => Ok(object::new_string(data.iter().map(|&b| b as char).collect())),
        _ => Err(vm.new_error("LookupError", &format!("unknown encoding: {}", enc))),
    }
}

fn str_maketrans(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let d = object::new_dict();
    match args.len() {
        1 => {
            for (k, v) in super::dict::dict_items(&args[0]) {
                let key = match k.as_str() {
                    Some(ks) => object::new_int(ks.chars().next().map(|c| c as i64).unwrap_or(0)),
                    None => k,
                };
                vm.dict_set(&d, key, v)?;
            }
        }
        2 | 3 => {
            let (a, b) = (chars(s(&args[0])), chars(s(&args[1])));
            if a.len() != b.len() {
                return Err(vm.value_error("the first two maketrans arguments must have equal length"));
            }
            for (x, y) in a.iter().zip(b.iter()) {
                vm.dict_set(&d, object::new_int(*x as i64), object::new_int(*y as i64))?;
            }
            if let Some(z) = args.get(2) {
                for c in s(z).chars() {
                    vm.dict_set(&d, object::new_int(c as i64), object::none())?;
                }
            }
        }
        _ => return Err(vm.type_error("maketrans() takes at most 3 arguments")),
    }
    Ok(d)
}
fn str_translate(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let mut out = String::new();
    for c in s(&args[0]).chars() {
        match vm.getitem(&args[1], &object::new_int(c as i64)) {
            Ok(v) => {
                if v.is_none() {
                    continue;
                }
                match v.payload() {
                    Payload::Str(x) => out.push_str(&x.s),
                    Payload::Int(i) => out.push(char::from_u32(i.as_i64().unwrap_or(0) as u32).unwrap_or('\u{fffd}')),
                    _ => return Err(vm.type_error("character mapping must return integer, None or str")),
                }
            }
            Err(e) if e.is(&vm.exc_type("LookupError")) => out.push(c),
            Err(e) => return Err(e),
        }
    }
    Ok(object::new_string(out))
}

fn str_format(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let nkw = kw.map(|k| k.len()).unwrap_or(0);
    let pos = &args[1..args.len() - nkw];
    let kwargs = object::new_dict();
    if let Some(names) = kw {
        for (k, v) in names.iter().zip(args[args.len() - nkw..].iter()) {
            vm.dict_set(&kwargs, k.clone(), v.clone())?;
        }
    }
    Ok(object::new_string(format_string(vm, s(&args[0]), pos, &kwargs, 2)?))
}
fn str_format_map(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_string(format_string(vm, s(&args[0]), &[], &args[1], 2)?))
}

/// `str.format` over a format string: literal text, `{{`/`}}`, and replacement fields
/// `{field[.attr|[key]]...[!conv][:spec]}` whose spec may hold nested fields.
pub fn format_string(vm: &Vm, fmt: &str, pos: &[ObjRef], kwargs: &ObjRef, depth: u32) -> PyResult<String> {
    let mut out = String::new();
    let cs: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    let mut auto: Option<usize> = None;
    let mut manual = false;
    while i < cs.len() {
        let c = cs[i];
        if c == '{' {
            if i + 1 < cs.len() && cs[i + 1] == '{' {
                out.push('{');
                i += 2;
                continue;
            }
            // Find the matching close brace.
            let mut level = 1;
            let mut j = i + 1;
            while j < cs.len() && level > 0 {
                if cs[j] == '{' {
                    level += 1;
                } else if cs[j] == '}' {
                    level -= 1;
                }
                if level > 0 {
                    j += 1;
                }
            }
            if j >= cs.len() {
                return Err(vm.value_error("expected '}' before end of string"));
            }
            let field: String = cs[i + 1..j].iter().collect();
            i = j + 1;
            // Split field into name, conversion, spec.
            let (name_conv, spec) = {
                let mut lvl = 0;
                let mut split = None;
                for (k, ch) in field.char_indices() {
                    match ch {
                        '[' => lvl += 1,
                        ']' => lvl -= 1,
                        ':' if lvl == 0 => {
                            split = Some(k);
                            break;
                        }
                        _ => {}
                    }
                }
                match split {
                    Some(k) => (field[..k].to_string(), Some(field[k + 1..].to_string())),
                    None => (field.clone(), None),
                }
            };
            let (name, conv) = match name_conv.rfind('!') {
                Some(k) if !name_conv[k..].contains(']') => {
                    let cv = &name_conv[k + 1..];
                    if cv.chars().count() != 1 {
                        return Err(vm.value_error("expected ':' after conversion specifier"));
                    }
                    (name_conv[..k].to_string(), cv.chars().next())
                }
                _ => (name_conv.clone(), None),
            };
            // The first part of the name: an index, a keyword, or empty (automatic).
            let first_end = name.find(['.', '[']).unwrap_or(name.len());
            let first = &name[..first_end];
            let mut value = if first.is_empty() {
                if manual {
                    return Err(vm.value_error("cannot switch from manual field specification to automatic field numbering"));
                }
                let n = auto.map(|a| a + 1).unwrap_or(0);
                auto = Some(n);
                pos.get(n).cloned().ok_or_else(|| vm.index_error(format!("Replacement index {} out of range for positional args tuple", n)))?
            } else if let Ok(n) = first.parse::<usize>() {
                if auto.is_some() {
                    return Err(vm.value_error("cannot switch from automatic field numbering to manual field specification"));
                }
                manual = true;
                pos.get(n).cloned().ok_or_else(|| vm.index_error(format!("Replacement index {} out of range for positional args tuple", n)))?
            } else {
                match vm.getitem(kwargs, &object::new_str(first)) {
                    Ok(v) => v,
                    Err(e) if e.is(&vm.exc_type("KeyError")) => return Err(vm.key_error(object::new_str(first))),
                    Err(e) => return Err(e),
                }
            };
            let mut rest = &name[first_end..];
            while !rest.is_empty() {
                if let Some(r) = rest.strip_prefix('.') {
                    let end = r.find(['.', '[']).unwrap_or(r.len());
                    value = vm.getattr(&value, &object::str::intern(&r[..end]))?;
                    rest = &r[end..];
                } else if let Some(r) = rest.strip_prefix('[') {
                    let end = r.find(']').ok_or_else(|| vm.value_error("Missing ']' in format string"))?;
                    let key = &r[..end];
                    let k = match key.parse::<i64>() {
                        Ok(n) => object::new_int(n),
                        Err(_) => object::new_str(key),
                    };
                    value = vm.getitem(&value, &k)?;
                    rest = &r[end + 1..];
                } else {
                    return Err(vm.value_error("Only '.' or '[' may follow ']' in format field specifier"));
                }
            }
            let value = match conv {
                Some('r') => vm.repr(&value)?,
                Some('s') => vm.str(&value)?,
                Some('a') => vm.ascii(&value)?,
                Some(c) => return Err(vm.value_error(format!("Unknown conversion specifier {}", c))),
                None => value,
            };
            let spec = match spec {
                Some(sp) if sp.contains('{') => {
                    if depth == 0 {
                        return Err(vm.value_error("Max string recursion exceeded"));
                    }
                    // Nested fields share the numbering state through a recursive call.
                    let sub = format_string_nested(vm, &sp, pos, kwargs, &mut auto, &mut manual)?;
                    sub
                }
                Some(sp) => sp,
                None => String::new(),
            };
            let r = vm.format(&value, Some(&object::new_string(spec)))?;
            out.push_str(s(&r));
        } else if c == '}' {
            if i + 1 < cs.len() && cs[i + 1] == '}' {
                out.push('}');
                i += 2;
                continue;
            }
            return Err(vm.value_error("Single '}' encountered in format string"));
        } else {
            out.push(c);
            i += 1;
        }
    }
    Ok(out)
}

fn format_string_nested(vm: &Vm, spec: &str, pos: &[ObjRef], kwargs: &ObjRef, auto: &mut Option<usize>, manual: &mut bool) -> PyResult<String> {
    let mut out = String::new();
    let cs: Vec<char> = spec.chars().collect();
    let mut i = 0;
    while i < cs.len() {
        if cs[i] == '{' {
            let j = cs[i..].iter().position(|c| *c == '}').map(|p| p + i).ok_or_else(|| vm.value_error("unmatched '{' in format spec"))?;
            let name: String = cs[i + 1..j].iter().collect();
            let v = if name.is_empty() {
                let n = auto.map(|a| a + 1).unwrap_or(0);
                *auto = Some(n);
                pos.get(n).cloned().ok_or_else(|| vm.index_error(format!("Replacement index {} out of range for positional args tuple", n)))?
            } else if let Ok(n) = name.parse::<usize>() {
                *manual = true;
                pos.get(n).cloned().ok_or_else(|| vm.index_error(format!("Replacement index {} out of range for positional args tuple", n)))?
            } else {
                vm.getitem(kwargs, &object::new_str(&name))?
            };
            out.push_str(s(&vm.format(&v, None)?));
            i = j + 1;
        } else {
            out.push(cs[i]);
            i += 1;
        }
    }
    Ok(out)
}

fn str_new(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let a = super::parse_args(vm, "str", &args[1..], kw, &["object", "encoding", "errors"], 0)?;
    let v = match (&a[0], &a[1], &a[2]) {
        (None, None, None) => object::new_str(""),
        (Some(o), None, None) => vm.str(o)?,
        (Some(o), enc, errs) => {
            for (name, v) in [("encoding", enc), ("errors", errs)] {
                if let Some(v) = v.as_ref().filter(|v| v.as_str().is_none()) {
                    return Err(vm.type_error(format!("str() argument '{}' must be str, not {}", name, v.type_name())));
                }
            }
            let Some(data) = super::bytes::as_bytes(o) else {
                return Err(vm.type_error(format!("decoding to str: need a bytes-like object, {} found", o.type_name())));
            };
            let e = enc.as_ref().and_then(|e| e.as_str().map(String::from)).unwrap_or_else(|| "utf-8".into());
            let r = errs.as_ref().and_then(|e| e.as_str().map(String::from)).unwrap_or_else(|| "strict".into());
            decode(vm, &data, &e, &r)?
        }
        (None, _, _) => object::new_str(""),
    };
    if args[0].is(&builtin_types().str) {
        return Ok(v);
    }
    Ok(ObjRef::new(&args[0], Payload::Str(crate::object::StrData::new(s(&v).into()))))
}
fn str_str(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    if args[0].ty().is(&builtin_types().str) {
        return Ok(args[0].clone());
    }
    Ok(object::new_str(s(&args[0])))
}
fn str_repr(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_string(crate::format::py_str_repr(s(&args[0]))))
}
fn str_len(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_int(args[0].as_str_data().map(|d| d.nchars).unwrap_or(0) as i64))
}
fn str_hash(_vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_int(args[0].as_str_data().map(|d| d.hash()).unwrap_or(0)))
}
fn str_getitem(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    super::seq::seq_getitem(vm, &args[0], &args[1])
}
fn str_contains(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_bool(vm.contains(&args[0], &args[1])?))
}
fn str_iter(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let _ = vm;
    Ok(ObjRef::new(&builtin_types().str_iterator, Payload::Iter(Box::new(std::cell::RefCell::new(object::IterState::Str { s: args[0].clone(), pos: 0 })))))
}
fn str_add(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    if args[1].as_str().is_none() {
        return Err(vm.type_error(format!("can only concatenate str (not \"{}\") to str", args[1].type_name())));
    }
    Ok(object::new_string(format!("{}{}", s(&args[0]), s(&args[1]))))
}
fn str_mul(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    match args[1].as_int() {
        Some(n) => super::seq::seq_repeat(vm, &args[0], n),
        None => Ok(object::not_implemented()),
    }
}
fn str_mod(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    super::percent::str_percent(vm, &args[0], &args[1])
}
fn str_format_dunder(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let spec = args.get(1).and_then(|x| x.as_str()).unwrap_or("");
    match crate::format::format_str(s(&args[0]), spec) {
        Ok(r) => Ok(object::new_string(r)),
        Err(m) => Err(super::format_error(vm, &m)),
    }
}

/// The str methods by name (also used to implement the bytes methods).
pub fn str_method(name: &str) -> Option<NativeFn> {
    METHODS.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}

const METHODS: &[(&str, NativeFn)] = &[
    ("find", str_find),
    ("rfind", str_rfind),
    ("index", str_index),
    ("rindex", str_rindex),
    ("count", str_count),
    ("startswith", str_startswith),
    ("endswith", str_endswith),
    ("join", str_join),
    ("split", str_split),
    ("rsplit", str_rsplit),
    ("splitlines", str_splitlines),
    ("strip", str_strip),
    ("lstrip", str_lstrip),
    ("rstrip", str_rstrip),
    ("replace", str_replace),
    ("upper", str_upper),
    ("lower", str_lower),
    ("casefold", str_casefold),
    ("swapcase", str_swapcase),
    ("capitalize", str_capitalize),
    ("title", str_title),
    ("isdigit", str_isdigit),
    ("isdecimal", str_isdecimal),
    ("isnumeric", str_isnumeric),
    ("isalpha", str_isalpha),
    ("isalnum", str_isalnum),
    ("isspace", str_isspace),
    ("isascii", str_isascii),
    ("isprintable", str_isprintable),
    ("isupper", str_isupper),
    ("islower", str_islower),
    ("istitle", str_istitle),
    ("isidentifier", str_isidentifier),
    ("center", str_center),
    ("ljust", str_ljust),
    ("rjust", str_rjust),
    ("zfill", str_zfill),
    ("expandtabs", str_expandtabs),
    ("partition", str_partition),
    ("rpartition", str_rpartition),
    ("removeprefix", str_removeprefix),
    ("removesuffix", str_removesuffix),
    ("encode", str_encode),
    ("translate", str_translate),
    ("format", str_format),
    ("format_map", str_format_map),
    ("__str__", str_str),
    ("__repr__", str_repr),
    ("__len__", str_len),
    ("__hash__", str_hash),
    ("__getitem__", str_getitem),
    ("__contains__", str_contains),
    ("__iter__", str_iter),
    ("__add__", str_add),
    ("__mul__", str_mul),
    ("__rmul__", str_mul),
    ("__mod__", str_mod),
    ("__format__", str_format_dunder),
];

pub fn init(_vm: &Vm) {
    let t = builtin_types();
    super::def_staticmethod(&t.str, "__new__", str_new);
    super::def_staticmethod(&t.str, "maketrans", str_maketrans);
    for (name, f) in METHODS {
        def(&t.str, name, *f);
    }
}
