//! The bytecode compiler: AST → code objects.
//!
//! Invariants:
//! - One `Unit` per scope being compiled; `units.last()` is the current one. Its symbol
//!   table scope (`st.scopes[unit.scope]`) decides how each name is loaded and stored.
//! - Constants are shared file-wide: equal constants (same type and value) are one object.
//!   Identifier-like string constants and every name are interned.
//! - `fblocks` mirrors the handler blocks the VM will have at run time, so `return`,
//!   `break` and `continue` can emit the unwinding (pop blocks, run `finally` bodies,
//!   call `__exit__`) that leaving those blocks needs.
//! - Every emitted instruction carries the line of the AST node being compiled.

mod expr;
mod fold;
mod stmt;
pub mod symtable;

use std::collections::HashMap;

use crate::ast::{LineIndex, Module, Span};
use crate::bytecode::{CodeFlags, CodeObject, Instr, Op};
use crate::object::{self, str::intern, ObjRef, Payload};
use symtable::{Resolved, ScopeKind, SymbolTable};

#[derive(Debug)]
pub struct CompileError {
    pub msg: String,
    pub pos: u32,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Exec,
    /// The REPL: expression statements print their value.
    Interactive,
    /// `eval()`: one expression whose value is returned.
    Eval,
}

#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum ConstKey {
    None,
    True,
    False,
    Ellipsis,
    Int(String),
    Float(u64),
    Complex(u64),
    Str(String),
    Bytes(Vec<u8>),
    Tuple(Vec<ConstKey>),
    /// A frozenset made of a display of constants, by its items' keys in sorted order
    /// (equal sets are one constant file-wide, the first one made, as in CPython).
    FrozenSet(Vec<ConstKey>),
}

#[derive(Clone)]
pub(crate) enum FBlock<'a> {
    Loop { cont: usize, brk: usize, is_for: bool },
    TryExcept,
    FinallyTry { body: &'a [crate::ast::Stmt] },
    FinallyEnd,
    HandlerCleanup { name: Option<String> },
    With,
}

pub(crate) struct Unit<'a> {
    scope: usize,
    instrs: Vec<Instr>,
    lines: Vec<u32>,
    consts: Vec<ObjRef>,
    const_index: HashMap<usize, u32>,
    names: Vec<String>,
    name_index: HashMap<String, u32>,
    varnames: Vec<String>,
    cellvars: Vec<String>,
    freevars: Vec<String>,
    labels: Vec<Option<u32>>,
    fblocks: Vec<FBlock<'a>>,
    qualname: String,
    name: String,
    firstlineno: u32,
    argcount: u32,
    posonlyargcount: u32,
    kwonlyargcount: u32,
    flags: u32,
}

pub(crate) struct Compiler<'a> {
    st: SymbolTable,
    units: Vec<Unit<'a>>,
    file_consts: HashMap<ConstKey, ObjRef>,
    lines: LineIndex,
    line: u32,
    filename: ObjRef,
    mode: Mode,
    _src: &'a str,
}

pub type Label = usize;

/// Compiles a parsed module. Returns the module's code object (a new reference).
pub fn compile<'a>(module: &'a Module, source: &'a str, filename: &str, mode: Mode) -> Result<ObjRef, CompileError> {
    let st = symtable::build(module).map_err(|e| CompileError { msg: e.msg, pos: e.pos })?;
    let mut c = Compiler {
        st,
        units: Vec::new(),
        file_consts: HashMap::new(),
        lines: LineIndex::new(source),
        line: 1,
        filename: object::new_str(filename),
        mode,
        _src: source,
    };
    c.enter_unit(0, "<module>", "<module>", 1);
    if mode == Mode::Eval {
        if let Some(crate::ast::Stmt { kind: crate::ast::StmtKind::Expr(e), .. }) = module.body.first() {
            c.expr(e)?;
            c.emit(Op::ReturnValue, 0);
        }
    } else {
        if stmt::has_annotations(&module.body) {
            c.emit(Op::SetupAnnotations, 0);
        }
        c.body(&module.body)?;
        c.load_const_none();
        c.emit(Op::ReturnValue, 0);
    }
    let code = c.exit_unit();
    Ok(code)
}

