//! Attribute sites: the inline caches of LOAD_ATTR, STORE_ATTR and LOAD_METHOD for
//! instances of Python classes (what CPython 3.11's LOAD_ATTR_INSTANCE_VALUE,
//! STORE_ATTR_INSTANCE_VALUE and LOAD_METHOD_WITH_VALUES specialisations do).
//!
//! Invariant: a site whose `version` equals the current version tag of an object's type
//! describes what the generic path (`Vm::getattr`, `Vm::setattr`, `Vm::load_method`)
//! does with that site's name on any plain instance of that type: version tags are never
//! reused and a type's tag is reset whenever a dict on its MRO changes, so the type's
//! attributes, its `__getattribute__` and `__setattr__` are as they were when the site
//! was filled. What the site cannot know, the contents of the instance's own dict, is
//! looked up each time. A fast path only ever returns what the generic path would have
//! returned; anything else (a miss, a descriptor, an error) takes the generic path.

use std::cell::Cell;

use super::Vm;
use crate::object::types::{builtin_types, TypeData};
use crate::object::str::StrData;
use crate::object::{self, ObjRef, Payload, PyObject, PyResult};

/// One instruction's cache.
pub struct AttrSite {
    /// The version tag of the type the site describes (0: empty). Tags start at 1, so a
    /// site whose kind is not `Generic` holds a tag that is not 0.
    version: Cell<u64>,
    kind: Cell<Kind>,
    /// For `Kind::Method`: the function the type's MRO holds under the name. Borrowed:
    /// the type's dict keeps it alive while `version` is current.
    method: Cell<*const PyObject>,
    /// Where the name last sat in an instance dict or among the type's shared keys
    /// (see `object::values::key_index`): only a hint, checked before use.
    index: Cell<u32>,
    /// For `Kind::Values`: `version` again, and where the value sits in an instance's
    /// vector (`nslots + index`, both fixed while `version` is current). For any other
    /// kind `NO_TAG`, which no type's tag equals: a hit then needs one comparison, with
    /// the type's current tag, and no test of the kind.
    values_version: Cell<u64>,
    values_at: Cell<usize>,
}

/// A version no type ever has (tags count up from 1).
const NO_TAG: u64 = u64::MAX;

