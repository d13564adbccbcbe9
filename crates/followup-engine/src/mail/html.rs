//! HTML email bodies to readable text, by hand: one pass over the markup,
//! no DOM and no dependency (the wasm size budget has no room for an HTML
//! parser). It is made for what mail clients produce (Outlook's Word HTML,
//! Outlook on the web, Gmail, Apple Mail), not for arbitrary web pages.
//!
//! Element names and entities are `|`-separated lists (see
//! [`super::lists`]), searched with one loop, rather than `match`es on
//! strings, which compile to a comparison per name in the wasm module.

use super::lists::{Test, any};

/// What an element does to the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Element {
    /// Content is never text (`<script>`, `<style>`, and `<head>`, which
    /// carries the `<style>` and `<title>` of Outlook bodies).
    Skipped,
    /// `<br>`: a line break.
    Break,
    /// `<hr>`: a line of underscores.
    Rule,
    /// `<blockquote>`: `> ` lines.
    Quote,
    /// `<td>`, `<th>`: a space between cells.
    Cell,
    /// `<pre>`: a block that keeps its whitespace.
    Pre,
    /// Starts and ends a line.
    Block,
    /// Everything else (`<span>`, `<b>`, `<a>`, `<o:p>`).
    Inline,
}

/// Elements whose content is never text.
const SKIPPED: &str = "script|style|head|title|xml|template";
/// Elements that start and end a line.
const BLOCKS: &str = "p|div|tr|li|ul|ol|dl|dt|dd|h1|h2|h3|h4|h5|h6|table|thead|tbody|tfoot|caption|section|article|\
                      header|footer|aside|nav|main|address|center|form|figure";

impl Element {
    /// The element named `name` (any case).
    fn of(name: &str) -> Self {
        let is = |list| any(list, Test::IsIgnoringCase, name);
        if is(SKIPPED) {
            Self::Skipped
        } else if is("br") {
            Self::Break
        } else if is("hr") {
            Self::Rule
        } else if is("blockquote") {
            Self::Quote
        } else if is("td|th") {
            Self::Cell
        } else if is("pre") {
            Self::Pre
        } else if is(BLOCKS) {
            Self::Block
        } else {
            Self::Inline
        }
    }
}

/// Tags whose presence marks a body as HTML (plain text may contain `<`,
/// as in `Support <support@contoso.com>`).
const HTML_MARKERS: &str =
    "pre|li|ul|h1|html|body|div|p|br|span|table|td|tr|font|b|i|u|a|img|meta|style|blockquote|head|strong|em|hr";

