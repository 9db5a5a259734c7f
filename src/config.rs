//! Configuration: the wiki's `pm.toml`, the user's `config.toml`, and the resolved settings.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use chrono_tz::Tz;
use serde::Deserialize;

use crate::check::rule::RULES;
use crate::doc::TEMPLATE_ORDER;
use crate::doc::sections::SectionNames;
use crate::error::Error;
use crate::time::DateOrder;

/// The commented default `pm.toml` that `pm init` writes.
pub(crate) const DEFAULT_WIKI_CONFIG: &str = include_str!("../templates/pm.toml");

/// A wiki's `pm.toml`, as written. Unknown keys are an error, so a typo never goes unnoticed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(crate) struct WikiConfig {
    pub(crate) folder: String,
    pub(crate) severities: Vec<String>,
    pub(crate) timezone: String,
    pub(crate) review_days: u32,
    pub(crate) review_business_days: bool,
    pub(crate) template: String,
    pub(crate) index: Option<String>,
    pub(crate) exclude: Vec<String>,
    pub(crate) remote: Option<String>,
    pub(crate) branch: Option<String>,
    pub(crate) required_sections: Vec<String>,
    pub(crate) section_aliases: BTreeMap<String, Vec<String>>,
    pub(crate) rules: BTreeMap<String, RuleLevel>,
    /// How the wiki's hand-written dates order day and month (`"dmy"`, `"mdy"`, `"ymd"`).
    pub(crate) date_order: Option<DateOrder>,
}

/// What `pm.toml` may say about one `pm check` rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum RuleLevel {
    Off,
    Warning,
    Error,
}

impl Default for WikiConfig {
    fn default() -> Self {
        let aliases: &[(&str, &[&str])] = &[
            (
                "Summary",
                &[
                    "Issue summary",
                    "Overview",
                    "Incident summary",
                    "Executive summary",
                ],
            ),
            (
                "Impact and scope",
                &["Impact", "Scope", "Customer impact", "User impact"],
            ),
            ("Trigger", &["Triggers", "Detection", "What triggered it"]),
            ("Resolution", &["Mitigation", "Fix", "Recovery", "Solution"]),
            (
                "Timeline",
                &["Timeline of events", "Chronology", "Sequence of events"],
            ),
            (
                "Root cause",
                &[
                    "Root causes",
                    "Contributing factors",
                    "Cause",
                    "Causes",
                    "Root cause analysis",
                ],
            ),
            (
                "What went well",
                &["Things that went well", "Went well", "What worked"],
            ),
            (
                "What didn't go well",
                &[
                    "What went wrong",
                    "Things that went wrong",
                    "What did not go well",
                    "What could have gone better",
                    "Went wrong",
                    "Lessons learned",
                ],
            ),
            (
                "Action items",
                &[
                    "Corrective and preventative measures",
                    "Corrective and preventative measure",
                    "Corrective and preventive measures",
                    "Corrective actions",
                    "Preventative measures",
                    "Preventive measures",
                    "Prevention",
                    "Remediation",
                    "Follow-ups",
                    "Follow-up actions",
                    "Next steps",
                    "Actions",
                ],
            ),
            ("If we have time", &["Aspirations", "Nice to have"]),
            (
                "Data and analysis",
                &["Data", "Supporting information", "Appendix"],
            ),
        ];
        WikiConfig {
            folder: "postmortems".into(),
            severities: ["SEV1", "SEV2", "SEV3", "SEV4"].map(String::from).to_vec(),
            timezone: "UTC".into(),
            review_days: 7,
            review_business_days: false,
            template: "postmortem".into(),
            index: None,
            exclude: [
                "README.md",
                "index.md",
                "Home.md",
                "_Sidebar.md",
                "_Footer.md",
                "*template*",
            ]
            .map(String::from)
            .to_vec(),
            date_order: None,
            remote: None,
            branch: None,
            required_sections: [
                "Summary",
                "Impact and scope",
                "Trigger",
                "Resolution",
                "Timeline",
                "Root cause",
                "What went well",
                "What didn't go well",
                "Action items",
            ]
            .map(String::from)
            .to_vec(),
            section_aliases: aliases
                .iter()
                .map(|(k, v)| {
                    (
                        (*k).to_string(),
                        v.iter().map(|s| (*s).to_string()).collect(),
                    )
                })
                .collect(),
            rules: BTreeMap::new(),
        }
    }
}

/// The user's personal defaults, `$XDG_CONFIG_HOME/pm/config.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(crate) struct UserConfig {
    /// The name to use as lead and timeline author, before git's `user.name`.
    pub(crate) name: Option<String>,
    /// The wiki to use when the current folder is in none.
    pub(crate) wiki: Option<PathBuf>,
}