impl Default for AttrSite {
    fn default() -> AttrSite {
        AttrSite {
            version: Cell::new(0),
            kind: Cell::new(Kind::Generic),
            method: Cell::new(std::ptr::null()),
            index: Cell::new(0),
            values_version: Cell::new(NO_TAG),
            values_at: Cell::new(0),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Nothing to shortcut: always the generic path.
    Generic,
    /// Loads: the type has no attribute of this name, so the value is the instance
    /// dict's or the generic path's error (or `__getattr__`). Stores: the value goes
    /// into the instance dict (no `__setattr__`, no data descriptor, no `__slots__`).
    InstanceDict,
    /// What `InstanceDict` says, and the name is the type's shared key `index` (see
    /// `object::values`): an instance without a dict holds the value at that index.
    Values,
    /// Loads: the type holds a plain Python function (a non-data descriptor) under the
    /// name: the instance dict first, else the function bound to the instance.
    Method,
    /// LOAD_METHOD on an instance of a builtin type (a list, a str, ...) without an
    /// instance dict, whose type holds a method under the name that no native attribute
    /// shadows: the method and the instance.
    BuiltinMethod,
    /// Loads: the type holds an exact `property` under the name (`method` points at it)
    /// and has no `__getattr__`: a data descriptor, so the instance dict does not
    /// matter, and the value is what the property's getter returns for the instance
    /// (the getter is read at each load: `property.__init__` may replace it).
    Property,
}

/// What LOAD_ATTR found through a site.
pub enum AttrLoad {
    /// The attribute's value (a new reference).
    Value(ObjRef),
    /// The getter of a property (a new reference): a Python function to call with the
    /// instance alone, whose result is the attribute's value; the eval loop runs it as a
    /// callee (as CPython 3.12's LOAD_ATTR_PROPERTY does).
    Getter(ObjRef),
}

/// The type of `obj` when it is an instance of a Python class with the plain object
/// layout.
#[inline]
fn plain_type(obj: &PyObject) -> Option<&TypeData> {
    if !matches!(obj.payload(), Payload::Object(_)) {
        return None;
    }
    let td = obj.type_data();
    td.heap.then_some(td)
}

type ObjectVec = std::cell::RefCell<Vec<Option<ObjRef>>>;

/// The type of `obj` when LOAD_METHOD on it may be cached as `Kind::BuiltinMethod`:
/// an instance of a builtin type whose attributes only the type provides (no instance
/// dict, and not one of the kinds whose native attributes `native_attrs::get` serves).
#[inline]
fn builtin_receiver_type(obj: &PyObject) -> Option<&TypeData> {
    let td = obj.type_data();
    if td.heap || obj.has_dict() {
        return None;
    }
    match obj.payload() {
        Payload::List(_) | Payload::Tuple(_) | Payload::Dict(_) | Payload::Set(_) | Payload::Str(_) | Payload::Bytes(_) | Payload::ByteArray(_) => Some(td),
        _ => None,
    }
}

/// `name` as text when a site may describe it: dunder names may be native attributes.
/// A site is filled only for such a name, and an instruction's name never changes, so
/// a site that hits needs no second look at its name.
#[inline]
fn cacheable_name(name: &ObjRef) -> Option<&StrData> {
    let n = name.as_str_data()?;
    (!n.s.starts_with("__")).then_some(n)
}

impl AttrSite {
    /// The kind recorded for `td`, if the site describes the type's current state.
    #[inline]
    fn hit(&self, td: &TypeData) -> Option<Kind> {
        let v = td.current_version();
        (v != 0 && v == self.version.get()).then(|| self.kind.get())
    }

    fn fill(&self, td: &TypeData, kind: Kind, method: *const PyObject) {
        self.version.set(td.version_tag());
        // What `index` knew was about another type's keys (see `object::values`).
        self.index.set(0);
        self.method.set(method);
        self.kind.set(kind);
        self.values_version.set(NO_TAG);
    }

    /// Turns an `InstanceDict` site for `td` into a `Values` one: the name is shared key
    /// `i` of `td` (keys are never removed, so this holds while the site's version is
    /// current).
    #[inline]
    fn upgrade(&self, td: &TypeData, i: u32) {
        self.index.set(i);
        self.kind.set(Kind::Values);
        self.values_at.set(td.nslots.get() + i as usize);
        self.values_version.set(self.version.get());
    }

    /// `fill` for an `InstanceDict` site, made a `Values` one if the name is already a
    /// shared key of `td`.
    fn fill_instance(&self, td: &TypeData, name: &PyObject) -> Kind {
        self.fill(td, Kind::InstanceDict, std::ptr::null());
        if td.inline_values.get() {
            if let Some(i) = object::values::key_of(td, name) {
                self.upgrade(td, i as u32);
            }
        }
        self.kind.get()
    }

    /// The remembered function of a `Method` site (a new reference).
    fn method(&self) -> ObjRef {
        ObjRef::from_borrowed(crate::memory::deref_table_ptr(self.method.get()))
    }

    /// For a `Property` site that hit: the property's getter (a new reference) when it
    /// is a plain Python function called with exactly one positional argument that
    /// makes no generator, which the eval loop can run as a callee.
    fn property_getter(&self) -> Option<ObjRef> {
        let Payload::Property(p) = crate::memory::deref_table_ptr(self.method.get()).payload() else { return None };
        let parts = p.parts.borrow();
        let g = parts.fget.as_ref()?;
        match g.payload() {
            Payload::Function(fd) if g.ty().is(&builtin_types().function) && fd.shape.exact_args == 1 && !fd.shape.generator => Some(g.clone()),
            _ => None,
        }
    }

    /// Classifies a load of `n` from instances of `td` and records it. Runs no Python
    /// code: it only reads the dicts along the MRO.
    fn fill_load(&self, td: &TypeData, name: &PyObject, n: &StrData) -> Kind {
        let (kind, method) = if td.custom_getattribute().is_some() {
            (Kind::Generic, std::ptr::null())
        } else {
            match td.lookup_hashed(&n.s, n.hash()) {
                None => return self.fill_instance(td, name),
                Some(d) if matches!(d.payload(), Payload::Function(_)) && d.ty().is(&builtin_types().function) => (Kind::Method, &*d as *const PyObject),
                Some(d) if matches!(d.payload(), Payload::Property(_)) && !d.type_data().heap && td.lookup("__getattr__").is_none() => (Kind::Property, &*d as *const PyObject),
                Some(_) => (Kind::Generic, std::ptr::null()),
            }
        };
        self.fill(td, kind, method);
        kind
    }

    /// Classifies LOAD_METHOD of `n` on instances of the builtin type `td` (see
    /// `builtin_receiver_type`) and records it. Runs no Python code.
    fn fill_builtin_method(&self, td: &TypeData, n: &StrData) -> Kind {
        let (kind, method) = match td.lookup_hashed(&n.s, n.hash()) {
            Some(m) if matches!(m.payload(), Payload::Builtin(b) if b.self_.is_none()) && td.custom_getattribute().is_none() => (Kind::BuiltinMethod, &*m as *const PyObject),
            _ => (Kind::Generic, std::ptr::null()),
        };
        self.fill(td, kind, method);
        kind
    }

    /// Classifies a store to `n` on instances of `td` and records it (no Python code).
    fn fill_store(&self, td: &TypeData, name: &PyObject, n: &StrData) -> Kind {
        let plain_setattr = td.lookup("__setattr__").map_or(true, |s| matches!(s.payload(), Payload::Builtin(_)));
        let non_data = match td.lookup_hashed(&n.s, n.hash()) {
            None => true,
            Some(d) => matches!(d.payload(), Payload::Function(_) | Payload::Builtin(_) | Payload::StaticMethod(_) | Payload::ClassMethod(_)),
        };
        if plain_setattr && non_data && td.slots.borrow().is_none() {
            return self.fill_instance(td, name);
        }
        self.fill(td, Kind::Generic, std::ptr::null());
        Kind::Generic
    }
}

/// `name`'s value among the attributes of `obj` (its instance dict, or its inline
/// values when it has no dict), if it has one under the name.
#[inline]
fn from_instance_dict(site: &AttrSite, obj: &PyObject, name: &ObjRef) -> Option<ObjRef> {
    match obj.dict() {
        Some(d) => crate::builtins::dict::dict_get_name_hinted(&d, name, &site.index),
        None => object::values::get(obj, name, &site.index),
    }
}

impl AttrSite {
    /// The type of `obj` and its vector when the site is a `Values` one for that type and
    /// `obj` has no dict (the version tag identifies the type: tags are never reused).
    #[inline(always)]
    fn values_of<'o>(&self, obj: &'o PyObject) -> Option<(&'o TypeData, &'o ObjectVec)> {
        let Payload::Object(v) = obj.payload() else { return None };
        let td = obj.type_data();
        (td.current_version() == self.values_version.get() && !obj.has_dict()).then_some((td, v))
    }

    /// Whether a `Method` site applies to `obj` and `obj` cannot shadow the method: it
    /// has no dict, and its type keeps no inline values or has no shared key of the name
    /// (`index` records that miss, see `object::values::key_index`).
    #[inline(always)]
    fn method_hit(&self, obj: &PyObject) -> bool {
        let Payload::Object(_) = obj.payload() else { return false };
        let td = obj.type_data();
        let version = td.current_version();
        if self.kind.get() != Kind::Method || version != self.version.get() || obj.has_dict() {
            return false;
        }
        !td.inline_values.get() || object::values::known_missing(td, self.index.get())
    }

    /// A `Values` site's hit: the attribute's value (a new reference), if set. No code
    /// runs and no reference is released, so `obj` may be borrowed (from a local).
    #[inline(always)]
    pub(super) fn values_hit(&self, obj: &PyObject) -> Option<ObjRef> {
        let (_, v) = self.values_of(obj)?;
        crate::memory::peek_value(v, self.values_at.get())
    }

    /// A `Values` site's store over a set attribute: `Ok(old)`, the replaced value for
    /// the caller to drop; `Err(value)` when the site does not apply.
    #[inline(always)]
    fn values_replace(&self, obj: &PyObject, value: ObjRef) -> Result<ObjRef, ObjRef> {
        let Some((_, v)) = self.values_of(obj) else { return Err(value) };
        let mut v = v.borrow_mut();
        match v.get_mut(self.values_at.get()) {
            Some(slot @ Some(_)) => Ok(slot.replace(value).expect("set")),
            _ => Err(value),
        }
    }

    /// A `Values` site's store of a new attribute that goes at the end of the instance's
    /// values (attributes set in the class's order, as by `__init__`), as
    /// `object::values::set` would store it; `Err(value)` when the site does not apply.
    fn values_append(&self, obj: &PyObject, value: ObjRef) -> Result<(), ObjRef> {
        let Some((td, v)) = self.values_of(obj) else { return Err(value) };
        let at = self.values_at.get();
        let mut v = v.borrow_mut();
        if at != v.len() {
            return Err(value);
        }
        object::values::store_past_end(&mut v, td, at, value);
        Ok(())
    }

    /// For a `Values` or `InstanceDict` site that hit: the instance's own attribute
    /// `name`, if it has one.
    #[inline]
    fn instance_attr(&self, kind: Kind, obj: &PyObject, td: &TypeData, name: &ObjRef) -> Option<ObjRef> {
        if kind == Kind::Values {
            // `index` is the key index: a dict lookup must not use it as its hint.
            return self.values_hit(obj).or_else(|| obj.dict().and_then(|d| crate::builtins::dict::dict_get_name(&d, name)));
        }
        let v = from_instance_dict(self, obj, name)?;
        if td.inline_values.get() && !obj.has_dict() {
            // Found among the values: `index` is now the name's key index.
            self.upgrade(td, self.index.get());
        }
        Some(v)
    }
}

impl Vm {
    /// LOAD_ATTR: `obj.name` through the instruction's site, past its commonest hit (an
    /// attribute among an instance's values, `AttrSite::values_hit`), which the eval
    /// loop tests inline.
    #[inline(never)]
    pub(super) fn load_attr_site(&self, site: &AttrSite, obj: &ObjRef, name: &ObjRef) -> PyResult<AttrLoad> {
        if let Some(td) = plain_type(obj) {
            let kind = match site.hit(td) {
                Some(k) => k,
                None => cacheable_name(name).map_or(Kind::Generic, |n| site.fill_load(td, name, n)),
            };
            match kind {
                Kind::Values | Kind::InstanceDict => {
                    if let Some(v) = site.instance_attr(kind, obj, td, name) {
                        return Ok(AttrLoad::Value(v));
                    }
                }
                Kind::Method => {
                    if let Some(v) = from_instance_dict(site, obj, name) {
                        return Ok(AttrLoad::Value(v));
                    }
                    let func = site.method();
                    return Ok(AttrLoad::Value(ObjRef::new(&builtin_types().method, Payload::BoundMethod { func, self_: obj.clone() })));
                }
                // A getter that is not a plain Python function takes the generic path.
                Kind::Property => {
                    if let Some(getter) = site.property_getter() {
                        return Ok(AttrLoad::Getter(getter));
                    }
                }
                // Only LOAD_METHOD fills a site with BuiltinMethod, and not for this type.
                Kind::Generic | Kind::BuiltinMethod => {}
            }
        }
        self.getattr(obj, name).map(AttrLoad::Value)
    }

