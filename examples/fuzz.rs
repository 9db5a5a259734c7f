//! Long fuzz runs before a release, and replaying or shrinking what they find.
//!
//! ```text
//! cargo run --release --features fuzz --example fuzz -- --seed 7 --docs 1000000 [--corpus DIR] [--threads N]
//! cargo run --release --features fuzz --example fuzz -- --replay target/fuzz-failures/7-1234.md
//! cargo run --release --features fuzz --example fuzz -- --shrink target/fuzz-failures/7-1234.md
//! cargo run --release --features fuzz --example fuzz -- --seed 7 --dump 1234 > slow.md
//! ```
//!
//! Exits 1 when any document panics or breaks an invariant, 2 on a usage or I/O error.

use std::path::PathBuf;
use std::process::ExitCode;

use pm::fuzz::{self, Options};

const USAGE: &str = "usage: fuzz [--seed N] [--docs N] [--corpus DIR] [--threads N] \
                     [--dump N] | --replay FILE | --shrink FILE";

enum Mode {
    Run(Options),
    /// Print document N of the run `--seed` and `--corpus` describe.
    Dump(Options, u64),
    Replay(PathBuf),
    Shrink(PathBuf),
    Help,
}

fn main() -> ExitCode {
    let mode = match parse(std::env::args().skip(1)) {
        Ok(mode) => mode,
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let outcome = match mode {
        Mode::Run(options) => run(&options),
        Mode::Dump(options, index) => {
            fuzz::document(&options.corpus, options.seed, index).map(|text| {
                print!("{text}");
                ExitCode::SUCCESS
            })
        }
        Mode::Replay(path) => replay(&path),
        Mode::Shrink(path) => shrink(&path),
        Mode::Help => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
    };
    outcome.unwrap_or_else(|e| {
        eprintln!("error: {e}");
        ExitCode::from(2)
    })
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Mode, String> {
    let mut options = Options {
        progress: true,
        ..Options::default()
    };
    let mut dump = None;
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("`{flag}` needs a value"));
        let number = |v: String| v.parse::<u64>().map_err(|e| format!("`{flag} {v}`: {e}"));
        match flag.as_str() {
            "--seed" => options.seed = number(value()?)?,
            "--docs" => options.docs = number(value()?)?,
            "--threads" => {
                options.threads = usize::try_from(number(value()?)?).map_err(|e| e.to_string())?;
            }
            "--corpus" => options.corpus = PathBuf::from(value()?),
            "--dump" => dump = Some(number(value()?)?),
            "--replay" => return Ok(Mode::Replay(PathBuf::from(value()?))),
            "--shrink" => return Ok(Mode::Shrink(PathBuf::from(value()?))),
            "-h" | "--help" => return Ok(Mode::Help),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(match dump {
        Some(index) => Mode::Dump(options, index),
        None => Mode::Run(options),
    })
}

fn run(options: &Options) -> std::io::Result<ExitCode> {
    eprintln!(
        "fuzzing {} documents, seed {}, {} threads, corpus {}",
        options.docs,
        options.seed,
        options.threads,
        options.corpus.display()
    );
    let report = fuzz::run(options)?;
    print!("{report}");
    let clean = report.panics.is_empty() && report.violations.is_empty();
    Ok(if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn replay(path: &std::path::Path) -> std::io::Result<ExitCode> {
    let failures = fuzz::replay(&std::fs::read_to_string(path)?)?;
    for failure in &failures {
        println!("{} ({}): {}", failure.key, failure.stage, failure.message);
    }
    Ok(if failures.is_empty() {
        println!("no panic, no broken invariant");
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn shrink(path: &std::path::Path) -> std::io::Result<ExitCode> {
    let Some(smallest) = fuzz::shrink(&std::fs::read_to_string(path)?)? else {
        eprintln!("{} does not panic", path.display());
        return Ok(ExitCode::FAILURE);
    };
    print!("{smallest}");
    Ok(ExitCode::SUCCESS)
}
