fn main() {
    // Set by scripts/pgo.sh for its instrumented build (see `signals::exit_now`).
    println!("cargo::rustc-check-cfg=cfg(ouro_pgo_gen)");
    lalrpop::Configuration::new().set_in_dir("grammar").process().unwrap();
    link_unwinder_statically();
}

/// Links GCC's unwinder (`libgcc_eh.a`) into the binaries instead of loading
/// `libgcc_s.so` at run time, as `gcc -static-libgcc` does. Loading the shared library
/// runs its CPU-detection constructor (a series of `cpuid` instructions, each a trap
/// under a hypervisor): about a sixth of `ouro -c pass`. Our libraries come before the
/// standard library's on the link line, so the unwinder symbols resolve to the archive
/// and `--as-needed` drops `libgcc_s`. Skipped where the archive does not exist.
fn link_unwinder_statically() {
    let linux_gnu = std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") && std::env::var("CARGO_CFG_TARGET_ENV").as_deref() == Ok("gnu");
    if !linux_gnu {
        return;
    }
    let found = std::process::Command::new(std::env::var("CC").unwrap_or_else(|_| "cc".into()))
        .arg("-print-file-name=libgcc_eh.a")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .is_some_and(|p| std::path::Path::new(p.trim()).is_absolute());
    if found {
        println!("cargo:rustc-link-lib=static:-bundle=gcc_eh");
    }
}