    /// STORE_ATTR: `obj.name = value` through the instruction's site. The commonest hit,
    /// replacing an attribute among an instance's values, is tested inline.
    #[inline(always)]
    pub(super) fn store_attr_site(&self, site: &AttrSite, obj: &ObjRef, names: &[ObjRef], name: usize, value: ObjRef) -> PyResult<()> {
        match site.values_replace(obj, value) {
            Ok(old) => {
                drop(old);
                Ok(())
            }
            Err(value) => self.store_attr_site_slow(site, obj, &names[name], value),
        }
    }

    #[inline(never)]
    fn store_attr_site_slow(&self, site: &AttrSite, obj: &ObjRef, name: &ObjRef, value: ObjRef) -> PyResult<()> {
        let value = match site.values_append(obj, value) {
            Ok(()) => return Ok(()),
            Err(v) => v,
        };
        if let Some(td) = plain_type(obj) {
            let kind = match site.hit(td) {
                Some(k) => k,
                None => cacheable_name(name).map_or(Kind::Generic, |n| site.fill_store(td, name, n)),
            };
            return match kind {
                Kind::Values => match site.values_replace(obj, value) {
                    Ok(old) => {
                        drop(old);
                        Ok(())
                    }
                    // A new attribute, or an instance with a dict: the general path,
                    // whose hint must leave the site's key index alone.
                    Err(v) => self.store_instance_attr(obj, name, v, &std::cell::Cell::new(site.index.get())).map(drop),
                },
                Kind::InstanceDict => {
                    if self.store_instance_attr(obj, name, value, &site.index)? {
                        // Stored among the values: `index` is now the name's key index.
                        site.upgrade(td, site.index.get());
                    }
                    Ok(())
                }
                _ => self.setattr(obj, name, value),
            };
        }
        self.setattr(obj, name, value)
    }

