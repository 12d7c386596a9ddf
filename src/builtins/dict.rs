//! `dict`: lookups that may run `__eq__`, and the dict methods.

use super::{def, def_classmethod, parse_args};
use crate::object::dict::DictTable;
use crate::object::types::builtin_types;
use crate::object::{self, DictViewKind, ObjRef, Payload, PyResult};
use crate::vm::compare::fast_eq;
use crate::vm::Vm;

fn table(d: &ObjRef) -> &std::cell::RefCell<DictTable> {
    d.as_dict().expect("dict")
}

impl Vm {
    /// `d[key]` without `__missing__`: Ok(None) when absent.
    pub fn dict_lookup(&self, d: &ObjRef, key: &ObjRef) -> PyResult<Option<ObjRef>> {
        let h = self.hash(key)?;
        let eq = |a: &ObjRef, b: &ObjRef| self.eq(a, b);
        let t = table(d);
        match DictTable::lookup(t, key, h, &fast_eq, &eq)? {
            Some(i) => Ok(t.borrow().entry(i).map(|e| e.value.clone())),
            None => Ok(None),
        }
    }

    pub fn dict_set(&self, d: &ObjRef, key: ObjRef, value: ObjRef) -> PyResult<()> {
        let h = self.hash(&key)?;
        self.dict_set_hashed(d, key, h, value)
    }

    pub fn dict_set_hashed(&self, d: &ObjRef, key: ObjRef, h: i64, value: ObjRef) -> PyResult<()> {
        crate::gc::maintain_dict_tracking(d, &key, &value);
        let eq = |a: &ObjRef, b: &ObjRef| self.eq(a, b);
        let t = table(d);
        match DictTable::lookup(t, &key, h, &fast_eq, &eq)? {
            Some(i) => {
                let old = t.borrow_mut().replace_value(i, value);
                drop(old);
            }
            None => t.borrow_mut().insert_new(h, key, value),
        }
        Ok(())
    }

    /// Removes `key`; returns its value if it was present.
    pub fn dict_del(&self, d: &ObjRef, key: &ObjRef) -> PyResult<Option<ObjRef>> {
        let h = self.hash(key)?;
        let eq = |a: &ObjRef, b: &ObjRef| self.eq(a, b);
        let t = table(d);
        match DictTable::lookup(t, key, h, &fast_eq, &eq)? {
            Some(i) => {
                let e = t.borrow_mut().remove_entry(i);
                Ok(Some(e.value.clone()))
            }
            None => Ok(None),
        }
    }

    /// DICT_MERGE for calls: `f(**m)`, a repeated keyword is a TypeError.
    pub fn dict_merge_kwargs(&self, d: &ObjRef, m: &ObjRef, func: &ObjRef) -> PyResult<()> {
        let fname = || -> String { self.function_str(func).unwrap_or_else(|_| format!("{} object", func.type_name())) };
        let pairs: Vec<(ObjRef, ObjRef)> = match m.as_dict() {
            Some(t) => t.borrow().iter().map(|e| (e.key.clone(), e.value.clone())).collect(),
            None => {
                let Some(keys) = self.getattr_opt(m, "keys")? else {
                    return Err(self.type_error(format!("{} argument after ** must be a mapping, not {}", fname(), m.type_name())));
                };
                let ks = self.call(&keys, &[], None)?;
                let mut v = Vec::new();
                for k in self.collect(&ks)? {
                    let val = self.getitem(m, &k)?;
                    v.push((k, val));
                }
                v
            }
        };
        for (k, v) in pairs {
            if k.as_str().is_none() {
                return Err(self.type_error("keywords must be strings"));
            }
            if self.dict_lookup(d, &k)?.is_some() {
                return Err(self.type_error(format!("{} got multiple values for keyword argument '{}'", fname(), k.as_str().unwrap())));
            }
            self.dict_set(d, k, v)?;
        }
        Ok(())
    }
}

/// Looks up a str key by content (keys compared without running Python code).
pub fn dict_get_str(vm: &Vm, d: &ObjRef, key: &str) -> PyResult<Option<ObjRef>> {
    let _ = vm;
    match d.as_dict() {
        Some(t) => {
            let h = crate::object::str::str_hash(key);
            Ok(t.borrow().get_str(key, h).cloned())
        }
        None => Ok(None),
    }
}

/// Looks up a str key object by content, using the key's cached hash (names in code
/// objects are interned str objects, so this hashes nothing on the hot path).
pub fn dict_get_name(d: &ObjRef, key: &ObjRef) -> Option<ObjRef> {
    let k = key.as_str_data()?;
    dict_get_name_hinted(d, key, &k.name_hint)
}

