//! Locked, atomic writes: the only way `pm` changes a file on disk.
//!
//! Every document edit is a read-modify-write under an exclusive advisory lock, and every
//! write goes to a temporary file beside the target that is then renamed over it. So two `pm`
//! processes editing one document lose no change, and a crash leaves the old file or the new
//! one, never a torn mix.
//!
//! The lock is `flock(2)` (std's `File::lock`) on the target file itself. Because a write
//! replaces the file with a new inode, a process that waited for the lock on the old inode
//! must notice that the path now names another file and start over; see [`update_locked`].

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;
use std::time::{Duration, Instant};

/// How long to sleep between two `try_lock` attempts: short enough that a `pm timeline add`
/// waiting behind another one still feels instant, long enough not to spin a core.
const LOCK_POLL: Duration = Duration::from_millis(10);

/// Suffix of every temporary file, so a crash's leftovers are recognisable (and ignorable).
const TEMP_SUFFIX: &str = ".pm-tmp";

/// Why a file operation failed; every variant names the path it concerns.
#[derive(Debug, thiserror::Error)]
#[allow(unreachable_pub)]
pub enum FsError {
    #[error("`{}` does not exist", .path.display())]
    NotFound { path: PathBuf },
    #[error("`{}` is not valid UTF-8 (first bad byte at offset {offset})", .path.display())]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("`{}` is read-only; make it writable to let pm change it", .path.display())]
    ReadOnly { path: PathBuf },
    #[error(
        "another process holds the lock on `{}`, gave up after {}; \
         is an editor or another pm still writing it?",
        .path.display(),
        HumanDuration(*.waited)
    )]
    LockTimeout { path: PathBuf, waited: Duration },
    #[error("`{}` already exists", .path.display())]
    Exists { path: PathBuf },
    #[error("cannot {action} `{}`", .path.display())]
    Io {
        path: PathBuf,
        action: &'static str,
        source: io::Error,
    },
}

impl FsError {
    fn io(path: &Path, action: &'static str, source: io::Error) -> Self {
        Self::Io {
            path: path.to_path_buf(),
            action,
            source,
        }
    }
}

/// What [`update_locked`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Updated {
    /// The new text replaced the file.
    Written,
    /// The edit returned `None` or the very same text, so the file was not touched.
    Unchanged,
}

/// Read-modify-write one file under an exclusive advisory lock, replacing it atomically.
///
/// `edit` receives the current text and returns `Some(new)` to write `new` byte for byte, or
/// `None` to leave the file alone. Returning the same text also leaves it alone, so its mtime
/// only moves when something changed. The error type is the caller's: `edit` may fail with
/// its own error (which is returned as it is), and every file error is converted with
/// `E::from`, so a command can use its crate-wide error enum and `FsError` alike.
///
/// Waits up to `timeout` for the lock, then fails with [`FsError::LockTimeout`].
pub(crate) fn update_locked<F, E>(path: &Path, timeout: Duration, edit: F) -> Result<Updated, E>
where
    F: FnOnce(&str) -> Result<Option<String>, E>,
    E: From<FsError>,
{
    let start = Instant::now();
    let (file, meta) = loop {
        // Checked explicitly on every attempt: root can write a read-only file anyway, and
        // the user who made it read-only meant "pm must not change this".
        let meta = target_metadata(path)?;
        if meta.permissions().readonly() {
            return Err(FsError::ReadOnly {
                path: path.to_path_buf(),
            }
            .into());
        }
        // Read-only is enough: flock does not care about the access mode, and pm never
        // writes through this handle (it renames a new file in instead).
        let file = File::open(path).map_err(|e| not_found_or(path, "open", e))?;
        lock_until(&file, path, start, timeout)?;
        let locked = file
            .metadata()
            .map_err(|e| FsError::io(path, "inspect", e))?;
        let current = target_metadata(path)?;
        // A writer that held the lock renamed a new file in while we waited: our lock is on
        // an inode nobody else will look at, so holding it would let two writers in. Drop it
        // (closing the handle releases the lock) and lock the file the path names now.
        if (locked.dev(), locked.ino()) == (current.dev(), current.ino()) {
            break (file, locked);
        }
    };
    let mut file = file;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)
        .map_err(|e| FsError::io(path, "read", e))?;
    let text = decode(path, bytes)?;
    let outcome = match edit(&text)? {
        Some(new) if new != text => {
            replace(path, new.as_bytes(), Some(&meta), Naming::Locked)?;
            Updated::Written
        }
        _ => Updated::Unchanged,
    };
    // The lock is released here, after the rename and the folder sync, so a waiter that then
    // locks the old inode sees the new one at the path and retries on it.
    drop(file);
    Ok(outcome)
}

