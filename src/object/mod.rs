//! Python objects: the payload of each builtin type and the constructors that make them.
//!
//! Invariant: an object's payload variant never changes after allocation; mutable state
//! lives behind `Cell`/`RefCell` inside the variant. No `RefCell` borrow is held across a
//! call that can run Python code (a user `__eq__`, `__hash__`, `__del__`, ...).

pub mod dict;
pub mod int;
pub mod set;
pub mod str;
pub mod types;
pub mod values;

use std::cell::{Cell, RefCell};

use dashu_int::IBig;

pub use crate::memory::{Lent, ObjRef, PyObject};
use crate::bytecode::CodeObject;
pub use dict::DictTable;
pub use int::Int;
pub use set::SetTable;
pub use str::StrData;
pub use types::TypeData;

pub type PyResult<T = ObjRef> = Result<T, crate::vm::PyErr>;

/// A native function: `args` holds positional values followed by the values of the
/// keyword arguments named in `kwnames` (CPython's vectorcall convention). The slice is
/// borrowed from the caller: a native function takes new references only for what it keeps.
pub type NativeFn = fn(&crate::vm::Vm, &[ObjRef], Option<&[ObjRef]>) -> PyResult;

pub struct BuiltinData {
    pub name: &'static str,
    pub func: NativeFn,
    /// The bound `self` (for methods of builtin types once bound, or module functions).
    pub self_: Option<ObjRef>,
    /// The type that defines the method (for `repr`), if any.
    pub owner: Option<&'static str>,
    pub doc: &'static str,
    /// Whether a call counts one recursion level (see `new_builtin`).
    pub recursion_checked: bool,
    /// Which of the natives that fast paths recognise this is, if any (see `Special`).
    pub special: Cell<Special>,
}

/// The natives that fast paths recognise (`object.__new__` and `object.__init__` for a
/// class call, `BaseException`'s for an exception's, `len` for the call instruction),
/// marked once where they are defined (`builtins::mark_special`) and copied to bound
/// forms. A native is not recognised by its function's address: Rust promises neither
/// that a function has one address nor that two functions have two (Miri gives one
/// function several).
#[derive(Clone, Copy, PartialEq, Eq, Default, Debug)]
pub enum Special {
    #[default]
    None,
    ObjectNew,
    ObjectInit,
    ExcNew,
    ExcInit,
    Len,
}

pub struct FunctionData {
    pub code: ObjRef,
    pub globals: ObjRef,
    /// The builtins namespace the function's code sees (CPython 3.11's `func_builtins`,
    /// a strong reference).
    pub builtins: ObjRef,
    pub name: RefCell<ObjRef>,
    pub qualname: RefCell<ObjRef>,
    pub defaults: RefCell<Option<ObjRef>>,
    pub kwdefaults: RefCell<Option<ObjRef>>,
    pub closure: Option<ObjRef>,
    pub doc: RefCell<ObjRef>,
    pub module: RefCell<ObjRef>,
    pub annotations: RefCell<Option<ObjRef>>,
    /// What a call needs to know of `code`, worked out when the function is made (a
    /// function's code never changes).
    pub shape: CallShape,
}

/// The facts about a function's code that every call tests (see `FunctionData::shape`).
#[derive(Clone, Copy, Debug)]
pub struct CallShape {
    /// How many positional arguments bind one-to-one to the parameters (the code's
    /// argcount), or `u32::MAX` when the code has keyword-only, `*args` or `**kwargs`
    /// parameters: a call with that many positional arguments and no keywords binds
    /// them one-to-one (`Vm::make_frame_positional`).
    pub exact_args: u32,
    /// Whether a new frame needs its cell slots filled (cell variables or a closure).
    pub cells: bool,
    /// Whether calling the function makes a generator.
    pub generator: bool,
}

impl CallShape {
    pub fn of(code: &CodeObject, closure: Option<&ObjRef>) -> CallShape {
        let flags = crate::bytecode::CodeFlags::VARARGS | crate::bytecode::CodeFlags::VARKEYWORDS;
        let exact = code.kwonlyargcount == 0 && code.flags & flags == 0;
        CallShape {
            exact_args: if exact { code.argcount } else { u32::MAX },
            cells: !code.cell2arg.is_empty() || closure.is_some(),
            generator: code.is_generator(),
        }
    }
}

