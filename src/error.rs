//! The one error type of `pm`: what went wrong, where, and what to do next.

mod refusal;

use std::path::PathBuf;

use crate::store::fsio::FsError;

pub(crate) use refusal::Refusal;

/// Every failure a command can report. Variants are named for the user's situation, and each
/// carries the path, key or flag the message needs.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("`{path}` is not a valid config file")]
    Config {
        path: PathBuf,
        #[source]
        source: Box<toml::de::Error>,
    },
    #[error("invalid value in `{path}`: {message}")]
    ConfigValue { path: PathBuf, message: String },
    #[error("template `{name}` is broken")]
    Template {
        name: String,
        #[source]
        source: Box<tera::Error>,
    },
    #[error("no template named `{name}`; available: {available}")]
    TemplateNotFound { name: String, available: String },
    #[error("could not {action} `{path}`")]
    Io {
        path: PathBuf,
        action: &'static str,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    File(#[from] FsError),
    #[error("{what} is required but was not given")]
    MissingField {
        what: &'static str,
        flag: &'static str,
    },
    #[error("invalid {what} `{value}`: {reason}")]
    InvalidValue {
        what: &'static str,
        value: String,
        reason: String,
    },
    /// `pm publish` will not go on; see `Refusal`.
    #[error(transparent)]
    Refused(#[from] Refusal),
    #[error("could not {action}")]
    Git {
        action: String,
        #[source]
        source: git2::Error,
        hint: Option<String>,
    },
    #[error("could not {action}")]
    Prompt {
        action: &'static str,
        #[source]
        source: dialoguer::Error,
    },
    #[error("{what} holds what looks like a {kind} (`{masked}`); nothing was written")]
    SecretInInput {
        what: &'static str,
        kind: &'static str,
        masked: String,
    },
    #[error("no post-mortem `{doc}` in `{}`", folder.display())]
    DocNotFound {
        doc: String,
        folder: PathBuf,
        /// The slug most like `doc`, for "did you mean".
        closest: Option<String>,
    },
    #[error("`{doc}` could be any of {}", list_paths(candidates))]
    AmbiguousDoc {
        doc: String,
        candidates: Vec<PathBuf>,
    },
    #[error("the current post-mortem `{}` no longer exists", path.display())]
    CurrentDocGone { path: PathBuf },
    /// `--wiki` or `PM_WIKI` names a folder that is not there.
    #[error("the wiki folder `{}` does not exist", dir.display())]
    WikiMissing { dir: PathBuf },
    /// The user's config names a default wiki that is not there.
    #[error("the wiki folder `{}` that `{}` names does not exist", dir.display(), config.display())]
    ConfiguredWikiMissing { dir: PathBuf, config: PathBuf },
    /// `pm init` would overwrite a file.
    #[error("`{}` already exists", path.display())]
    WouldOverwrite { path: PathBuf },
    /// Every numbered variant of a new post-mortem's file name is taken.
    #[error("1000 post-mortems named `{name}` already exist")]
    NamesTaken { name: String },
    #[error("the editor `{editor}` failed ({status})")]
    EditorFailed {
        editor: String,
        status: String,
        path: PathBuf,
    },
    /// A milestone cannot be set: the document has no TOML block to hold it.
    #[error("cannot set `{key}`: `{}` has no valid TOML front matter (`+++` block)", path.display())]
    NoFrontMatter {
        key: &'static str,
        value: String,
        path: PathBuf,
    },
    /// `pm action add` into an action section written as a table.
    #[error("cannot add the item to `{}`: {why}", path.display())]
    ActionNotPlaced { path: PathBuf, why: String },
    #[error("no action item matches `{query}`")]
    NoActionMatches { query: String },
    #[error("`{query}` matches {} action items:\n{}", matches.len(), matches.join("\n"))]
    ActionsMatch { query: String, matches: Vec<String> },
    /// The item found before taking the lock is gone or done once the lock is held.
    #[error("the item at {place} changed while pm was ticking it")]
    ActionChanged { place: String },
    #[error("the item at {place} has no checkbox (`- [ ]`) to tick")]
    NoCheckbox { place: String },
    #[error("could not write CSV")]
    Csv {
        #[source]
        source: csv::Error,
    },
    #[error("could not write JSON")]
    Json {
        #[source]
        source: serde_json::Error,
    },
    #[error("no current post-mortem in this clone")]
    NoCurrentDoc,
    /// Documents `pm check` could not read or check: exit 2, since no verdict is possible.
    #[error("could not check {}: {}", plural(files.len(), "document"), list_paths(files))]
    Unchecked { files: Vec<PathBuf> },
    /// Outside any wiki, a command that needs one; it changes nothing rather than guess.
    #[error(
        "no wiki found from `{}`: neither it nor a folder above it holds `pm.toml` or is a \
         git work tree, and your config names no `wiki`",
        cwd.display()
    )]
    NotAWiki { cwd: PathBuf },
    /// `.pm/check-baseline.json` is there but is not a baseline pm can read.
    #[error("cannot read the check baseline `{}` (line {line}, column {column})", path.display())]
    BrokenBaseline {
        path: PathBuf,
        line: usize,
        column: usize,
        #[source]
        source: serde_json::Error,
    },
    /// A detector of `pm check` whose regex does not compile: a bug in pm, reported rather than
    /// taken for "nothing found".
    #[error("the built-in patterns of the `{rule}` rule do not compile")]
    BrokenPattern {
        rule: &'static str,
        #[source]
        source: regex::Error,
    },
}

