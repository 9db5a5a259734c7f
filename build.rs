//! Link the `pm` binary as a position-dependent executable on Linux.
//!
//! A position-independent executable must have its ~50,000 relative relocations applied by the
//! dynamic loader on every start, which costs about a millisecond: a third of `pm timeline
//! add`'s time. Linked with `-no-pie`, the linker resolves them once, at build time.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