/// Settings after every layer is merged and checked.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    pub(crate) folder: PathBuf,
    pub(crate) severities: Vec<String>,
    pub(crate) timezone: Tz,
    pub(crate) review_days: u32,
    pub(crate) review_business_days: bool,
    pub(crate) template: String,
    pub(crate) index: PathBuf,
    pub(crate) exclude: Exclude,
    pub(crate) remote: Option<String>,
    pub(crate) branch: Option<String>,
    pub(crate) required_sections: Vec<String>,
    pub(crate) section_aliases: BTreeMap<String, Vec<String>>,
    pub(crate) rules: BTreeMap<String, RuleLevel>,
    pub(crate) date_order: Option<DateOrder>,
    pub(crate) user_name: Option<String>,
}

/// The pages of the post-mortems folder that are not post-mortems (`exclude` in `pm.toml`):
/// globs relative to the folder, matched whatever the case. A glob without a `/` matches a
/// file name at any depth (`README.md` in every subfolder, as wikis show one per folder); one
/// with a `/` matches the path from the folder.
#[derive(Debug, Clone, Default)]
pub(crate) struct Exclude {
    globs: Vec<glob::Pattern>,
}

impl Exclude {
    fn new(globs: &[String]) -> Result<Exclude, (String, String)> {
        let globs = globs
            .iter()
            .map(|g| glob::Pattern::new(g).map_err(|e| (g.clone(), e.msg.to_string())))
            .collect::<Result<_, _>>()?;
        Ok(Exclude { globs })
    }

    /// Whether `rel`, a path relative to the post-mortems folder, is excluded.
    pub(crate) fn matches(&self, rel: &Path) -> bool {
        let options = glob::MatchOptions {
            case_sensitive: false,
            require_literal_separator: true,
            require_literal_leading_dot: false,
        };
        let name = rel.file_name().map_or(rel, Path::new);
        self.globs.iter().any(|glob| {
            let whole = glob.as_str().contains('/');
            glob.matches_path_with(if whole { rel } else { name }, options)
        })
    }
}

impl Config {
    /// The section names a wiki knows: the built-in ones, its required sections, and aliases.
    pub(crate) fn section_names(&self) -> SectionNames {
        SectionNames::new(
            TEMPLATE_ORDER
                .iter()
                .copied()
                .chain(self.required_sections.iter().map(String::as_str)),
            &self.section_aliases,
        )
    }
}

/// Read a TOML config file; `Ok(None)` when it does not exist.
fn read_toml<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<Option<(T, String)>, Error> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(Error::Io {
                path: path.into(),
                action: "read",
                source,
            });
        }
    };
    let value = toml::from_str(&text).map_err(|source| Error::Config {
        path: path.into(),
        source: Box::new(source),
    })?;
    Ok(Some((value, text)))
}

/// Where the user's config lives: `$XDG_CONFIG_HOME/pm/config.toml`, else `~/.config/pm/…`.
pub(crate) fn user_config_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("pm").join("config.toml"))
}

pub(crate) fn load_user() -> Result<UserConfig, Error> {
    match user_config_path() {
        Some(path) => Ok(read_toml(&path)?.map(|(c, _)| c).unwrap_or_default()),
        None => Ok(UserConfig::default()),
    }
}

/// Read `pm.toml` at the wiki root (defaults when absent) and merge it with the user's config.
pub(crate) fn load(wiki_root: &Path, user: &UserConfig) -> Result<Config, Error> {
    let path = wiki_root.join("pm.toml");
    let (wiki, text) = read_toml::<WikiConfig>(&path)?.unwrap_or_default();
    resolve(wiki, user, &path, &text)
}

/// Check every value and turn the file's strings into typed settings.
pub(crate) fn resolve(
    wiki: WikiConfig,
    user: &UserConfig,
    path: &Path,
    text: &str,
) -> Result<Config, Error> {
    let bad = |key: &str, message: String| {
        let at = line_of_key(text, key).map_or(String::new(), |n| format!("line {n}: "));
        Error::ConfigValue {
            path: path.into(),
            message: format!("{at}`{key}`: {message}"),
        }
    };
    let folder = relative_path(&wiki.folder).ok_or_else(|| {
        bad(
            "folder",
            format!("`{}` must be a folder inside the wiki", wiki.folder),
        )
    })?;
    if wiki.severities.is_empty() {
        return Err(bad("severities", "must list at least one severity".into()));
    }
    if let Some(s) = wiki.severities.iter().find(|s| s.trim().is_empty()) {
        return Err(bad("severities", format!("`{s}` is not a severity name")));
    }
    let timezone = wiki.timezone.parse::<Tz>().map_err(|_| {
        bad(
            "timezone",
            format!(
                "`{}` is not an IANA time zone name (e.g. `Europe/Berlin`)",
                wiki.timezone
            ),
        )
    })?;
    if wiki.template.trim().is_empty() || wiki.template.contains(['/', '\\']) {
        return Err(bad(
            "template",
            format!("`{}` is not a template name", wiki.template),
        ));
    }
    let known: Vec<&str> = RULES.iter().map(|(name, _)| *name).collect();
    if let Some(rule) = wiki.rules.keys().find(|r| !known.contains(&r.as_str())) {
        return Err(bad(
            rule,
            format!(
                "`{rule}` is not a rule of `pm check`; the rules are: {}",
                known.join(", ")
            ),
        ));
    }
    let exclude = Exclude::new(&wiki.exclude).map_err(|(glob, why)| {
        bad(
            "exclude",
            format!("`{glob}` is not a glob ({why}); e.g. `\"drafts/*.md\"`"),
        )
    })?;
    let index = match &wiki.index {
        Some(index) => relative_path(index)
            .ok_or_else(|| bad("index", format!("`{index}` must be a file inside the wiki")))?,
        None => folder.join("README.md"),
    };
    Ok(Config {
        folder,
        severities: wiki.severities,
        timezone,
        review_days: wiki.review_days,
        review_business_days: wiki.review_business_days,
        template: wiki.template,
        index,
        exclude,
        remote: wiki.remote,
        branch: wiki.branch,
        required_sections: wiki.required_sections,
        section_aliases: wiki.section_aliases,
        rules: wiki.rules,
        date_order: wiki.date_order,
        user_name: user.name.clone(),
    })
}