/// `dict_get_name` with the caller's entry-index hint (see `DictTable::find_name_hinted`).
#[inline]
pub fn dict_get_name_hinted(d: &ObjRef, key: &ObjRef, hint: &std::cell::Cell<u32>) -> Option<ObjRef> {
    let (t, k) = (d.as_dict()?, key.as_str_data()?);
    let t = t.borrow();
    let i = t.find_name_hinted(key, k, hint)?;
    t.entries[i].as_ref().map(|e| e.value.clone())
}

/// Binds a name (an interned str from a code object) in an exact dict namespace by
/// content and cached hash: STORE_NAME's fast path, running no Python code.
pub fn dict_set_name(d: &ObjRef, name: &ObjRef, v: ObjRef) {
    let Some(k) = name.as_str_data() else { return };
    dict_set_name_hinted(d, name, v, &k.name_hint)
}

/// `dict_set_name` with the caller's entry-index hint (see `DictTable::find_name_hinted`).
#[inline]
pub fn dict_set_name_hinted(d: &ObjRef, name: &ObjRef, v: ObjRef, hint: &std::cell::Cell<u32>) {
    let (Some(t), Some(k)) = (d.as_dict(), name.as_str_data()) else { return };
    crate::gc::maintain_dict_tracking(d, name, &v);
    let found = t.borrow().find_name_hinted(name, k, hint);
    match found {
        Some(i) => {
            let old = t.borrow_mut().replace_value(i, v);
            drop(old);
        }
        None => t.borrow_mut().insert_new(k.hash(), name.clone(), v),
    }
}

pub fn dict_set_str(vm: &Vm, d: &ObjRef, key: &str, v: ObjRef) -> PyResult<()> {
    vm.dict_set(d, object::str::intern(key), v)
}

/// Snapshot of (key, value) pairs.
pub fn dict_items(d: &ObjRef) -> Vec<(ObjRef, ObjRef)> {
    table(d).borrow().iter().map(|e| (e.key.clone(), e.value.clone())).collect()
}

/// `d.update(m)`: from a dict, a mapping with keys(), or an iterable of pairs.
pub fn dict_update_from(vm: &Vm, d: &ObjRef, m: &ObjRef) -> PyResult<()> {
    if let Some(t) = m.as_dict() {
        if !m.type_data().heap || m.type_data().lookup("keys").map(|k| matches!(k.payload(), Payload::Builtin(_))).unwrap_or(true) {
            let pairs: Vec<(i64, ObjRef, ObjRef)> = t.borrow().iter().map(|e| (e.hash, e.key.clone(), e.value.clone())).collect();
            for (h, k, v) in pairs {
                vm.dict_set_hashed(d, k, h, v)?;
            }
            return Ok(());
        }
    }
    if let Some(keys) = vm.getattr_opt(m, "keys")? {
        let ks = vm.call(&keys, &[], None)?;
        for k in vm.collect(&ks)? {
            let v = vm.getitem(m, &k)?;
            vm.dict_set(d, k, v)?;
        }
        return Ok(());
    }
    let it = vm.iter(m)?;
    let mut i = 0;
    while let Some(item) = vm.next(&it)? {
        let pair = match vm.collect(&item) {
            Ok(p) => p,
            Err(_) => {
                return Err(vm.type_error(format!("cannot convert dictionary update sequence element #{} to a sequence", i)));
            }
        };
        if pair.len() != 2 {
            return Err(vm.value_error(format!("dictionary update sequence element #{} has length {}; 2 is required", i, pair.len())));
        }
        let mut p = pair.into_iter();
        vm.dict_set(d, p.next().unwrap(), p.next().unwrap())?;
        i += 1;
    }
    Ok(())
}

pub fn dict_copy(vm: &Vm, d: &ObjRef) -> PyResult {
    let n = object::new_dict();
    let _ = vm;
    {
        let src = table(d).borrow();
        let mut dst = table(&n).borrow_mut();
        *dst = DictTable::with_capacity(src.len());
        for e in src.iter() {
            dst.insert_new(e.hash, e.key.clone(), e.value.clone());
        }
    }
    if crate::gc::is_tracked(d) {
        crate::gc::track(&n);
    }
    Ok(n)
}

pub fn dict_equal(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<bool> {
    if table(a).borrow().len() != table(b).borrow().len() {
        return Ok(false);
    }
    for (k, v) in dict_items(a) {
        match vm.dict_lookup(b, &k)? {
            Some(v2) => {
                if !vm.eq(&v, &v2)? {
                    return Ok(false);
                }
            }
            None => return Ok(false),
        }
    }
    Ok(true)
}

fn view(d: &ObjRef, kind: DictViewKind) -> ObjRef {
    let t = builtin_types();
    let ty = match kind {
        DictViewKind::Keys => &t.dict_keys,
        DictViewKind::Values => &t.dict_values,
        DictViewKind::Items => &t.dict_items,
    };
    ObjRef::new(ty, Payload::DictView { dict: d.clone(), kind })
}

fn self_dict<'a>(vm: &Vm, args: &'a [ObjRef], name: &str) -> PyResult<&'a ObjRef> {
    match args.first() {
        Some(d) if d.as_dict().is_some() => Ok(d),
        _ => Err(vm.type_error(format!("descriptor '{}' for 'dict' objects doesn't apply", name))),
    }
}