    /// A store that a site has found to go into the instance's attributes (see
    /// `Kind::InstanceDict`): into its values if it can (true), else into its dict,
    /// created (or materialized from the values) by the first such store, as the generic
    /// path would.
    fn store_instance_attr(&self, obj: &ObjRef, name: &ObjRef, value: ObjRef, hint: &std::cell::Cell<u32>) -> PyResult<bool> {
        let value = match object::values::set(obj, name, value, hint) {
            Ok(old) => {
                drop(old);
                return Ok(true);
            }
            Err(v) => v,
        };
        match obj.dict().or_else(|| self.instance_dict(obj)) {
            Some(d) => crate::builtins::dict::dict_set_name_hinted(&d, name, value, hint),
            None => self.setattr(obj, name, value)?,
        }
        Ok(false)
    }

    /// LOAD_METHOD: (method, self) or (NULL, attribute) through the instruction's site.
    /// The commonest hit, a method of an instance that cannot shadow it, is tested inline.
    #[inline(always)]
    pub(super) fn load_method_site(&self, site: &AttrSite, obj: ObjRef, names: &[ObjRef], name: usize) -> PyResult<(ObjRef, ObjRef)> {
        if site.method_hit(&obj) {
            return Ok((site.method(), obj));
        }
        self.load_method_site_slow(site, obj, &names[name])
    }

