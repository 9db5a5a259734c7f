//! The detectors behind the `secret` rule: one pattern per kind of credential, the cheap
//! triggers that pick which patterns a line needs, and the tests that tell a live value from a
//! placeholder or a path.

use std::sync::LazyLock;

use regex::{Captures, Regex, RegexSet};

use crate::check::words::{contains_ignore_case, is_any_of};
use crate::text;

/// Detectors in priority order: when two overlap, the earlier one wins, so specific token
/// formats beat the contextual detectors (bearer, generic `key=value`) that may contain them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Detector {
    PrivateKey,
    AwsKeyId,
    AwsSecret,
    GitHub,
    GitLab,
    SlackToken,
    SlackWebhook,
    Jwt,
    UrlPassword,
    AuthHeader,
    Bearer,
    Generic,
}

impl Detector {
    pub(super) const ALL: [Detector; 12] = [
        Detector::PrivateKey,
        Detector::AwsKeyId,
        Detector::AwsSecret,
        Detector::GitHub,
        Detector::GitLab,
        Detector::SlackToken,
        Detector::SlackWebhook,
        Detector::Jwt,
        Detector::UrlPassword,
        Detector::AuthHeader,
        Detector::Bearer,
        Detector::Generic,
    ];

    /// The regex; group `s` is the secret. Word boundaries are ASCII (`(?-u:\b)`) so the lazy
    /// DFA can run them on any line, Unicode or not. Value classes stop at the characters that
    /// delimit values in Markdown, shells, JSON and YAML (quotes, backticks, brackets, `,;&|`),
    /// the same ones [`may_contain_secret`] splits runs on.
    fn pattern(self) -> &'static str {
        match self {
            Detector::PrivateKey => concat!(
                r"(?P<s>-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----",
                r"(?:.*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----)?)",
            ),
            Detector::AwsKeyId => r"(?-u:\b)(?P<s>(?:AKIA|ASIA)[A-Z0-9]{16})(?-u:\b)",
            Detector::AwsSecret => concat!(
                r#"(?i:aws_?secret_?(?:access_?)?key)["']?"#,
                r#"[ \t]*(?:=>|:=|=|:)[ \t]*["']?"#,
                r#"(?P<s>[A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)"#,
            ),
            Detector::GitHub => concat!(
                r"(?-u:\b)(?P<s>gh[pousr]_[A-Za-z0-9]{36,251}",
                r"|github_pat_[A-Za-z0-9_]{22,242})(?-u:\b)",
            ),
            Detector::GitLab => {
                r"(?-u:\b)(?P<s>gl(?:pat|dt|rt|ptt|soat|cbt|ft|imt|oas)-[A-Za-z0-9_.-]{20,})"
            }
            Detector::SlackToken => r"(?-u:\b)(?P<s>(?:xox[abprse]|xapp)-[A-Za-z0-9-]{12,})",
            Detector::SlackWebhook => {
                r"hooks\.slack\.com/(?:services|workflows|triggers)/(?P<s>[A-Za-z0-9_/]{16,})"
            }
            Detector::Jwt => {
                r"(?-u:\b)(?P<s>eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*)"
            }
            Detector::UrlPassword => concat!(
                r#"(?-u:\b)(?P<scheme>[A-Za-z][A-Za-z0-9+.-]{0,20})://"#,
                r#"(?P<user>[^\s:/?#@\[\]()<>"'`|]*):(?P<s>[^\s/?#@\[\]()<>"'`|]+)"#,
                r#"@(?P<host>[A-Za-z0-9.\[\]-]+)"#,
            ),
            Detector::AuthHeader => concat!(
                r#"(?i:authorization)["']?[ \t]*[:=][ \t]*["']?"#,
                r#"(?P<scheme>(?i:bearer|basic|token|bot)[ \t]+)?"#,
                r#"(?P<s>[A-Za-z0-9._~+/-]{16,}=*)"#,
            ),
            Detector::Bearer => r"(?i:(?-u:\b)bearer)[ \t]+(?P<s>[A-Za-z0-9._~+/-]{20,}=*)",
            // The value is printable ASCII, like the bytes `may_contain_secret` counts.
            Detector::Generic => concat!(
                r#"(?i:(?-u:\b)(?P<key>[a-z0-9_.-]*"#,
                r#"(?:secret|token|passw(?:or)?d|pwd|passphrase|api_?key|access_?key"#,
                r#"|private_?key)"#,
                r#"[a-z0-9_.-]*))["']?[ \t]*(?:=>|:=|=|:)[ \t]*["']?"#,
                r#"(?P<s>[!-~&&[^"'`,;&|<>()\[\]{}]]{16,})"#,
            ),
        }
    }

    /// A literal every match of [`Detector::pattern`] contains, cheap to look for.
    fn trigger(self) -> &'static str {
        match self {
            Detector::PrivateKey => "-----BEGIN ",
            Detector::AwsKeyId => "AKIA|ASIA",
            Detector::AwsSecret => "(?i:aws_?secret)",
            Detector::GitHub => "gh[pousr]_|github_pat_",
            Detector::GitLab => "gl(?:pat|dt|rt|ptt|soat|cbt|ft|imt|oas)-",
            Detector::SlackToken => "xox[abprse]-|xapp-",
            Detector::SlackWebhook => r"hooks\.slack\.com/",
            Detector::Jwt => "eyJ",
            Detector::UrlPassword => r"://[^\s/?#@]*@",
            Detector::AuthHeader => "(?i:authorization)",
            Detector::Bearer => "(?i:bearer)",
            Detector::Generic => {
                "(?i:secret|token|passw|pwd|passphrase|api_?key|access_?key|private_?key)"
            }
        }
    }

    /// The kind shown to the user; only the `Authorization` header depends on the match.
    pub(super) fn kind(self, caps: &Captures<'_>) -> &'static str {
        match self {
            Detector::PrivateKey => "private key block",
            Detector::AwsKeyId => "AWS access key",
            Detector::AwsSecret => "AWS secret access key",
            Detector::GitHub => "GitHub token",
            Detector::GitLab => "GitLab token",
            Detector::SlackToken => "Slack token",
            Detector::SlackWebhook => "Slack webhook URL",
            Detector::Jwt => "JSON Web Token",
            Detector::UrlPassword => "password in URL",
            Detector::AuthHeader => match caps.name("scheme") {
                Some(m) if m.as_str().trim_end().eq_ignore_ascii_case("basic") => {
                    "basic auth credentials"
                }
                _ => "bearer token",
            },
            Detector::Bearer => "bearer token",
            Detector::Generic => "high-entropy secret value",
        }
    }

    /// Checks the regex cannot express: placeholders, and whether a contextual value looks
    /// random enough to be a credential rather than a name, a path or a sentence.
    pub(super) fn accepts(self, caps: &Captures<'_>, secret: &str) -> bool {
        match self {
            // `-----BEGIN PRIVATE KEY-----\nXXXX\n-----END PRIVATE KEY-----` shows the format.
            Detector::PrivateKey => match (secret.find("KEY-----"), secret.rfind("-----END")) {
                (Some(header), Some(footer)) if header + 8 <= footer => {
                    !is_placeholder(text::slice(secret, header + 8..footer))
                }
                _ => true,
            },
            Detector::AwsKeyId
            | Detector::AwsSecret
            | Detector::GitHub
            | Detector::GitLab
            | Detector::SlackWebhook
            | Detector::Jwt => !is_placeholder(secret),
            // Slack puts workspace and user ids in every token; `xoxb-not-a-real-token` has none.
            Detector::SlackToken => {
                !is_placeholder(secret) && secret.contains(|c: char| c.is_ascii_digit())
            }
            // With a scheme (`Bearer`, `token`, `Basic`) any value is a credential; without one,
            // `Authorization: roles/iam.serviceAccountTokenCreator` is a sentence about access.
            Detector::AuthHeader => {
                !is_placeholder(secret) && (caps.name("scheme").is_some() || looks_random(secret))
            }
            Detector::UrlPassword => {
                let user = caps.name("user").map_or("", |m| m.as_str());
                // `https://host:8080@…` is a host and port, not a user and password.
                let is_port = user.contains('.') && secret.bytes().all(|b| b.is_ascii_digit());
                // A password for a database on the author's own machine opens nothing shared.
                let host = caps.name("host").map_or("", |m| m.as_str());
                let local = host == "localhost" || host.starts_with("127.") || host == "[::1]";
                !is_port && !local && !is_placeholder_password(secret)
            }
            Detector::Bearer => !is_placeholder(secret) && looks_random(secret),
            Detector::Generic => {
                !is_placeholder(secret)
                    && !secret.contains("://")
                    && !is_path(secret)
                    && looks_random(secret)
            }
        }
    }
}

