//! Type objects: `TypeData`, the builtin type registry and the singletons.
//!
//! Invariants:
//! - Builtin types and singletons are created once per thread by `init` and never freed
//!   (the registry keeps a counted reference to each).
//! - `mro` starts with the type itself and ends with `object` (C3 linearisation).
//! - `dict` is a real `dict` object holding the class namespace; lookups walk `mro` and
//!   read each type's dict by string key without running Python code.

use std::cell::{OnceCell, RefCell};

use super::{new_dict, ObjRef, Payload, PyObject};
use crate::object::str::str_hash;

/// The memory layout instances of a type get (their payload variant).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Layout {
    Object,
    Int,
    Float,
    Complex,
    Str,
    Bytes,
    ByteArray,
    Tuple,
    List,
    Dict,
    Set,
    FrozenSet,
    Exception,
    Type,
    /// Types that cannot be subclassed or instantiated directly (function, NoneType, ...).
    Other,
}

pub struct TypeData {
    pub name: RefCell<String>,
    pub qualname: RefCell<String>,
    pub bases: RefCell<Vec<ObjRef>>,
    pub mro: RefCell<Vec<ObjRef>>,
    dict: OnceCell<ObjRef>,
    pub layout: Layout,
    pub heap: bool,
    pub basetype: bool,
    /// `__slots__` names of this class (None when the class has a `__dict__`).
    pub slots: RefCell<Option<Vec<String>>>,
    /// Slot values an instance holds: this class's members and its bases'.
    pub nslots: std::cell::Cell<usize>,
    /// Whether instances keep their attributes inline (see `object::values`); set once
    /// when the class is created.
    pub inline_values: std::cell::Cell<bool>,
    /// The attribute names the instances share, append-only (see `object::values`).
    pub shared_keys: RefCell<Vec<ObjRef>>,
    /// The attribute cache's version tag (0: none yet). See `type_modified`.
    version: std::cell::Cell<u64>,
    /// The version tag under which the type was seen to have no Python-level
    /// `__getattribute__` (0: not known), so that attribute loads skip that lookup.
    plain_getattribute: std::cell::Cell<u64>,
    /// Results of `lookup` for string literals (CPython reads such names from type
    /// slots), keyed by the literal's address; see `LiteralCacheEntry`.
    literal_cache: [LiteralCacheEntry; LITERAL_CACHE_SIZE],
}

const LITERAL_CACHE_SIZE: usize = 16;

/// One remembered `lookup(name)` of a type. Invariant, as for the attribute cache: the
/// entry is valid only while `version` is the type's current version tag; `value` is
/// then a borrowed pointer into the dict of a type on the MRO, which cannot change
/// without resetting the tag (tags are never reused). `name` is the literal's address
/// and length: a `'static` str never changes at its address.
#[derive(Default)]
struct LiteralCacheEntry {
    version: std::cell::Cell<u64>,
    name: std::cell::Cell<(usize, usize)>,
    value: std::cell::Cell<Option<*const PyObject>>,
}

