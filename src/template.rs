//! Templates: the built-in post-mortem, a wiki's overrides in `.pm/templates/`, and rendering.

use std::path::{Path, PathBuf};

use tera::{Context, Tera};

use crate::error::Error;

/// The built-in post-mortem template, compiled in.
pub(crate) const BUILTIN_POSTMORTEM: &str = include_str!("../templates/postmortem.md.tera");

/// Where a wiki keeps its own templates.
pub(crate) const WIKI_TEMPLATE_DIR: &str = ".pm/templates";

/// Prefix of the built-in templates; a wiki template of the same name wins over them.
const BUILTIN_PREFIX: &str = "builtin/";

/// Suffix of template files on disk; the template's name is the file name without it.
const FILE_SUFFIX: &str = ".md.tera";

/// The templates of one wiki, ready to render.
pub(crate) struct Templates {
    tera: Tera,
    /// Template name → the file it came from, to point errors at the file.
    files: Vec<(String, PathBuf)>,
}

impl Templates {
    /// The built-ins plus every `.pm/templates/*.md.tera` of the wiki. A template that does not
    /// parse is reported with its file, line and column.
    pub(crate) fn load(wiki_root: &Path) -> Result<Templates, Error> {
        let mut tera = Tera::default();
        tera.autoescape_on(Vec::<&str>::new());
        tera.set_fallback_prefixes([BUILTIN_PREFIX])
            .map_err(|e| template_error("builtin", e))?;
        let builtin = format!("{BUILTIN_PREFIX}postmortem.md");
        tera.add_raw_template(&builtin, BUILTIN_POSTMORTEM)
            .map_err(|e| template_error("templates/postmortem.md.tera (built in)", e))?;
        let mut files = vec![(
            builtin,
            PathBuf::from("templates/postmortem.md.tera (built in)"),
        )];
        let dir = wiki_root.join(WIKI_TEMPLATE_DIR);
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Templates { tera, files });
            }
            Err(source) => {
                return Err(Error::Io {
                    path: dir,
                    action: "read",
                    source,
                });
            }
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.to_str().is_some_and(|s| s.ends_with(FILE_SUFFIX)))
            .collect();
        paths.sort();
        for path in paths {
            let Some(stem) = path
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_suffix(FILE_SUFFIX))
            else {
                continue;
            };
            let text = std::fs::read_to_string(&path).map_err(|source| Error::Io {
                path: path.clone(),
                action: "read",
                source,
            })?;
            let name = format!("{stem}.md");
            let shown = Path::new(WIKI_TEMPLATE_DIR).join(path.file_name().unwrap_or_default());
            tera.add_raw_template(&name, &text)
                .map_err(|e| template_error(&shown.display().to_string(), e))?;
            files.push((name, shown));
        }
        Ok(Templates { tera, files })
    }

    /// Render template `name` (`postmortem`, `security`, …) to a string; nothing touches disk.
    pub(crate) fn render(&self, name: &str, context: &Context) -> Result<String, Error> {
        let full = format!("{name}.md");
        if !self.tera.contains_template(&full) {
            let mut available: Vec<&str> = self
                .files
                .iter()
                .map(|(n, _)| n.trim_start_matches(BUILTIN_PREFIX).trim_end_matches(".md"))
                .collect();
            available.sort_unstable();
            available.dedup();
            return Err(Error::TemplateNotFound {
                name: name.to_string(),
                available: available.join(", "),
            });
        }
        self.tera.render(&full, context).map_err(|e| {
            let file = self.file_of(&full, &e);
            template_error(&file, e)
        })
    }

    /// The file a render error points into: the template named in the error, else `name`'s.
    fn file_of(&self, name: &str, error: &tera::Error) -> String {
        let named = match error.kind() {
            tera::ErrorKind::RenderingError(report) | tera::ErrorKind::SyntaxError(report) => {
                report.filename().to_string()
            }
            _ => String::new(),
        };
        let wanted = if named.is_empty() {
            name
        } else {
            named.as_str()
        };
        let resolved = if self.files.iter().any(|(n, _)| n == wanted) {
            wanted.to_string()
        } else {
            format!("{BUILTIN_PREFIX}{wanted}")
        };
        self.files
            .iter()
            .find(|(n, _)| *n == resolved)
            .map_or_else(|| wanted.to_string(), |(_, f)| f.display().to_string())
    }
}

/// Wrap a tera error, naming the file and, when tera knows it, the line and column.
fn template_error(file: &str, source: tera::Error) -> Error {
    let at = match source.kind() {
        tera::ErrorKind::RenderingError(report) | tera::ErrorKind::SyntaxError(report) => {
            let span = report.span();
            format!("{file}:{}:{}", span.start_line, span.start_col + 1)
        }
        _ => file.to_string(),
    };
    Error::Template {
        name: at,
        source: Box::new(source),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wiki_with(template: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(WIKI_TEMPLATE_DIR)).unwrap();
        std::fs::write(
            dir.path()
                .join(WIKI_TEMPLATE_DIR)
                .join("postmortem.md.tera"),
            template,
        )
        .unwrap();
        dir
    }

    #[test]
    fn wiki_template_wins_over_builtin() {
        let dir = wiki_with("custom {{ title }}");
        let templates = Templates::load(dir.path()).unwrap();
        let mut ctx = Context::new();
        ctx.insert("title", "x");
        assert_eq!(templates.render("postmortem", &ctx).unwrap(), "custom x");
    }

    #[test]
    fn broken_template_names_file_line_and_column() {
        let dir = wiki_with("line one\nline {{ two \n");
        let err = Templates::load(dir.path()).err().unwrap();
        let shown = err.to_string();
        assert!(
            shown.contains(".pm/templates/postmortem.md.tera:2:"),
            "{shown}"
        );
    }

    #[test]
    fn render_error_names_the_file() {
        let dir = wiki_with("ok\n{{ missing_variable.field }}\n");
        let templates = Templates::load(dir.path()).unwrap();
        let err = templates
            .render("postmortem", &Context::new())
            .unwrap_err()
            .to_string();
        assert!(err.contains(".pm/templates/postmortem.md.tera:2:"), "{err}");
    }

    #[test]
    fn unknown_template_lists_the_known_ones() {
        let dir = tempfile::tempdir().unwrap();
        let templates = Templates::load(dir.path()).unwrap();
        let err = templates
            .render("security", &Context::new())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("`security`") && err.contains("postmortem"),
            "{err}"
        );
    }
}
