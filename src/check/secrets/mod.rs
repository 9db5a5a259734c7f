//! Find credentials pasted into a post-mortem line: the detector behind the `secrets` rule.
//!
//! Kinds reported (the `kind` of a [`SecretHit`]):
//!
//! - `private key block`: a `-----BEGIN … PRIVATE KEY-----` header (RSA, EC, OPENSSH, PGP, …)
//! - `AWS access key`: an `AKIA…` / `ASIA…` access key id
//! - `AWS secret access key`: 40 characters assigned to `aws_secret_access_key`
//! - `GitHub token`: `ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`, `github_pat_`
//! - `GitLab token`: `glpat-` and the other `gl…-` token prefixes
//! - `Slack token`: `xoxb-`, `xoxp-`, `xoxa-`, `xoxr-`, `xoxs-`, `xoxe-`, `xapp-`
//! - `Slack webhook URL`: the secret path of a `hooks.slack.com/services/…` URL
//! - `JSON Web Token`: three base64url segments, the first starting `eyJ`
//! - `password in URL`: the password of `scheme://user:password@host`
//! - `bearer token` / `basic auth credentials`: the value of an `Authorization` header, or a
//!   long random token after `bearer`
//! - `high-entropy secret value`: a random-looking value of at least 16 characters assigned to a
//!   key whose name says secret, token, password, API key, access key, private key or similar
//!
//! A hit covers the secret itself, not its key or scheme, and hits never overlap: where two
//! detectors claim the same bytes (a JWT in a bearer header) the more specific one wins.
//! Placeholders (`<token>`, `${PASS}`, `xxxx`, `REDACTED`, `changeme`, …) are never reported,
//! so a post-mortem can say how a credential was used without leaking it.

mod detector;

use std::borrow::Cow;

use crate::doc::Document;
use crate::doc::summary::Summary;
use crate::error::Error;
use detector::{ANY_TRIGGER, Compiled, DETECTORS, may_contain_secret};

/// One credential found in a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SecretHit {
    /// Byte offset in the line where the secret starts.
    pub(crate) start: usize,
    /// Byte offset in the line just past the secret.
    pub(crate) end: usize,
    /// What kind of credential it looks like, e.g. `AWS access key`.
    pub(crate) kind: &'static str,
    /// Safe to print: at most the first 4 characters of the secret, then `…`.
    pub(crate) masked: String,
}

/// Every credential in `line`, in order, none overlapping.
pub(crate) fn find_secrets(line: &str) -> Result<Vec<SecretHit>, Error> {
    // Each stage is dearer than the last and sees fewer lines: a byte scan rejects prose, one
    // regex of trigger literals rejects most of the rest, a set of the same triggers names the
    // detectors a line needs, and only those run.
    if !may_contain_secret(line) {
        return Ok(Vec::new());
    }
    let any_trigger = ANY_TRIGGER
        .as_ref()
        .map_err(|source| Error::BrokenPattern {
            rule: "secret",
            source: source.clone(),
        })?;
    if !any_trigger.is_match(line) {
        return Ok(Vec::new());
    }
    find_secrets_with(&DETECTORS, line)
}

/// [`find_secrets`] with the detectors given, so a test can hand it ones that did not compile.
fn find_secrets_with(
    detectors: &Result<Compiled, regex::Error>,
    line: &str,
) -> Result<Vec<SecretHit>, Error> {
    let compiled = detectors.as_ref().map_err(|source| Error::BrokenPattern {
        rule: "secret",
        source: source.clone(),
    })?;
    let triggered = compiled.triggers.matches(line);
    let mut hits: Vec<SecretHit> = Vec::new();
    for (detector, re) in triggered.iter().filter_map(|i| compiled.detectors.get(i)) {
        for caps in re.captures_iter(line) {
            let Some(m) = caps.name("s") else { continue };
            if !detector.accepts(&caps, m.as_str()) {
                continue;
            }
            if hits.iter().any(|h| h.start < m.end() && m.start() < h.end) {
                continue;
            }
            hits.push(SecretHit {
                start: m.start(),
                end: m.end(),
                kind: detector.kind(&caps),
                masked: mask(m.as_str()),
            });
        }
    }
    hits.sort_by_key(|h| h.start);
    Ok(hits)
}