impl TypeData {
    pub fn new(name: &str, layout: Layout, heap: bool) -> TypeData {
        TypeData {
            name: RefCell::new(name.to_string()),
            qualname: RefCell::new(name.to_string()),
            bases: RefCell::new(Vec::new()),
            mro: RefCell::new(Vec::new()),
            dict: OnceCell::new(),
            layout,
            heap,
            basetype: true,
            slots: RefCell::new(None),
            nslots: std::cell::Cell::new(0),
            inline_values: std::cell::Cell::new(false),
            shared_keys: RefCell::new(Vec::new()),
            version: std::cell::Cell::new(0),
            plain_getattribute: std::cell::Cell::new(0),
            literal_cache: Default::default(),
        }
    }
    pub fn dict(&self) -> &ObjRef {
        self.dict.get().expect("type dict initialised")
    }
    /// The current version tag without assigning one (0: none). Tags are never reused,
    /// so a remembered nonzero tag equal to this one means "this type, unchanged".
    #[inline]
    pub fn current_version(&self) -> u64 {
        self.version.get()
    }
    pub fn set_dict(&self, d: ObjRef) {
        let _ = self.dict.set(d);
    }
    /// Looks `name`, a string literal, up along the MRO (a new reference to what the
    /// MRO's dicts hold). The type's literal cache and then the attribute cache are
    /// keyed by the literal's address, so a hit neither hashes nor compares bytes (a
    /// `'static` str never changes at its address).
    pub fn lookup(&self, name: &'static str) -> Option<ObjRef> {
        let version = self.version_tag();
        let key = (name.as_ptr() as usize, name.len());
        // Two ways: a literal sits at its slot or at the slot's neighbour, so that two
        // literals whose addresses collide (the binary's layout decides) do not evict
        // each other at every lookup.
        let at = (key.0.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 60) as usize % LITERAL_CACHE_SIZE;
        for e in [&self.literal_cache[at], &self.literal_cache[at ^ 1]] {
            if e.version.get() == version && e.name.get() == key {
                return e.value.get().map(|p| ObjRef::from_borrowed(crate::memory::deref_table_ptr(p)));
            }
        }
        let slot = attr_cache_slot(version, name.as_ptr() as u64);
        let found = match attr_cache_probe(slot, version, name) {
            Some(hit) => hit,
            None => self.lookup_fill(slot, version, name, name.as_ptr(), str_hash(name)),
        };
        // The newest entry takes the slot, the one it displaces the neighbour.
        let (e, older) = (&self.literal_cache[at], &self.literal_cache[at ^ 1]);
        older.version.set(e.version.get());
        older.name.set(e.name.get());
        older.value.set(e.value.get());
        e.version.set(version);
        e.name.set(key);
        e.value.set(found.as_ref().map(|v| &**v as *const PyObject));
        found
    }
    /// `lookup` for a name that is not a literal.
    pub fn lookup_str(&self, name: &str) -> Option<ObjRef> {
        self.lookup_hashed(name, str_hash(name))
    }
    /// `lookup` with the name's hash already known (`h == str_hash(name)`), as a str
    /// object caches it: attribute access on a name constant hashes nothing.
    ///
    /// Results are remembered in the attribute cache under the type's version tag, as
    /// CPython's type attribute cache does.
    pub fn lookup_hashed(&self, name: &str, h: i64) -> Option<ObjRef> {
        debug_assert_eq!(h, str_hash(name));
        let version = self.version_tag();
        let slot = attr_cache_slot(version, h as u64);
        match attr_cache_probe(slot, version, name) {
            Some(hit) => hit,
            None => self.lookup_fill(slot, version, name, std::ptr::null(), h),
        }
    }

    /// Looks `name` up along the MRO and remembers the result in cache slot `slot`;
    /// `literal` is the address of a `'static` name (null if the name is not one).
    fn lookup_fill(&self, slot: usize, version: u64, name: &str, literal: *const u8, h: i64) -> Option<ObjRef> {
        let found = self.lookup_uncached(name, h);
        let value = found.as_ref().map(|v| &**v as *const PyObject);
        let key = super::str::intern(name);
        // The entry's own name string lives as long as the entry: its address
        // identifies the name as well as a literal's does.
        let ident = if literal.is_null() { key.as_str().map_or(std::ptr::null(), |k| k.as_ptr()) } else { literal };
        let old = ATTR_CACHE.with(|c| {
            let mut c = c.borrow_mut();
            if c.is_empty() {
                c.extend((0..ATTR_CACHE_SIZE).map(|_| AttrCacheEntry { version: 0, ident: (std::ptr::null(), 0), name: None, value: None }));
            }
            let e = &mut c[slot];
            e.version = version;
            e.value = value;
            e.ident = (ident, name.len());
            e.name.replace(key)
        });
        drop(old);
        found
    }

    /// The type's version tag, assigning a fresh one when it has none.
    pub(crate) fn version_tag(&self) -> u64 {
        let v = self.version.get();
        if v != 0 {
            return v;
        }
        let v = NEXT_VERSION.with(|n| {
            let v = n.get();
            n.set(v + 1);
            v
        });
        self.version.set(v);
        v
    }

