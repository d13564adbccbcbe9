//! Reading email bodies: HTML to text, and the customer's own words in a
//! reply (quoted history, signatures and sign-offs removed).

/// Converts an HTML body to plain text; plain text comes back with line
/// endings normalised.
#[must_use]
pub fn html_to_text(body: &str) -> String {
    let normalised = body.replace("\r\n", "\n");
    if !normalised.contains('<') {
        return normalised;
    }
    let mut text = String::with_capacity(normalised.len());
    let mut in_tag = false;
    for ch in normalised.chars() {
        match ch {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(ch),
            _ => {}
        }
    }
    text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&")
}

/// The new part of a reply: everything before the quoted history, without
/// `>` lines and without a signature block.
#[must_use]
pub fn own_words(text: &str) -> String {
    let mut kept = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed == "--" || trimmed.starts_with("-----Original Message") {
            break;
        }
        if trimmed.starts_with("On ") && trimmed.ends_with("wrote:") {
            break;
        }
        if trimmed.starts_with('>') {
            continue;
        }
        kept.push(line);
    }
    kept.join("\n").trim().to_owned()
}

/// The customer's own words without a closing sign-off (`Best regards,`
/// and the name under it).
#[must_use]
pub fn strip_sign_off(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let sign_offs = ["best regards", "kind regards", "regards", "cheers", "best", "thanks", "thank you"];
    let cut = lines.iter().rposition(|line| {
        let folded = crate::text::fold(line.trim().trim_end_matches([',', '!', '.']));
        sign_offs.contains(&folded.as_str())
    });
    match cut {
        Some(index) if lines.len() - index <= 4 && index > 0 => {
            lines.get(..index).map(|kept| kept.join("\n")).unwrap_or_default().trim().to_owned()
        }
        _ => text.trim().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_history_and_sign_off_removal() {
        let body = "Still broken.\n\nBest regards,\nAlex\n\nOn Mon, 2 Nov 2026 at 14:00, Support <s@c.com> wrote:\n> Is it fixed?";
        let words = own_words(&html_to_text(body));
        assert_eq!(words, "Still broken.\n\nBest regards,\nAlex");
        assert_eq!(strip_sign_off(&words), "Still broken.");
        assert_eq!(html_to_text("<p>A &amp; B</p>"), "A & B");
    }
}
