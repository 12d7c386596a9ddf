//! Ouro: a Python 3.11 interpreter whose memory management is CPython's.
//!
//! The pipeline: `lexer` → `parser` (→ `ast`) → `compiler` (→ `bytecode`) → `vm`, over
//! objects (`object`) on a reference-counted heap (`memory`). `run` ties them together;
//! `builtins` and `modules` hold the library.

#[global_allocator]
static GLOBAL: memory::limits::CountingAlloc = memory::limits::CountingAlloc;

pub mod ast;
pub mod builtins;
pub mod bytecode;
pub mod compiler;
pub mod format;
pub mod gc;
pub mod lexer;
pub mod memory;
pub mod modules;
pub mod object;
pub mod parser;
pub mod repl;
pub mod run;
pub mod signals;
pub mod vm;

pub use vm::Vm;
