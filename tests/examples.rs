//! Runs every program in `examples/` with the `ouro` binary and snapshots its standard
//! output, standard error and exit status.

use std::process::{Command, Stdio};

#[test]
fn example_outputs() {
    insta::glob!("../examples", "*.py", |path| {
        let out = Command::new(env!("CARGO_BIN_EXE_ouro"))
            .arg(path.file_name().unwrap())
            .current_dir(path.parent().unwrap())
            .stdin(Stdio::null())
            .output()
            .expect("run ouro");
        let text = format!(
            "status: {}\n--- stdout\n{}--- stderr\n{}",
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        // Tracebacks name the script by its absolute path: make it checkout-independent.
        let dir = std::path::absolute(path.parent().unwrap()).unwrap();
        let text = text.replace(&*dir.to_string_lossy(), "<examples>");
        insta::assert_snapshot!(text);
    });
}