/// Create a new file with exactly this content, atomically, failing with [`FsError::Exists`]
/// if the path exists — never overwrites, even against a racing process.
///
/// The content is written and synced to a temporary file first, then hard-linked to `path`:
/// `link(2)` fails atomically when the name is taken, so other processes see either no file
/// or the complete one. Creating the parent folder is the caller's job.
pub(crate) fn create_new(path: &Path, content: &str) -> Result<(), FsError> {
    let temp = TempFile::create(path, None, Naming::Unique)?;
    temp.write(content.as_bytes())?;
    match fs::hard_link(&temp.path, path) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            return Err(FsError::Exists {
                path: path.to_path_buf(),
            });
        }
        // Some filesystems (FAT, a few network mounts) have no hard links: fall back to an
        // exclusive create, which still never overwrites but may leave a partial file if
        // the machine crashes mid-write.
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::Unsupported | io::ErrorKind::PermissionDenied
            ) =>
        {
            drop(temp);
            return create_exclusive(path, content.as_bytes());
        }
        Err(e) => return Err(FsError::io(path, "create", e)),
    }
    drop(temp);
    sync_folder(path)
}

/// Atomically replace (or create) a file that pm owns (e.g. a state file), without the lock
/// protocol: the last writer wins, but no reader ever sees a torn file.
pub(crate) fn write_atomic(path: &Path, content: impl AsRef<[u8]>) -> Result<(), FsError> {
    let meta = match fs::metadata(path) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(FsError::io(path, "inspect", e)),
    };
    replace(path, content.as_ref(), meta.as_ref(), Naming::Unique)
}

/// Read a whole document as UTF-8, with the errors every command reports the same way.
pub(crate) fn read_text(path: &Path) -> Result<String, FsError> {
    let bytes = fs::read(path).map_err(|e| not_found_or(path, "read", e))?;
    decode(path, bytes)
}

/// The file's bytes as text, or where the first byte that is not UTF-8 is.
fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, FsError> {
    String::from_utf8(bytes).map_err(|e| FsError::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })
}

/// Replace a file of pm's own state (never a document) atomically but without fsync: losing
/// the last write in a power cut costs nothing, and two fsyncs would double `pm new`'s time.
pub(crate) fn write_state(path: &Path, content: &str) -> Result<(), FsError> {
    let temp = path.with_extension(format!("{}{TEMP_SUFFIX}", std::process::id()));
    fs::write(&temp, content).map_err(|e| FsError::io(&temp, "write", e))?;
    fs::rename(&temp, path).map_err(|e| {
        let _ = fs::remove_file(&temp);
        FsError::io(path, "replace", e)
    })
}

/// Stat the path, mapping a missing file to [`FsError::NotFound`].
fn target_metadata(path: &Path) -> Result<fs::Metadata, FsError> {
    fs::metadata(path).map_err(|e| not_found_or(path, "inspect", e))
}

fn not_found_or(path: &Path, action: &'static str, e: io::Error) -> FsError {
    if e.kind() == io::ErrorKind::NotFound {
        FsError::NotFound {
            path: path.to_path_buf(),
        }
    } else {
        FsError::io(path, action, e)
    }
}