impl FunctionData {
    pub fn code(&self) -> &CodeObject {
        match self.code.payload() {
            Payload::Code(c) => c,
            _ => unreachable!("function code is always a code object"),
        }
    }
}

/// Exception instances (and instances of every subclass of BaseException).
pub struct ExcData {
    pub args: RefCell<ObjRef>,
    pub traceback: RefCell<Option<ObjRef>>,
    pub cause: RefCell<Option<ObjRef>>,
    pub context: RefCell<Option<ObjRef>>,
    pub suppress_context: Cell<bool>,
    /// "Did you mean" text computed when a NameError was raised (printed, not in str()).
    pub suggestion: RefCell<Option<String>>,
    /// For AttributeError: the object and attribute name, to suggest at print time.
    pub attr_ctx: RefCell<Option<(ObjRef, String)>>,
}

/// A `property`. The accessors never change after creation (`getter`/`setter`/`deleter`
/// build new properties); `name` is the attribute name `__set_name__` recorded, used in
/// error messages.
/// A property's accessors. They change only in `property.__init__` (so that subclasses
/// can call it); `getter`/`setter`/`deleter` build new properties.
#[derive(Clone, Default)]
pub struct PropParts {
    pub fget: Option<ObjRef>,
    pub fset: Option<ObjRef>,
    pub fdel: Option<ObjRef>,
    pub doc: Option<ObjRef>,
}

pub struct PropertyData {
    pub parts: RefCell<PropParts>,
    pub name: RefCell<Option<ObjRef>>,
}

pub struct TracebackData {
    pub next: Option<ObjRef>,
    pub code: ObjRef,
    pub lineno: u32,
    /// The frame object (tb_frame).
    pub frame: ObjRef,
}

/// A `__slots__` member: slot `index` of instances of `owner` and its subclasses.
pub struct MemberData {
    pub name: String,
    pub index: usize,
    pub owner: ObjRef,
}

/// A weak reference. `referent` points at the referenced object (null once it is dead);
/// it is not a counted reference. The referent's weakref list (see `modules::weakref`)
/// holds a pointer to this weakref object, also uncounted.
pub struct WeakRefData {
    pub referent: Cell<*const PyObject>,
    pub callback: RefCell<Option<ObjRef>>,
    pub hash: Cell<i64>,
    pub proxy: bool,
}

/// A frame object: created when a traceback first refers to a running frame. When the
/// frame finishes while the object is still referenced, the frame's fast locals move
/// into it (CPython's frame "take ownership"), so a traceback keeps them alive.
pub struct FrameData {
    pub code: ObjRef,
    pub lineno: Cell<u32>,
    pub locals: RefCell<Vec<Option<ObjRef>>>,
    /// What `sys._getframe` records: f_globals, f_back and an f_locals snapshot (frame
    /// objects made for tracebacks have none of them).
    pub snapshot: Option<Box<FrameSnapshot>>,
}

pub struct FrameSnapshot {
    pub globals: ObjRef,
    pub back: Option<ObjRef>,
    pub locals: ObjRef,
}

pub struct ModuleData {
    pub name: String,
    pub dict: ObjRef,
}

