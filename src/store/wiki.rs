//! Finding the wiki a command works on, and this clone's current document.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::git;
use crate::store::{fsio, lookup};

/// The wiki: a folder (usually a git work tree) holding `pm.toml` and the post-mortems.
#[derive(Debug, Clone)]
pub(crate) struct Wiki {
    pub(crate) root: PathBuf,
}

impl Wiki {
    /// Find the wiki as git finds `.git`: the flag (or `PM_WIKI`), else the nearest folder
    /// upward holding `pm.toml`, else the enclosing git work tree, else the user's default
    /// wiki (`default`: the folder and the config file naming it). Elsewhere there is no wiki:
    /// guessing the current folder would scatter `postmortems/` folders wherever `pm new` ran.
    pub(crate) fn find(
        flag: Option<&Path>,
        default: Option<(&Path, &Path)>,
    ) -> Result<Wiki, Error> {
        if let Some(dir) = flag {
            if !dir.is_dir() {
                return Err(Error::WikiMissing {
                    dir: dir.to_path_buf(),
                });
            }
            return Ok(Wiki {
                root: dir.to_path_buf(),
            });
        }
        let cwd = std::env::current_dir().map_err(|source| Error::Io {
            path: ".".into(),
            action: "read the current folder",
            source,
        })?;
        if let Some(dir) = cwd.ancestors().find(|dir| dir.join("pm.toml").is_file()) {
            return Ok(Wiki {
                root: dir.to_path_buf(),
            });
        }
        if let Some(dir) = cwd.ancestors().find(|dir| dir.join(".git").exists()) {
            return Ok(Wiki {
                root: dir.to_path_buf(),
            });
        }
        if let Some((dir, config)) = default {
            if !dir.is_dir() {
                return Err(Error::ConfiguredWikiMissing {
                    dir: dir.to_path_buf(),
                    config: config.to_path_buf(),
                });
            }
            return Ok(Wiki {
                root: dir.to_path_buf(),
            });
        }
        Err(Error::NotAWiki { cwd })
    }

    /// Where this clone's current document is recorded: inside `.git/`, so it is never
    /// committed; in `.pm/` (with a `.gitignore`) for a wiki that is not a git repository.
    fn state_file(&self) -> (PathBuf, bool) {
        match git::git_dir(&self.root) {
            Some(git_dir) => (git_dir.join("pm").join("current"), true),
            None => (self.root.join(".pm").join("state").join("current"), false),
        }
    }

    /// Record `doc` (a path inside the wiki) as this clone's current document.
    pub(crate) fn set_current(&self, doc: &Path) -> Result<(), Error> {
        let (file, in_git) = self.state_file();
        let folder = file.parent().unwrap_or(&self.root);
        std::fs::create_dir_all(folder).map_err(|source| Error::Io {
            path: folder.into(),
            action: "create",
            source,
        })?;
        if !in_git {
            let ignore = folder.join(".gitignore");
            if !ignore.exists() {
                fsio::write_atomic(&ignore, "*\n")?;
            }
        }
        let rel = doc.strip_prefix(&self.root).unwrap_or(doc);
        fsio::write_state(&file, &format!("{}\n", rel.display()))?;
        Ok(())
    }

    /// This clone's current document, as a path inside the wiki, if one is recorded.
    pub(crate) fn current(&self) -> Option<PathBuf> {
        let text = std::fs::read_to_string(self.state_file().0).ok()?;
        let rel = text.trim_end_matches(['\n', '\r']);
        (!rel.is_empty()).then(|| self.root.join(rel))
    }

    /// The document a command works on: `doc` (from `--doc` or `PM_DOC`) found among the
    /// post-mortems of `folder` (see [`lookup::find`]); else this clone's current document.
    pub(crate) fn resolve_doc(
        &self,
        folder: &Path,
        skip: &dyn Fn(&Path) -> bool,
        doc: Option<&str>,
    ) -> Result<PathBuf, Error> {
        let Some(doc) = doc.filter(|d| !d.trim().is_empty()) else {
            return match self.current() {
                Some(path) if path.is_file() => Ok(path),
                Some(path) => Err(Error::CurrentDocGone { path }),
                None => Err(Error::NoCurrentDoc),
            };
        };
        lookup::find(&self.root, folder, skip, doc)
    }
}