fn dict_new(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let cls = &args[0];
    let _ = vm;
    Ok(ObjRef::new(cls, Payload::Dict(Box::new(std::cell::RefCell::new(DictTable::default())))))
}

fn dict_init(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let d = self_dict(vm, args, "__init__")?;
    let nkw = kw.map(|k| k.len()).unwrap_or(0);
    let npos = args.len() - 1 - nkw;
    if npos > 1 {
        return Err(vm.type_error(format!("dict expected at most 1 argument, got {}", npos)));
    }
    if npos == 1 {
        dict_update_from(vm, d, &args[1])?;
    }
    if let Some(names) = kw {
        for (k, v) in names.iter().zip(args[1 + npos..].iter()) {
            vm.dict_set(d, k.clone(), v.clone())?;
        }
    }
    Ok(object::none())
}

fn d_getitem(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    // Not `vm.getitem`, which would call a subclass's own `__getitem__` (the one that
    // calls `dict.__getitem__(self, k)` would recurse).
    let d = self_dict(vm, args, "__getitem__")?;
    vm.dict_subscript(d, &args[1])
}
fn d_setitem(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    vm.dict_set(&args[0], args[1].clone(), args[2].clone())?;
    Ok(object::none())
}
fn d_delitem(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    match vm.dict_del(&args[0], &args[1])? {
        Some(_) => Ok(object::none()),
        None => Err(vm.key_error(args[1].clone())),
    }
}
fn d_contains(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_bool(vm.dict_lookup(&args[0], &args[1])?.is_some()))
}
fn d_len(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let d = self_dict(vm, args, "__len__")?;
    Ok(object::new_int(table(d).borrow().len() as i64))
}
fn d_iter(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let d = self_dict(vm, args, "__iter__")?;
    vm.iter(&view(d, DictViewKind::Keys))
}
fn d_keys(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::arity(vm, "keys", &args[1..], kw, 0, 0)?;
    Ok(view(self_dict(vm, args, "keys")?, DictViewKind::Keys))
}
fn d_values(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::arity(vm, "values", &args[1..], kw, 0, 0)?;
    Ok(view(self_dict(vm, args, "values")?, DictViewKind::Values))
}
fn d_items(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::arity(vm, "items", &args[1..], kw, 0, 0)?;
    Ok(view(self_dict(vm, args, "items")?, DictViewKind::Items))
}
fn d_get(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::arity(vm, "get", &args[1..], kw, 1, 2)?;
    let d = self_dict(vm, args, "get")?;
    Ok(vm.dict_lookup(d, &args[1])?.unwrap_or_else(|| args.get(2).cloned().unwrap_or_else(object::none)))
}
fn d_setdefault(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::arity(vm, "setdefault", &args[1..], kw, 1, 2)?;
    let d = self_dict(vm, args, "setdefault")?;
    if let Some(v) = vm.dict_lookup(d, &args[1])? {
        return Ok(v);
    }
    let v = args.get(2).cloned().unwrap_or_else(object::none);
    vm.dict_set(d, args[1].clone(), v.clone())?;
    Ok(v)
}
fn d_pop(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::arity(vm, "pop", &args[1..], kw, 1, 2)?;
    let d = self_dict(vm, args, "pop")?;
    match vm.dict_del(d, &args[1])? {
        Some(v) => Ok(v),
        None => match args.get(2) {
            Some(def) => Ok(def.clone()),
            None => Err(vm.key_error(args[1].clone())),
        },
    }
}
fn d_popitem(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    super::arity(vm, "popitem", &args[1..], kw, 0, 0)?;
    let d = self_dict(vm, args, "popitem")?;
    let t = table(d);
    let last = {
        let b = t.borrow();
        (0..b.entries.len()).rev().find(|i| b.entry(*i).is_some())
    };
    match last {
        Some(i) => {
            let e = t.borrow_mut().pop_last_entry(i);
            Ok(object::new_tuple(vec![e.key.clone(), e.value.clone()]))
        }
        None => Err(vm.new_error("KeyError", "popitem(): dictionary is empty")),
    }
}
fn d_update(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let d = self_dict(vm, args, "update")?;
    let nkw = kw.map(|k| k.len()).unwrap_or(0);
    let npos = args.len() - 1 - nkw;
    if npos > 1 {
        return Err(vm.type_error(format!("update expected at most 1 argument, got {}", npos)));
    }
    if npos == 1 {
        dict_update_from(vm, d, &args[1])?;
    }
    if let Some(names) = kw {
        for (k, v) in names.iter().zip(args[1 + npos..].iter()) {
            vm.dict_set(d, k.clone(), v.clone())?;
        }
    }
    Ok(object::none())
}
fn d_clear(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let d = self_dict(vm, args, "clear")?;
    let old = table(d).borrow_mut().take_all();
    drop(old);
    Ok(object::none())
}
fn d_copy(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let d = self_dict(vm, args, "copy")?;
    dict_copy(vm, d)
}
fn d_fromkeys(vm: &Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    let a = parse_args(vm, "fromkeys", &args[1..], kw, &["iterable", "value"], 1)?;
    let d = vm.call(&args[0], &[], None)?;
    let v = a[1].clone().unwrap_or_else(object::none);
    for k in vm.collect(a[0].as_ref().unwrap())? {
        vm.setitem(&d, &k, v.clone())?;
    }
    Ok(d)
}
fn d_repr(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    super::repr::container_repr(vm, &args[0])
}
fn d_or(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    if args[1].as_dict().is_none() {
        return Ok(object::not_implemented());
    }
    let d = dict_copy(vm, &args[0])?;
    dict_update_from(vm, &d, &args[1])?;
    Ok(d)
}
fn d_ior(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    dict_update_from(vm, &args[0], &args[1])?;
    Ok(args[0].clone())
}
fn d_reversed(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let keys: Vec<ObjRef> = dict_items(&args[0]).into_iter().rev().map(|(k, _)| k).collect();
    vm.iter(&object::new_list(keys))
}
fn d_eq(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    if args[1].as_dict().is_none() {
        return Ok(object::not_implemented());
    }
    Ok(object::new_bool(dict_equal(vm, &args[0], &args[1])?))
}