/// Iterator state of the builtin iterator types.
pub enum IterState {
    Seq { seq: ObjRef, index: usize },
    Range { next: i64, step: i64, remaining: u64 },
    Str { s: ObjRef, pos: usize },
    /// `len` is the dict's size when iteration started (usize::MAX once a size change
    /// was reported); `remaining` counts the entries still to yield (CPython's di_len):
    /// an entry found when it is 0 means keys were replaced during iteration.
    DictKeys { dict: ObjRef, pos: usize, len: usize, remaining: usize, kind: DictViewKind },
    SetIter { set: ObjRef, pos: usize, len: usize },
    /// The old-style `__getitem__` protocol (and `iter(callable, sentinel)` when sentinel is Some).
    GetItem { obj: ObjRef, index: usize },
    Callable { func: ObjRef, sentinel: ObjRef },
    Reversed { seq: ObjRef, index: isize },
    Enumerate { it: ObjRef, count: ObjRef },
    Zip { its: Vec<ObjRef>, strict: bool },
    Map { func: ObjRef, its: Vec<ObjRef> },
    Filter { func: ObjRef, it: ObjRef },
    Exhausted,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum DictViewKind {
    Keys,
    Values,
    Items,
}

pub enum Payload {
    None,
    NotImplemented,
    Ellipsis,
    /// `int` and `bool` (bool is an int subclass; the type tells them apart).
    Int(Int),
    Float(f64),
    Complex(f64, f64),
    Str(StrData),
    Bytes(Box<[u8]>),
    ByteArray(RefCell<Vec<u8>>),
    Tuple(Box<[ObjRef]>),
    List(RefCell<Vec<ObjRef>>),
    Dict(Box<RefCell<DictTable>>),
    /// `set` and `frozenset`.
    Set(Box<RefCell<SetTable>>),
    Range { start: i64, stop: i64, step: i64 },
    Slice { start: ObjRef, stop: ObjRef, step: ObjRef },
    Function(Box<FunctionData>),
    Builtin(Box<BuiltinData>),
    BoundMethod { func: ObjRef, self_: ObjRef },
    Code(Box<CodeObject>),
    Cell(RefCell<Option<ObjRef>>),
    Type(Box<TypeData>),
    /// `object()` and instances of classes whose base layout is `object`; holds the
    /// values of the `__slots__` members (one per member descriptor, None when unset).
    Object(RefCell<Vec<Option<ObjRef>>>),
    /// A `__slots__` member of a class (`member_descriptor`).
    Member(Box<MemberData>),
    Exception(Box<ExcData>),
    Module(Box<ModuleData>),
    Iter(Box<RefCell<IterState>>),
    Generator(Box<RefCell<crate::vm::GenState>>),
    Property(Box<PropertyData>),
    StaticMethod(ObjRef),
    ClassMethod(ObjRef),
    Super { ty: ObjRef, obj: Option<ObjRef>, obj_type: Option<ObjRef> },
    Traceback(Box<TracebackData>),
    Frame(Box<FrameData>),
    /// A read-only view of a mapping (`type.__dict__`).
    MappingProxy(ObjRef),
    /// `weakref.ref` and the proxy types.
    WeakRef(Box<WeakRefData>),
    DictView { dict: ObjRef, kind: DictViewKind },
    /// A file opened by `open()` (see `builtins::io`).
    File(Box<RefCell<crate::builtins::io::FileData>>),
    /// A compiled regular expression (`_sre.Program`); holds no references.
    Regex(Box<crate::modules::sre::Program>),
    /// The marker pushed by `LOAD_METHOD` when no unbound method was found.
    Null,
}

impl Payload {
    /// True for payloads that can hold references to other objects: such objects get a
    /// `GcHead` in front of their header (CPython's `Py_TPFLAGS_HAVE_GC`).
    pub fn is_gc(&self) -> bool {
        !matches!(
            self,
            Payload::None
                | Payload::NotImplemented
                | Payload::Ellipsis
                | Payload::Int(_)
                | Payload::Float(_)
                | Payload::Complex(..)
                | Payload::Str(_)
                | Payload::Bytes(_)
                | Payload::ByteArray(_)
                | Payload::Range { .. }
                | Payload::Code(_)
                | Payload::Null
        )
    }

    /// Only objects of these layouts can belong to a class with `__del__`.
    pub fn needs_finalizer_check(&self) -> bool {
        matches!(self, Payload::Object(_) | Payload::Exception(_) | Payload::Generator(_))
    }