impl<'a> Compiler<'a> {
    pub(crate) fn unit(&mut self) -> &mut Unit<'a> {
        self.units.last_mut().expect("a unit is open")
    }
    fn scope_kind(&self) -> ScopeKind {
        self.st.scopes[self.units.last().unwrap().scope].kind
    }

    pub(crate) fn line_of(&self, span: Span) -> u32 {
        self.lines.line(span.start as usize) as u32
    }
    pub(crate) fn set_line(&mut self, span: Span) -> u32 {
        let old = self.line;
        self.line = self.line_of(span);
        old
    }

    fn enter_unit(&mut self, scope: usize, name: &str, qualname: &str, firstlineno: u32) {
        let sc = &self.st.scopes[scope];
        let mut u = Unit {
            scope,
            instrs: Vec::new(),
            lines: Vec::new(),
            consts: Vec::new(),
            const_index: HashMap::new(),
            names: Vec::new(),
            name_index: HashMap::new(),
            varnames: Vec::new(),
            cellvars: sc.cellvars.clone(),
            freevars: sc.freevars.clone(),
            labels: Vec::new(),
            fblocks: Vec::new(),
            qualname: qualname.to_string(),
            name: name.to_string(),
            firstlineno,
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            flags: 0,
        };
        if matches!(sc.kind, ScopeKind::Function | ScopeKind::Comprehension) {
            u.varnames = sc.params.clone();
            for n in &sc.order {
                if sc.resolved.get(n) == Some(&Resolved::Local) && !u.varnames.contains(n) {
                    u.varnames.push(n.clone());
                }
            }
            u.flags |= CodeFlags::OPTIMIZED | CodeFlags::NEWLOCALS;
            if sc.is_generator {
                u.flags |= CodeFlags::GENERATOR;
            }
        }
        if scope != 0 && self.units.len() > 1 || !self.units.is_empty() {
            u.flags |= CodeFlags::NESTED;
        }
        self.units.push(u);
    }

    fn exit_unit(&mut self) -> ObjRef {
        let u = self.units.pop().expect("unit");
        let mut instrs = u.instrs;
        for ins in instrs.iter_mut() {
            if ins.op.is_jump() {
                ins.arg = u.labels[ins.arg as usize].expect("label bound");
            }
        }
        // A jump to a return returns in place (as CPython's optimizer does): the value
        // stack and the block stack at the jump are those the return would see.
        for i in 0..instrs.len() {
            if instrs[i].op == Op::Jump && instrs[instrs[i].arg as usize].op == Op::ReturnValue {
                instrs[i].op = Op::ReturnValue;
                instrs[i].arg = 0;
            }
        }
        let stacksize = stack_depth(&mut instrs);
        crate::bytecode::opcodes::fuse(&mut instrs);
        let cell2arg = u
            .cellvars
            .iter()
            .map(|c| {
                let params = &self.st.scopes[u.scope].params;
                params.iter().position(|p| p == c).map(|i| i as u32)
            })
            .collect();
        let strs = |v: &[String]| -> Box<[ObjRef]> { v.iter().map(|s| intern(s)).collect() };
        let caches = instrs.iter().map(|_| Default::default()).collect();
        let code = CodeObject {
            name: intern(&u.name),
            qualname: object::new_str(&u.qualname),
            filename: self.filename.clone(),
            instrs: instrs.into_boxed_slice(),
            lines: u.lines.into_boxed_slice(),
            consts: u.consts.into_boxed_slice(),
            names: strs(&u.names),
            varnames: strs(&u.varnames),
            cellvars: strs(&u.cellvars),
            freevars: strs(&u.freevars),
            cell2arg,
            argcount: u.argcount,
            posonlyargcount: u.posonlyargcount,
            kwonlyargcount: u.kwonlyargcount,
            flags: u.flags,
            firstlineno: u.firstlineno,
            stacksize,
            caches,
            global_sites: u.names.iter().map(|_| Default::default()).collect(),
        };
        check_operands(&code);
        ObjRef::new(&object::types::builtin_types().code, Payload::Code(Box::new(code)))
    }

    // ----- emission -----

    pub(crate) fn emit(&mut self, op: Op, arg: u32) -> usize {
        let line = self.line;
        let u = self.unit();
        u.instrs.push(Instr { op, depth: 0, arg });
        u.lines.push(line);
        u.instrs.len() - 1
    }
    pub(crate) fn new_label(&mut self) -> Label {
        let u = self.unit();
        u.labels.push(None);
        u.labels.len() - 1
    }
    pub(crate) fn bind(&mut self, l: Label) {
        let u = self.unit();
        u.labels[l] = Some(u.instrs.len() as u32);
    }
    pub(crate) fn emit_jump(&mut self, op: Op, l: Label) {
        self.emit(op, l as u32);
    }

    fn const_key(v: &ObjRef) -> Option<ConstKey> {
        let t = object::types::builtin_types();
        Some(match v.payload() {
            Payload::None => ConstKey::None,
            Payload::Ellipsis => ConstKey::Ellipsis,
            Payload::Int(i) if v.ty().is(&t.bool_) => {
                if i.is_zero() { ConstKey::False } else { ConstKey::True }
            }
            Payload::Int(i) => ConstKey::Int(i.to_string_radix(10)),
            Payload::Float(f) => ConstKey::Float(f.to_bits()),
            Payload::Complex(_, im) => ConstKey::Complex(im.to_bits()),
            Payload::Str(s) => ConstKey::Str(s.s.to_string()),
            Payload::Bytes(b) => ConstKey::Bytes(b.to_vec()),
            Payload::Tuple(items) => ConstKey::Tuple(items.iter().map(Compiler::const_key).collect::<Option<Vec<_>>>()?),
            Payload::Set(s) if v.ty().is(&t.frozenset) => {
                let mut keys = s.borrow().iter().map(|(_, k)| Compiler::const_key(k)).collect::<Option<Vec<_>>>()?;
                keys.sort();
                ConstKey::FrozenSet(keys)
            }
            _ => return None,
        })
    }

    /// Adds a constant (deduplicated file-wide for values, per unit for the slot).
    pub(crate) fn add_const(&mut self, v: ObjRef) -> u32 {
        let v = match v.as_str() {
            Some(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') => object::str::intern_ref(v),
            _ => v,
        };
        let v = match Compiler::const_key(&v) {
            Some(k) => self.file_consts.entry(k).or_insert(v).clone(),
            None => v,
        };
        let key = v.addr();
        let u = self.unit();
        if let Some(i) = u.const_index.get(&key) {
            return *i;
        }
        u.consts.push(v);
        let i = (u.consts.len() - 1) as u32;
        u.const_index.insert(key, i);
        i
    }
    pub(crate) fn load_const(&mut self, v: ObjRef) {
        let i = self.add_const(v);
        self.emit(Op::LoadConst, i);
    }
    pub(crate) fn load_const_none(&mut self) {
        self.load_const(object::none());
    }
    pub(crate) fn name_index(&mut self, name: &str) -> u32 {
        let u = self.unit();
        if let Some(i) = u.name_index.get(name) {
            return *i;
        }
        u.names.push(name.to_string());
        let i = (u.names.len() - 1) as u32;
        u.name_index.insert(name.to_string(), i);
        i
    }

    fn deref_index(&mut self, name: &str) -> u32 {
        let u = self.unit();
        if let Some(i) = u.cellvars.iter().position(|c| c == name) {
            return i as u32;
        }
        let i = u.freevars.iter().position(|c| c == name).expect("free variable known to the symbol table");
        (u.cellvars.len() + i) as u32
    }

    fn resolve(&self, name: &str) -> Resolved {
        let u = self.units.last().unwrap();
        self.st.scopes[u.scope].lookup(name)
    }

    pub(crate) fn name_op(&mut self, name: &str, ctx: NameCtx) {
        let r = self.resolve(name);
        let kind = self.scope_kind();
        let (op, arg) = match r {
            Resolved::Local => {
                let i = self.unit().varnames.iter().position(|v| v == name).expect("local slot") as u32;
                (match ctx { NameCtx::Load => Op::LoadFast, NameCtx::Store => Op::StoreFast, NameCtx::Del => Op::DeleteFast }, i)
            }
            Resolved::Cell | Resolved::Free => {
                let i = self.deref_index(name);
                let load = if kind == ScopeKind::Class { Op::LoadClassDeref } else { Op::LoadDeref };
                (match ctx { NameCtx::Load => load, NameCtx::Store => Op::StoreDeref, NameCtx::Del => Op::DeleteDeref }, i)
            }
            Resolved::GlobalExplicit => {
                let i = self.name_index(name);
                (match ctx { NameCtx::Load => Op::LoadGlobal, NameCtx::Store => Op::StoreGlobal, NameCtx::Del => Op::DeleteGlobal }, i)
            }
            Resolved::GlobalImplicit => {
                let i = self.name_index(name);
                (match ctx { NameCtx::Load => Op::LoadGlobal, NameCtx::Store => Op::StoreName, NameCtx::Del => Op::DeleteName }, i)
            }
            Resolved::Name => {
                let i = self.name_index(name);
                (match ctx { NameCtx::Load => Op::LoadName, NameCtx::Store => Op::StoreName, NameCtx::Del => Op::DeleteName }, i)
            }
        };
        self.emit(op, arg);
    }

    pub(crate) fn err<T>(&self, msg: impl Into<String>, span: Span) -> Result<T, CompileError> {
        Err(CompileError { msg: msg.into(), pos: span.start })
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum NameCtx {
    Load,
    Store,
    Del,
}

/// Asserts that every operand of `code` lies inside the table its kind names (a
/// constant in `consts`, a name in `names`, a local or cell slot below `nlocalsplus`):
/// the eval loop reads those tables without bounds tests (`memory::operand_at`), so a
/// failure here is a compiler bug caught before the code can run.
fn check_operands(code: &crate::bytecode::CodeObject) {
    use crate::bytecode::opcodes::ArgKind;
    let nlocalsplus = code.nlocalsplus();
    for (i, ins) in code.instrs.iter().enumerate() {
        let a = ins.arg as usize;
        let inside = match ins.op.arg_kind() {
            ArgKind::Const => a < code.consts.len(),
            ArgKind::Name => a < code.names.len(),
            ArgKind::Local => a < nlocalsplus,
            ArgKind::Deref => code.varnames.len() + a < nlocalsplus,
            ArgKind::None | ArgKind::Count | ArgKind::Jump | ArgKind::Compare | ArgKind::BinOp => true,
        };
        assert!(inside, "{:?} at {i} of {}: operand {a} outside its table", ins.op, code.name_str());
    }
}

/// The maximum stack depth along the instruction sequence, the room every frame of the
/// code reserves (see `memory::value_stack`); each instruction's `depth` is set to the
/// depth it starts at. Python's bytecode reaches an instruction at one depth whatever
/// the path (CPython's compiler asserts the same).
fn stack_depth(instrs: &mut [Instr]) -> u32 {
    let mut depth = vec![i32::MIN; instrs.len() + 1];
    let mut work = vec![(0usize, 0i32)];
    let mut max = 0;
    while let Some((mut pc, mut d)) = work.pop() {
        loop {
            // The eval loop fetches instructions without a bounds test on this: every
            // path ends in a return, a raise or a jump, and every jump lands inside.
            assert!(pc < instrs.len(), "a path runs past the end of the code (to {pc})");
            // A path reaching a visited instruction deeper is walked again, so that the
            // maximum holds even if the one-depth rule were broken.
            if depth[pc] >= d {
                debug_assert_eq!(depth[pc], d, "instruction {pc} reached at two stack depths");
                break;
            }
            debug_assert_eq!(depth[pc], i32::MIN, "instruction {pc} reached at two stack depths");
            depth[pc] = d;
            let ins = instrs[pc];
            if ins.op.is_jump() {
                let jd = d + ins.op.jump_effect(ins.arg);
                assert!(jd >= 0, "instruction {pc} ({:?}) pops below the bottom of the stack", ins.op);
                work.push((ins.arg as usize, jd));
                max = max.max(jd);
            }
            d += ins.op.stack_effect(ins.arg);
            // The value stack's pops rely on this (see `memory::value_stack`).
            assert!(d >= 0, "instruction {pc} ({:?}) pops below the bottom of the stack", ins.op);
            max = max.max(d);
            match ins.op {
                Op::Jump | Op::ReturnValue | Op::Reraise | Op::RaiseVarargs | Op::PopExceptReraise => break,
                _ => pc += 1,
            }
        }
    }
    for (ins, &d) in instrs.iter_mut().zip(&depth) {
        ins.depth = d.clamp(0, u16::MAX as i32) as u16;
    }
    max.max(0) as u32
}