fn view_len(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_int(vm.len(&args[0])? as i64))
}
fn view_iter(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    vm.iter(&args[0])
}
fn view_repr(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    super::repr::container_repr(vm, &args[0])
}
fn view_contains(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    Ok(object::new_bool(vm.contains(&args[0], &args[1])?))
}
fn view_reversed(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    let Payload::DictView { dict, kind } = args[0].payload() else { return Err(vm.type_error("dict view expected")) };
    let items: Vec<ObjRef> = dict_items(dict)
        .into_iter()
        .rev()
        .map(|(k, v)| match kind {
            DictViewKind::Keys => k,
            DictViewKind::Values => v,
            DictViewKind::Items => object::new_tuple(vec![k, v]),
        })
        .collect();
    vm.iter(&object::new_list(items))
}
fn view_isdisjoint(vm: &Vm, args: &[ObjRef], _kw: Option<&[ObjRef]>) -> PyResult {
    for x in vm.collect(&args[1])? {
        if vm.contains(&args[0], &x)? {
            return Ok(object::new_bool(false));
        }
    }
    Ok(object::new_bool(true))
}

pub fn init(_vm: &Vm) {
    let t = builtin_types();
    let d = &t.dict;
    super::def_staticmethod(d, "__new__", dict_new);
    def(d, "__init__", dict_init);
    def(d, "__getitem__", d_getitem);
    def(d, "__setitem__", d_setitem);
    def(d, "__delitem__", d_delitem);
    def(d, "__contains__", d_contains);
    def(d, "__len__", d_len);
    def(d, "__iter__", d_iter);
    def(d, "__repr__", d_repr);
    def(d, "__or__", d_or);
    def(d, "__ior__", d_ior);
    def(d, "__eq__", d_eq);
    def(d, "__reversed__", d_reversed);
    def(d, "keys", d_keys);
    def(d, "values", d_values);
    def(d, "items", d_items);
    def(d, "get", d_get);
    def(d, "setdefault", d_setdefault);
    def(d, "pop", d_pop);
    def(d, "popitem", d_popitem);
    def(d, "update", d_update);
    def(d, "clear", d_clear);
    def(d, "copy", d_copy);
    def_classmethod(d, "fromkeys", d_fromkeys);
    super::set_type_attr(d, "__hash__", object::none());
    for v in [&t.dict_keys, &t.dict_values, &t.dict_items] {
        def(v, "__len__", view_len);
        def(v, "__iter__", view_iter);
        def(v, "__repr__", view_repr);
        def(v, "__contains__", view_contains);
        def(v, "isdisjoint", view_isdisjoint);
        def(v, "__reversed__", view_reversed);
    }
}