/// Whether `body` is HTML rather than plain text: it contains a tag of a
/// common element (`<div`, `</p>`, `<br/>`, `<!DOCTYPE`, ...).
#[must_use]
pub(crate) fn looks_like_html(body: &str) -> bool {
    let mut rest = body;
    while let Some(at) = rest.find('<') {
        let after = rest.get(at + 1..).unwrap_or_default();
        if starts_with_ignore_case(after, "!doctype") || after.starts_with("!--") {
            return true;
        }
        let name_part = after.strip_prefix('/').unwrap_or(after);
        let length = name_part.bytes().take_while(u8::is_ascii_alphanumeric).count();
        let ends_name = matches!(name_part.as_bytes().get(length), Some(b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r'));
        if ends_name && any(HTML_MARKERS, Test::IsIgnoringCase, name_part.get(..length).unwrap_or_default()) {
            return true;
        }
        rest = after;
    }
    false
}

/// Attributes of the `<div>` that starts the quoted history in Outlook's
/// HTML: the reply header container of Outlook on the web and new Outlook,
/// and the bordered `From:`/`Sent:` block of Outlook for Windows. Outlook
/// users do not answer below it, and [`crate::mail::own_words`] cuts there
/// anyway.
const OUTLOOK_HISTORY: &str = "appendonsend|divRplyFwdMsg|border-top:solid #E1E1E1|border-top:solid #B5C4DF";

/// Whether to render all of a body or stop at Outlook's quoted history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Extent {
    /// Everything.
    Whole,
    /// Up to the `<div>` that holds Outlook's quoted history: in a long
    /// thread, most of the work saved.
    AboveOutlookHistory,
}

/// Converts HTML to text: see [`crate::mail::html_to_text`].
#[must_use]
pub(crate) fn render(html: &str, extent: Extent) -> String {
    let mut out = Output { text: String::with_capacity(html.len() / 2), ..Output::default() };
    let mut rest = html;
    while let Some(ch) = rest.chars().next() {
        let mut used = ch.len_utf8();
        if ch == '<' {
            if extent == Extent::AboveOutlookHistory && starts_outlook_history(rest) {
                break;
            }
            used = markup(rest, &mut out);
        } else if ch == '&' {
            let decoded;
            (decoded, used) = entity(rest);
            out.text(decoded.unwrap_or('&'));
        } else if ch.is_whitespace() {
            if !out.pre {
                out.space();
            } else if ch == '\n' {
                out.newline();
            } else if ch != '\r' {
                out.text(ch);
            }
        } else if ch.is_ascii() {
            // A run of ordinary characters goes in at once; the scan is
            // by byte (all markup is ASCII) and stops at non-ASCII,
            // which may be Unicode whitespace.
            used = rest
                .bytes()
                .position(|byte| matches!(byte, b'<' | b'&') || byte.is_ascii_whitespace() || !byte.is_ascii())
                .unwrap_or(rest.len());
            out.run(rest.get(..used).unwrap_or_default());
        } else {
            out.text(ch);
        }
        rest = rest.get(used..).unwrap_or_default();
    }
    out.finish()
}

/// Whether `rest` starts with the `<div>` holding Outlook's quoted history.
fn starts_outlook_history(rest: &str) -> bool {
    if !starts_with_ignore_case(rest, "<div") {
        return false;
    }
    let Some(tag) = Tag::parse(rest) else {
        return false;
    };
    any(OUTLOOK_HISTORY, Test::Contains, rest.get(..tag.length).unwrap_or_default())
}

/// Handles markup at the start of `rest` (which starts with `<`) and
/// returns how many bytes it takes.
fn markup(rest: &str, out: &mut Output) -> usize {
    let (end, skip) = if rest.starts_with("<!--") {
        ("-->", 4)
    } else if rest.starts_with("<!") || rest.starts_with("<?") {
        (">", 0)
    } else {
        let Some(tag) = Tag::parse(rest) else {
            out.text('<');
            return 1;
        };
        if !tag.closing && !tag.self_closing && tag.element == Element::Skipped {
            return tag.length + skip_element(rest.get(tag.length..).unwrap_or_default(), tag.name);
        }
        tag.apply(out);
        return tag.length;
    };
    // A comment or declaration: to its end, or all the rest.
    rest.get(skip..).and_then(|tail| tail.find(end)).map_or(rest.len(), |at| skip + at + end.len())
}

/// How many bytes of `after` to skip to after the closing tag of the
/// element `name`; without one, none (only the opening tag is dropped).
fn skip_element(after: &str, name: &str) -> usize {
    let mut from = 0;
    while let Some(at) = after.get(from..).and_then(|search| search.find("</")) {
        from += at + 2;
        let candidate = after.get(from..).unwrap_or_default();
        if starts_with_ignore_case(candidate, name) {
            let tail = from + name.len();
            return after.get(tail..).and_then(|tail| tail.find('>')).map_or(after.len(), |end| tail + end + 1);
        }
    }
    0
}

/// An opening or closing tag.
struct Tag<'a> {
    /// Element name as written (`o:p`, `DIV`).
    name: &'a str,
    /// What the element does.
    element: Element,
    closing: bool,
    self_closing: bool,
    /// Bytes from `<` to `>` inclusive.
    length: usize,
}

impl<'a> Tag<'a> {
    /// Reads the tag at the start of `text`; `None` when `<` does not start
    /// a tag (`a < b`) or the tag never ends.
    fn parse(text: &'a str) -> Option<Self> {
        let bytes = text.as_bytes();
        let closing = bytes.get(1) == Some(&b'/');
        let name_start = 1 + usize::from(closing);
        if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            return None;
        }
        let mut name_end = name_start;
        while bytes
            .get(name_end)
            .is_some_and(|&byte| byte.is_ascii_alphanumeric() || matches!(byte, b':' | b'-' | b'_'))
        {
            name_end += 1;
        }
        let name = text.get(name_start..name_end)?;
        // Bytes suffice: `<`, `>`, quotes and `/` are ASCII and never part
        // of a multi-byte character.
        let mut quote = None;
        let mut previous = b' ';
        for (offset, &byte) in bytes.iter().enumerate() {
            if quote == Some(byte) {
                quote = None;
            } else if quote.is_none() && matches!(byte, b'"' | b'\'') && offset > name.len() + 1 {
                quote = Some(byte);
            } else if quote.is_none() && byte == b'>' {
                return Some(Self {
                    name,
                    element: Element::of(name),
                    closing,
                    self_closing: previous == b'/',
                    length: offset + 1,
                });
            }
            previous = byte;
        }
        None
    }

    /// What the tag does to the text.
    fn apply(&self, out: &mut Output) {
        match self.element {
            Element::Break => out.newline(),
            Element::Cell => out.space(),
            Element::Skipped | Element::Inline => {}
            Element::Rule | Element::Quote | Element::Pre | Element::Block => {
                out.end_line();
                match self.element {
                    Element::Rule => {
                        for _ in 0..32 {
                            out.text('_');
                        }
                        out.newline();
                    }
                    Element::Quote if self.closing => out.quote_depth = out.quote_depth.saturating_sub(1),
                    Element::Quote if !self.self_closing => out.quote_depth += 1,
                    Element::Pre => out.pre = !self.closing,
                    _ => {}
                }
            }
        }
    }
}

