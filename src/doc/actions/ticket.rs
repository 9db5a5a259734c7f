//! Ticket references: Jira keys, GitHub and GitLab references, issue URLs and links, as a
//! field value or somewhere in running prose.

use super::word::{is_placeholder, starts_ci, word_start};

use crate::text;

/// Words that look like Jira keys in prose (`UTF-8`, `SHA-256`, `CVE-2021-44228`) but are
/// technical terms: a key with one of these projects counts only with `ticket:` or a link.
/// One-letter projects (`X-1`, `P-256`) never count in prose anyway.
const NOT_PROJECTS: &[&str] = &[
    "AES", "ANSI", "CP", "CVE", "CWE", "COVID", "DDR", "DES", "EC", "ECMA", "GHSA", "GMT", "GPT",
    "HTTP", "HTTPS", "IEEE", "IPV", "ISO", "KB", "MD", "PCI", "PEP", "RFC", "RHEL", "RSA", "SEV",
    "SHA", "SHA2", "SHA3", "SSL", "TLS", "USB", "UTC", "UTF", "WCAG",
];

/// A ticket value after `ticket:`: a link, `<url>`, or one token; `(None, end)` for a
/// placeholder, `None` when it is not a ticket at all (`issue: the DNS was slow`).
pub(super) fn ticket_at(body: &str, j: usize) -> Option<(Option<String>, usize)> {
    if let Some((text, url, end)) = link_at(body, j) {
        return link_ticket(text, url, end).map(|(t, e)| (Some(t), e));
    }
    let b = body.as_bytes();
    let len = b[j..]
        .iter()
        .take_while(|c| !c.is_ascii_whitespace() && !b",;".contains(c))
        .count();
    let token = text::slice(body, j..j + len).trim_end_matches(['.', ')']);
    let inner = token
        .strip_prefix('<')
        .and_then(|t| t.strip_suffix('>'))
        .unwrap_or(token);
    if is_placeholder(token) {
        return Some((None, j + token.len()));
    }
    is_ticket(inner).then(|| (Some(inner.into()), j + token.len()))
}

/// Whether `s` is a whole ticket: a Jira key (`ABC-123`), a GitHub or GitLab reference
/// (`#123`, `owner/repo#123`) or an http(s) URL.
pub(super) fn is_ticket(s: &str) -> bool {
    jira_key(s.as_bytes(), 0) == Some(s.len())
        || repo_ref(s.as_bytes(), 0) == Some(s.len())
        || is_url(s)
}

/// `[text](url)` at `i`: its text, its URL and where it ends.
pub(super) fn link_at(body: &str, i: usize) -> Option<(&str, &str, usize)> {
    let b = body.as_bytes();
    if b.get(i) != Some(&b'[') {
        return None;
    }
    let close = i + b[i..].iter().position(|&c| c == b']')?;
    if b.get(close + 1) != Some(&b'(') {
        return None;
    }
    let end = close
        + 2
        + b[close + 2..]
            .iter()
            .position(|&c| c == b')' || c.is_ascii_whitespace())?;
    (b[end] == b')').then(|| {
        (
            text::slice(body, i + 1..close),
            text::slice(body, close + 2..end),
            end + 1,
        )
    })
}

/// The ticket a link stands for: the Jira key it shows, else the issue URL it points to,
/// else the `#123` it shows.
pub(super) fn link_ticket(text: &str, url: &str, end: usize) -> Option<(String, usize)> {
    let t = text.trim().as_bytes();
    let ticket = if jira_key(t, 0) == Some(t.len()) && !denied(text.trim()) {
        text.trim()
    } else if let Some(key) = browse_key(url) {
        key
    } else if is_issue_url(url) {
        url
    } else if repo_ref(t, 0) == Some(t.len()) {
        text.trim()
    } else {
        return None;
    };
    Some((ticket.into(), end))
}

/// The best ticket reference in a hand-written body, with its span: a link to a ticket
/// first, then a bare issue URL, then a Jira key in prose, then `#123` / `owner/repo#123`.
pub(super) fn find_ticket(body: &str, m: &[u8]) -> Option<(String, usize, usize)> {
    let mut best: Option<(u8, String, usize, usize)> = None;
    for i in (0..m.len()).filter(|&i| word_start(m, i)) {
        let found = if m[i] == b'[' {
            link_at(body, i)
                .and_then(|(t, u, e)| link_ticket(t, u, e))
                .map(|(t, e)| (0, t, e))
        } else if starts_ci(&m[i..], "http") {
            let len = m[i..]
                .iter()
                .take_while(|c| !c.is_ascii_whitespace() && !b"<>)".contains(c))
                .count();
            let url = text::slice(body, i..i + len).trim_end_matches(['.', ',', ';']);
            let ticket = browse_key(url).unwrap_or(url);
            is_issue_url(url).then(|| (1, ticket.to_string(), i + url.len()))
        } else if let Some(e) = jira_key(m, i).filter(|_| prose_key(m, i)) {
            Some((2, text::slice(body, i..e).to_string(), e))
        } else {
            repo_ref(m, i).map(|e| (3, text::slice(body, i..e).to_string(), e))
        };
        if let Some((rank, ticket, end)) = found
            && best.as_ref().is_none_or(|b| rank < b.0)
        {
            best = Some((rank, ticket, i, end));
        }
    }
    best.map(|(_, t, s, e)| (t, s, e))
}