impl Error {
    /// 2 for usage mistakes (like clap's own errors) and for checks that could not give a
    /// verdict (so CI never reads them as "findings"), 1 for everything else.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::MissingField { .. }
            | Error::InvalidValue { .. }
            | Error::Unchecked { .. }
            | Error::BrokenBaseline { .. }
            | Error::BrokenPattern { .. } => 2,
            _ => 1,
        }
    }

    /// What the user can do about it, shown as a `hint:` line.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::MissingField { flag, .. } => {
                Some(format!("pass `{flag}`, or run on a terminal to be asked"))
            }
            Error::Config { .. } | Error::ConfigValue { .. } => {
                Some("fix the file; `pm init --force` in a scratch folder shows every key".into())
            }
            Error::Template { .. } => Some("fix the template; nothing was written".into()),
            Error::Refused(refusal) => Some(refusal.hint()),
            Error::Git { hint, .. } => hint.clone(),
            Error::DocNotFound { closest, .. } => Some(match closest {
                Some(slug) => format!("did you mean `{slug}`? `pm list` shows them all"),
                None => "name it by path, file name, slug, or part of its slug or title; \
                         `pm list` shows them all"
                    .into(),
            }),
            Error::AmbiguousDoc { .. } => Some("pass more of its name, or its file name".into()),
            Error::CurrentDocGone { .. } => {
                Some("choose another with `pm use DOC` (or `--doc DOC`, or `PM_DOC`)".into())
            }
            Error::WikiMissing { .. } => Some("check `--wiki` or `PM_WIKI`".into()),
            Error::ConfiguredWikiMissing { config, .. } => Some(format!(
                "fix `wiki` in `{}`, or pass `--wiki DIR`",
                config.display()
            )),
            Error::WouldOverwrite { .. } => Some("pass `--force` to overwrite it".into()),
            Error::NamesTaken { .. } => Some("give the incident a more specific title".into()),
            Error::EditorFailed { path, .. } => {
                Some(format!("the post-mortem is saved at `{}`", path.display()))
            }
            Error::NoFrontMatter { key, value, .. } => Some(format!(
                "add `{key} = {value}` to its front matter by hand, or fix the block; \
                 nothing was written"
            )),
            Error::ActionNotPlaced { .. } => Some("add it by hand; nothing was written".into()),
            Error::NoActionMatches { .. } => {
                Some("give its ticket or words of its text; `pm actions` lists them".into())
            }
            Error::ActionsMatch { .. } => {
                Some("give the ticket or more of the text, or `--doc`".into())
            }
            Error::ActionChanged { .. } => Some("run the command again".into()),
            Error::NoCheckbox { .. } => Some("make it a task list item, or edit it by hand".into()),
            Error::SecretInInput { .. } => Some(
                "the wiki is readable company-wide: leave the credential out (and rotate it if \
                 it is real); pass `--allow-secret` if it is not a credential"
                    .into(),
            ),
            Error::Unchecked { .. } => Some(
                "the `unreadable` findings above say why; every other document was checked".into(),
            ),
            Error::BrokenPattern { .. } => Some(
                "this is a bug in pm, not in your documents; please report it with the output \
                 of `pm --version`"
                    .into(),
            ),
            Error::BrokenBaseline { .. } => Some(
                "fix the file (a merge conflict?), or write it again with \
                 `pm check --write-baseline`"
                    .into(),
            ),
            Error::NotAWiki { .. } => Some(
                "run `pm init` to make this folder a wiki, or name one with `--wiki DIR` or \
                 `PM_WIKI`"
                    .into(),
            ),
            Error::NoCurrentDoc => Some(
                "choose one with `pm use DOC` (or `--doc DOC`, or `PM_DOC`); `pm new` makes the \
                 document it creates current"
                    .into(),
            ),
            Error::File(FsError::LockTimeout { .. }) => {
                Some("close the editor or wait for the other `pm`, then run it again".into())
            }
            Error::File(FsError::ReadOnly { path }) => Some(format!(
                "run `chmod u+w {}` if pm should change it",
                path.display()
            )),
            _ => None,
        }
    }
}

/// `1 document`, `2 documents`.
fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// `` `a.md`, `b.md` ``.
fn list_paths(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| format!("`{}`", p.display()))
        .collect::<Vec<_>>()
        .join(", ")
}
