//! Asking the user for what the flags did not give: dialoguer on a terminal, never otherwise.

use dialoguer::theme::ColorfulTheme;
use dialoguer::{Input, Select};

use crate::error::Error;

/// One value a command may ask for.
pub(crate) struct Field {
    /// Shown at the prompt, e.g. `Severity`.
    pub(crate) prompt: &'static str,
    /// Named in the error when it is missing without a terminal, e.g. `the severity`.
    pub(crate) what: &'static str,
    /// The flag that gives it, e.g. `--severity`.
    pub(crate) flag: &'static str,
}

/// The way a command asks questions, so tests and `--no-input` can swap it out.
pub(crate) trait Prompter {
    /// Ask for a line of text; `check` returns an error message for a value to reject.
    fn input(
        &self,
        field: &Field,
        default: Option<&str>,
        allow_empty: bool,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> Result<String, Error>;

    /// Ask to pick one of `items`; returns its index.
    fn select(&self, field: &Field, items: &[String], default: usize) -> Result<usize, Error>;
}

/// Prompts on the terminal (stderr), with dialoguer.
pub(crate) struct Terminal;

impl Prompter for Terminal {
    fn input(
        &self,
        field: &Field,
        default: Option<&str>,
        allow_empty: bool,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> Result<String, Error> {
        let theme = ColorfulTheme::default();
        let mut input = Input::<String>::with_theme(&theme)
            .with_prompt(field.prompt)
            .allow_empty(allow_empty)
            .validate_with(|value: &String| check(value.trim()));
        if let Some(default) = default {
            input = input.default(default.to_string());
        }
        let value = input.interact_text().map_err(|source| Error::Prompt {
            action: "read the answer",
            source,
        })?;
        Ok(value.trim().to_string())
    }

    fn select(&self, field: &Field, items: &[String], default: usize) -> Result<usize, Error> {
        Select::with_theme(&ColorfulTheme::default())
            .with_prompt(field.prompt)
            .items(items)
            .default(default)
            .interact()
            .map_err(|source| Error::Prompt {
                action: "read the choice",
                source,
            })
    }
}

/// Never prompts: takes the default when there is one, else names the missing flag.
pub(crate) struct NoInput;

impl Prompter for NoInput {
    fn input(
        &self,
        field: &Field,
        default: Option<&str>,
        _allow_empty: bool,
        _check: &dyn Fn(&str) -> Result<(), String>,
    ) -> Result<String, Error> {
        default.map(str::to_string).ok_or(Error::MissingField {
            what: field.what,
            flag: field.flag,
        })
    }

    fn select(&self, field: &Field, _items: &[String], _default: usize) -> Result<usize, Error> {
        Err(Error::MissingField {
            what: field.what,
            flag: field.flag,
        })
    }
}
