//! The one table that defines every opcode: name, operand kind, stack effect and doc.
//! The `Op` enum, `Op::name`, `Op::stack_effect`, `Op::arg_kind` and `Op::doc` are all
//! generated from it; nothing else lists the opcodes.
//!
//! Stack effects are for the fall-through path; `Op::jump_effect` gives the effect when a
//! branch is taken where it differs.

/// How the disassembler shows an operand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgKind {
    None,
    Count,
    Const,
    Name,
    Local,
    Deref,
    Jump,
    Compare,
    BinOp,
}

macro_rules! opcodes {
    ($( $name:ident ($kind:ident) $(fuses $f1:ident + $f2:ident)? [$a:ident => $eff:expr] $(jump $jeff:expr)? , $doc:literal; )*) => {
        #[repr(u8)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Op { $($name,)* }

        impl Op {
            pub const ALL: &'static [Op] = &[$(Op::$name,)*];
            /// The CamelCase name (the disassembler prints it in CPython's UPPER_SNAKE form).
            pub fn camel_name(self) -> &'static str {
                match self { $(Op::$name => stringify!($name),)* }
            }
            pub fn arg_kind(self) -> ArgKind {
                match self { $(Op::$name => ArgKind::$kind,)* }
            }
            #[allow(unused_variables)]
            pub fn stack_effect(self, arg: u32) -> i32 {
                match self { $(Op::$name => { let $a = arg as i32; $eff },)* }
            }
            #[allow(unused_variables)]
            pub fn jump_effect(self, arg: u32) -> i32 {
                match self { $(Op::$name => { let $a = arg as i32; opcodes!(@j $eff $(, $jeff)?) },)* }
            }
            pub fn doc(self) -> &'static str {
                match self { $(Op::$name => $doc,)* }
            }
            /// For a fused instruction, the two instructions it runs: its own operand is
            /// the first's, the second's is that of the instruction after it.
            pub fn fused_parts(self) -> Option<(Op, Op)> {
                match self { $(Op::$name => opcodes!(@f $($f1, $f2)?),)* }
            }
        }
    };
    (@j $eff:expr) => { $eff };
    (@j $eff:expr, $jeff:expr) => { $jeff };
    (@f) => { None };
    (@f $f1:ident, $f2:ident) => { Some((Op::$f1, Op::$f2)) };
}