    fn lookup_uncached(&self, name: &str, h: i64) -> Option<ObjRef> {
        for t in self.mro.borrow().iter() {
            let td = t.as_type().expect("mro holds types");
            if let Some(d) = td.dict.get() {
                if let Some(v) = d.as_dict().expect("type dict").borrow().get_str(name, h) {
                    return Some(v.clone());
                }
            }
        }
        None
    }
    /// A Python-level `__getattribute__` override of a heap type (None when attribute
    /// access is `object.__getattribute__` or another builtin one). Hot: every attribute
    /// load on an instance of a class asks, so the name's hash is computed once.
    pub fn custom_getattribute(&self) -> Option<ObjRef> {
        if !self.heap {
            return None;
        }
        let version = self.version_tag();
        if self.plain_getattribute.get() == version {
            return None;
        }
        // The interned name's own bytes, so the attribute cache matches it by pointer.
        let ga = GETATTRIBUTE.with(|n| {
            let s = n.as_str_data().expect("str");
            self.lookup_hashed(&s.s, s.hash())
        });
        match ga {
            Some(ga) if !matches!(ga.payload(), Payload::Builtin(_)) => Some(ga),
            _ => {
                self.plain_getattribute.set(version);
                None
            }
        }
    }
    /// Looks `name` up in this type's own dict only.
    pub fn lookup_own(&self, name: &str) -> Option<ObjRef> {
        let d = self.dict.get()?;
        let r = d.as_dict().expect("type dict").borrow().get_str(name, str_hash(name)).cloned();
        r
    }
}

impl PyObject {
    /// `issubclass(self, other)` by MRO, for type objects.
    pub fn is_subtype(&self, other: &PyObject) -> bool {
        if self.is(other) {
            return true;
        }
        match self.as_type() {
            Some(td) => td.mro.borrow().iter().any(|t| t.is(other)),
            None => false,
        }
    }
    /// `isinstance(self, ty)` without `__instancecheck__`.
    pub fn is_instance(&self, ty: &PyObject) -> bool {
        self.ty().is_subtype(ty)
    }
}

macro_rules! builtin_types {
    ($($field:ident : $name:literal, $layout:ident, $base:ident;)*) => {
        pub struct Types {
            pub type_: ObjRef,
            pub object: ObjRef,
            $(pub $field: ObjRef,)*
        }
        fn make_types() -> Types {
            let type_ = ObjRef::new_self_typed(Payload::Type(Box::new(TypeData::new("type", Layout::Type, false))));
            let object = ObjRef::new(&type_, Payload::Type(Box::new(TypeData::new("object", Layout::Object, false))));
            object.as_type().unwrap().mro.borrow_mut().push(object.clone());
            type_.as_type().unwrap().bases.borrow_mut().push(object.clone());
            *type_.as_type().unwrap().mro.borrow_mut() = vec![type_.clone(), object.clone()];
            $(
                let $field = ObjRef::new(&type_, Payload::Type(Box::new(TypeData::new($name, Layout::$layout, false))));
            )*
            let t = Types { type_, object, $($field,)* };
            $( link_base(&t.$field, &t.$base); )*
            t
        }
        fn all_fields(t: &Types) -> Vec<&ObjRef> {
            vec![$(&t.$field),*]
        }
    };
}

/// The type attribute cache: `lookup_hashed` results keyed by (type version tag, name).
///
/// Invariants: an entry's `value` is a borrowed pointer into the dict of a type on the
/// MRO of the type whose tag is `version`. A type's tag is reset to 0 by
/// `type_modified` whenever its dict, its MRO or the dict of any type on its MRO
/// changes (or is cleared by the collector), and tags are never reused, so an entry
/// whose tag is still some type's current tag points at a live object.
/// An entry holds a reference to its (interned) name, as CPython's does, so comparing
/// names by their data pointer is exact; `clear_attr_cache` drops them.
struct AttrCacheEntry {
    version: u64,
    /// The address and length of a string that stays this name at that address while
    /// the entry exists: a literal, or the entry's own `name` string.
    ident: (*const u8, usize),
    name: Option<ObjRef>,
    value: Option<*const PyObject>,
}

const ATTR_CACHE_SIZE: usize = 4096;

fn attr_cache_slot(version: u64, h: u64) -> usize {
    ((version ^ h).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - 12)) as usize % ATTR_CACHE_SIZE
}