/// The named entities mail clients actually emit, and accented letters
/// (`auml`, `Eacute`, `ccedil`, `ntilde`, ...): each entry is the name
/// followed by the character it stands for.
const ENTITIES: &str = "nbsp\u{a0}|amp&|AMP&|lt<|LT<|gt>|GT>|quot\"|QUOT\"|apos'|lsquo\u{2018}|rsquo\u{2019}|\
    ldquo\u{201c}|rdquo\u{201d}|sbquo\u{201a}|bdquo\u{201e}|laquo«|raquo»|ndash\u{2013}|mdash\u{2014}|\
    hellip\u{2026}|bull\u{2022}|middot·|copy©|reg®|trade\u{2122}|euro\u{20ac}|pound£|deg°|iexcl¡|iquest¿|\
    ordmº|ordfª|shy\u{ad}|zwnj\u{200c}|zwj\u{200d}|ensp\u{2002}|emsp\u{2003}|thinsp\u{2009}|szligß|oeligœ|\
    OEligŒ|aeligæ|AEligÆ|\
    aumlä|eumlë|iumlï|oumlö|uumlü|yumlÿ|AumlÄ|EumlË|IumlÏ|OumlÖ|UumlÜ|\
    aacuteá|eacuteé|iacuteí|oacuteó|uacuteú|yacuteý|AacuteÁ|EacuteÉ|IacuteÍ|OacuteÓ|UacuteÚ|\
    agraveà|egraveè|igraveì|ograveò|ugraveù|AgraveÀ|EgraveÈ|IgraveÌ|OgraveÒ|UgraveÙ|\
    acircâ|ecircê|icircî|ocircô|ucircû|AcircÂ|EcircÊ|IcircÎ|OcircÔ|UcircÛ|\
    atildeã|ntildeñ|otildeõ|AtildeÃ|NtildeÑ|OtildeÕ|ccedilç|CcedilÇ|aringå|AringÅ|oslashø|OslashØ";

/// Decodes the entity at the start of `text` (which starts with `&`):
/// the character and the bytes used, or `None` and 1 when it is no entity.
fn entity(text: &str) -> (Option<char>, usize) {
    let Some(end) = text.bytes().skip(1).take(11).position(|byte| byte == b';') else {
        return (None, 1);
    };
    let name = text.get(1..=end).unwrap_or_default();
    let decoded = match name.strip_prefix('#') {
        Some(number) => numeric(number),
        None => ENTITIES.split('|').find_map(|entry| {
            let mut chars = entry.chars();
            let value = chars.next_back()?;
            (chars.as_str() == name).then_some(value)
        }),
    };
    match decoded {
        Some(value) => (Some(value), end + 2),
        None => (None, 1),
    }
}

/// A numeric character reference (`#8217`, `#x2019` without the `#`),
/// read as `u32::from_str_radix` would (a `+` may lead).
fn numeric(number: &str) -> Option<char> {
    let (radix, digits) = match number.strip_prefix(['x', 'X']) {
        Some(hex) => (16, hex),
        None => (10, number),
    };
    let digits = digits.strip_prefix('+').unwrap_or(digits);
    if digits.is_empty() {
        return None;
    }
    let mut value: u32 = 0;
    for ch in digits.chars() {
        value = value.checked_mul(radix)?.checked_add(ch.to_digit(radix)?)?;
    }
    match value {
        0 => None,
        // Windows-1252 quotes that some mailers emit as numbers.
        0x91 | 0x92 => Some('\''),
        0x93 | 0x94 => Some('"'),
        0x96 | 0x97 => Some('-'),
        _ => char::from_u32(value),
    }
}

/// Whether `text` starts with `prefix`, ignoring ASCII case.
fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// The text being built, line by line.
#[derive(Default)]
struct Output {
    text: String,
    /// Whether nothing was written on the current line yet.
    line_started: bool,
    /// A space is due before the next character on this line.
    pending_space: bool,
    /// Inside `<pre>`: whitespace is kept.
    pre: bool,
    /// Depth of `<blockquote>` nesting: lines get that many `> `.
    quote_depth: usize,
}