opcodes! {
    Nop(None) [a => 0], "Does nothing.";
    PopTop(None) [a => -1], "Pops and discards TOS.";
    RotTwo(None) [a => 0], "Swaps the two top items.";
    RotThree(None) [a => 0], "Lifts the second and third items one up, TOS goes third.";
    RotFour(None) [a => 0], "Lifts the second, third and fourth items one up, TOS goes fourth.";
    DupTop(None) [a => 1], "Pushes another reference to TOS.";
    DupTopTwo(None) [a => 2], "Duplicates the two top items, keeping their order.";
    LoadConst(Const) [a => 1], "Pushes co_consts[arg].";
    LoadName(Name) [a => 1], "Pushes the value of name co_names[arg] from locals, globals or builtins.";
    StoreName(Name) [a => -1], "Binds TOS to co_names[arg] in the local namespace.";
    DeleteName(Name) [a => 0], "Deletes co_names[arg] from the local namespace.";
    LoadFast(Local) [a => 1], "Pushes local variable arg (UnboundLocalError if unbound).";
    StoreFast(Local) [a => -1], "Stores TOS into local variable arg.";
    DeleteFast(Local) [a => 0], "Unbinds local variable arg.";
    LoadGlobal(Name) [a => 1], "Pushes global or builtin co_names[arg].";
    StoreGlobal(Name) [a => -1], "Binds TOS to global co_names[arg].";
    DeleteGlobal(Name) [a => 0], "Deletes global co_names[arg].";
    LoadDeref(Deref) [a => 1], "Pushes the contents of cell/free slot arg.";
    LoadClassDeref(Deref) [a => 1], "Class bodies: the local namespace first, then cell/free slot arg.";
    StoreDeref(Deref) [a => -1], "Stores TOS into cell/free slot arg.";
    DeleteDeref(Deref) [a => 0], "Empties cell/free slot arg.";
    LoadClosure(Deref) [a => 1], "Pushes the cell object in slot arg (to build a closure).";
    LoadAttr(Name) [a => 0], "Replaces TOS with getattr(TOS, co_names[arg]).";
    StoreAttr(Name) [a => -2], "TOS.name = TOS1.";
    DeleteAttr(Name) [a => -1], "del TOS.name.";
    LoadMethod(Name) [a => 1], "Replaces TOS with (method, self) when an unbound method is found, else (NULL, attribute).";
    BinarySubscr(None) [a => -1], "TOS = TOS1[TOS].";
    StoreSubscr(None) [a => -3], "TOS1[TOS] = TOS2.";
    DeleteSubscr(None) [a => -2], "del TOS1[TOS].";
    BinaryOp(BinOp) [a => -1], "TOS = TOS1 <op> TOS; arg selects the operator, +16 for the in-place form.";
    UnaryPositive(None) [a => 0], "TOS = +TOS.";
    UnaryNegative(None) [a => 0], "TOS = -TOS.";
    UnaryInvert(None) [a => 0], "TOS = ~TOS.";
    UnaryNot(None) [a => 0], "TOS = not TOS.";
    CompareOp(Compare) [a => -1], "TOS = TOS1 <cmp> TOS for <, <=, ==, !=, >, >=.";
    IsOp(Count) [a => -1], "TOS = TOS1 is TOS (is not when arg is 1).";
    ContainsOp(Count) [a => -1], "TOS = TOS1 in TOS (not in when arg is 1).";
    Jump(Jump) [a => 0], "Continues at instruction arg.";
    PopJumpIfFalse(Jump) [a => -1], "Pops TOS; jumps to arg if it is false.";
    PopJumpIfTrue(Jump) [a => -1], "Pops TOS; jumps to arg if it is true.";
    JumpIfFalseOrPop(Jump) [a => -1] jump 0, "Jumps to arg keeping TOS if it is false, else pops it.";
    JumpIfTrueOrPop(Jump) [a => -1] jump 0, "Jumps to arg keeping TOS if it is true, else pops it.";
    GetIter(None) [a => 0], "TOS = iter(TOS).";
    ForIter(Jump) [a => 1] jump -1, "Pushes next(TOS); when exhausted pops the iterator and jumps to arg.";
    BuildTuple(Count) [a => 1 - a], "Builds a tuple from the top arg items.";
    BuildList(Count) [a => 1 - a], "Builds a list from the top arg items.";
    BuildSet(Count) [a => 1 - a], "Builds a set from the top arg items.";
    BuildMap(Count) [a => 1 - 2 * a], "Builds a dict from arg key/value pairs.";
    BuildString(Count) [a => 1 - a], "Concatenates the top arg strings.";
    BuildSlice(Count) [a => 1 - a], "Builds a slice from 2 or 3 items.";
    ListAppend(Count) [a => -1], "Appends TOS to the list at depth arg (comprehensions).";
    SetAdd(Count) [a => -1], "Adds TOS to the set at depth arg.";
    MapAdd(Count) [a => -2], "Sets TOS1: TOS in the dict at depth arg.";
    ListExtend(Count) [a => -1], "Extends the list at depth arg with the iterable TOS.";
    SetUpdate(Count) [a => -1], "Updates the set at depth arg with the iterable TOS.";
    DictUpdate(Count) [a => -1], "Updates the dict at depth arg with the mapping TOS.";
    DictMerge(Count) [a => -1], "Like DictUpdate but a repeated key is a TypeError (call keyword arguments).";
    ListToTuple(None) [a => 0], "Replaces the list TOS with an equal tuple.";
    UnpackSequence(Count) [a => a - 1], "Unpacks TOS into arg items, the first on top.";
    UnpackEx(Count) [a => (a & 0xff) + (a >> 8)], "Unpacks with a starred target: low byte before, high byte after.";
    KwNames(Const) [a => 0], "Names the keyword arguments of the next call (a tuple constant).";
    CallFunction(Count) [a => -a], "Calls TOS-arg with the arg items above it.";
    CallMethod(Count) [a => -a - 1], "Calls a method loaded by LoadMethod with arg arguments.";
    CallFunctionEx(Count) [a => -1 - (a & 1) as i32], "Calls TOS1 (or TOS2) with the tuple (and dict when arg & 1).";
    MakeFunction(Count) [a => -1 - (a & 1 != 0) as i32 - (a & 2 != 0) as i32 - (a & 4 != 0) as i32 - (a & 8 != 0) as i32], "Makes a function from the code object TOS; arg flags: 1 defaults, 2 kwdefaults, 4 annotations, 8 closure.";
    ReturnValue(None) [a => -1], "Returns TOS to the caller.";
    YieldValue(None) [a => 0], "Yields TOS from a generator; the sent value replaces it.";
    GetYieldFromIter(None) [a => 0], "TOS = iter(TOS) unless it is a generator.";
    YieldFrom(None) [a => -1], "Delegates to the iterator TOS1, sending TOS; repeats until it is exhausted.";
    ImportName(Name) [a => -1], "Imports module co_names[arg] with TOS1 level and TOS fromlist.";
    ImportFrom(Name) [a => 1], "Pushes attribute co_names[arg] of the module TOS.";
    ImportStar(None) [a => -1], "Binds all public names of the module TOS in the local namespace.";
    SetupFinally(Jump) [a => 0] jump 2, "Pushes a handler block: on an exception, unwind to here and jump to arg.";
    SetupWith(Jump) [a => 1] jump 2, "Enters the context manager TOS: pushes __exit__ and the result of __enter__, and a handler block.";
    PopBlock(None) [a => 0], "Pops the innermost handler block.";
    PopExcept(None) [a => -1], "Ends an except clause: restores the previously handled exception from the stack.";
    Reraise(None) [a => -1], "Re-raises the exception TOS, keeping its traceback.";
    PopExceptReraise(None) [a => -2], "Restores the previously handled exception TOS1 and re-raises TOS.";
    JumpIfNotExcMatch(Jump) [a => -2], "Pops TOS (a class or tuple) and TOS1 (the exception); jumps to arg if it does not match.";
    WithExceptStart(None) [a => 1], "Calls __exit__ (below the exception data) with the exception TOS.";
    RaiseVarargs(Count) [a => -a], "raise (0), raise TOS (1), raise TOS1 from TOS (2).";
    LoadBuildClass(None) [a => 1], "Pushes builtins.__build_class__.";
    LoadAssertionError(None) [a => 1], "Pushes AssertionError.";
    SetupAnnotations(None) [a => 0], "Creates __annotations__ in the local namespace if missing.";
    FormatValue(Count) [a => if a & 4 != 0 { -1 } else { 0 }], "Formats TOS for an f-string: arg & 3 is the conversion (1 str, 2 repr, 3 ascii), arg & 4 a spec below it.";
    PrintExpr(None) [a => -1], "Interactive mode: prints repr(TOS) if it is not None and binds it to builtins._.";
    // Fused pairs (CPython 3.11's superinstructions), made by `fuse` from a pair of the
    // instructions above: the second instruction stays in place, so a jump to it still
    // runs it alone; the fused one runs both and continues after the second.
    LoadFastLoadFast(Local) fuses LoadFast + LoadFast [a => 2], "LOAD_FAST, then the next LOAD_FAST.";
    LoadFastLoadConst(Local) fuses LoadFast + LoadConst [a => 2], "LOAD_FAST, then the next LOAD_CONST.";
    StoreFastLoadFast(Local) fuses StoreFast + LoadFast [a => 0], "STORE_FAST, then the next LOAD_FAST.";
    LoadFastLoadAttr(Local) fuses LoadFast + LoadAttr [a => 1], "LOAD_FAST, then the next LOAD_ATTR on that local without pushing it.";
    LoadFastLoadMethod(Local) fuses LoadFast + LoadMethod [a => 2], "LOAD_FAST, then the next LOAD_METHOD on that local without pushing it.";
    LoadFastStoreAttr(Local) fuses LoadFast + StoreAttr [a => -1], "LOAD_FAST, then the next STORE_ATTR of TOS on that local without pushing it.";
    StoreFastStoreFast(Local) fuses StoreFast + StoreFast [a => -2], "STORE_FAST, then the next STORE_FAST.";
    LoadConstBinaryOp(Const) fuses LoadConst + BinaryOp [a => 0], "LOAD_CONST, then the next BINARY_OP with that constant as its right operand.";
    DupTopTwoBinarySubscr(None) fuses DupTopTwo + BinarySubscr [a => 1], "DUP_TOP_TWO, then the next BINARY_SUBSCR: pushes TOS1[TOS], keeping both (the read of `x[i] op= v`).";
    RotThreeStoreSubscr(None) fuses RotThree + StoreSubscr [a => -3], "ROT_THREE, then the next STORE_SUBSCR: TOS2[TOS1] = TOS (the write of `x[i] op= v`).";
    BuildSliceBinarySubscr(Count) fuses BuildSlice + BinarySubscr [a => -a], "BUILD_SLICE, then the next BINARY_SUBSCR: TOS = TOS[slice of the top arg items].";
    BuildSliceStoreSubscr(Count) fuses BuildSlice + StoreSubscr [a => -a - 2], "BUILD_SLICE, then the next STORE_SUBSCR: TOS[slice of the top arg items] = TOS1.";
    ForIterStoreFast(Jump) fuses ForIter + StoreFast [a => 0] jump -1, "FOR_ITER, then the next STORE_FAST of the item without pushing it.";
    StoreFastJump(Local) fuses StoreFast + Jump [a => -1], "STORE_FAST, then the next JUMP.";
    PopTopJump(None) fuses PopTop + Jump [a => -1], "POP_TOP, then the next JUMP.";
    LoadConstIsOp(Const) fuses LoadConst + IsOp [a => 0], "LOAD_CONST, then the next IS_OP with that constant as its right operand.";
    LoadFastReturnValue(Local) fuses LoadFast + ReturnValue [a => 0], "LOAD_FAST, then the next RETURN_VALUE of that local without pushing it.";
    // Fused triples (and one quadruple): a fused pair and the instruction or pair after
    // it. The fused form runs only the common case (numbers, an instance's attribute);
    // any other runs the first part and leaves the rest, in place, to run as they come.
    LoadFastLoadFastBinaryOp(Local) fuses LoadFastLoadFast + BinaryOp [a => 1], "LOAD_FAST_LOAD_FAST, then the next BINARY_OP on the two locals without pushing them.";
    LoadFastLoadConstBinaryOp(Local) fuses LoadFast + LoadConstBinaryOp [a => 1], "LOAD_FAST, then the next LOAD_CONST_BINARY_OP on that local without pushing it.";
    LoadFastLoadFastCompareOp(Local) fuses LoadFastLoadFast + CompareOp [a => 1], "LOAD_FAST_LOAD_FAST, then the next COMPARE_OP of the two locals without pushing them.";
    LoadFastLoadConstCompareOp(Local) fuses LoadFastLoadConst + CompareOp [a => 1], "LOAD_FAST_LOAD_CONST, then the next COMPARE_OP of the local and the constant without pushing them.";
    LoadFastLoadAttrIsConst(Local) fuses LoadFastLoadAttr + LoadConstIsOp [a => 1], "LOAD_FAST_LOAD_ATTR, then the next LOAD_CONST_IS_OP on the attribute without pushing it (`x.a is None`).";
}

