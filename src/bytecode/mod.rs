//! Bytecode: the opcode table, code objects and the disassembler.

pub mod code;
pub mod dis;
pub mod opcodes;

pub use code::{CodeFlags, CodeObject, Instr};
pub use opcodes::{ArgKind, Op};