/// Every secret of a document, with its 0-based line.
pub(crate) fn document_secrets(doc: &Document) -> Result<Vec<(usize, SecretHit)>, Error> {
    let mut all = Vec::new();
    for i in 0..doc.line_count() {
        all.extend(find_secrets(doc.line(i))?.into_iter().map(|hit| (i, hit)));
    }
    Ok(all)
}

/// The document read again with the secrets in `hits` (from [`document_secrets`]) blotted
/// out (one `*` per byte, so offsets stay put), so that nothing read from it (an action's
/// text, a title, a quoted phrase) can leak them into any output; the document itself when
/// there are none, which is nearly always.
pub(crate) fn without_secrets(doc: Document, hits: &[(usize, SecretHit)]) -> Document {
    if hits.is_empty() {
        return doc;
    }
    let mut text = doc.text.clone();
    for (line, hit) in hits {
        let start = doc.line_start(*line);
        text.replace_range(
            start + hit.start..start + hit.end,
            &"*".repeat(hit.end - hit.start),
        );
    }
    Document::parse(text)
}

/// `text` with every secret in it blotted out, one `*` per byte.
pub(crate) fn blot(text: &str) -> Result<Cow<'_, str>, Error> {
    let hits = find_secrets(text)?;
    if hits.is_empty() {
        return Ok(Cow::Borrowed(text));
    }
    let mut out = text.to_string();
    for hit in hits {
        out.replace_range(hit.start..hit.end, &"*".repeat(hit.end - hit.start));
    }
    Ok(Cow::Owned(out))
}

/// A summary with the secrets blotted out of everything the wiki-wide views show (`pm list`,
/// `pm actions`, the index page): cheaper than blotting whole documents, since only these few
/// strings are ever printed.
pub(crate) fn blot_summary(summary: &mut Summary) -> Result<(), Error> {
    let blot_in_place = |text: &mut String| -> Result<(), Error> {
        if let Cow::Owned(blotted) = blot(text)? {
            *text = blotted;
        }
        Ok(())
    };
    blot_in_place(&mut summary.title)?;
    let fields = [
        &mut summary.severity,
        &mut summary.status,
        &mut summary.lead,
    ];
    for field in fields.into_iter().flatten() {
        blot_in_place(field)?;
    }
    for action in &mut summary.actions {
        blot_in_place(&mut action.item.text)?;
        for field in [&mut action.item.owner, &mut action.item.ticket]
            .into_iter()
            .flatten()
        {
            blot_in_place(field)?;
        }
    }
    Ok(())
}

/// Refuse text typed for `what` (`the entry`, `--owner`) that holds a secret: once it is in the
/// wiki's git history, a credential is costly to purge. `allow` (`--allow-secret`) overrides a
/// detector's mistake.
pub(crate) fn refuse_secret(what: &'static str, text: &str, allow: bool) -> Result<(), Error> {
    match find_secrets(text)?.into_iter().next() {
        Some(hit) if !allow => Err(Error::SecretInInput {
            what,
            kind: hit.kind,
            masked: hit.masked,
        }),
        _ => Ok(()),
    }
}

/// Shows at most 4 characters, and fewer of a short secret, so the mask never gives away more
/// than a quarter of it.
fn mask(secret: &str) -> String {
    let keep = (secret.chars().count() / 4).min(4);
    let mut out: String = secret.chars().take(keep).collect();
    out.push('…');
    out
}

#[cfg(test)]
#[allow(clippy::string_slice)] // tests slice at the offsets they check
mod tests {
    use super::detector::*;
    use super::*;

    /// Builds test tokens at run time, so this file holds no string a scanner would flag.
    fn tok(prefix: &str, body: &str, len: usize) -> String {
        let mut s = String::from(prefix);
        s.extend(body.chars().cycle().take(len));
        s
    }

