//! Rendering a parsed template to plain text and to HTML. Every value is
//! escaped for HTML in the HTML output, however the template is named; only
//! markup built by the engine itself (a quoted reply, a list of case
//! details) is inserted as markup, and that markup escapes its own text.

use super::parse::{Alternative, Node, Template};
use crate::problem::{Problem, ProblemCode};

/// Largest rendered body accepted, in bytes.
pub const MAX_OUTPUT_BYTES: usize = 256 * 1024;

/// A value to insert: its text, and for rich values the engine's own markup.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Insert {
    /// The value as plain text.
    pub text: String,
    /// Markup built by the engine (already escaped), used in HTML output.
    pub html: Option<String>,
    /// Whether the markup is a block (a list, a quote) that stands alone.
    pub block: bool,
}

impl Insert {
    /// A plain text value.
    #[must_use]
    pub fn text(text: impl Into<String>) -> Self {
        Self { text: text.into(), html: None, block: false }
    }
}

/// Where template values come from.
pub trait Values {
    /// The value named `name`, if it has one (empty text counts as none).
    fn value(&self, name: &str) -> Option<Insert>;
}

/// A template with its values filled in, before it becomes text or HTML:
/// each value is computed once, whatever the outputs.
pub struct Filled<'t> {
    segments: Vec<Segment<'t>>,
}

enum Segment<'t> {
    Literal(&'t str),
    Value(Insert),
    /// A value that was empty: the space before it goes when punctuation
    /// follows (`your case : Grinder` reads `your case: Grinder`).
    Gap,
    /// A value in an HTML attribute (percent-encoded too when `url`).
    Attribute {
        text: String,
        url: bool,
    },
}

fn pick(alternatives: &[Alternative], values: &dyn Values) -> Option<Insert> {
    alternatives.iter().find_map(|alternative| match alternative {
        Alternative::Literal(text) if !text.is_empty() => Some(Insert::text(text.clone())),
        Alternative::Literal(_) => None,
        Alternative::Name(name) => values.value(name).filter(|insert| !insert.text.trim().is_empty()),
    })
}

fn segments<'t>(nodes: &'t [Node], values: &dyn Values, out: &mut Vec<Segment<'t>>) {
    for node in nodes {
        match node {
            Node::Text(text) => out.push(Segment::Literal(text)),
            Node::Insert(alternatives) => {
                out.push(pick(alternatives, values).map_or(Segment::Gap, Segment::Value));
            }
            Node::InAttribute { alternatives, url } => {
                if let Some(insert) = pick(alternatives, values) {
                    out.push(Segment::Attribute { text: insert.text, url: *url });
                }
            }
            Node::If { test, then, otherwise } => {
                let branch = if pick(test, values).is_some() { then } else { otherwise };
                segments(branch, values, out);
            }
        }
    }
}

/// Closes the gaps empty values leave: a space before a gap goes when the
/// text after it starts with a space or with punctuation that leans on the
/// word before (`,` `.` `:` `;` `!` `?` `)`), so no separator dangles.
fn close_gaps(parts: &mut Vec<Segment<'_>>) {
    for at in 0..parts.len() {
        if !matches!(parts.get(at), Some(Segment::Gap)) {
            continue;
        }
        let next = parts.get(at + 1..).unwrap_or_default().iter().find(|part| !matches!(part, Segment::Gap));
        let leans = match next {
            Some(Segment::Literal(text)) => text.starts_with([' ', ',', '.', ':', ';', '!', '?', ')']),
            None => true,
            _ => false,
        };
        let before = at.checked_sub(1).and_then(|before| parts.get_mut(before));
        if let (true, Some(Segment::Literal(text))) = (leans, before) {
            *text = text.strip_suffix(' ').unwrap_or(text);
        }
    }
    parts.retain(|part| !matches!(part, Segment::Gap));
}

fn checked(output: String, what: &str) -> Result<String, Problem> {
    if output.len() > MAX_OUTPUT_BYTES {
        Err(Problem::new(
            ProblemCode::TooLarge,
            "",
            format!("the rendered {what} is {} bytes, over the limit of {MAX_OUTPUT_BYTES}", output.len()),
        ))
    } else {
        Ok(output)
    }
}

impl<'t> Filled<'t> {
    /// Fills `template` with `values`.
    pub fn new(template: &'t Template, values: &dyn Values) -> Self {
        let mut parts = Vec::with_capacity(template.nodes.len());
        segments(&template.nodes, values, &mut parts);
        close_gaps(&mut parts);
        Self { segments: parts }
    }

    /// Plain text, with runs of blank lines collapsed and the ends trimmed.
    pub fn text(&self) -> Result<String, Problem> {
        let mut raw = String::new();
        for part in &self.segments {
            match part {
                Segment::Literal(text) => raw.push_str(text),
                Segment::Value(insert) => raw.push_str(&insert.text),
                Segment::Attribute { text, .. } => raw.push_str(text),
                Segment::Gap => {}
            }
        }
        checked(tidy_text(&raw), "text")
    }