/// A path that stays inside the wiki: relative, with no `..`.
fn relative_path(s: &str) -> Option<PathBuf> {
    let path = Path::new(s);
    let inside = !s.is_empty()
        && path
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    inside.then(|| {
        path.components()
            .filter(|c| matches!(c, Component::Normal(_)))
            .collect()
    })
}

/// The 1-based line where `key = …` is set, to point the user at it.
fn line_of_key(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            let line = line.trim_start();
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commented_default_file_is_exactly_the_default() {
        let parsed: WikiConfig = toml::from_str(DEFAULT_WIKI_CONFIG).unwrap();
        assert_eq!(parsed, WikiConfig::default());
    }

    #[test]
    fn unknown_key_names_line_and_key() {
        let err = toml::from_str::<WikiConfig>("folder = \"pm\"\nfolderz = 1\n").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("line 2"), "{msg}");
        assert!(msg.contains("folderz"), "{msg}");
    }

    #[test]
    fn bad_values_name_their_key_and_line() {
        let cases = [
            ("timezone = \"Mars/Base\"\n", "line 1: `timezone`"),
            ("\nfolder = \"../outside\"\n", "line 2: `folder`"),
            ("folder = \"/etc\"\n", "`folder`"),
            ("severities = []\n", "`severities`"),
            ("index = \"../x.md\"\n", "`index`"),
            ("template = \"../evil\"\n", "`template`"),
            (
                "folder = \"pm\"\nexclude = [\"ok.md\", \"[z-a\"]\n",
                "line 2: `exclude`: `[z-a`",
            ),
        ];
        for (text, expected) in cases {
            let wiki: WikiConfig = toml::from_str(text).unwrap();
            let err = resolve(wiki, &UserConfig::default(), Path::new("pm.toml"), text)
                .unwrap_err()
                .to_string();
            assert!(err.contains(expected), "{text:?}: {err}");
        }
    }

    #[test]
    fn exclude_globs() {
        let config = resolve(
            WikiConfig::default(),
            &UserConfig::default(),
            Path::new("pm.toml"),
            "",
        )
        .unwrap();
        let cases = [
            ("README.md", true),
            ("2025/readme.md", true),
            ("Home.md", true),
            ("_Sidebar.md", true),
            ("iasql-000 - Postmortem Template.md", true),
            ("templates/learningequality-TEMPLATE.md", true),
            ("2026-11-20-checkout-outage.md", false),
            ("readme-outage.md", false),
            ("index/2026-11-20-x.md", false),
        ];
        for (path, excluded) in cases {
            assert_eq!(config.exclude.matches(Path::new(path)), excluded, "{path}");
        }
        let wiki: WikiConfig = toml::from_str("exclude = [\"drafts/*.md\"]\n").unwrap();
        let config = resolve(wiki, &UserConfig::default(), Path::new("pm.toml"), "").unwrap();
        assert!(config.exclude.matches(Path::new("drafts/a.md")));
        assert!(!config.exclude.matches(Path::new("drafts/2025/a.md")));
        assert!(!config.exclude.matches(Path::new("README.md")));
    }

    #[test]
    fn flat_wiki_and_default_index() {
        let wiki: WikiConfig = toml::from_str("folder = \".\"\n").unwrap();
        let config = resolve(wiki, &UserConfig::default(), Path::new("pm.toml"), "").unwrap();
        assert_eq!(config.folder, PathBuf::from(""));
        assert_eq!(config.index, PathBuf::from("README.md"));
        let config = resolve(
            WikiConfig::default(),
            &UserConfig::default(),
            Path::new("x"),
            "",
        )
        .unwrap();
        assert_eq!(config.index, PathBuf::from("postmortems/README.md"));
    }
}