/// The compiled detectors, and a set of their cheap trigger literals that picks which of them
/// a line needs.
pub(super) struct Compiled {
    pub(super) triggers: RegexSet,
    pub(super) detectors: Vec<(Detector, Regex)>,
}

/// Compiles every detector, in priority order.
pub(super) fn compile() -> Result<Compiled, regex::Error> {
    Ok(Compiled {
        triggers: RegexSet::new(Detector::ALL.iter().map(|d| d.trigger()))?,
        detectors: Detector::ALL
            .iter()
            .map(|&d| Ok((d, Regex::new(d.pattern())?)))
            .collect::<Result<_, regex::Error>>()?,
    })
}

/// Built once. `compile` is unit-tested; should a pattern still fail to compile, every search
/// reports it, since finding nothing would pass a leaked credential as clean.
pub(super) static DETECTORS: LazyLock<Result<Compiled, regex::Error>> = LazyLock::new(compile);

/// All triggers in one regex, built apart from the detectors: `is_match` stops at the first,
/// so most lines leave here, and a command whose text holds no trigger (most `pm timeline
/// add` and `pm timeline list` runs) never pays for compiling the detectors.
pub(super) static ANY_TRIGGER: LazyLock<Result<Regex, regex::Error>> = LazyLock::new(|| {
    let all: Vec<&str> = Detector::ALL.iter().map(|d| d.trigger()).collect();
    Regex::new(&all.join("|"))
});