impl Op {
    /// CPython-style UPPER_SNAKE name (`LoadConst` → `LOAD_CONST`).
    pub fn name(self) -> String {
        let mut out = String::new();
        for (i, c) in self.camel_name().chars().enumerate() {
            if c.is_ascii_uppercase() && i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_uppercase());
        }
        out
    }
    pub fn is_jump(self) -> bool {
        self.arg_kind() == ArgKind::Jump
    }
    /// The instruction a fused one starts with (itself for any other): what the
    /// disassembler shows, as CPython's `dis` shows unspecialized instructions.
    pub fn unfused(self) -> Op {
        self.fused_parts().map_or(self, |(first, _)| first.unfused())
    }
    /// How many instructions this one runs: 1, or its parts' for a fused one.
    pub fn width(self) -> usize {
        self.fused_parts().map_or(1, |(first, second)| first.width() + second.width())
    }
}

/// Replaces the first of each fusable pair of instructions with the fused instruction
/// that runs both (see the table). Jump targets need no care: the second instruction is
/// left in place. A pair whose second instruction already starts a fusion is left alone,
/// so that, say, `x.a` after a load keeps its fused form. Fused pairs are then extended
/// into triples by the table's fusions of a fused instruction with its successor.
pub fn fuse(instrs: &mut [super::Instr]) {
    // The table's fused instructions, as (first, second, fused): looked up per pair.
    let fusions: Vec<(Op, Op, Op)> = Op::ALL.iter().filter_map(|&f| f.fused_parts().map(|(a, b)| (a, b, f))).collect();
    let fused_op = |a: Op, b: Op| fusions.iter().find(|&&(x, y, _)| (x, y) == (a, b)).map(|&(_, _, f)| f);
    // Pairs whose second instruction is one of these save the most (an operand never
    // goes through the stack): they are fused first.
    let first_choice = |op: Op| matches!(op, Op::LoadAttr | Op::LoadMethod | Op::StoreAttr | Op::BinaryOp | Op::IsOp);
    for pass in [true, false] {
        let mut i = 0;
        while i + 1 < instrs.len() {
            let (a, b) = (instrs[i].op, instrs[i + 1].op);
            if a.fused_parts().is_none() && b.fused_parts().is_none() && first_choice(b) == pass {
                if let Some(f) = fused_op(a, b) {
                    instrs[i].op = f;
                    i += 2;
                    continue;
                }
            }
            i += 1;
        }
    }
    let mut i = 0;
    while i < instrs.len() {
        let a = instrs[i].op;
        let next = i + a.width();
        if a.fused_parts().is_some() || instrs.get(next).is_some_and(|b| b.op.fused_parts().is_some()) {
            if let Some(f) = instrs.get(next).and_then(|b| fused_op(a, b.op)) {
                instrs[i].op = f;
                i += f.width();
                continue;
            }
        }
        i += a.width();
    }
}

/// Operands of BinaryOp, in CPython 3.11's NB_* order.
pub const BINOP_NAMES: [&str; 13] = ["+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^"];
pub const INPLACE_FLAG: u32 = 16;
pub const CMP_NAMES: [&str; 6] = ["<", "<=", "==", "!=", ">", ">="];
