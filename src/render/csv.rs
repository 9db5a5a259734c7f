//! CSV as spreadsheets and importers read it: RFC 4180, a header row, CRLF line ends, fields
//! quoted only when they need it.

use crate::error::Error;

/// `header` and `rows` as CSV text.
pub(crate) fn csv(header: &[&str], rows: &[Vec<String>]) -> Result<String, Error> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let written = std::iter::once(header.iter().map(|h| (*h).to_string()).collect())
        .chain(rows.iter().cloned())
        .try_for_each(|row: Vec<String>| writer.write_record(&row));
    let bytes = written
        .and_then(|()| writer.into_inner().map_err(|e| e.into_error().into()))
        .map_err(|source| Error::Csv { source })?;
    // Every field came in as UTF-8, so the output is too.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_what_needs_it() {
        let rows = vec![
            vec!["plain".into(), "a, b".into()],
            vec!["say \"hi\"".into(), "two\nlines".into()],
        ];
        assert_eq!(
            csv(&["A", "B"], &rows).unwrap(),
            "A,B\r\nplain,\"a, b\"\r\n\"say \"\"hi\"\"\",\"two\nlines\"\r\n"
        );
    }
}