/// The cached result for `name` in `slot` if the entry is for this name under the
/// type's current version: `Some(result)` on a hit (the result itself may be "absent").
fn attr_cache_probe(slot: usize, version: u64, name: &str) -> Option<Option<ObjRef>> {
    let hit = ATTR_CACHE.with(|c| {
        let c = c.borrow();
        let e = c.get(slot)?;
        if e.version != version {
            return None;
        }
        let same_name = e.ident == (name.as_ptr(), name.len()) || e.name.as_ref().and_then(|n| n.as_str()).is_some_and(|n| n == name);
        same_name.then_some(e.value)
    })?;
    Some(hit.map(|p| ObjRef::from_borrowed(crate::memory::deref_table_ptr(p))))
}

thread_local! {
    /// The interned "__getattribute__" (created by `init`, with the permanent objects).
    /// (Never dropped: at thread exit the heap's other thread-locals may be gone.)
    static GETATTRIBUTE: std::mem::ManuallyDrop<ObjRef> = std::mem::ManuallyDrop::new(super::str::intern("__getattribute__"));
    static NEXT_VERSION: std::cell::Cell<u64> = const { std::cell::Cell::new(1) };
    /// (Never dropped at thread exit, like GETATTRIBUTE.)
    /// Const-initialized (no lazy-init check on the hot path); filled on first store.
    static ATTR_CACHE: std::mem::ManuallyDrop<RefCell<Vec<AttrCacheEntry>>> = const { std::mem::ManuallyDrop::new(RefCell::new(Vec::new())) };
}

/// Empties the attribute cache, releasing the names it holds (at the leak check's
/// baseline and at teardown, so that the cache's contents are not counted).
pub fn clear_attr_cache() {
    let names: Vec<ObjRef> = ATTR_CACHE.with(|c| {
        c.borrow_mut()
            .iter_mut()
            .filter_map(|e| {
                e.version = 0;
                e.value = None;
                e.name.take()
            })
            .collect()
    });
    drop(names);
}

/// Invalidates the attribute cache for `td` and every type below it (call after
/// changing a type's dict or MRO): their version tags go back to 0.
pub fn type_modified(td: &TypeData) {
    // Before the first tag is handed out no cache entry exists to invalidate (the
    // builtin types are filled in at start-up this way).
    if NEXT_VERSION.with(|n| n.get()) == 1 {
        return;
    }
    td.version.set(0);
    for sub in subclasses(td) {
        if let Some(st) = sub.as_type() {
            type_modified(st);
        }
    }
}

thread_local! {
    /// Each type's direct subclasses, in creation order: base's TypeData address →
    /// (subclass's TypeData address, subclass object). Non-owning, like CPython's
    /// `tp_subclasses` of weak references: a type removes itself from its bases' lists
    /// when it is freed (`forget_subclass`), so every address here is a live type.
    static SUBCLASSES: RefCell<ahash::AHashMap<usize, Vec<(usize, *const PyObject)>>> = RefCell::new(ahash::AHashMap::new());
}

fn td_addr(td: &TypeData) -> usize {
    td as *const TypeData as usize
}

/// Records `ty` as a subclass of each of its bases (call once its bases are set).
pub fn register_subclass(ty: &ObjRef) {
    let td = ty.as_type().expect("a type");
    SUBCLASSES.with(|m| {
        let mut m = m.borrow_mut();
        for b in td.bases.borrow().iter() {
            if let Some(bt) = b.as_type() {
                m.entry(td_addr(bt)).or_default().push((td_addr(td), &**ty as *const PyObject));
            }
        }
    });
}

/// Removes a type being freed from its bases' subclass lists.
pub fn forget_subclass(td: &TypeData) {
    let me = td_addr(td);
    SUBCLASSES.with(|m| {
        let mut m = m.borrow_mut();
        for b in td.bases.borrow().iter() {
            if let Some(bt) = b.as_type() {
                if let Some(v) = m.get_mut(&td_addr(bt)) {
                    v.retain(|(t, _)| *t != me);
                }
            }
        }
        m.remove(&me);
    });
}

