//! Turning a title into a file name that is safe, readable and never escapes its folder.

use crate::text;

/// The longest slug, in bytes.
const MAX_LEN: usize = 60;

/// An ASCII, lowercase, hyphenated slug of at most 60 bytes. Accents are folded
/// (`Café` → `cafe`), everything that is not a letter or digit becomes one hyphen, and a title
/// with nothing usable gives `incident`. The result holds only `[a-z0-9-]`, so it can never name
/// a parent folder, a hidden file or another folder.
pub(crate) fn slugify(title: &str) -> String {
    let mut slug = String::with_capacity(title.len().min(MAX_LEN + 1));
    let mut pending_hyphen = false;
    let mut push = |c: char, slug: &mut String| {
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.push(c.to_ascii_lowercase());
        } else if c != '\'' {
            // Apostrophes join words ("didn't" → "didnt"); everything else separates them.
            pending_hyphen = true;
        }
    };
    for c in title.chars() {
        if c.is_ascii() {
            push(c, &mut slug);
        } else if c.is_alphanumeric() {
            // Fold letters of any script to ASCII; emoji and symbols are not alphanumeric and
            // are dropped like punctuation.
            for folded in deunicode::deunicode_char(c).unwrap_or(" ").chars() {
                push(folded, &mut slug);
            }
        } else {
            push(' ', &mut slug);
        }
        if slug.len() > MAX_LEN {
            break;
        }
    }
    if slug.len() > MAX_LEN {
        // Cut at the last word boundary that fits, unless that would leave too little.
        // The slug is ASCII by now, so every byte is a character.
        let cut = match text::before(&slug, MAX_LEN + 1).rfind('-') {
            Some(i) if i >= MAX_LEN / 2 => i,
            _ => MAX_LEN,
        };
        slug.truncate(cut);
    }
    let slug = slug.trim_end_matches('-').to_string();
    if slug.is_empty() {
        "incident".to_string()
    } else {
        slug
    }
}

/// The file name for the `n`th try at a name (1 = the plain name, then `-2`, `-3`, …).
pub(crate) fn file_name(date: &str, slug: &str, n: u32) -> String {
    if n <= 1 {
        format!("{date}-{slug}.md")
    } else {
        format!("{date}-{slug}-{n}.md")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        let cases = [
            ("Checkout outage", "checkout-outage"),
            ("  Checkout   outage!!  ", "checkout-outage"),
            ("Café crème in Zürich", "cafe-creme-in-zurich"),
            ("DNS didn't resolve", "dns-didnt-resolve"),
            ("../../etc/passwd", "etc-passwd"),
            (".git/config", "git-config"),
            ("🔥🔥🔥", "incident"),
            ("", "incident"),
            ("---", "incident"),
            ("a\0b", "a-b"),
            ("Title \"quoted\" \\ back", "title-quoted-back"),
            ("v2.3.0 rollback", "v2-3-0-rollback"),
            ("Ошибка базы данных", "oshibka-bazy-dannykh"),
            ("東京 outage", "dong-jing-outage"),
            ("CON", "con"),
        ];
        for (title, expected) in cases {
            assert_eq!(slugify(title), expected, "{title:?}");
        }
    }

    #[test]
    fn long_titles_are_cut_at_a_word_and_stay_safe() {
        let title = "word ".repeat(1000);
        let slug = slugify(&title);
        assert!(slug.len() <= MAX_LEN, "{slug}");
        assert!(slug.ends_with("word"), "{slug}");
        let one_word = "x".repeat(5000);
        assert_eq!(slugify(&one_word).len(), MAX_LEN);
        for title in [&title, &one_word, &"é".repeat(3000), &"🔥a".repeat(2000)] {
            let slug = slugify(title);
            assert!(slug.len() <= MAX_LEN);
            assert!(
                slug.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            );
            assert!(!slug.starts_with('-') && !slug.ends_with('-'));
        }
    }

    #[test]
    fn numbered_names() {
        assert_eq!(file_name("2026-11-20", "dns", 1), "2026-11-20-dns.md");
        assert_eq!(file_name("2026-11-20", "dns", 2), "2026-11-20-dns-2.md");
    }
}
