//! Rupiah as Indonesians write them: whole numbers, dots between thousands (`25.000`).

/// `25000` → `25.000`; negative amounts keep their sign.
pub fn format_rupiah(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if amount < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_separated_by_dots() {
        assert_eq!(format_rupiah(0), "0");
        assert_eq!(format_rupiah(950), "950");
        assert_eq!(format_rupiah(25_000), "25.000");
        assert_eq!(format_rupiah(1_210_000_000), "1.210.000.000");
        assert_eq!(format_rupiah(-5_000), "-5.000");
    }
}
