//! Indonesian mobile numbers, normalised to E.164 (`+628…`).

/// Normalises a mobile number typed in any of the usual ways (`0812-3456-7890`,
/// `+62 812 3456 7890`, `62812…`, `(0812) 3456 7890`) to `+6281234567890`.
///
/// Returns `None` for anything that is not an Indonesian mobile number: letters, too few or too
/// many digits, or a number that does not start with 8 after the country code (a landline).
pub fn normalise(input: &str) -> Option<String> {
    let mut rest = String::with_capacity(input.len());
    for (i, c) in input.trim().chars().enumerate() {
        match c {
            '0'..='9' => rest.push(c),
            '+' if i == 0 => {}
            ' ' | '-' | '.' | '(' | ')' | '\u{a0}' => {}
            _ => return None,
        }
    }
    let national = if let Some(r) = rest.strip_prefix("62") {
        r
    } else if let Some(r) = rest.strip_prefix('0') {
        r
    } else if input.trim().starts_with('+') {
        return None; // another country's code
    } else {
        &rest
    };
    // Mobile numbers: 8 then 8–11 more digits (10–13 digits in the local 08… form).
    let ok = national.starts_with('8') && (9..=12).contains(&national.len());
    ok.then(|| format!("+62{national}"))
}

/// The digits `wa.me` links want: E.164 without the plus.
pub fn whatsapp_digits(e164: &str) -> &str {
    e164.trim_start_matches('+')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_usual_spellings() {
        for input in [
            "081234567890",
            "0812-3456-7890",
            "+62 812 3456 7890",
            "6281234567890",
            "(0812) 3456.7890",
            "81234567890",
        ] {
            assert_eq!(
                normalise(input).as_deref(),
                Some("+6281234567890"),
                "{input}"
            );
        }
    }

    #[test]
    fn refuses_what_is_not_a_mobile_number() {
        for input in [
            "",
            "12ab",
            "0812345",
            "0812345678901234",
            "021-5551234",
            "+1 415 555 0100",
            "08x2345678901",
            "0812+3456789",
        ] {
            assert_eq!(normalise(input), None, "{input:?} should be refused");
        }
    }

    #[test]
    fn whatsapp_link_digits_drop_the_plus() {
        assert_eq!(whatsapp_digits("+6281234567890"), "6281234567890");
    }
}