    /// One line (a subject): line breaks and runs of spaces become one space.
    pub fn line(&self) -> Result<String, Problem> {
        self.text().map(|text| crate::text::one_line(&text, char::is_whitespace))
    }

    /// HTML from a plain-text template: text and values escaped, blank lines
    /// make paragraphs, line breaks make `<br>`.
    pub fn html_from_text(&self) -> Result<String, Problem> {
        let mut html = String::new();
        let mut paragraph = String::new();
        for part in &self.segments {
            match part {
                Segment::Value(Insert { html: Some(markup), block: true, .. }) => {
                    flush_paragraph(&mut html, &mut paragraph);
                    html.push_str(markup);
                    html.push('\n');
                }
                Segment::Value(Insert { html: Some(markup), block: false, .. }) => paragraph.push_str(markup),
                Segment::Value(Insert { text, .. }) | Segment::Attribute { text, .. } => {
                    push_escaped(&mut paragraph, text);
                }
                Segment::Gap => {}
                Segment::Literal(text) => {
                    let mut pieces = text.split("\n\n").peekable();
                    while let Some(piece) = pieces.next() {
                        push_escaped(&mut paragraph, piece);
                        if pieces.peek().is_some() {
                            flush_paragraph(&mut html, &mut paragraph);
                        }
                    }
                }
            }
        }
        flush_paragraph(&mut html, &mut paragraph);
        let trimmed_len = html.trim_end().len();
        html.truncate(trimmed_len);
        checked(html, "HTML body")
    }

    /// HTML from an HTML template: its markup as written, every value
    /// escaped (or the engine's own markup).
    pub fn html(&self) -> Result<String, Problem> {
        let mut html = String::new();
        for part in &self.segments {
            match part {
                Segment::Literal(text) => html.extend(text.split('\0')),
                Segment::Value(Insert { html: Some(markup), .. }) => html.push_str(markup),
                Segment::Value(Insert { text, .. }) => push_escaped(&mut html, text),
                Segment::Attribute { text, url: false } => push_attribute(&mut html, text),
                Segment::Attribute { text, url: true } => push_url_part(&mut html, text),
                Segment::Gap => {}
            }
        }
        checked(html.trim().to_owned(), "HTML body")
    }
}

/// Renders to plain text.
pub fn render_text(template: &Template, values: &dyn Values) -> Result<String, Problem> {
    Filled::new(template, values).text()
}

fn flush_paragraph(html: &mut String, paragraph: &mut String) {
    let content = paragraph.trim().trim_start_matches("<br>").trim_end_matches("<br>").trim();
    if !content.is_empty() {
        html.push_str("<p>");
        html.push_str(content);
        html.push_str("</p>\n");
    }
    paragraph.clear();
}

/// Appends `text` escaped for HTML, line breaks as `<br>`, in one pass.
fn push_escaped(out: &mut String, text: &str) {
    push_escaped_with(out, text, true);
}

/// Appends `text` escaped for HTML; with `line_breaks`, `\r\n`, `\n` and
/// `\r` become `<br>`. NUL is dropped. Copies the runs between special
/// characters whole (they are all ASCII, so every cut is a character
/// boundary): this runs for every value in every drafted email.
fn push_escaped_with(out: &mut String, text: &str, line_breaks: bool) {
    out.reserve(text.len());
    let bytes = text.as_bytes();
    let mut start = 0;
    for (at, &byte) in bytes.iter().enumerate() {
        let replacement = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            b'\0' => "",
            b'\r' if line_breaks && bytes.get(at + 1) == Some(&b'\n') => "",
            b'\n' | b'\r' if line_breaks => "<br>",
            _ => continue,
        };
        out.push_str(text.get(start..at).unwrap_or_default());
        out.push_str(replacement);
        start = at + 1;
    }
    out.push_str(text.get(start..).unwrap_or_default());
}

/// Appends `text` for a quoted attribute value: HTML-escaped, each line
/// break and control character a space.
fn push_attribute(out: &mut String, text: &str) {
    let flat: String = text.chars().map(|ch| if crate::address::breaks_line(ch) { ' ' } else { ch }).collect();
    push_escaped_with(out, &flat, false);
}

/// Appends `text` as part of a URL after its scheme: every byte but the
/// unreserved ones (`A-Z a-z 0-9 - . _ ~`) and `@` percent-encoded, so
/// a value can add neither a scheme, a path, a query nor a quote.
fn push_url_part(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'@') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX.get(usize::from(byte >> 4)).copied().unwrap_or(b'0')));
            out.push(char::from(HEX.get(usize::from(byte & 15)).copied().unwrap_or(b'0')));
        }
    }
}

