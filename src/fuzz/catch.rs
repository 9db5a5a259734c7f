//! Running the pipeline with its panic caught: recorded with its place, message and step,
//! and kept off stderr, where a hundred thousand runs would bury everything else.

use std::cell::{Cell, RefCell};
use std::panic::{AssertUnwindSafe, PanicHookInfo};
use std::sync::{Arc, Mutex, PoisonError};

use super::Failure;
use super::pipeline::{Setup, pipeline};

/// The stage name of invariant violations.
pub(super) const INVARIANT: &str = "invariant";

/// Run the pipeline on `text`, catching its panic.
pub(super) fn check(setup: &Setup, text: &str) -> Vec<Failure> {
    let mut violations = Vec::new();
    QUIET.with(|q| q.set(true));
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
        pipeline(setup, text, &mut violations);
    }));
    QUIET.with(|q| q.set(false));
    let mut failures: Vec<Failure> = violations
        .into_iter()
        .map(|(key, message)| failure(key.to_string(), message, INVARIANT, text))
        .collect();
    if outcome.is_err() {
        let (key, message) = CAUGHT
            .with(RefCell::take)
            .unwrap_or_else(|| ("unknown".into(), "a panic the hook did not see".into()));
        failures.push(failure(key, message, STAGE.with(Cell::get), text));
    }
    failures
}

pub(super) fn failure(key: String, message: String, stage: &'static str, text: &str) -> Failure {
    Failure {
        key,
        message,
        stage,
        seed: 0,
        index: 0,
        count: 1,
        input: text.to_string(),
        saved: None,
    }
}

/// Name the step now running, for the report of a panic in it.
pub(super) fn stage(name: &'static str) {
    STAGE.with(|s| s.set(name));
}

thread_local! {
    /// Set while this thread runs the pipeline: its panics are recorded, not printed.
    static QUIET: Cell<bool> = const { Cell::new(false) };
    /// The last recorded panic: location and message.
    static CAUGHT: RefCell<Option<(String, String)>> = const { RefCell::new(None) };
    static STAGE: Cell<&'static str> = const { Cell::new("") };
}

type Hook = Arc<dyn Fn(&PanicHookInfo<'_>) + Sync + Send>;

/// How many runs need the quiet hook, and the hook it replaced. The hook is process-wide and
/// runs may overlap (tests run in parallel), so the first installs it and the last restores.
static HOOK: Mutex<(usize, Option<Hook>)> = Mutex::new((0, None));

/// While alive, panics on threads running the pipeline are recorded instead of printed; other
/// threads' panics go to the previous hook as before.
pub(super) struct QuietPanics;

impl QuietPanics {
    pub(super) fn install() -> QuietPanics {
        let mut hook = HOOK.lock().unwrap_or_else(PoisonError::into_inner);
        if hook.0 == 0 {
            let previous: Hook = Arc::from(std::panic::take_hook());
            let fallback = Arc::clone(&previous);
            std::panic::set_hook(Box::new(move |info| {
                if QUIET.with(Cell::get) {
                    let location = info
                        .location()
                        .map_or_else(|| "unknown".to_string(), ToString::to_string);
                    let payload = info.payload();
                    let message = payload
                        .downcast_ref::<&str>()
                        .map(ToString::to_string)
                        .or_else(|| payload.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "(not a string)".into());
                    CAUGHT.with(|c| *c.borrow_mut() = Some((location, message)));
                } else {
                    fallback(info);
                }
            }));
            hook.1 = Some(previous);
        }
        hook.0 += 1;
        QuietPanics
    }
}

impl Drop for QuietPanics {
    fn drop(&mut self) {
        let mut hook = HOOK.lock().unwrap_or_else(PoisonError::into_inner);
        hook.0 -= 1;
        if hook.0 == 0
            && let Some(previous) = hook.1.take()
        {
            drop(std::panic::take_hook());
            std::panic::set_hook(Box::new(move |info| previous(info)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_caught_located_and_quiet() {
        let _quiet = QuietPanics::install();
        QUIET.with(|q| q.set(true));
        let caught = std::panic::catch_unwind(|| panic!("boom"));
        QUIET.with(|q| q.set(false));
        assert!(caught.is_err());
        let (location, message) = CAUGHT.with(RefCell::take).unwrap();
        assert!(location.starts_with("src/fuzz/catch.rs:"), "{location}");
        assert_eq!(message, "boom");
    }
}