/// `ty.__subclasses__()`: the live direct subclasses, as new references.
pub fn subclasses(td: &TypeData) -> Vec<ObjRef> {
    let ptrs: Vec<*const PyObject> = SUBCLASSES.with(|m| m.borrow().get(&td_addr(td)).map(|v| v.iter().map(|(_, o)| *o).collect()).unwrap_or_default());
    ptrs.into_iter().map(|p| ObjRef::from_borrowed(crate::memory::deref_table_ptr(p))).collect()
}

fn link_base(ty: &ObjRef, base: &ObjRef) {
    let td = ty.as_type().unwrap();
    td.bases.borrow_mut().push(base.clone());
    register_subclass(ty);
    let mut mro = vec![ty.clone()];
    mro.extend(base.as_type().unwrap().mro.borrow().iter().cloned());
    *td.mro.borrow_mut() = mro;
}

builtin_types! {
    int: "int", Int, object;
    bool_: "bool", Int, int;
    float: "float", Float, object;
    complex: "complex", Complex, object;
    str: "str", Str, object;
    bytes: "bytes", Bytes, object;
    bytearray: "bytearray", ByteArray, object;
    tuple: "tuple", Tuple, object;
    list: "list", List, object;
    dict: "dict", Dict, object;
    set: "set", Set, object;
    frozenset: "frozenset", FrozenSet, object;
    range: "range", Other, object;
    slice: "slice", Other, object;
    none_type: "NoneType", Other, object;
    not_implemented_type: "NotImplementedType", Other, object;
    ellipsis_type: "ellipsis", Other, object;
    function: "function", Other, object;
    builtin_function: "builtin_function_or_method", Other, object;
    method: "method", Other, object;
    code: "code", Other, object;
    cell: "cell", Other, object;
    module: "module", Object, object;
    iterator: "iterator", Other, object;
    list_iterator: "list_iterator", Other, object;
    list_reverseiterator: "list_reverseiterator", Other, object;
    tuple_iterator: "tuple_iterator", Other, object;
    str_iterator: "str_ascii_iterator", Other, object;
    range_iterator: "range_iterator", Other, object;
    dict_keyiterator: "dict_keyiterator", Other, object;
    dict_valueiterator: "dict_valueiterator", Other, object;
    dict_itemiterator: "dict_itemiterator", Other, object;
    set_iterator: "set_iterator", Other, object;
    callable_iterator: "callable_iterator", Other, object;
    enumerate: "enumerate", Other, object;
    zip: "zip", Other, object;
    map: "map", Other, object;
    filter: "filter", Other, object;
    reversed: "reversed", Other, object;
    generator: "generator", Other, object;
    property: "property", Other, object;
    staticmethod: "staticmethod", Other, object;
    classmethod: "classmethod", Other, object;
    super_: "super", Other, object;
    traceback: "traceback", Other, object;
    frame: "frame", Other, object;
    mappingproxy: "mappingproxy", Other, object;
    member_descriptor: "member_descriptor", Other, object;
    text_file: "TextIOWrapper", Other, object;
    reader_file: "BufferedReader", Other, object;
    writer_file: "BufferedWriter", Other, object;
    dict_keys: "dict_keys", Other, object;
    dict_values: "dict_values", Other, object;
    dict_items: "dict_items", Other, object;
    null: "NULL", Other, object;
    base_exception: "BaseException", Exception, object;
}

pub struct Singletons {
    pub none: ObjRef,
    pub not_implemented: ObjRef,
    pub ellipsis: ObjRef,
    pub true_: ObjRef,
    pub false_: ObjRef,
    pub null: ObjRef,
    pub empty_tuple: ObjRef,
    pub empty_str: ObjRef,
    pub latin1: Vec<ObjRef>,
    pub small_ints: Vec<ObjRef>,
}

/// The builtin types and singletons together, as the constructors see them.
pub struct Builtins {
    pub types: &'static Types,
    pub s: &'static Singletons,
}

impl std::ops::Deref for Builtins {
    type Target = Types;
    fn deref(&self) -> &Types {
        self.types
    }
}

thread_local! {
    static TYPES: std::cell::Cell<Option<&'static Types>> = const { std::cell::Cell::new(None) };
    static SINGLETONS: std::cell::Cell<Option<&'static Singletons>> = const { std::cell::Cell::new(None) };
}