    /// A whole PEM block written on one line, as it appears in JSON or a `.env` file.
    fn pem_one_line() -> String {
        let body = tok("MHcCAQEEI", RANDOM, 40);
        format!(r"-----BEGIN EC PRIVATE KEY-----\n{body}\n-----END EC PRIVATE KEY-----")
    }

    const RANDOM: &str = "q7Gx2LpZ9vRt4KwB8mNc3HsD6fJy1AeU5oXi0";
    const AWS_SECRET: &str = "AWS secret access key";
    const WEBHOOK: &str = "Slack webhook URL";
    const PEM: &str = "private key block";
    const URL: &str = "password in URL";
    const BEARER: &str = "bearer token";
    const BASIC: &str = "basic auth credentials";
    const GENERIC: &str = "high-entropy secret value";

    #[test]
    fn detectors_compile() {
        let compiled = compile().expect("every detector regex compiles");
        assert_eq!(compiled.detectors.len(), Detector::ALL.len());
        assert_eq!(compiled.triggers.len(), Detector::ALL.len());
        // The trigger set indexes `detectors`, so both must follow `Detector::ALL`.
        for (i, (d, _)) in compiled.detectors.iter().enumerate() {
            assert_eq!(*d, Detector::ALL[i]);
        }
    }

    #[test]
    fn detectors_that_did_not_compile_are_an_error_not_a_clean_line() {
        #[allow(clippy::invalid_regex)] // on purpose: the error a broken pattern gives
        let broken = regex::Regex::new("(").map(|_| unreachable!("`(` is not a regex"));
        let line = format!("key AKIA{} leaked", "Q".repeat(16));
        let err = find_secrets_with(&broken, &line).unwrap_err();
        assert!(
            matches!(err, Error::BrokenPattern { rule: "secret", .. }),
            "{err:?}"
        );
        // Even a line that cannot hold a secret reports it: no run passes with it broken.
        assert!(find_secrets_with(&broken, "plain prose").is_err());
        assert_eq!(
            err.to_string(),
            "the built-in patterns of the `secret` rule do not compile"
        );
        assert_eq!(err.exit_code(), 2);
    }

    /// Asserts that `template` with `{}` replaced by `token` gives exactly one hit.
    fn assert_one_hit(template: &str, token: &str, kind: &str, masked: &str) {
        let line = template.replace("{}", token);
        let hits = find_secrets(&line).unwrap();
        assert_eq!(hits.len(), 1, "{line}: {hits:?}");
        let h = &hits[0];
        assert_eq!((h.kind, h.masked.as_str()), (kind, masked), "{line}");
        assert!(h.start < h.end && h.end <= line.len(), "{line}");
    }