impl Output {
    /// Writes what comes before visible characters: the quote marks of a
    /// new line, or a pending space.
    fn begin(&mut self) {
        if !self.line_started {
            for _ in 0..self.quote_depth {
                self.text.push_str("> ");
            }
            self.line_started = true;
        } else if self.pending_space {
            self.text.push(' ');
        }
        self.pending_space = false;
    }

    /// Writes a visible character.
    fn text(&mut self, ch: char) {
        self.begin();
        self.text.push(ch);
    }

    /// Writes visible characters (no whitespace, markup or entities; at
    /// least one).
    fn run(&mut self, text: &str) {
        self.begin();
        self.text.push_str(text);
    }

    /// Collapsible whitespace.
    fn space(&mut self) {
        if self.line_started {
            self.pending_space = true;
        }
    }

    /// A line break (`<br>`), even on an empty line.
    fn newline(&mut self) {
        self.text.push('\n');
        self.line_started = false;
        self.pending_space = false;
    }

    /// Ends the current line if anything is on it (block boundaries).
    fn end_line(&mut self) {
        if self.line_started {
            self.newline();
        }
    }

    /// The text with lines trimmed, non-breaking spaces made plain, at most
    /// one empty line in a row and none at either end.
    fn finish(self) -> String {
        let mut result = String::with_capacity(self.text.len());
        let mut blank = false;
        for line in self.text.split('\n') {
            let line = line.trim();
            if line.is_empty() {
                blank = true;
                continue;
            }
            if !result.is_empty() {
                result.push('\n');
                if blank {
                    result.push('\n');
                }
            }
            blank = false;
            for ch in line.chars() {
                result.push(if ch == '\u{a0}' { ' ' } else { ch });
            }
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_all(html: &str) -> String {
        render(html, Extent::Whole)
    }

    #[test]
    fn recognises_html_but_not_plain_text_with_angle_brackets() {
        assert!(looks_like_html("<p>Hi</p>"));
        assert!(looks_like_html("Hi<br/>there"));
        assert!(looks_like_html("<!DOCTYPE html><x>"));
        assert!(looks_like_html("<DIV class=x>Hi</DIV>"));
        assert!(!looks_like_html("On Tue, Support <support@contoso.com> wrote:"));
        assert!(!looks_like_html("if a < b and c > d"));
        assert!(!looks_like_html("<pat@b.com>"));
    }

    #[test]
    fn tags_are_parsed_with_quoted_attributes() {
        let tag = Tag::parse("<a title=\"x>y\" href='z'>text").unwrap();
        assert_eq!(tag.name, "a");
        assert_eq!(tag.length, "<a title=\"x>y\" href='z'>".len());
        assert!(Tag::parse("< 3").is_none());
        assert!(Tag::parse("<div class=\"never closed").is_none());
        assert!(Tag::parse("<br/>").unwrap().self_closing);
        assert!(Tag::parse("</P>").unwrap().closing);
    }

    #[test]
    fn rendering_can_stop_at_outlook_history() {
        let desktop = "<p>Works</p><div><div style=\"border:none;border-top:solid #E1E1E1 1.0pt\"><p><b>From:</b> x</p></div></div>";
        assert_eq!(render(desktop, Extent::AboveOutlookHistory), "Works");
        assert_eq!(render(desktop, Extent::Whole), "Works\nFrom: x");
        let web = "<div>Works</div><div id=\"appendonsend\"></div><hr><div id=\"divRplyFwdMsg\">From: x</div>";
        assert_eq!(render(web, Extent::AboveOutlookHistory), "Works");
        assert_eq!(render("<p>No history</p><DIV>x</DIV>", Extent::AboveOutlookHistory), "No history\nx");
    }

    #[test]
    fn entities_named_and_numeric() {
        assert_eq!(render_all("<p>A &amp; B &lt;c&gt; &quot;d&quot; &#39;e&#39;</p>"), "A & B <c> \"d\" 'e'");
        assert_eq!(render_all("<p>Gr&uuml;&szlig;e &Eacute;mile &ccedil;a &ntilde;</p>"), "Grüße Émile ça ñ");
        assert_eq!(render_all("<p>jusqu&#8217;au &#x2019; &#X41;</p>"), "jusqu\u{2019}au \u{2019} A");
        assert_eq!(render_all("<p>&unknown; &amp &#xZZ; &#0;</p>"), "&unknown; &amp &#xZZ; &#0;");
        assert_eq!(render_all("<p>caf&eacute;&nbsp;au&nbsp;lait</p>"), "café au lait");
    }
}