/// Poll `try_lock` until it succeeds or `timeout` has passed since `start`. Polling (rather
/// than a blocking `lock`) is the only way to bound the wait without a helper thread.
fn lock_until(file: &File, path: &Path, start: Instant, timeout: Duration) -> Result<(), FsError> {
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(()),
            Err(fs::TryLockError::WouldBlock) => {}
            Err(fs::TryLockError::Error(e)) => return Err(FsError::io(path, "lock", e)),
        }
        let waited = start.elapsed();
        if waited >= timeout {
            return Err(FsError::LockTimeout {
                path: path.to_path_buf(),
                waited: timeout,
            });
        }
        thread::sleep(LOCK_POLL.min(timeout.saturating_sub(waited)));
    }
}

/// Write `bytes` to a temporary file beside `path` and rename it over `path`, then sync the
/// folder so the rename itself survives a crash. `original` supplies the permissions (and,
/// best effort, the owner) to keep.
/// How a temporary file is named.
#[derive(Clone, Copy)]
enum Naming {
    /// `.<name>.<pid>.<n>.pm-tmp`: for writers that hold no lock, so none can collide.
    Unique,
    /// `.<name>.pm-tmp`: for the holder of the document's lock, the only one who may write
    /// it. A leftover of a writer killed mid-write is removed and the name reused, so
    /// crashes leave no litter past the next write.
    Locked,
}

fn replace(
    path: &Path,
    bytes: &[u8],
    original: Option<&fs::Metadata>,
    naming: Naming,
) -> Result<(), FsError> {
    // A symlinked document stays a symlink: replace the file it points to, from beside that
    // file, since a rename only stays atomic within one filesystem.
    let target = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            fs::canonicalize(path).map_err(|e| FsError::io(path, "resolve the symlink", e))?
        }
        _ => path.to_path_buf(),
    };
    let temp = TempFile::create(&target, original, naming)?;
    temp.write(bytes)?;
    fs::rename(&temp.path, &target)
        .map_err(|e| FsError::io(&target, "rename a temporary file over", e))?;
    temp.disarm();
    sync_folder(&target)
}

fn create_exclusive(path: &Path, bytes: &[u8]) -> Result<(), FsError> {
    let mut file = match OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            return Err(FsError::Exists {
                path: path.to_path_buf(),
            });
        }
        Err(e) => return Err(FsError::io(path, "create", e)),
    };
    file.write_all(bytes)
        .map_err(|e| FsError::io(path, "write", e))?;
    file.sync_all().map_err(|e| FsError::io(path, "sync", e))?;
    sync_folder(path)
}

/// The folder holding `path`, as a path that can be opened (`.` for a bare file name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// fsync the folder, which is what makes a rename or link durable on Linux filesystems.
fn sync_folder(path: &Path) -> Result<(), FsError> {
    let folder = folder_of(path);
    File::open(folder)
        .and_then(|dir| dir.sync_all())
        .map_err(|e| FsError::io(folder, "sync folder", e))
}

/// A temporary file beside its target, removed on drop unless it was renamed into place.
struct TempFile {
    path: PathBuf,
    file: File,
    armed: bool,
}

