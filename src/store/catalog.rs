//! Reading every post-mortem of a wiki, on all cores, in a stable order.

use std::cell::{Cell, RefCell};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::check::secrets;
use crate::context::Ctx;
use crate::doc::Document;
use crate::doc::summary::{self, Summary};
use crate::error::Error;
use crate::store::fsio;

/// The post-mortems under `folder`: every `.md` file, in subfolders too, except hidden files
/// and folders and what `skip` says is no post-mortem (see [`not_a_postmortem`]); sorted by
/// path so every listing is deterministic. No folder yet is no post-mortems yet: a wiki right
/// after `pm init` has none.
pub(crate) fn documents(
    folder: &Path,
    skip: &dyn Fn(&Path) -> bool,
) -> Result<Vec<PathBuf>, Error> {
    if !folder.try_exists().map_err(|source| Error::Io {
        path: folder.to_path_buf(),
        action: "read the post-mortems folder",
        source,
    })? {
        return Ok(Vec::new());
    }
    walk(folder, skip).map_err(|source| Error::Io {
        path: folder.to_path_buf(),
        action: "read the post-mortems folder",
        source,
    })
}

/// The post-mortems of the wiki's folder.
pub(crate) fn wiki_documents(ctx: &Ctx) -> Result<Vec<PathBuf>, Error> {
    let folder = ctx.wiki.root.join(&ctx.config.folder);
    documents(&folder, &not_a_postmortem(ctx))
}

/// Whether a file is no post-mortem: the index page, or a page `exclude` in `pm.toml` names
/// (globs relative to the post-mortems folder).
pub(crate) fn not_a_postmortem(ctx: &Ctx) -> impl Fn(&Path) -> bool + '_ {
    let folder = ctx.wiki.root.join(&ctx.config.folder);
    let canonical = folder.canonicalize().ok();
    let index = ctx.wiki.root.join(&ctx.config.index);
    move |path: &Path| {
        let rel = path
            .strip_prefix(&folder)
            .ok()
            .or_else(|| path.strip_prefix(canonical.as_ref()?).ok())
            .unwrap_or(path);
        path == index || ctx.config.exclude.matches(rel)
    }
}

fn walk(folder: &Path, skip: &dyn Fn(&Path) -> bool) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut pending = vec![folder.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let entry = entry?;
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') {
                continue;
            }
            let path = entry.path();
            let kind = entry.file_type()?;
            if kind.is_dir() {
                pending.push(path);
            } else if name.ends_with(".md") && !skip(&path) {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Every post-mortem of the wiki, summarised, newest first. What cannot be read is reported
/// on stderr (file and line) and listed with what could be read; a file that is not text at
/// all is reported and left out.
pub(crate) fn summaries(ctx: &Ctx) -> Result<Vec<Summary>, Error> {
    let paths = wiki_documents(ctx)?;
    let names = ctx.config.section_names();
    // Per document: the summary, or why it is skipped (a warning); an error stops the command.
    let results = parallel_map(&paths, |path| -> Result<Result<Summary, String>, Error> {
        let rel = path.strip_prefix(&ctx.wiki.root).unwrap_or(path);
        let text = match fsio::read_text(path) {
            Ok(text) => text,
            Err(e) => return Ok(Err(e.to_string())),
        };
        // A document that trips a bug in pm is left out, not the whole listing.
        let summary = isolated(|| {
            let document = Document::parse(text);
            let mut summary = summary::summarize(&document, &names, ctx.config.timezone, rel);
            secrets::blot_summary(&mut summary)?;
            Ok(summary)
        });
        match summary {
            Ok(summary) => summary.map(Ok),
            Err(panic) => Ok(Err(format!(
                "pm failed on `{}` ({panic}); please report this bug with the file",
                rel.display()
            ))),
        }
    });
    let mut summaries = Vec::with_capacity(results.len());
    for result in results {
        match result? {
            Ok(summary) => {
                for warning in &summary.warnings {
                    eprintln!("warning: {}: {warning}", summary.path.display());
                }
                summaries.push(summary);
            }
            Err(e) => eprintln!("warning: {e}; skipped"),
        }
    }
    // Newest first; undated documents last; the path breaks ties so the order is stable.
    summaries.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.path.cmp(&b.path)));
    Ok(summaries)
}