/// The builtin types of this thread's interpreter. `init` must have run.
#[inline]
pub fn builtin_types() -> &'static Types {
    TYPES.with(|t| t.get()).expect("builtin types initialised")
}

/// The builtin types, or None before `init` has made them (objects freed while the
/// types are being made).
#[inline]
pub fn builtin_types_if_made() -> Option<&'static Types> {
    TYPES.with(|t| t.get())
}

#[inline]
pub fn singletons() -> &'static Singletons {
    SINGLETONS.with(|t| t.get()).expect("singletons initialised")
}

/// Creates the builtin types and singletons for this thread (idempotent).
pub fn init() {
    if TYPES.with(|t| t.get()).is_some() {
        return;
    }
    let types: &'static Types = Box::leak(Box::new(make_types()));
    TYPES.with(|t| t.set(Some(types)));
    // Every builtin type gets its (empty) dict now that `dict` exists.
    for_each_type(types, |t| t.as_type().unwrap().set_dict(new_dict()));
    let none = ObjRef::new(&types.none_type, Payload::None);
    let not_implemented = ObjRef::new(&types.not_implemented_type, Payload::NotImplemented);
    let ellipsis = ObjRef::new(&types.ellipsis_type, Payload::Ellipsis);
    let true_ = ObjRef::new(&types.bool_, Payload::Int(super::Int::Small(1)));
    let false_ = ObjRef::new(&types.bool_, Payload::Int(super::Int::Small(0)));
    let null = ObjRef::new(&types.null, Payload::Null);
    let empty_tuple = ObjRef::new(&types.tuple, Payload::Tuple(Box::new([])));
    let empty_str = ObjRef::new(&types.str, Payload::Str(super::StrData::new("".into())));
    let latin1 = (0u32..256)
        .map(|c| {
            let s = char::from_u32(c).unwrap().to_string();
            ObjRef::new(&types.str, Payload::Str(super::StrData::new(s.into_boxed_str())))
        })
        .collect();
    let small_ints = (-5i64..=256).map(|i| ObjRef::new(&types.int, Payload::Int(super::Int::Small(i)))).collect();
    let s: &'static Singletons = Box::leak(Box::new(Singletons {
        none,
        not_implemented,
        ellipsis,
        true_,
        false_,
        null,
        empty_tuple,
        empty_str,
        latin1,
        small_ints,
    }));
    SINGLETONS.with(|t| t.set(Some(s)));
    GETATTRIBUTE.with(|_| {});
}

/// Calls `f` on every builtin type object.
pub fn for_each_type(t: &Types, mut f: impl FnMut(&ObjRef)) {
    f(&t.type_);
    f(&t.object);
    for ty in all_fields(t) {
        f(ty);
    }
}

/// A type object with no bases, MRO and dict set up (for the exception hierarchy and
/// classes created by native code).
#[must_use]
pub fn new_static_type(name: &str, layout: Layout, base: &ObjRef) -> ObjRef {
    let t = builtin_types();
    let ty = ObjRef::new(&t.type_, Payload::Type(Box::new(TypeData::new(name, layout, false))));
    link_base(&ty, base);
    ty.as_type().unwrap().set_dict(new_dict());
    ty
}

/// C3 linearisation of `ty` with `bases`; Err carries CPython's TypeError message.
pub fn compute_mro(ty: &ObjRef, bases: &[ObjRef]) -> Result<Vec<ObjRef>, String> {
    let mut seqs: Vec<Vec<ObjRef>> = bases.iter().map(|b| b.as_type().unwrap().mro.borrow().clone()).collect();
    seqs.push(bases.to_vec());
    let mut out = vec![ty.clone()];
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let mut cand = None;
        for s in &seqs {
            let head = &s[0];
            if !seqs.iter().any(|o| o[1..].iter().any(|x| x.is(head))) {
                cand = Some(head.clone());
                break;
            }
        }
        let Some(c) = cand else {
            let names: Vec<String> = bases.iter().map(|b| b.as_type().unwrap().name.borrow().clone()).collect();
            return Err(format!(
                "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                names.join(", ")
            ));
        };
        for s in seqs.iter_mut() {
            if s[0].is(&c) {
                s.remove(0);
            }
        }
        out.push(c);
    }
}

