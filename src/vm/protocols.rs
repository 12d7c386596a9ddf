//! The abstract object protocols (CPython's `Objects/abstract.c` and `object.c`): repr,
//! str, hash, truth, len, containment, subscripts, format, unpacking.
//!
//! Builtin payloads are handled directly; instances of user classes go through their
//! dunder methods. Invariant: no container borrow is held while a dunder runs.

use super::Vm;
use crate::object::int::Int;
use crate::object::types::builtin_types;
use crate::object::{self, ObjRef, Payload, PyObject, PyResult};

const XXPRIME_1: u64 = 11400714785074694791;
const XXPRIME_2: u64 = 14029467366897019727;
const XXPRIME_5: u64 = 2870177450012600261;

/// CPython's `_Py_HashDouble`.
pub fn float_hash(v: f64, obj_addr: usize) -> i64 {
    const BITS: u32 = 61;
    const MODULUS: u64 = (1u64 << BITS) - 1;
    if !v.is_finite() {
        if v.is_infinite() {
            return if v > 0.0 { 314159 } else { -314159 };
        }
        return pointer_hash(obj_addr);
    }
    let (mut m, mut e) = frexp(v);
    let mut sign = 1i64;
    if m < 0.0 {
        sign = -1;
        m = -m;
    }
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | x >> (BITS - 28);
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 { e % BITS as i32 } else { BITS as i32 - 1 - ((-1 - e) % BITS as i32) } as u32;
    x = ((x << e) & MODULUS) | x >> (BITS - e);
    let r = (x as i64).wrapping_mul(sign);
    if r == -1 { -2 } else { r }
}

/// `frexp`: v = m * 2**e with 0.5 <= |m| < 1.
pub fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 || !v.is_finite() {
        return (v, 0);
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale up first.
        let (m, e) = frexp(v * 2f64.powi(64));
        return (m, e - 64);
    }
    let e = exp - 1022;
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, e)
}

/// CPython's `complex_hash`: the parts' float hashes combined.
pub fn complex_hash(re: f64, im: f64, obj_addr: usize) -> i64 {
    let (hr, hi) = (float_hash(re, obj_addr) as u64, float_hash(im, obj_addr) as u64);
    let h = hr.wrapping_add(1000003u64.wrapping_mul(hi)) as i64;
    if h == -1 { -2 } else { h }
}

/// The hash of a number, str or bytes of a builtin type (its payload's hash, no code
/// runs); None for any other payload. The caller knows the type is not a Python class.
fn scalar_hash(o: &ObjRef) -> Option<i64> {
    Some(match o.payload() {
        Payload::Int(i) => i.hash(),
        Payload::Float(f) => float_hash(*f, o.addr()),
        Payload::Complex(re, im) => complex_hash(*re, *im, o.addr()),
        Payload::Str(s) => s.hash(),
        Payload::Bytes(b) => object::str::bytes_hash(b),
        _ => return None,
    })
}

/// The hash of a value that can be a constant of the code (what `Vm::hash` gives,
/// computed without an interpreter: no Python code can run for these); None for any
/// other value.
pub fn const_hash(o: &ObjRef) -> Option<i64> {
    if o.type_data().heap {
        return None;
    }
    match o.payload() {
        Payload::Tuple(items) => Some(tuple_hash(&items.iter().map(const_hash).collect::<Option<Vec<i64>>>()?)),
        Payload::None | Payload::Ellipsis => Some(pointer_hash(o.addr())),
        _ => scalar_hash(o),
    }
}

pub fn pointer_hash(addr: usize) -> i64 {
    let y = addr as u64;
    let h = ((y >> 4) | (y << 60)) as i64;
    if h == -1 { -2 } else { h }
}