/// Escapes text and turns its line breaks into `<br>`.
#[must_use]
pub fn escape_multiline(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + text.len() / 8);
    push_escaped(&mut escaped, text);
    escaped
}

/// Trims trailing spaces from lines, collapses runs of blank lines into one,
/// drops NUL and trims the whole text.
#[must_use]
pub fn tidy_text(raw: &str) -> String {
    let mut tidy = String::with_capacity(raw.len());
    let mut blank_run = 0;
    let without_nul;
    let raw = if raw.contains('\0') {
        without_nul = raw.replace('\0', "");
        without_nul.as_str()
    } else {
        raw
    };
    for line in raw.split('\n') {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank_run += 1;
            if blank_run > 1 {
                continue;
            }
        } else {
            blank_run = 0;
        }
        tidy.push_str(line);
        tidy.push('\n');
    }
    let end = tidy.trim_end().len();
    tidy.truncate(end);
    let start = tidy.len() - tidy.trim_start().len();
    tidy.drain(..start);
    tidy
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    /// Escapes text for HTML element content and attribute values.
    fn escape_html(text: &str) -> String {
        let mut escaped = String::new();
        push_escaped_with(&mut escaped, text, false);
        escaped
    }

    #[test]
    fn escaping_replaces_every_special_character_and_keeps_the_rest() {
        let text = "a\r\nb\rc\nd<&>\"'\0é 😀";
        assert_eq!(escape_multiline(text), "a<br>b<br>c<br>d&lt;&amp;&gt;&quot;&#39;é 😀");
        assert_eq!(escape_html(text), "a\r\nb\rc\nd&lt;&amp;&gt;&quot;&#39;é 😀");
        assert_eq!(escape_multiline("\r"), "<br>");
        assert_eq!(escape_html(""), "");
    }

    struct Map(HashMap<&'static str, Insert>);

    impl Values for Map {
        fn value(&self, name: &str) -> Option<Insert> {
            self.0.get(name).cloned()
        }
    }

    fn values() -> Map {
        let mut map = HashMap::new();
        map.insert("title", Insert::text("<script>alert(\"x\")</script> & 'more'"));
        map.insert("name", Insert::text("Alex"));
        map.insert("empty", Insert::text("  "));
        map.insert("lines", Insert::text("one\ntwo"));
        map.insert(
            "quote",
            Insert { text: "> hi".into(), html: Some("<blockquote>hi</blockquote>".into()), block: true },
        );
        Map(map)
    }

    fn template(source: &str) -> Template {
        Template::parse(source, "t", &|_: &str| Ok(())).unwrap()
    }

    #[test]
    fn values_are_escaped_in_html_whatever_the_template() {
        let t = template("<b>{{title}}</b>");
        let html = Filled::new(&t, &values()).html().unwrap();
        assert_eq!(html, "<b>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;more&#39;</b>");
        let text = render_text(&t, &values()).unwrap();
        assert_eq!(text, "<b><script>alert(\"x\")</script> & 'more'</b>");
    }

    #[test]
    fn text_templates_become_paragraphs() {
        let t = template("Hello {{name}},\n\n{{lines}}\nbye <now>\n\n{{quote}}\n\n{{empty}}\n\nEnd");
        assert_eq!(
            Filled::new(&t, &values()).html_from_text().unwrap(),
            "<p>Hello Alex,</p>\n<p>one<br>two<br>bye &lt;now&gt;</p>\n<blockquote>hi</blockquote>\n<p>End</p>"
        );
        assert_eq!(render_text(&t, &values()).unwrap(), "Hello Alex,\n\none\ntwo\nbye <now>\n\n> hi\n\nEnd");
    }

    #[test]
    fn fallbacks_and_sections() {
        let t =
            template("{{missing | empty | \"there\"}}|{{#if missing}}yes{{else}}no{{/if}}|{{#if name}}{{name}}{{/if}}");
        assert_eq!(render_text(&t, &values()).unwrap(), "there|no|Alex");
    }

    #[test]
    fn empty_values_leave_no_dangling_separators() {
        let t = template("Your case {{missing}}: {{name}} and case {{missing}}, ok {{missing}}");
        assert_eq!(render_text(&t, &values()).unwrap(), "Your case: Alex and case, ok");
    }

    #[test]
    fn lines_collapse_whitespace() {
        let t = template("Case  {{lines}} ");
        assert_eq!(Filled::new(&t, &values()).line().unwrap(), "Case one two");
    }

    #[test]
    fn output_is_bounded() {
        struct Huge;
        impl Values for Huge {
            fn value(&self, _: &str) -> Option<Insert> {
                Some(Insert::text("x".repeat(MAX_OUTPUT_BYTES)))
            }
        }
        let t = template("{{a}}{{b}}");
        assert_eq!(render_text(&t, &Huge).unwrap_err().code, ProblemCode::TooLarge);
    }
}