/// A key in running prose must look deliberate: two or more letters in the project, not a
/// technical term (`UTF-8`, `CVE-2021-44228`), and not followed by `.digit` (`HTTP-1.1`).
fn prose_key(b: &[u8], i: usize) -> bool {
    let Some(end) = jira_key(b, i) else {
        return false;
    };
    let key = String::from_utf8_lossy(&b[i..end]);
    let letters = key
        .split('-')
        .next()
        .map_or(0, |p| p.bytes().filter(u8::is_ascii_uppercase).count());
    let version = b.get(end) == Some(&b'.') && b.get(end + 1).is_some_and(u8::is_ascii_digit);
    letters >= 2 && !version && !denied(&key)
}

pub(super) fn denied(key: &str) -> bool {
    key.split('-')
        .next()
        .is_some_and(|project| NOT_PROJECTS.contains(&project))
}

/// Whether two tickets, however written, are the same: `PAY-312` is
/// `https://jira.example.com/browse/PAY-312`, in any case.
pub(crate) fn same_ticket(a: &str, b: &str) -> bool {
    let key = |t: &str| browse_key(t).unwrap_or(t).to_ascii_lowercase();
    key(a.trim()) == key(b.trim())
}

/// The Jira key a `/browse/` URL points to: `https://jira.example.com/browse/PAY-312` is
/// the ticket PAY-312.
fn browse_key(url: &str) -> Option<&str> {
    let at = url.rfind("/browse/")?;
    let key = text::after(url, at + "/browse/".len());
    let key = key.split(['/', '?', '#']).next().unwrap_or("");
    (is_url(url) && jira_key(key.as_bytes(), 0) == Some(key.len())).then_some(key)
}

/// A URL to one issue: GitHub `/issues/12`, GitLab `/-/issues/12` or `/-/work_items/12`,
/// Jira `/browse/ABC-1`.
fn is_issue_url(url: &str) -> bool {
    is_url(url)
        && ["/issues/", "/work_items/", "/browse/"]
            .iter()
            .any(|marker| {
                url.rfind(marker).is_some_and(|at| {
                    let id = text::after(url, at + marker.len())
                        .split(['/', '?', '#'])
                        .next()
                        .unwrap_or("");
                    let b = id.as_bytes();
                    let number = !id.is_empty() && b.iter().all(u8::is_ascii_digit) && b[0] != b'0';
                    number || (*marker == "/browse/" && jira_key(b, 0) == Some(b.len()))
                })
            })
}

/// End of a Jira key (`ABC-123`) at `i`: project of 2..=10 from `A-Z0-9_` starting with a
/// letter, a number without a leading zero, and no word character right after it.
pub(super) fn jira_key(b: &[u8], i: usize) -> Option<usize> {
    let p = b[i..]
        .iter()
        .take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || **c == b'_')
        .count();
    if !(2..=10).contains(&p) || !b[i].is_ascii_uppercase() || b.get(i + p) != Some(&b'-') {
        return None;
    }
    let n = b[i + p + 1..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    let end = i + p + 1 + n;
    let tail_ok = !b
        .get(end)
        .is_some_and(|c| c.is_ascii_alphanumeric() || b"_-".contains(c));
    (n > 0 && n <= 10 && b[i + p + 1] != b'0' && tail_ok).then_some(end)
}

/// End of `#123` or `owner/repo#123` (GitLab groups nest: `group/sub/project#123`) at `i`.
pub(super) fn repo_ref(b: &[u8], i: usize) -> Option<usize> {
    let path = b[i..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || b"_.-/".contains(c))
        .count();
    let p = &b[i..i + path];
    let path_ok =
        p.is_empty() || (p.contains(&b'/') && p.split(|&c| c == b'/').all(|s| !s.is_empty()));
    if !path_ok || b.get(i + path) != Some(&b'#') {
        return None;
    }
    let n = b[i + path + 1..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    let end = i + path + 1 + n;
    let tail_ok = !b
        .get(end)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_');
    (n > 0 && n <= 10 && b[i + path + 1] != b'0' && tail_ok).then_some(end)
}

pub(super) fn is_url(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        !host.is_empty()
            && host
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || b".-:[]".contains(&c))
            && !s
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || "<>\"`".contains(c))
    })
}