/// Shortest secret value any token detector reports; shorter runs cannot hold one.
pub(super) const MIN_RUN: usize = 16;

/// A cheap, allocation-free superset test: every detector's secret is either a run of at least
/// [`MIN_RUN`] value bytes, or sits in a URL (`://`) or a PEM header (`-----BEGIN`).
pub(super) fn may_contain_secret(line: &str) -> bool {
    // Branch-free: a mispredicted branch at every word boundary would cost more than the scan.
    let mut run = 0usize;
    let mut longest = 0usize;
    for &c in line.as_bytes() {
        run = (run + 1) & VALUE_MASK[usize::from(c)];
        longest = longest.max(run);
    }
    // Short URLs and PEM headers are rare: two more substring searches on the lines that get
    // here cost less than testing for them at every byte.
    longest >= MIN_RUN || line.contains("://") || line.contains("-----BEGIN")
}

/// `usize::MAX` for bytes that can appear inside a secret value (printable ASCII except the
/// delimiters the value classes in [`Detector::pattern`] stop at), `0` for the rest.
static VALUE_MASK: [usize; 256] = {
    let mut table = [0; 256];
    let mut c = b'!';
    while c <= b'~' {
        table[c as usize] = usize::MAX;
        c += 1;
    }
    let delimiters = b"\"'`,;&|<>()[]{}";
    let mut i = 0;
    while i < delimiters.len() {
        table[delimiters[i] as usize] = 0;
        i += 1;
    }
    table
};

/// Words that mark a value as an example or a redaction rather than a live credential.
const PLACEHOLDER_WORDS: &str = "xxxx redacted example changeme change_me change-me placeholder \
    dummy your_ your- *** ...";

pub(super) fn is_placeholder(value: &str) -> bool {
    let v = value.as_bytes();
    let first = v.first().copied().unwrap_or(b'$');
    // Template and shell references (`${TOKEN}`, `$TOKEN`, `<token>`, `{{ secrets.X }}`).
    if b"$<{%[*".contains(&first) || value.contains('…') {
        return true;
    }
    // `0000000000000000`, `abababababababab`: too few distinct bytes to be random.
    let mut seen = [false; 256];
    for &c in v {
        seen[usize::from(c)] = true;
    }
    if seen.iter().filter(|&&s| s).count() <= 3 {
        return true;
    }
    PLACEHOLDER_WORDS
        .split_ascii_whitespace()
        .any(|w| contains_ignore_case(value, w))
}

/// Passwords people write in example URLs (`user:password@host`).
const PLACEHOLDER_PASSWORDS: &str = "password passwd pass pwd pw secret pass123 mypassword \
    redacted hidden anonymous";

pub(super) fn is_placeholder_password(pw: &str) -> bool {
    is_placeholder(pw)
        || pw
            .bytes()
            .all(|b| matches!(b, b'x' | b'X' | b'*' | b'.' | b'-' | b'_'))
        || is_any_of(pw, PLACEHOLDER_PASSWORDS)
}

pub(super) fn is_path(value: &str) -> bool {
    value.starts_with('/') || value.starts_with("~/") || value.starts_with("./")
}

/// Shannon entropy in bits per byte.
pub(super) fn entropy(v: &[u8]) -> f64 {
    let mut counts = [0u32; 256];
    for &c in v {
        counts[usize::from(c)] += 1;
    }
    let n = f64::from(u32::try_from(v.len()).unwrap_or(u32::MAX));
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / n;
            -p * p.log2()
        })
        .sum()
}

/// A random token mixes letter cases and digits character by character; a name, a path or a
/// CamelCase phrase has high entropy too, but in long runs of one class. So require: entropy of
/// at least 3.5 bits per byte, two classes of lower, upper and digit, and short class runs
/// (a capitalised word counts as one run).
pub(super) fn looks_random(value: &str) -> bool {
    let v = value.as_bytes();
    if v.len() < MIN_RUN || entropy(v) < 3.5 {
        return false;
    }
    let has_lower = v.iter().any(u8::is_ascii_lowercase);
    let has_upper = v.iter().any(u8::is_ascii_uppercase);
    let has_digit = v.iter().any(u8::is_ascii_digit);
    if u8::from(has_lower) + u8::from(has_upper) + u8::from(has_digit) < 2 {
        return false;
    }
    let (mut runs, mut alnum) = (0usize, 0usize);
    let mut prev: Option<u8> = None;
    for &c in v {
        let class = if c.is_ascii_lowercase() {
            Some(0)
        } else if c.is_ascii_uppercase() {
            Some(1)
        } else if c.is_ascii_digit() {
            Some(2)
        } else {
            None
        };
        if let Some(class) = class {
            alnum += 1;
            // Upper then lower continues a capitalised word rather than starting a run.
            let continues = prev == Some(class) || (prev == Some(1) && class == 0);
            if !continues {
                runs += 1;
            }
        }
        prev = class;
    }
    runs > 0 && alnum < 3 * runs
}