/// CPython 3.11's tuple hash (xxHash-based) over item hashes.
pub fn tuple_hash(hashes: &[i64]) -> i64 {
    let mut acc = XXPRIME_5;
    for &h in hashes {
        acc = acc.wrapping_add((h as u64).wrapping_mul(XXPRIME_2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(XXPRIME_1);
    }
    acc = acc.wrapping_add((hashes.len() as u64) ^ (XXPRIME_5 ^ 3527539));
    if acc == u64::MAX {
        return 1546275796;
    }
    acc as i64
}

/// CPython's frozenset hash over its entries' hashes.
pub fn frozenset_hash(hashes: impl Iterator<Item = i64>, len: usize) -> i64 {
    let shuffle = |h: u64| ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167);
    let mut hash: u64 = 0;
    for h in hashes {
        hash ^= shuffle(h as u64);
    }
    hash ^= (len as u64 + 1).wrapping_mul(1927868237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69069).wrapping_add(907133923);
    if hash == u64::MAX {
        return 590923713;
    }
    hash as i64
}

/// The hash of an int or str of a builtin type (computed without Python code), None
/// for any other object.
#[inline(always)]
pub fn plain_hash(o: &ObjRef) -> Option<i64> {
    match o.payload() {
        Payload::Int(i) if !o.type_data().heap => Some(i.hash()),
        Payload::Str(s) if !o.type_data().heap => Some(s.hash()),
        _ => None,
    }
}

/// `item in container` where no Python code can run: `container` a set or frozenset
/// (of a builtin type, or of a subclass whose `__contains__` is the builtin one: the
/// caller has checked that) and `item` an int or str of a builtin type. None for any
/// other pair. One pass over the table; no borrow outlives the call.
#[inline(always)]
fn set_contains_plain(container: &ObjRef, item: &ObjRef) -> Option<bool> {
    let Payload::Set(table) = container.payload() else { return None };
    let h = plain_hash(item)?;
    table.borrow().contains_plain(item, h, super::compare::fast_eq)
}

/// `item in container` for an exact set or frozenset and an int or str of a builtin
/// type (the eval loop's inline case of CONTAINS_OP); None when `Vm::contains` must
/// decide.
#[inline(always)]
pub fn contains_plain(container: &ObjRef, item: &ObjRef) -> Option<bool> {
    if container.type_data().heap {
        return None;
    }
    set_contains_plain(container, item)
}

impl Vm {
    pub fn is_exact(&self, o: &PyObject, ty: &PyObject) -> bool {
        o.ty().is(ty)
    }

    pub fn repr(&self, o: &ObjRef) -> PyResult {
        let td = o.type_data();
        if !td.heap {
            if let Some(s) = crate::builtins::repr::builtin_repr(self, o)? {
                return Ok(s);
            }
        }
        let f = td.lookup("__repr__").ok_or_else(|| self.type_error("object has no __repr__"))?;
        self.enter_recursion(" while getting the repr of an object")?;
        let r = self.call(&f, std::slice::from_ref(&o), None);
        self.leave_recursion();
        let r = r?;
        if r.as_str().is_none() {
            return Err(self.type_error(format!("__repr__ returned non-string (type {})", r.type_name())));
        }
        Ok(r)
    }

    pub fn repr_string(&self, o: &ObjRef) -> PyResult<String> {
        Ok(self.repr(o)?.as_str().unwrap_or("").to_string())
    }

    pub fn str(&self, o: &ObjRef) -> PyResult {
        let t = builtin_types();
        if o.ty().is(&t.str) {
            return Ok(o.clone());
        }
        let td = o.type_data();
        if !td.heap {
            match o.payload() {
                Payload::Exception(_) => return crate::builtins::exception::exc_str(self, o),
                Payload::Str(_) => return Ok(object::new_str(o.as_str().unwrap())),
                _ => return self.repr(o),
            }
        }
        let f = td.lookup("__str__").ok_or_else(|| self.type_error("object has no __str__"))?;
        self.enter_recursion(" while getting the str of an object")?;
        let r = self.call(&f, std::slice::from_ref(&o), None);
        self.leave_recursion();
        let r = r?;
        if r.as_str().is_none() {
            return Err(self.type_error(format!("__str__ returned non-string (type {})", r.type_name())));
        }
        Ok(r)
    }

    pub fn str_string(&self, o: &ObjRef) -> PyResult<String> {
        Ok(self.str(o)?.as_str().unwrap_or("").to_string())
    }

    pub fn ascii(&self, o: &ObjRef) -> PyResult {
        let r = self.repr(o)?;
        let s = r.as_str().unwrap_or("");
        if s.is_ascii() {
            return Ok(r);
        }
        Ok(object::new_string(crate::builtins::repr::ascii_escape(s)))
    }

    #[inline]
    pub fn hash(&self, o: &ObjRef) -> PyResult<i64> {
        // Exact ints and strings (most keys) inline; everything else out of line.
        match plain_hash(o) {
            Some(h) => Ok(h),
            None => self.hash_general(o),
        }
    }

    #[inline(never)]
    fn hash_general(&self, o: &ObjRef) -> PyResult<i64> {
        let td = o.type_data();
        if !td.heap {
            return self.builtin_hash(o);
        }
        match td.lookup("__hash__") {
            None => Ok(pointer_hash(o.addr())),
            Some(h) if h.is_none() => Err(self.type_error(format!("unhashable type: '{}'", o.type_name()))),
            Some(h) => {
                if let Payload::Builtin(_) = h.payload() {
                    return self.builtin_hash(o);
                }
                let r = self.call(&h, std::slice::from_ref(&o), None)?;
                match r.as_int() {
                    Some(i) => Ok(match i.as_i64() {
                        Some(-1) => -2,
                        Some(v) => v,
                        None => i.hash(),
                    }),
                    None => Err(self.type_error("__hash__ method should return an integer")),
                }
            }
        }
    }

    fn builtin_hash(&self, o: &ObjRef) -> PyResult<i64> {
        if let Some(h) = scalar_hash(o) {
            return Ok(h);
        }
        match o.payload() {
            Payload::Tuple(items) => {
                let mut hs = Vec::with_capacity(items.len());
                for i in items.iter() {
                    hs.push(self.hash(i)?);
                }
                Ok(tuple_hash(&hs))
            }
            Payload::Set(s) if o.ty().is_subtype(&builtin_types().frozenset) => {
                let t = s.borrow();
                Ok(frozenset_hash(t.iter().map(|(h, _)| h), t.len()))
            }
            Payload::List(_) | Payload::Dict(_) | Payload::Set(_) | Payload::ByteArray(_) | Payload::Slice { .. } => {
                Err(self.type_error(format!("unhashable type: '{}'", o.type_name())))
            }
            Payload::Range { start, stop, step } => {
                let len = crate::builtins::range::range_len(*start, *stop, *step);
                let hs = if len == 0 {
                    vec![Int::Small(0).hash(), object::none().addr() as i64, object::none().addr() as i64]
                } else {
                    vec![Int::Small(len as i64).hash(), Int::Small(*start).hash(), Int::Small(*step).hash()]
                };
                Ok(tuple_hash(&hs))
            }
            Payload::BoundMethod { func, self_ } => {
                let a = self.hash(self_)?;
                let b = self.hash(func)?;
                Ok(a ^ b)
            }
            Payload::WeakRef(_) => {
                let m = o.type_data().lookup("__hash__").ok_or_else(|| self.type_error(format!("unhashable type: '{}'", o.type_name())))?;
                if m.is_none() {
                    return Err(self.type_error(format!("unhashable type: '{}'", o.type_name())));
                }
                let r = self.call(&m, std::slice::from_ref(&o), None)?;
                Ok(r.as_int().map(|i| i.hash()).unwrap_or(0))
            }
            _ => Ok(pointer_hash(o.addr())),
        }
    }

    pub fn truthy(&self, o: &ObjRef) -> PyResult<bool> {
        match o.payload() {
            Payload::None => return Ok(false),
            Payload::Int(i) if !o.type_data().heap => return Ok(!i.is_zero()),
            Payload::Float(f) if !o.type_data().heap => return Ok(*f != 0.0),
            Payload::Str(s) if !o.type_data().heap => return Ok(!s.s.is_empty()),
            _ => {}
        }
        let td = o.type_data();
        if !td.heap {
            return Ok(match o.payload() {
                Payload::Int(i) => !i.is_zero(),
                Payload::Float(f) => *f != 0.0,
                Payload::Complex(a, b) => *a != 0.0 || *b != 0.0,
                Payload::Str(s) => !s.s.is_empty(),
                Payload::Bytes(b) => !b.is_empty(),
                Payload::ByteArray(b) => !b.borrow().is_empty(),
                Payload::Tuple(t) => !t.is_empty(),
                Payload::List(l) => !l.borrow().is_empty(),
                Payload::Dict(d) => !d.borrow().is_empty(),
                Payload::Set(s) => !s.borrow().is_empty(),
                Payload::Range { start, stop, step } => crate::builtins::range::range_len(*start, *stop, *step) > 0,
                Payload::DictView { dict, .. } => dict.as_dict().map(|d| !d.borrow().is_empty()).unwrap_or(true),
                _ => true,
            });
        }
        if let Some(b) = td.lookup("__bool__") {
            let r = self.call(&b, std::slice::from_ref(&o), None)?;
            if !r.ty().is(&builtin_types().bool_) {
                return Err(self.type_error(format!("__bool__ should return bool, returned {}", r.type_name())));
            }
            return Ok(!r.as_int().map(|i| i.is_zero()).unwrap_or(true));
        }
        if td.lookup("__len__").is_some() {
            return Ok(self.len(o)? > 0);
        }
        Ok(true)
    }

    pub fn len(&self, o: &ObjRef) -> PyResult<usize> {
        let td = o.type_data();
        let overridden = td.heap && td.lookup("__len__").map(|m| !matches!(m.payload(), Payload::Builtin(_))).unwrap_or(false);
        if !overridden {
            let n = match o.payload() {
                Payload::Str(s) => s.nchars,
                Payload::Bytes(b) => b.len(),
                Payload::ByteArray(b) => b.borrow().len(),
                Payload::Tuple(t) => t.len(),
                Payload::List(l) => l.borrow().len(),
                Payload::Dict(d) => d.borrow().len(),
                Payload::Set(s) => s.borrow().len(),
                Payload::Range { start, stop, step } => crate::builtins::range::range_len(*start, *stop, *step) as usize,
                Payload::DictView { dict, .. } => dict.as_dict().map(|d| d.borrow().len()).unwrap_or(0),
                _ => {
                    if let Some(m) = td.lookup("__len__") {
                        let r = self.call(&m, std::slice::from_ref(&o), None)?;
                        return r.as_int().and_then(|i| i.as_i64()).map(|v| v as usize).ok_or_else(|| self.type_error("__len__ should return an int"));
                    }
                    return Err(self.type_error(format!("object of type '{}' has no len()", o.type_name())));
                }
            };
            return Ok(n);
        }
        let Some(f) = td.lookup("__len__") else {
            return Err(self.type_error(format!("object of type '{}' has no len()", o.type_name())));
        };
        let r = self.call(&f, std::slice::from_ref(&o), None)?;
        let Some(i) = r.as_int() else {
            return Err(self.type_error(format!("'{}' object cannot be interpreted as an integer", r.type_name())));
        };
        if i.is_negative() {
            return Err(self.value_error("__len__() should return >= 0"));
        }
        i.as_i64().map(|v| v as usize).ok_or_else(|| self.overflow_error("cannot fit 'int' into an index-sized integer"))
    }

    /// `item in container`.
    pub fn contains(&self, container: &ObjRef, item: &ObjRef) -> PyResult<bool> {
        let td = container.type_data();
        if td.heap {
            if let Some(f) = td.lookup("__contains__") {
                if !matches!(f.payload(), Payload::Builtin(_)) {
                    let r = self.call_lent(&f, [&container, &item])?;
                    return self.truthy(&r);
                }
            }
        }
        match container.payload() {
            // `x in s` for an exact int or str, where no Python code can run: one pass
            // over the table, no borrow kept, no comparison closures.
            Payload::Set(_) => {
                if let Some(found) = set_contains_plain(container, item) {
                    return Ok(found);
                }
                crate::builtins::set::set_contains(self, container, item)
            }
            Payload::Str(s) => match item.as_str() {
                Some(sub) => Ok(s.s.contains(sub)),
                None => Err(self.type_error(format!("'in <string>' requires string as left operand, not {}", item.type_name()))),
            },
            Payload::List(l) => {
                let mut i = 0;
                loop {
                    let x = match l.borrow().get(i) {
                        Some(x) => x.clone(),
                        None => return Ok(false),
                    };
                    if self.eq(&x, item)? {
                        return Ok(true);
                    }
                    i += 1;
                }
            }
            Payload::Tuple(t) => {
                for x in t.iter() {
                    if self.eq(x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Payload::Dict(_) => Ok(self.dict_lookup(container, item)?.is_some()),
            Payload::DictView { dict, kind } => match kind {
                object::DictViewKind::Keys => Ok(self.dict_lookup(dict, item)?.is_some()),
                object::DictViewKind::Items => {
                    let Some(t) = item.as_tuple() else { return Ok(false) };
                    if t.len() != 2 {
                        return Ok(false);
                    }
                    match self.dict_lookup(dict, &t[0])? {
                        Some(v) => self.eq(&v, &t[1]),
                        None => Ok(false),
                    }
                }
                object::DictViewKind::Values => self.contains_by_iter(container, item),
            },
            Payload::Range { start, stop, step } => {
                if let Some(Int::Small(v)) = item.as_int() {
                    if item.ty().is(&builtin_types().int) || item.ty().is(&builtin_types().bool_) {
                        return Ok(crate::builtins::range::range_contains(*start, *stop, *step, *v));
                    }
                }
                self.contains_by_iter(container, item)
            }
            Payload::Bytes(_) | Payload::ByteArray(_) => crate::builtins::bytes::bytes_contains(self, container, item),
            _ => {
                if td.lookup("__iter__").is_none() && td.lookup("__getitem__").is_none() {
                    return Err(self.type_error(format!("argument of type '{}' is not iterable", container.type_name())));
                }
                self.contains_by_iter(container, item)
            }
        }
    }

    fn contains_by_iter(&self, container: &ObjRef, item: &ObjRef) -> PyResult<bool> {
        let it = self.iter(container)?;
        while let Some(x) = self.next(&it)? {
            if x.is(item) || self.eq(&x, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// `operator.index(o)`.
    pub fn index(&self, o: &ObjRef) -> PyResult<Int> {
        if let Some(i) = o.as_int() {
            return Ok(i.clone());
        }
        if let Some(f) = o.type_data().lookup("__index__") {
            let r = self.call(&f, std::slice::from_ref(&o), None)?;
            if let Some(i) = r.as_int() {
                return Ok(i.clone());
            }
            return Err(self.type_error(format!("__index__ returned non-int (type {})", r.type_name())));
        }
        Err(self.type_error(format!("'{}' object cannot be interpreted as an integer", o.type_name())))
    }

    /// An index as isize, IndexError "cannot fit" when it does not fit.
    pub fn index_isize(&self, o: &ObjRef) -> PyResult<isize> {
        let i = self.index(o)?;
        match i.as_i64() {
            Some(v) => Ok(v as isize),
            None => Err(self.index_error(format!("cannot fit '{}' into an index-sized integer", o.type_name()))),
        }
    }

    /// `o[k]` for an exact list or tuple and an exact int index in range: the eval
    /// loop's shortcut (CPython 3.11's BINARY_SUBSCR_LIST_INT / _TUPLE_INT). None: take
    /// `getitem`, which gives the same result or raises.
    #[inline(always)]
    pub fn subscr_fast_path(o: &ObjRef, k: &ObjRef) -> Option<ObjRef> {
        let t = builtin_types();
        if !k.ty().is(&t.int) {
            return None;
        }
        let Payload::Int(crate::object::int::Int::Small(i)) = k.payload() else { return None };
        let at = |len: usize| -> Option<usize> {
            let j = if *i < 0 { i.checked_add(len as i64)? } else { *i };
            (0..len as i64).contains(&j).then_some(j as usize)
        };
        let ty = o.ty();
        if ty.is(&t.list) {
            let Payload::List(l) = o.payload() else { return None };
            let l = l.borrow();
            return Some(l[at(l.len())?].clone());
        }
        if !ty.is(&t.tuple) {
            return None;
        }
        let Payload::Tuple(items) = o.payload() else { return None };
        Some(items[at(items.len())?].clone())
    }

    /// `o[k] = v` for an exact list and an exact int index in range; gives `v` back
    /// when the generic `setitem` must handle it. The replaced item is released after
    /// the list's borrow ends (its finalizer may look at the list).
    #[inline]
    pub fn store_subscr_fast_path(o: &ObjRef, k: &ObjRef, v: ObjRef) -> Result<(), ObjRef> {
        let t = builtin_types();
        if !o.ty().is(&t.list) || !k.ty().is(&t.int) {
            return Err(v);
        }
        let Payload::List(l) = o.payload() else { return Err(v) };
        let Payload::Int(crate::object::int::Int::Small(i)) = k.payload() else { return Err(v) };
        let old = {
            let mut l = l.borrow_mut();
            let len = l.len() as i64;
            let j = if *i < 0 { *i + len } else { *i };
            if !(0..len).contains(&j) {
                return Err(v);
            }
            std::mem::replace(&mut l[j as usize], v)
        };
        drop(old);
        Ok(())
    }

    /// `dict.__getitem__` (CPython's `dict_subscript`) of `o`, a dict or an instance of
    /// a subclass: the value, else a subclass's `__missing__`, else KeyError; never
    /// the subclass's own `__getitem__`.
    pub fn dict_subscript(&self, o: &ObjRef, k: &ObjRef) -> PyResult {
        match self.dict_lookup(o, k)? {
            Some(v) => Ok(v),
            None => {
                let td = o.type_data();
                if td.heap {
                    if let Some(m) = td.lookup("__missing__") {
                        return self.call_lent(&m, [&o, &k]);
                    }
                }
                self.hash(k)?;
                Err(self.key_error(k.clone()))
            }
        }
    }

    pub fn getitem(&self, o: &ObjRef, k: &ObjRef) -> PyResult {
        let td = o.type_data();
        if td.heap {
            if let Some(f) = td.lookup("__getitem__") {
                if !matches!(f.payload(), Payload::Builtin(_)) {
                    return self.call_lent(&f, [&o, &k]);
                }
            }
        }
        match o.payload() {
            Payload::List(_) | Payload::Tuple(_) | Payload::Str(_) | Payload::Bytes(_) | Payload::ByteArray(_) | Payload::Range { .. } => {
                crate::builtins::seq::seq_getitem(self, o, k)
            }
            Payload::Dict(_) => self.dict_subscript(o, k),
            Payload::Type(_) => {
                if let Some(f) = o.as_type().unwrap().lookup("__class_getitem__") {
                    let f = match f.payload() {
                        Payload::ClassMethod(inner) => inner.clone(),
                        _ => f,
                    };
                    return self.call_lent(&f, [&o, &k]);
                }
                if o.is(&builtin_types().type_) || o.as_type().map(|t| !t.heap).unwrap_or(false) {
                    // Generic aliases such as list[int] evaluate to the class itself here.
                    return Ok(o.clone());
                }
                Err(self.type_error(format!("type '{}' is not subscriptable", o.as_type().unwrap().name.borrow())))
            }
            _ => {
                if let Some(f) = td.lookup("__getitem__") {
                    return self.call_lent(&f, [&o, &k]);
                }
                Err(self.type_error(format!("'{}' object is not subscriptable", o.type_name())))
            }
        }
    }

    pub fn setitem(&self, o: &ObjRef, k: &ObjRef, v: ObjRef) -> PyResult<()> {
        let td = o.type_data();
        if td.heap {
            if let Some(f) = td.lookup("__setitem__") {
                if !matches!(f.payload(), Payload::Builtin(_)) {
                    self.call_lent(&f, [o, k, &v])?;
                    return Ok(());
                }
            }
        }
        match o.payload() {
            Payload::Dict(_) => self.dict_set(o, k.clone(), v),
            Payload::List(_) => crate::builtins::list::list_setitem(self, o, k, v),
            Payload::ByteArray(_) => crate::builtins::bytes::bytearray_setitem(self, o, k, v),
            _ => {
                if let Some(f) = td.lookup("__setitem__") {
                    self.call_lent(&f, [o, k, &v])?;
                    return Ok(());
                }
                Err(self.type_error(format!("'{}' object does not support item assignment", o.type_name())))
            }
        }
    }

    pub fn delitem(&self, o: &ObjRef, k: &ObjRef) -> PyResult<()> {
        let td = o.type_data();
        if td.heap {
            if let Some(f) = td.lookup("__delitem__") {
                if !matches!(f.payload(), Payload::Builtin(_)) {
                    self.call_lent(&f, [&o, &k])?;
                    return Ok(());
                }
            }
        }
        match o.payload() {
            Payload::Dict(_) => match self.dict_del(o, k)? {
                Some(_) => Ok(()),
                None => Err(self.key_error(k.clone())),
            },
            Payload::List(_) => crate::builtins::list::list_delitem(self, o, k),
            Payload::ByteArray(_) => crate::builtins::bytes::bytearray_delitem(self, o, k),
            _ => {
                if let Some(f) = td.lookup("__delitem__") {
                    self.call_lent(&f, [&o, &k])?;
                    return Ok(());
                }
                Err(self.type_error(format!("'{}' object doesn't support item deletion", o.type_name())))
            }
        }
    }

    /// `format(v, spec)`.
    pub fn format(&self, v: &ObjRef, spec: Option<&ObjRef>) -> PyResult {
        let spec_s = spec.and_then(|s| s.as_str()).unwrap_or("");
        let t = builtin_types();
        if spec_s.is_empty() && v.ty().is(&t.str) {
            return Ok(v.clone());
        }
        let td = v.type_data();
        let f = td.lookup("__format__");
        match f {
            Some(f) if !matches!(f.payload(), Payload::Builtin(_)) => {
                let r = self.call(&f, &[v.clone(), object::new_str(spec_s)], None)?;
                if r.as_str().is_none() {
                    return Err(self.type_error(format!("__format__ must return a str, not {}", r.type_name())));
                }
                Ok(r)
            }
            // The builtin `__format__`s format an empty spec as `str(v)`, which for a
            // subclass may be its own `__str__` or `__repr__`.
            _ if spec_s.is_empty() && td.heap => self.str(v),
            _ => crate::builtins::format_builtin(self, v, spec_s),
        }
    }

    /// Iterates `o` into a vector.
    pub fn collect(&self, o: &ObjRef) -> PyResult<Vec<ObjRef>> {
        match o.payload() {
            Payload::List(l) if !o.type_data().heap => return Ok(l.borrow().clone()),
            Payload::Tuple(t) if !o.type_data().heap => return Ok(t.to_vec()),
            _ => {}
        }
        // A range's length is known: reserve it up front, so that an impossible size is a
        // MemoryError at once (CPython presizes from the length hint the same way).
        let hint = match o.payload() {
            Payload::Range { start, stop, step } => crate::builtins::range::range_len(*start, *stop, *step) as usize,
            _ => 0,
        };
        let mut v = crate::builtins::vec_with_capacity(self, hint)?;
        let it = self.iter(o)?;
        while let Some(x) = self.next(&it)? {
            v.push(x);
        }
        Ok(v)
    }

    /// `collect` as `list(o)`, `tuple(o)` and `list.extend(o)` do it: after taking the
    /// iterator, CPython sizes the result with `PyObject_LengthHint(o)`, which calls a
    /// Python class's `__len__` (a TypeError from it is ignored, other errors propagate)
    /// or else its `__length_hint__`. Builtin objects' hints have no visible effect.
    pub fn collect_with_hint(&self, o: &ObjRef) -> PyResult<Vec<ObjRef>> {
        let td = o.type_data();
        if !td.heap {
            return self.collect(o);
        }
        let it = self.iter(o)?;
        let mut hint = 0usize;
        if let Some(len) = td.lookup("__len__") {
            match self.call(&len, std::slice::from_ref(o), None) {
                Ok(n) => hint = self.index(&n).ok().and_then(|i| i.as_i64()).unwrap_or(0).max(0) as usize,
                Err(e) if e.is(&self.exc_type("TypeError")) => {}
                Err(e) => return Err(e),
            }
        } else if let Some(lh) = td.lookup("__length_hint__") {
            let r = self.call(&lh, std::slice::from_ref(o), None)?;
            if !matches!(r.payload(), Payload::NotImplemented) {
                let Some(n) = r.as_int() else {
                    return Err(self.type_error(format!("'{}' object cannot be interpreted as an integer", r.type_name())));
                };
                match n.as_i64() {
                    Some(n) if n >= 0 => hint = n as usize,
                    _ => return Err(self.value_error("__length_hint__() should return >= 0")),
                }
            }
        }
        let mut v = Vec::with_capacity(hint.min(1 << 16));
        while let Some(x) = self.next(&it)? {
            v.push(x);
        }
        Ok(v)
    }

    /// `o[start:stop:step]` with `parts` the bounds (step None when absent), for the fusion of
    /// BUILD_SLICE and BINARY_SUBSCR, when no slice object is needed for it: `o` an exact
    /// list, tuple or str, each bound None or an exact int (no `__index__` to call), and
    /// the slice cache full, so that the slice CPython makes and frees would leave no
    /// trace (`memory::slice_cache_full`). None: build the slice and index with it.
    pub fn slice_fast_path(&self, o: &ObjRef, parts: [&ObjRef; 3]) -> Option<PyResult> {
        let t = builtin_types();
        let ty = o.ty();
        if !(ty.is(&t.list) || ty.is(&t.tuple) || ty.is(&t.str)) || !plain_bounds(parts) {
            return None;
        }
        let len = crate::builtins::seq::seq_len(o);
        Some(crate::builtins::seq::seq_slice(self, o, len, parts[0], parts[1], parts[2]))
    }

    /// `o[start:stop:step] = v` for the fusion of BUILD_SLICE and STORE_SUBSCR, under
    /// the conditions of `slice_fast_path` with `o` an exact list; `Err(v)` otherwise.
    pub fn store_slice_fast_path(&self, o: &ObjRef, parts: [&ObjRef; 3], v: ObjRef) -> Result<PyResult<()>, ObjRef> {
        if !o.ty().is(&builtin_types().list) || !plain_bounds(parts) {
            return Err(v);
        }
        Ok(crate::builtins::list::list_set_slice(self, o, parts[0], parts[1], parts[2], v))
    }

    /// UNPACK_SEQUENCE's shortcut: the items of an exact tuple or list of exactly `n`
    /// items go onto `stack`, last first (new references). False, with nothing pushed,
    /// for anything else (`unpack` handles it).
    #[inline(always)]
    pub fn unpack_exact(seq: &ObjRef, n: usize, stack: &mut crate::memory::value_stack::ValueStack) -> bool {
        // The type first (see `binary::number_value`): an exact tuple or list has the
        // payload of its kind.
        let t = crate::object::types::builtin_types();
        let ty = seq.ty();
        if ty.is(&t.tuple) {
            let Payload::Tuple(items) = seq.payload() else { return false };
            if items.len() != n {
                return false;
            }
            stack.extend(items.iter().rev().cloned());
            return true;
        }
        if !ty.is(&t.list) {
            return false;
        }
        let Payload::List(l) = seq.payload() else { return false };
        let items = l.borrow();
        if items.len() != n {
            return false;
        }
        stack.extend(items.iter().rev().cloned());
        true
    }

    /// Unpacks `seq` into exactly `n` items, or with a starred target at `star`
    /// (`n` then counts the other targets; the star's list is inserted at `star`).
    pub fn unpack(&self, seq: &ObjRef, n: usize, star: Option<usize>) -> PyResult<Vec<ObjRef>> {
        let fast: Option<Vec<ObjRef>> = match seq.payload() {
            Payload::Tuple(t) if !seq.type_data().heap => Some(t.to_vec()),
            Payload::List(l) if !seq.type_data().heap => Some(l.borrow().clone()),
            _ => None,
        };
        let items = match fast {
            Some(v) => {
                if star.is_none() && v.len() != n {
                    return Err(if v.len() < n {
                        self.value_error(format!("not enough values to unpack (expected {}, got {})", n, v.len()))
                    } else {
                        self.value_error(format!("too many values to unpack (expected {})", n))
                    });
                }
                v
            }
            None => {
                let it = match self.iter(seq) {
                    Ok(it) => it,
                    Err(e) if e.is(&self.exc_type("TypeError")) => {
                        return Err(self.type_error(format!("cannot unpack non-iterable {} object", seq.type_name())));
                    }
                    Err(e) => return Err(e),
                };
                let mut v = Vec::new();
                while let Some(x) = self.next(&it)? {
                    v.push(x);
                    if star.is_none() && v.len() > n {
                        return Err(self.value_error(format!("too many values to unpack (expected {})", n)));
                    }
                }
                if star.is_none() && v.len() < n {
                    return Err(self.value_error(format!("not enough values to unpack (expected {}, got {})", n, v.len())));
                }
                v
            }
        };
        match star {
            None => Ok(items),
            Some(before) => {
                if items.len() < n {
                    return Err(self.value_error(format!("not enough values to unpack (expected at least {}, got {})", n, items.len())));
                }
                let after = n - before;
                let mut items = items;
                let tail = items.split_off(items.len() - after);
                let middle = items.split_off(before);
                items.push(object::new_list(middle));
                items.extend(tail);
                Ok(items)
            }
        }
    }
}

/// Slice bounds that need no `__index__` call, with the slice cache full: see
/// `Vm::slice_fast_path`.
fn plain_bounds(parts: [&ObjRef; 3]) -> bool {
    let int = &builtin_types().int;
    parts.iter().all(|p| p.is_none() || (matches!(p.payload(), Payload::Int(crate::object::int::Int::Small(_))) && p.ty().is(int))) && crate::memory::slice_cache_full()
}