    /// Releases the references the payload owns, in CPython's order (list and tuple items
    /// last to first; dict entries first to last). Called once, just before the block is freed.
    pub fn release_contents(&self) {
        match self {
            Payload::List(v) => {
                let items = std::mem::take(&mut *v.borrow_mut());
                drop_reversed(items);
            }
            Payload::Object(slots) => {
                let items = std::mem::take(&mut *slots.borrow_mut());
                drop(items);
            }
            Payload::Tuple(items) => {
                // The boxed slice itself is dropped with the payload; release the items
                // from the end first by cloning nothing: swap each for a no-op is not
                // possible on a shared slice, so order is handled in `drop_tuple_items`.
                let _ = items;
            }
            Payload::Dict(d) => {
                let t = std::mem::take(&mut *d.borrow_mut());
                drop(t);
            }
            // A set's keys are released, in table order, when the payload is dropped
            // (which borrows nothing): the object is unreachable by then.
            Payload::Str(s) => {
                if s.interned.get() {
                    str::intern_remove(&s.s);
                }
            }
            Payload::Type(t) => types::forget_subclass(t),
            _ => {}
        }
    }
}

/// Releases `items` last to first, as CPython's list and tuple deallocation does.
pub fn drop_reversed(mut items: Vec<ObjRef>) {
    while let Some(x) = items.pop() {
        drop(x);
    }
}

impl Drop for Payload {
    fn drop(&mut self) {
        if let Payload::Tuple(items) = self {
            let v = std::mem::take(items).into_vec();
            drop_reversed(v);
        }
    }
}

// ----- accessors -----

impl PyObject {
    #[inline]
    pub fn as_int(&self) -> Option<&Int> {
        match self.payload() {
            Payload::Int(i) => Some(i),
            _ => None,
        }
    }
    #[inline]
    pub fn as_str(&self) -> Option<&str> {
        match self.payload() {
            Payload::Str(s) => Some(&s.s),
            _ => None,
        }
    }
    #[inline]
    pub fn as_str_data(&self) -> Option<&StrData> {
        match self.payload() {
            Payload::Str(s) => Some(s),
            _ => None,
        }
    }
    #[inline]
    pub fn as_float(&self) -> Option<f64> {
        match self.payload() {
            Payload::Float(f) => Some(*f),
            _ => None,
        }
    }
    #[inline]
    pub fn as_tuple(&self) -> Option<&[ObjRef]> {
        match self.payload() {
            Payload::Tuple(t) => Some(t),
            _ => None,
        }
    }
    #[inline]
    pub fn as_list(&self) -> Option<&RefCell<Vec<ObjRef>>> {
        match self.payload() {
            Payload::List(l) => Some(l),
            _ => None,
        }
    }
    #[inline]
    pub fn as_dict(&self) -> Option<&RefCell<DictTable>> {
        match self.payload() {
            Payload::Dict(d) => Some(&**d),
            _ => None,
        }
    }
    #[inline]
    pub fn as_set(&self) -> Option<&RefCell<SetTable>> {
        match self.payload() {
            Payload::Set(s) => Some(&**s),
            _ => None,
        }
    }
    #[inline]
    pub fn as_type(&self) -> Option<&TypeData> {
        match self.payload() {
            Payload::Type(t) => Some(t),
            _ => None,
        }
    }
    #[inline]
    pub fn as_function(&self) -> Option<&FunctionData> {
        match self.payload() {
            Payload::Function(f) => Some(f),
            _ => None,
        }
    }
    #[inline]
    pub fn as_code(&self) -> Option<&CodeObject> {
        match self.payload() {
            Payload::Code(c) => Some(c),
            _ => None,
        }
    }
    #[inline]
    pub fn as_exc(&self) -> Option<&ExcData> {
        match self.payload() {
            Payload::Exception(e) => Some(e),
            _ => None,
        }
    }
    /// The type data of this object's type.
    #[inline]
    pub fn type_data(&self) -> &TypeData {
        self.ty().as_type().expect("type of an object is a type")
    }
    pub fn type_name(&self) -> String {
        self.type_data().name.borrow().clone()
    }
    pub fn is_none(&self) -> bool {
        matches!(self.payload(), Payload::None)
    }
    pub fn is_null(&self) -> bool {
        matches!(self.payload(), Payload::Null)
    }
}

// ----- constructors -----

use crate::object::types::{builtin_types as bt, singletons as sg};

#[must_use]
pub fn none() -> ObjRef {
    sg().none.clone()
}
#[must_use]
pub fn not_implemented() -> ObjRef {
    sg().not_implemented.clone()
}
#[must_use]
pub fn ellipsis() -> ObjRef {
    sg().ellipsis.clone()
}
#[must_use]
#[inline(always)]
pub fn new_bool(b: bool) -> ObjRef {
    if b { sg().true_.clone() } else { sg().false_.clone() }
}
/// An int: the cached object for -5..=256, else a new one.
#[must_use]
#[inline(always)]
pub fn new_int(i: i64) -> ObjRef {
    if (-5..=256).contains(&i) {
        return sg().small_ints[(i + 5) as usize].clone();
    }
    new_int_object(i)
}
#[inline(never)]
fn new_int_object(i: i64) -> ObjRef {
    ObjRef::new_scalar(&bt().int, false, || Payload::Int(Int::Small(i)))
}
#[must_use]
pub fn new_bigint(i: IBig) -> ObjRef {
    match i64::try_from(&i) {
        Ok(s) => new_int(s),
        Err(_) => ObjRef::new(&bt().int, Payload::Int(Int::Big(Box::new(i)))),
    }
}
#[must_use]
pub fn new_int_value(i: Int) -> ObjRef {
    match i {
        Int::Small(s) => new_int(s),
        Int::Big(b) => new_bigint(*b),
    }
}
#[must_use]
pub fn new_float(f: f64) -> ObjRef {
    ObjRef::new_scalar(&bt().float, true, || Payload::Float(f))
}
#[must_use]
pub fn new_str(s: &str) -> ObjRef {
    str::new_str(s)
}
#[must_use]
pub fn new_string(s: String) -> ObjRef {
    str::new_string(s)
}
#[must_use]
pub fn new_bytes(b: Vec<u8>) -> ObjRef {
    ObjRef::new(&bt().bytes, Payload::Bytes(b.into_boxed_slice()))
}
#[must_use]
pub fn new_tuple(items: Vec<ObjRef>) -> ObjRef {
    if items.is_empty() {
        return sg().empty_tuple.clone();
    }
    ObjRef::new_tuple(&bt().tuple, items.into_boxed_slice())
}
#[must_use]
pub fn new_list(items: Vec<ObjRef>) -> ObjRef {
    ObjRef::new(&bt().list, Payload::List(RefCell::new(items)))
}
#[must_use]
pub fn new_dict() -> ObjRef {
    ObjRef::new(&bt().dict, Payload::Dict(Box::new(RefCell::new(DictTable::default()))))
}
#[must_use]
pub fn new_frozenset(table: SetTable) -> ObjRef {
    ObjRef::new(&bt().frozenset, Payload::Set(Box::new(RefCell::new(table))))
}
/// A new empty set of type `ty` (`set`, `frozenset` or a subclass of either). The
/// table is made in its box (`Box::default`), not copied there.
#[must_use]
pub fn new_empty_set(ty: &ObjRef) -> ObjRef {
    ObjRef::new(ty, Payload::Set(Box::default()))
}
#[must_use]
pub fn new_cell(v: Option<ObjRef>) -> ObjRef {
    ObjRef::new(&bt().cell, Payload::Cell(RefCell::new(v)))
}
#[must_use]
pub fn new_iter(state: IterState) -> ObjRef {
    ObjRef::new(&bt().iterator, Payload::Iter(Box::new(RefCell::new(state))))
}
/// Builtins CPython 3.11 calls through a recursion-checked path (its METH_O and
/// METH_NOARGS functions, except `len`, which the specialised call skips) count one
/// level, failing with that path's message.
fn recursion_checked_builtin(name: &str) -> bool {
    matches!(name, "abs" | "ascii" | "callable" | "chr" | "hash" | "hex" | "id" | "oct" | "ord" | "repr" | "globals" | "locals")
}
#[must_use]
pub fn new_builtin(name: &'static str, func: NativeFn, self_: Option<ObjRef>) -> ObjRef {
    ObjRef::new(
        &bt().builtin_function,
        Payload::Builtin(Box::new(BuiltinData { name, func, self_, owner: None, doc: "", recursion_checked: recursion_checked_builtin(name), special: Cell::default() })),
    )
}
#[must_use]
pub fn new_null() -> ObjRef {
    sg().null.clone()
}

/// Binds a builtin method descriptor to `self_` (a `builtin_function_or_method`).
#[must_use]
pub fn new_builtin_bound(b: &BuiltinData, self_: ObjRef) -> ObjRef {
    ObjRef::new(
        &bt().builtin_function,
        Payload::Builtin(Box::new(BuiltinData {
            name: b.name,
            func: b.func,
            self_: Some(self_),
            owner: b.owner,
            doc: b.doc,
            recursion_checked: b.recursion_checked,
            special: b.special.clone(),
        })),
    )
}
