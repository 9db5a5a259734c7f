//! `pm init`: write a commented `pm.toml`, and optionally eject the built-in template.

use std::path::{Path, PathBuf};

use clap::Args;

use crate::cmd::Outcome;
use crate::config::DEFAULT_WIKI_CONFIG;
use crate::error::Error;
use crate::render::print_line;
use crate::store::fsio;
use crate::template::{BUILTIN_POSTMORTEM, WIKI_TEMPLATE_DIR};

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The wiki folder (default: the current folder)
    pub dir: Option<PathBuf>,
    /// Also copy the built-in template to `.pm/templates/postmortem.md.tera` to edit
    #[arg(long)]
    pub eject_template: bool,
    /// Overwrite files that already exist
    #[arg(long)]
    pub force: bool,
}

pub(crate) fn run(args: &InitArgs) -> Result<Outcome, Error> {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    std::fs::create_dir_all(&dir).map_err(|source| Error::Io {
        path: dir.clone(),
        action: "create",
        source,
    })?;
    let mut files = vec![(dir.join("pm.toml"), DEFAULT_WIKI_CONFIG)];
    if args.eject_template {
        let templates = dir.join(WIKI_TEMPLATE_DIR);
        files.push((templates.join("postmortem.md.tera"), BUILTIN_POSTMORTEM));
    }
    // Check every file first, so a refusal leaves nothing half done.
    if let Some((path, _)) = files.iter().find(|(path, _)| !args.force && path.exists()) {
        return Err(Error::WouldOverwrite { path: path.clone() });
    }
    for (path, content) in &files {
        write(path, content, args.force)?;
        print_line(&path.display().to_string())?;
    }
    Ok(Outcome::Success)
}

fn write(path: &Path, content: &str, force: bool) -> Result<(), Error> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|source| Error::Io {
            path: parent.into(),
            action: "create",
            source,
        })?;
    }
    if force {
        fsio::write_atomic(path, content)?;
    } else {
        fsio::create_new(path, content)?;
    }
    Ok(())
}
