//! Code objects: the compiled form of a module, class body, function or comprehension.
//!
//! Invariants: `lines.len() == instrs.len()` (the line table maps each instruction to
//! its source line); every `Jump`-kind operand is an index into `instrs`; the fast-locals
//! array of a frame is `varnames ++ cellvars ++ freevars`, so `LoadDeref(i)` reads slot
//! `varnames.len() + i`.

use crate::object::ObjRef;

/// Laid out with the opcode in the first byte and the operand in the upper half, so
/// that the dispatch reads each with one load and no shifts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(C)]
pub struct Instr {
    pub op: super::Op,
    /// The value stack's depth when this instruction starts (the compiler's, the same on
    /// every path that reaches it; `u16::MAX` stands for that or more, and 0 for
    /// unreachable code). Builds with debug assertions check it at every dispatch.
    pub depth: u16,
    pub arg: u32,
}

pub struct CodeFlags;
impl CodeFlags {
    pub const OPTIMIZED: u32 = 0x1;
    pub const NEWLOCALS: u32 = 0x2;
    pub const VARARGS: u32 = 0x4;
    pub const VARKEYWORDS: u32 = 0x8;
    pub const NESTED: u32 = 0x10;
    pub const GENERATOR: u32 = 0x20;
}

pub struct CodeObject {
    pub name: ObjRef,
    pub qualname: ObjRef,
    pub filename: ObjRef,
    pub instrs: Box<[Instr]>,
    pub lines: Box<[u32]>,
    pub consts: Box<[ObjRef]>,
    pub names: Box<[ObjRef]>,
    pub varnames: Box<[ObjRef]>,
    pub cellvars: Box<[ObjRef]>,
    pub freevars: Box<[ObjRef]>,
    /// For each cell variable that is also a parameter, the parameter's index.
    pub cell2arg: Box<[Option<u32>]>,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub flags: u32,
    pub firstlineno: u32,
    pub stacksize: u32,
    /// One inline cache per instruction (`caches[i]` belongs to `instrs[i]`); only the
    /// attribute instructions use theirs (see `vm::attr_site`).
    pub caches: Box<[crate::vm::attr_site::AttrSite]>,
    /// LOAD_GLOBAL's cache, one entry per name (`global_sites[i]` for `names[i]`).
    pub global_sites: Box<[crate::vm::global_site::GlobalSite]>,
}

impl CodeObject {
    pub fn nlocalsplus(&self) -> usize {
        self.varnames.len() + self.cellvars.len() + self.freevars.len()
    }
    pub fn name_str(&self) -> &str {
        self.name.as_str().unwrap_or("?")
    }
    pub fn filename_str(&self) -> &str {
        self.filename.as_str().unwrap_or("?")
    }
    pub fn is_generator(&self) -> bool {
        self.flags & CodeFlags::GENERATOR != 0
    }
    /// Total positional + keyword-only parameters (not counting *args/**kwargs).
    pub fn total_args(&self) -> usize {
        (self.argcount + self.kwonlyargcount) as usize
    }
}
