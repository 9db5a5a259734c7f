//! Entry point: parse the command line, run it, render any error, pick the exit code.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = pm::cli::Cli::parse();
    let color = cli.global.color.enabled(std::io::stderr().is_terminal());
    match pm::run(cli) {
        Ok(outcome) => outcome.exit_code(),
        Err(err) => {
            if pm::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            let mut stderr = std::io::stderr().lock();
            let _ = writeln!(stderr, "{}", pm::render_error(&err, color));
            ExitCode::from(err.exit_code())
        }
    }
}