    #[test]
    fn token_formats() {
        let jwt = [
            tok("eyJ", "hbGciOiJIUzI1NiJ9", 17),
            tok("eyJ", "zdWIiOiIxMjM0NTY3ODkwIn0", 24),
            tok("", "dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk", 43),
        ]
        .join(".");
        let cases = [
            (
                "id {} leaked",
                tok("AKIA", "Q3R7T2WZ5YHXJ4KN", 16),
                "AWS access key",
                "AKIA…",
            ),
            (
                "{} here",
                tok("ASIA", "J4KNQ3R7T2WZ5YHX", 16),
                "AWS access key",
                "ASIA…",
            ),
            (
                "aws_secret_access_key = {}",
                tok("", "wJ7rXUt/nF+EMI2", 40),
                AWS_SECRET,
                "wJ7r…",
            ),
            (
                "AWS_SECRET_ACCESS_KEY: \"{}\"",
                tok("", "Zx9Qw2Er/7Ty+Ui4Op", 40),
                AWS_SECRET,
                "Zx9Q…",
            ),
            ("token {}", tok("ghp_", RANDOM, 36), "GitHub token", "ghp_…"),
            ("`{}`", tok("gho_", RANDOM, 36), "GitHub token", "gho_…"),
            ("{}", tok("ghs_", RANDOM, 36), "GitHub token", "ghs_…"),
            (
                "pat={}",
                tok("github_pat_", RANDOM, 82),
                "GitHub token",
                "gith…",
            ),
            (
                "used {} in CI",
                tok("glpat-", RANDOM, 20),
                "GitLab token",
                "glpa…",
            ),
            (
                "SLACK={}",
                tok("xoxb-", "2048-1024-9f8G7h6J5k4L", 30),
                "Slack token",
                "xoxb…",
            ),
            (
                "{}",
                tok("xoxp-", "1234-5678-abcDEF", 40),
                "Slack token",
                "xoxp…",
            ),
            (
                "{}",
                tok("xapp-1-", "A0B1C2-3456-d7e8f9", 40),
                "Slack token",
                "xapp…",
            ),
            (
                "https://hooks.slack.com/services/{}",
                tok("T0", "4B7KQ2/B9X3", 30),
                WEBHOOK,
                "T04B…",
            ),
            ("cookie: {}", jwt.clone(), "JSON Web Token", "eyJh…"),
            ("Authorization: Bearer {}", jwt, "JSON Web Token", "eyJh…"),
            ("{}", "-----BEGIN RSA PRIVATE KEY-----".into(), PEM, "----…"),
            (
                "  {}",
                "-----BEGIN OPENSSH PRIVATE KEY-----".into(),
                PEM,
                "----…",
            ),
            (
                "{}",
                "-----BEGIN PGP PRIVATE KEY BLOCK-----".into(),
                PEM,
                "----…",
            ),
            (r#"key="{}""#, pem_one_line(), PEM, "----…"),
        ];
        for (template, token, kind, masked) in &cases {
            assert_one_hit(template, token, kind, masked);
        }
    }

    #[test]
    fn contextual_secrets() {
        let cases = [
            (
                "DATABASE_URL=postgres://app:{}@db.internal:5432/app",
                "Gz8kLq2w",
                URL,
                "Gz…",
            ),
            ("redis://:{}@cache:6379", "s3cr3tR3dis!", URL, "s3c…"),
            ("[db](mysql://root:{}@10.0.0.5/prod)", "hunter2", URL, "h…"),
            (
                "Authorization: Bearer {}",
                &tok("", RANDOM, 32),
                BEARER,
                "q7Gx…",
            ),
            (
                "-H 'authorization: token {}'",
                &tok("", "a9f3c2e1", 40),
                BEARER,
                "a9f3…",
            ),
            (
                "Authorization: Basic {}",
                &tok("", "YWRtaW46c2VjcmV0", 24),
                BASIC,
                "YWRt…",
            ),
            ("sent with bearer {}", &tok("", RANDOM, 30), BEARER, "q7Gx…"),
            ("api_key={}", &tok("", RANDOM, 24), GENERIC, "q7Gx…"),
            (
                "\"client_secret\": \"{}\"",
                &tok("", RANDOM, 32),
                GENERIC,
                "q7Gx…",
            ),
            (
                "STRIPE_SECRET: {}",
                &tok("sk_live_", RANDOM, 24),
                GENERIC,
                "sk_l…",
            ),
            ("password: {}", "Tr0ub4dor!3xQ9z#Lm", GENERIC, "Tr0u…"),
            (
                "?access_token={}&x=1",
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b",
                GENERIC,
                "9f86…",
            ),
            ("privateKey => '{}'", &tok("", RANDOM, 20), GENERIC, "q7Gx…"),
        ];
        for (template, token, kind, masked) in cases {
            assert_one_hit(template, token, kind, masked);
        }
    }

    #[test]
    fn negatives() {
        let cases: Vec<String> = vec![
            "We hit the token bucket limit on the API gateway.".into(),
            "The token expired at 14:05 and the job failed to authenticate.".into(),
            "Password reset emails were delayed by forty minutes.".into(),
            "Action: rotate the API key and move it to the vault.".into(),
            "Token: the session token expired after the rotation".into(),
            "secret_name: prow-build-cluster-credentials".into(),
            "secretName: ProwBuildClusterCredentials".into(),
            "api_key: <your-api-key-goes-here>".into(),
            "GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}".into(),
            "password=$DB_PASSWORD_FROM_ENVIRONMENT".into(),
            "password: xxxxxxxxxxxxxxxxxxxx".into(),
            "token = REDACTED_REDACTED_REDACTED".into(),
            "password: changeme-changeme-changeme".into(),
            "private_key: /etc/ssl/private/server-2023.key".into(),
            "token_url: https://auth.example.com/oauth2/token".into(),
            "token_expiry: 2024-01-01T00:00:00Z".into(),
            "max_tokens=1234567890123456".into(),
            "Reverted 3f9a2b7c1d4e5f60718293a4b5c6d7e8f9012345 on main.".into(),
            "sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08".into(),
            "request 550e8400-e29b-41d4-a716-446655440000 timed out".into(),
            "ssh git@github.com:org/repo.git".into(),
            "see https://status.example.com:8443/incidents/42".into(),
            "connect to postgres://user:password@localhost/db".into(),
            "curl https://off:***@world.example.net".into(),
            "mysql://admin:<password>@db.internal/prod".into(),
            "amqp://guest:${RABBIT_PASS}@mq:5672".into(),
            "redis://:$PASSWORD@cache:6379".into(),
            "https://user:xxx@host.example.com".into(),
            "https://example.com:443@evil.example.org".into(),
            "Authorization: Bearer <token>".into(),
            "Authorization: Bearer $TOKEN".into(),
            "the bearer of the badge must sign in".into(),
            "Bearer authentication was misconfigured everywhere".into(),
            "-----BEGIN PUBLIC KEY-----".into(),
            "-----BEGIN CERTIFICATE-----".into(),
            tok("ghp_", "x", 36),
            tok("AKIA", "IOSFODNN7EXAMPLE", 16),
            "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX".into(),
            "The Kubernetes secret holding credentials was missing from the namespace.".into(),
            "Implement-an-exponential-backoff-for-token-refresh-requests".into(),
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf".into(),
            "postgres://app:Gz8kLq2wPp@localhost:5432/app".into(),
            "ftp://anonymous:anonymous@ftp.example.org/pub".into(),
            "Authorization: roles/iam.serviceAccountTokenCreator".into(),
            "xoxb-not-a-real-slack-token".into(),
            r#"key="-----BEGIN PRIVATE KEY-----\nXXXX\nXXXX\n-----END PRIVATE KEY-----""#.into(),
        ];
        for line in &cases {
            assert_eq!(find_secrets(line).unwrap(), vec![], "{line}");
        }
    }

    #[test]
    fn hits_are_ordered_and_disjoint() {
        let gh = tok("ghp_", RANDOM, 36);
        let aws = tok("AKIA", "Q3R7T2WZ5YHXJ4KN", 16);
        let line = format!("GITHUB_TOKEN={gh} and -----BEGIN EC PRIVATE KEY----- then {aws}");
        let hits = find_secrets(&line).unwrap();
        let kinds: Vec<_> = hits.iter().map(|h| h.kind).collect();
        assert_eq!(
            kinds,
            ["GitHub token", "private key block", "AWS access key"]
        );
        assert_eq!(&line[hits[0].start..hits[0].end], gh);
        assert!(hits.windows(2).all(|w| w[0].end <= w[1].start));
    }

    #[test]
    fn mask_never_shows_more_than_four_chars_or_a_quarter() {
        let cases = [
            ("", "…"),
            ("abc", "…"),
            ("hunter22", "hu…"),
            ("AKIAQ3R7T2WZ5YHXJ4KN", "AKIA…"),
        ];
        for (secret, masked) in cases {
            assert_eq!(mask(secret), masked);
        }
    }

    #[test]
    fn randomness() {
        let cases = [
            (RANDOM, true),
            ("9f86d081884c7d659a2feaa0c55ad015", true),
            ("CorrectHorseBatteryStaple", false),
            ("prow-build-cluster-credentials", false),
            ("SOME_ENVIRONMENT_VARIABLE_NAME", false),
            ("aaaaaaaaaaaaaaaaaaaaaaaa", false),
        ];
        for (value, random) in cases {
            assert_eq!(looks_random(value), random, "{value}");
        }
    }
}