    #[inline(never)]
    fn load_method_site_slow(&self, site: &AttrSite, obj: ObjRef, name: &ObjRef) -> PyResult<(ObjRef, ObjRef)> {
        if let Some(td) = plain_type(&obj) {
            let kind = match site.hit(td) {
                Some(k) => k,
                None => cacheable_name(name).map_or(Kind::Generic, |n| site.fill_load(td, name, n)),
            };
            match kind {
                Kind::Method => {
                    if let Some(v) = from_instance_dict(site, &obj, name) {
                        return Ok((object::new_null(), v));
                    }
                    return Ok((site.method(), obj));
                }
                Kind::Values | Kind::InstanceDict => {
                    if let Some(v) = site.instance_attr(kind, &obj, td, name) {
                        return Ok((object::new_null(), v));
                    }
                }
                Kind::Generic | Kind::BuiltinMethod | Kind::Property => {}
            }
        } else if let Some(td) = builtin_receiver_type(&obj) {
            let kind = match site.hit(td) {
                Some(k) => k,
                None => cacheable_name(name).map_or(Kind::Generic, |n| site.fill_builtin_method(td, n)),
            };
            if kind == Kind::BuiltinMethod {
                return Ok((site.method(), obj));
            }
        }
        self.load_method(obj, name)
    }
}