/// `work()`, with a panic caught and returned as its message and place (`panicked at
/// src/x.rs:1:2: …`) instead of unwinding: one document that trips a bug in `pm` must not
/// stop a wiki-wide command from reporting on all the others. The panic is not printed.
pub(crate) fn isolated<R>(work: impl FnOnce() -> R) -> Result<R, String> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if ISOLATED.with(Cell::get) {
                PANIC.with(|p| p.replace(Some(info.to_string().replace('\n', " "))));
            } else {
                default(info);
            }
        }));
    });
    let outer = ISOLATED.with(|i| i.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
    ISOLATED.with(|i| i.set(outer));
    result.map_err(|_| {
        PANIC
            .with(RefCell::take)
            .unwrap_or_else(|| "panicked".to_string())
    })
}

thread_local! {
    /// Whether this thread runs inside [`isolated`], whose panics are caught, not printed.
    static ISOLATED: Cell<bool> = const { Cell::new(false) };
    /// The message of the last panic caught on this thread.
    static PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// `work(item)` for every item, spread over the machine's cores; results in input order.
pub(crate) fn parallel_map<T, R, F>(items: &[T], work: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
{
    // Small batches handed out from a shared counter: documents vary in size, so a fixed
    // split would leave one thread working alone at the end.
    const BATCH: usize = 16;
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(items.len().div_ceil(16))
        .max(1);
    if threads == 1 {
        return items.iter().map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let mut parts: Vec<(usize, Vec<R>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let start = next.fetch_add(BATCH, Ordering::Relaxed);
                        if start >= items.len() {
                            break done;
                        }
                        let end = (start + BATCH).min(items.len());
                        done.push((start, items[start..end].iter().map(&work).collect()));
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    parts.sort_by_key(|(start, _)| *start);
    parts.into_iter().flat_map(|(_, part)| part).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isolated_turns_a_panic_into_its_message() {
        assert_eq!(isolated(|| 7), Ok(7));
        let caught = isolated(|| -> usize { panic!("boom {}", 1) }).unwrap_err();
        assert!(
            caught.starts_with("panicked at src/store/catalog.rs:"),
            "{caught}"
        );
        assert!(caught.ends_with("boom 1"), "{caught}");
        // Nested and repeated calls keep working.
        assert_eq!(isolated(|| isolated(|| 1)), Ok(Ok(1)));
        assert!(isolated(|| panic!("again")).is_err());
    }

    #[test]
    fn parallel_map_keeps_the_order() {
        let items: Vec<usize> = (0..1000).collect();
        let out = parallel_map(&items, |i| i * 2);
        assert_eq!(out, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        assert!(parallel_map(&[] as &[usize], |i| *i).is_empty());
    }

    #[test]
    fn documents_skip_the_index_and_hidden_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for file in [
            "b.md",
            "a.md",
            "README.md",
            ".draft.md",
            "notes.txt",
            "2025/c.md",
            ".git/x.md",
        ] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        let index = root.join("README.md");
        let found = documents(root, &|p: &Path| p == index).unwrap();
        let names: Vec<_> = found
            .iter()
            .map(|p| p.strip_prefix(root).unwrap())
            .collect();
        assert_eq!(
            names,
            [Path::new("2025/c.md"), Path::new("a.md"), Path::new("b.md")]
        );
    }

    #[test]
    fn a_folder_not_made_yet_holds_no_documents() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("postmortems");
        let none = |_: &Path| false;
        assert!(documents(&folder, &none).unwrap().is_empty());
        // A file where the folder should be is still an error.
        std::fs::write(&folder, "").unwrap();
        assert!(documents(&folder, &none).is_err());
    }
}