impl TempFile {
    /// Create `.<name>.<pid>.<n>.pm-tmp` beside `target`: same folder so the rename is atomic
    /// (same filesystem), hidden so wiki renderers skip it, unique per process and call so
    /// neither threads nor processes collide, and `create_new` so we never reuse a stranger's
    /// file.
    fn create(
        target: &Path,
        original: Option<&fs::Metadata>,
        naming: Naming,
    ) -> Result<Self, FsError> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let name = target
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into());
        let folder = folder_of(target);
        loop {
            let path = match naming {
                Naming::Unique => {
                    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
                    folder.join(format!(".{name}.{}.{n}{TEMP_SUFFIX}", std::process::id()))
                }
                Naming::Locked => {
                    let path = folder.join(format!(".{name}{TEMP_SUFFIX}"));
                    // Removing (not opening) a leftover never follows a planted symlink.
                    match fs::remove_file(&path) {
                        Ok(()) => {}
                        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                        Err(e) => {
                            return Err(FsError::io(&path, "remove a leftover temporary file", e));
                        }
                    }
                    path
                }
            };
            // When replacing, 0600 until the original's mode is copied: the document may be
            // private and must not be readable by others even for a moment. A new file gets
            // 0666 less the umask, as `File::create` would give it.
            let mode = if original.is_some() { 0o600 } else { 0o666 };
            match OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(mode)
                .open(&path)
            {
                Ok(file) => {
                    let temp = Self {
                        path,
                        file,
                        armed: true,
                    };
                    temp.copy_attributes(original)?;
                    return Ok(temp);
                }
                // A leftover from a crashed process that had our pid: take the next number.
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(FsError::io(&path, "create temporary file", e)),
            }
        }
    }

    /// Give the temporary file the original's mode (and, best effort, its owner), so
    /// replacing a document never changes who may read or write it.
    fn copy_attributes(&self, original: Option<&fs::Metadata>) -> Result<(), FsError> {
        let Some(meta) = original else { return Ok(()) };
        // Best effort: only root may give a file away, and a file we own already has the
        // right owner; failing here must not block the edit.
        let _ = std::os::unix::fs::fchown(&self.file, Some(meta.uid()), Some(meta.gid()));
        self.file
            .set_permissions(meta.permissions())
            .map_err(|e| FsError::io(&self.path, "set permissions on temporary file", e))
    }

    /// Write everything and fsync, so the rename never exposes unflushed content.
    fn write(&self, bytes: &[u8]) -> Result<(), FsError> {
        (&self.file)
            .write_all(bytes)
            .map_err(|e| FsError::io(&self.path, "write temporary file", e))?;
        self.file
            .sync_all()
            .map_err(|e| FsError::io(&self.path, "sync temporary file", e))
    }

    /// The file now lives under the target's name: nothing to clean up.
    fn disarm(mut self) {
        self.armed = false;
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if self.armed {
            // Nothing useful to do if this fails: the name marks it as pm's leftover.
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// `5s` or `200ms`, as a person would say it in the lock-timeout message.
struct HumanDuration(Duration);

impl fmt::Display for HumanDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = self.0.as_millis();
        if ms.is_multiple_of(1000) {
            write!(f, "{}s", ms / 1000)
        } else {
            write!(f, "{ms}ms")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs::Permissions;
    use std::os::unix::fs::PermissionsExt;
    use std::sync::{Arc, Barrier};

    const SHORT: Duration = Duration::from_millis(200);

    fn dir_with(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        fs::write(&path, bytes).unwrap();
        (dir, path)
    }

    /// No test may leave a temporary file behind, whatever happened.
    fn assert_no_temps(dir: &Path) {
        let leftovers: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(TEMP_SUFFIX))
            .collect();
        assert!(
            leftovers.is_empty(),
            "temporary files left behind: {leftovers:?}"
        );
    }

    fn mode(path: &Path) -> u32 {
        fs::metadata(path).unwrap().permissions().mode() & 0o7777
    }

    #[test]
    fn update_writes_exactly_the_returned_bytes() {
        let cases: &[(&[u8], &str, &str)] = &[
            (b"", "", "x"),
            (b"a\r\nb", "a\r\nb", "a\r\nb\r\nc"),
            (
                b"no final newline",
                "no final newline",
                "no final newline\n",
            ),
            (
                "caf\u{e9} \u{2014} \u{1f525}\n".as_bytes(),
                "caf\u{e9} \u{2014} \u{1f525}\n",
                "\u{feff}bom\n",
            ),
            (b"keep\n\n\n", "keep\n\n\n", ""),
        ];
        for (before, seen, after) in cases {
            let (dir, path) = dir_with("doc.md", before);
            let got = update_locked::<_, FsError>(&path, SHORT, |text| {
                assert_eq!(text, *seen);
                Ok(Some((*after).to_string()))
            })
            .unwrap();
            let expected = if seen == after {
                Updated::Unchanged
            } else {
                Updated::Written
            };
            assert_eq!(got, expected, "{seen:?}");
            assert_eq!(fs::read(&path).unwrap(), after.as_bytes());
            assert_no_temps(dir.path());
        }
    }

    #[test]
    fn update_leaves_the_file_alone_when_nothing_changes() {
        for same in [false, true] {
            let (dir, path) = dir_with("doc.md", b"text\n");
            let before = fs::metadata(&path).unwrap().ino();
            let got =
                update_locked::<_, FsError>(
                    &path,
                    SHORT,
                    |text| Ok(same.then(|| text.to_string())),
                )
                .unwrap();
            assert_eq!(got, Updated::Unchanged);
            // Same inode: not even rewritten with the same bytes.
            assert_eq!(fs::metadata(&path).unwrap().ino(), before);
            assert_no_temps(dir.path());
        }
    }

    #[test]
    fn update_keeps_the_file_mode() {
        for m in [0o600, 0o640, 0o664, 0o755] {
            let (dir, path) = dir_with("doc.md", b"x");
            fs::set_permissions(&path, Permissions::from_mode(m)).unwrap();
            update_locked::<_, FsError>(&path, SHORT, |_| Ok(Some("y".into()))).unwrap();
            assert_eq!(mode(&path), m);
            assert_no_temps(dir.path());
        }
    }

    #[test]
    fn update_refuses_non_utf8_without_calling_edit() {
        let bytes = b"ok\n\xff\xfe rest";
        let (dir, path) = dir_with("doc.md", bytes);
        let err = update_locked::<_, FsError>(&path, SHORT, |_| -> Result<_, FsError> {
            panic!("edit must not run on a non-UTF-8 file")
        })
        .unwrap_err();
        assert!(matches!(err, FsError::NotUtf8 { offset: 3, .. }), "{err:?}");
        assert!(err.to_string().contains("offset 3"), "{err}");
        assert_eq!(fs::read(&path).unwrap(), bytes);
        assert_no_temps(dir.path());
    }

    #[test]
    fn update_refuses_a_read_only_file() {
        let (dir, path) = dir_with("doc.md", b"frozen\n");
        fs::set_permissions(&path, Permissions::from_mode(0o444)).unwrap();
        // Tests may run as root, who could write it anyway: the check must be explicit.
        let err =
            update_locked::<_, FsError>(&path, SHORT, |_| Ok(Some("thawed".into()))).unwrap_err();
        assert!(matches!(err, FsError::ReadOnly { .. }), "{err:?}");
        assert_eq!(fs::read(&path).unwrap(), b"frozen\n");
        assert_no_temps(dir.path());
    }

    #[test]
    fn update_reports_a_missing_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nope.md");
        let err = update_locked::<_, FsError>(&path, SHORT, |_| Ok(Some("x".into()))).unwrap_err();
        assert!(matches!(err, FsError::NotFound { .. }), "{err:?}");
        assert_eq!(
            err.to_string(),
            format!("`{}` does not exist", path.display())
        );
        assert!(!path.exists());
        assert_no_temps(dir.path());
    }

    /// The caller's own error type passes through untouched, and nothing is written.
    #[test]
    fn update_passes_the_callers_error_through() {
        #[derive(Debug)]
        enum CmdError {
            Fs(FsError),
            NoSection,
        }
        impl From<FsError> for CmdError {
            fn from(e: FsError) -> Self {
                Self::Fs(e)
            }
        }
        let (dir, path) = dir_with("doc.md", b"before");
        let err = update_locked(&path, SHORT, |_| Err(CmdError::NoSection)).unwrap_err();
        assert!(matches!(err, CmdError::NoSection));
        let err = update_locked(&dir.path().join("x"), SHORT, |_| Err(CmdError::NoSection));
        assert!(matches!(err, Err(CmdError::Fs(FsError::NotFound { .. }))));
        assert_eq!(fs::read(&path).unwrap(), b"before");
        assert_no_temps(dir.path());
    }

    #[test]
    fn update_times_out_while_another_handle_holds_the_lock() {
        let (dir, path) = dir_with("doc.md", b"locked\n");
        let holder = File::open(&path).unwrap();
        holder.lock().unwrap();
        let start = Instant::now();
        let err =
            update_locked::<_, FsError>(&path, SHORT, |_| Ok(Some("stolen".into()))).unwrap_err();
        let waited = start.elapsed();
        assert!(matches!(err, FsError::LockTimeout { .. }), "{err:?}");
        assert!(waited >= SHORT && waited < SHORT * 5, "waited {waited:?}");
        assert_eq!(
            err.to_string(),
            format!(
                "another process holds the lock on `{}`, gave up after 200ms; \
                 is an editor or another pm still writing it?",
                path.display()
            )
        );
        assert_eq!(fs::read(&path).unwrap(), b"locked\n");
        drop(holder);
        // Once released, the same call goes through.
        update_locked::<_, FsError>(&path, SHORT, |_| Ok(Some("free\n".into()))).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"free\n");
        assert_no_temps(dir.path());
    }

    /// flock locks belong to the open file description, not the process, so two handles in
    /// one process exclude each other: this is what lets threads (and tests) use the protocol.
    #[test]
    fn flock_excludes_other_handles_in_the_same_process() {
        let (_dir, path) = dir_with("doc.md", b"");
        let a = File::open(&path).unwrap();
        let b = File::open(&path).unwrap();
        a.lock().unwrap();
        assert!(matches!(b.try_lock(), Err(fs::TryLockError::WouldBlock)));
        drop(a);
        b.try_lock().unwrap();
    }

    #[test]
    fn concurrent_updates_lose_no_line() {
        const THREADS: usize = 8;
        const LINES: usize = 50;
        let (dir, path) = dir_with("doc.md", b"");
        let barrier = Arc::new(Barrier::new(THREADS));
        let handles: Vec<_> = (0..THREADS)
            .map(|t| {
                let (path, barrier) = (path.clone(), Arc::clone(&barrier));
                thread::spawn(move || {
                    barrier.wait();
                    for i in 0..LINES {
                        update_locked::<_, FsError>(&path, Duration::from_secs(30), |text| {
                            Ok(Some(format!("{text}thread {t} line {i}\n")))
                        })
                        .unwrap();
                    }
                })
            })
            .collect();
        for handle in handles {
            handle.join().unwrap();
        }
        let text = fs::read_to_string(&path).unwrap();
        let mut lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), THREADS * LINES);
        lines.sort_unstable();
        lines.dedup();
        assert_eq!(lines.len(), THREADS * LINES, "duplicated lines");
        // Each thread's own lines stay in the order it wrote them.
        for t in 0..THREADS {
            let prefix = format!("thread {t} line ");
            let mine: Vec<usize> = text
                .lines()
                .filter_map(|l| l.strip_prefix(&prefix)?.parse().ok())
                .collect();
            assert_eq!(mine, (0..LINES).collect::<Vec<_>>());
        }
        assert_no_temps(dir.path());
    }

    /// A writer that waited on the old inode must not edit the stale text it would read from
    /// its handle: it sees the path names a new file and locks that one instead.
    #[test]
    fn a_waiter_retries_on_the_file_renamed_in_while_it_waited() {
        let (dir, path) = dir_with("doc.md", b"old\n");
        let holder = File::open(&path).unwrap();
        holder.lock().unwrap();
        let waiter = {
            let path = path.clone();
            thread::spawn(move || {
                update_locked::<_, FsError>(&path, Duration::from_secs(30), |text| {
                    Ok(Some(format!("{text}appended\n")))
                })
            })
        };
        // Let the waiter open the old inode and start polling its lock.
        thread::sleep(Duration::from_millis(100));
        write_atomic(&path, "new\n").unwrap();
        drop(holder);
        assert_eq!(waiter.join().unwrap().unwrap(), Updated::Written);
        assert_eq!(fs::read_to_string(&path).unwrap(), "new\nappended\n");
        assert_no_temps(dir.path());
    }

    #[test]
    fn a_symlink_stays_a_symlink() {
        let (dir, real) = dir_with("real.md", b"old\n");
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink("real.md", &link).unwrap();
        update_locked::<_, FsError>(&link, SHORT, |t| Ok(Some(format!("{t}new\n")))).unwrap();
        write_atomic(&link, "newer\n").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "newer\n");
        assert_no_temps(dir.path());
    }

    #[test]
    fn create_new_writes_exact_bytes_and_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2026-11-20-checkout.md");
        create_new(&path, "+++\ntitle = \"x\"\n+++\r\n").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"+++\ntitle = \"x\"\n+++\r\n");
        assert_eq!(mode(&path) & 0o600, 0o600);
        let err = create_new(&path, "other").unwrap_err();
        assert!(matches!(err, FsError::Exists { .. }), "{err:?}");
        assert_eq!(
            err.to_string(),
            format!("`{}` already exists", path.display())
        );
        assert_eq!(fs::read(&path).unwrap(), b"+++\ntitle = \"x\"\n+++\r\n");
        assert_no_temps(dir.path());
    }

    #[test]
    fn create_new_in_a_missing_folder_is_an_io_error_naming_the_action() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing").join("doc.md");
        let err = create_new(&path, "x").unwrap_err();
        match &err {
            FsError::Io { action, .. } => assert_eq!(*action, "create temporary file"),
            other => panic!("unexpected {other:?}"),
        }
        assert!(
            err.to_string()
                .starts_with("cannot create temporary file `"),
            "{err}"
        );
        assert_no_temps(dir.path());
    }

    #[test]
    fn racing_create_new_lets_exactly_one_win() {
        const THREADS: usize = 8;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("doc.md");
        let barrier = Arc::new(Barrier::new(THREADS));
        let handles: Vec<_> = (0..THREADS)
            .map(|t| {
                let (path, barrier) = (path.clone(), Arc::clone(&barrier));
                thread::spawn(move || {
                    let content = format!("written by {t}\n").repeat(1000);
                    barrier.wait();
                    create_new(&path, &content).map(|()| content)
                })
            })
            .collect();
        let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        let winners: Vec<&String> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
        assert_eq!(winners.len(), 1, "{results:?}");
        assert!(
            results
                .iter()
                .filter_map(|r| r.as_ref().err())
                .all(|e| matches!(e, FsError::Exists { .. })),
            "{results:?}"
        );
        assert_eq!(&fs::read_to_string(&path).unwrap(), winners[0]);
        assert_no_temps(dir.path());
    }

    #[test]
    fn write_atomic_creates_then_replaces_keeping_the_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("current-doc");
        write_atomic(&path, "postmortems/a.md\n").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "postmortems/a.md\n");
        fs::set_permissions(&path, Permissions::from_mode(0o600)).unwrap();
        write_atomic(&path, "postmortems/b.md").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "postmortems/b.md");
        assert_eq!(mode(&path), 0o600);
        assert_no_temps(dir.path());
    }

    #[test]
    fn a_bare_file_name_uses_the_current_folder() {
        assert_eq!(folder_of(Path::new("doc.md")), Path::new("."));
        assert_eq!(folder_of(Path::new("a/doc.md")), Path::new("a"));
        assert_eq!(folder_of(Path::new("/doc.md")), Path::new("/"));
    }

    #[test]
    fn durations_read_naturally() {
        let cases = [(5000, "5s"), (200, "200ms"), (1500, "1500ms"), (0, "0s")];
        for (ms, text) in cases {
            assert_eq!(HumanDuration(Duration::from_millis(ms)).to_string(), text);
        }
    }
}
