//! The disassembler behind `ouro --dis`: one line per instruction in CPython's `dis`
//! layout (line number on the first instruction of each line, `>>` on jump targets).

use super::{ArgKind, CodeObject};
use crate::bytecode::opcodes::{BINOP_NAMES, CMP_NAMES, INPLACE_FLAG};
use crate::object::{ObjRef, Payload};

/// Disassembles `code` and, after it, every code object among its constants.
pub fn disassemble(code: &CodeObject, repr: &dyn Fn(&ObjRef) -> String) -> String {
    let mut out = String::new();
    dis_one(code, repr, &mut out);
    for c in code.consts.iter() {
        if let Payload::Code(inner) = c.payload() {
            out.push('\n');
            out.push_str(&format!(
                "Disassembly of <code object {} from file \"{}\", line {}>:\n",
                inner.name_str(),
                inner.filename_str(),
                inner.firstlineno
            ));
            out.push_str(&disassemble(inner, repr));
        }
    }
    out
}

fn dis_one(code: &CodeObject, repr: &dyn Fn(&ObjRef) -> String, out: &mut String) {
    let mut targets = vec![false; code.instrs.len() + 1];
    for ins in code.instrs.iter() {
        if ins.op.is_jump() && (ins.arg as usize) < targets.len() {
            targets[ins.arg as usize] = true;
        }
    }
    let mut last_line = 0;
    for (i, ins) in code.instrs.iter().enumerate() {
        let line = code.lines[i];
        let line_col = if line != last_line {
            if i > 0 {
                out.push('\n');
            }
            last_line = line;
            format!("{:>4}", line)
        } else {
            "    ".to_string()
        };
        let mark = if targets[i] { ">>" } else { "  " };
        let op = ins.op.unfused();
        let name = op.name();
        let (argtxt, pretty) = match op.arg_kind() {
            ArgKind::None => (String::new(), String::new()),
            kind => {
                let a = ins.arg as usize;
                let p = match kind {
                    ArgKind::Const => match code.consts.get(a).map(|c| (c, c.payload())) {
                        Some((_, Payload::Code(inner))) => format!("<code object {}, line {}>", inner.name_str(), inner.firstlineno),
                        Some((c, _)) => repr(c),
                        None => String::new(),
                    },
                    ArgKind::Name => code.names.get(a).and_then(|n| n.as_str().map(String::from)).unwrap_or_default(),
                    ArgKind::Local => code.varnames.get(a).and_then(|n| n.as_str().map(String::from)).unwrap_or_default(),
                    ArgKind::Deref => code
                        .cellvars
                        .iter()
                        .chain(code.freevars.iter())
                        .nth(a)
                        .and_then(|n| n.as_str().map(String::from))
                        .unwrap_or_default(),
                    ArgKind::Jump => format!("to {}", a),
                    ArgKind::Compare => CMP_NAMES.get(a).map(|s| s.to_string()).unwrap_or_default(),
                    ArgKind::BinOp => {
                        let base = BINOP_NAMES.get(a & 15).copied().unwrap_or("?");
                        if a as u32 & INPLACE_FLAG != 0 { format!("{}=", base) } else { base.to_string() }
                    }
                    ArgKind::Count | ArgKind::None => String::new(),
                };
                (a.to_string(), if p.is_empty() { String::new() } else { format!(" ({})", p) })
            }
        };
        let body = format!("{}{} {:>6} {:<24} {:>4}{}", line_col, mark, i, name, argtxt, pretty);
        out.push_str(body.trim_end());
        out.push('\n');
    }
}
