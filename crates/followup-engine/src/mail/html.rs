//! HTML email bodies to readable text, by hand: one pass over the markup,
//! no DOM and no dependency (the wasm size budget has no room for an HTML
//! parser). It is made for what mail clients produce (Outlook's Word HTML,
//! Outlook on the web, Gmail, Apple Mail), not for arbitrary web pages.

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

impl Element {
    /// The element named `name` (any case); names are compared through a
    /// lowercase copy on the stack, one `match` per tag.
    fn of(name: &str) -> Self {
        let mut buffer = [0u8; 12];
        let Some(slot) = buffer.get_mut(..name.len()) else {
            return Self::Inline;
        };
        slot.copy_from_slice(name.as_bytes());
        slot.make_ascii_lowercase();
        match &*slot {
            b"script" | b"style" | b"head" | b"title" | b"xml" | b"template" => Self::Skipped,
            b"br" => Self::Break,
            b"hr" => Self::Rule,
            b"blockquote" => Self::Quote,
            b"td" | b"th" => Self::Cell,
            b"pre" => Self::Pre,
            b"p" | b"div" | b"tr" | b"li" | b"ul" | b"ol" | b"dl" | b"dt" | b"dd" | b"h1" | b"h2" | b"h3" | b"h4"
            | b"h5" | b"h6" | b"table" | b"thead" | b"tbody" | b"tfoot" | b"caption" | b"section" | b"article"
            | b"header" | b"footer" | b"aside" | b"nav" | b"main" | b"address" | b"center" | b"form" | b"figure" => {
                Self::Block
            }
            _ => Self::Inline,
        }
    }
}

/// Tags whose presence marks a body as HTML (plain text may contain `<`,
/// as in `Support <support@contoso.com>`).
const HTML_MARKERS: [&str; 26] = [
    "pre",
    "li",
    "ul",
    "h1",
    "html",
    "body",
    "div",
    "p",
    "br",
    "span",
    "table",
    "td",
    "tr",
    "font",
    "b",
    "i",
    "u",
    "a",
    "img",
    "meta",
    "style",
    "blockquote",
    "head",
    "strong",
    "em",
    "hr",
];

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
        let name: String = name_part.chars().take_while(char::is_ascii_alphanumeric).collect();
        let next = name_part.get(name.len()..).and_then(|tail| tail.chars().next());
        let ends_name = matches!(next, Some('>' | '/' | ' ' | '\t' | '\n' | '\r'));
        if ends_name && HTML_MARKERS.iter().any(|marker| marker.eq_ignore_ascii_case(&name)) {
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
const OUTLOOK_HISTORY: [&str; 4] =
    ["appendonsend", "divRplyFwdMsg", "border-top:solid #E1E1E1", "border-top:solid #B5C4DF"];

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
        rest = match ch {
            '<' if extent == Extent::AboveOutlookHistory && starts_outlook_history(rest) => break,
            '<' => markup(rest, &mut out),
            '&' => {
                let (decoded, used) = entity(rest);
                out.text(decoded.unwrap_or('&'));
                rest.get(used..).unwrap_or_default()
            }
            _ if ch.is_whitespace() => {
                if !out.preformatted() {
                    out.space();
                } else if ch == '\n' {
                    out.newline();
                } else if ch != '\r' {
                    out.text(ch);
                }
                rest.get(ch.len_utf8()..).unwrap_or_default()
            }
            _ => {
                // A run of ordinary characters goes in at once; the scan is
                // by byte (all markup is ASCII) and stops at non-ASCII,
                // which may be Unicode whitespace.
                let run = rest
                    .bytes()
                    .position(|byte| matches!(byte, b'<' | b'&') || byte.is_ascii_whitespace() || !byte.is_ascii());
                let end = match run {
                    Some(0) | None if !ch.is_ascii() => ch.len_utf8(),
                    Some(end) => end,
                    None => rest.len(),
                };
                out.run(rest.get(..end).unwrap_or_default());
                rest.get(end..).unwrap_or_default()
            }
        };
    }
    out.finish()
}

/// Whether `rest` starts with the `<div>` holding Outlook's quoted history.
fn starts_outlook_history(rest: &str) -> bool {
    let Some(tag) = rest.get(..4).filter(|head| head.eq_ignore_ascii_case("<div")).and_then(|_| Tag::parse(rest))
    else {
        return false;
    };
    let attributes = rest.get(..tag.length).unwrap_or_default();
    OUTLOOK_HISTORY.iter().any(|marker| attributes.contains(marker))
}

/// Handles markup at the start of `rest` (which starts with `<`) and
/// returns what follows it.
fn markup<'a>(rest: &'a str, out: &mut Output) -> &'a str {
    if let Some(comment) = rest.strip_prefix("<!--") {
        return comment.find("-->").and_then(|end| comment.get(end + 3..)).unwrap_or_default();
    }
    if rest.starts_with("<!") || rest.starts_with("<?") {
        return rest.find('>').and_then(|end| rest.get(end + 1..)).unwrap_or_default();
    }
    let Some(tag) = Tag::parse(rest) else {
        out.text('<');
        return rest.get(1..).unwrap_or_default();
    };
    let after = rest.get(tag.length..).unwrap_or_default();
    if !tag.closing && !tag.self_closing && tag.element == Element::Skipped {
        return skip_element(after, tag.name);
    }
    apply(&tag, out);
    after
}

/// Skips to after the closing tag of the element `name`; without one, only
/// the opening tag is dropped.
fn skip_element<'a>(after: &'a str, name: &str) -> &'a str {
    let mut search = after;
    while let Some(at) = search.find("</") {
        let candidate = search.get(at + 2..).unwrap_or_default();
        if starts_with_ignore_case(candidate, name) {
            let tail = candidate.get(name.len()..).unwrap_or_default();
            return tail.find('>').and_then(|end| tail.get(end + 1..)).unwrap_or_default();
        }
        search = candidate;
    }
    after
}

/// What a tag does to the text.
fn apply(tag: &Tag<'_>, out: &mut Output) {
    match tag.element {
        Element::Break => out.newline(),
        Element::Rule => {
            out.end_line();
            out.rule();
        }
        Element::Quote => {
            out.end_line();
            if tag.closing {
                out.quote_depth = out.quote_depth.saturating_sub(1);
            } else if !tag.self_closing {
                out.quote_depth = out.quote_depth.saturating_add(1);
            }
        }
        Element::Cell => out.space(),
        Element::Pre => {
            out.end_line();
            out.pre = !tag.closing;
        }
        Element::Block => out.end_line(),
        Element::Skipped | Element::Inline => {}
    }
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
        let body = text.get(1..)?;
        let (closing, named) = match body.strip_prefix('/') {
            Some(named) => (true, named),
            None => (false, body),
        };
        if !named.chars().next().is_some_and(|ch| ch.is_ascii_alphabetic()) {
            return None;
        }
        let name_length = named
            .find(|ch: char| !(ch.is_ascii_alphanumeric() || matches!(ch, ':' | '-' | '_')))
            .unwrap_or(named.len());
        let name = named.get(..name_length)?;
        // Bytes suffice: `<`, `>`, quotes and `/` are ASCII and never part
        // of a multi-byte character.
        let mut quote = None;
        let mut previous = b' ';
        for (offset, byte) in text.bytes().enumerate() {
            match (quote, byte) {
                (Some(open), _) if byte == open => quote = None,
                (None, b'"' | b'\'') if offset > name.len() + 1 => quote = Some(byte),
                (None, b'>') => {
                    return Some(Self {
                        name,
                        element: Element::of(name),
                        closing,
                        self_closing: previous == b'/',
                        length: offset + 1,
                    });
                }
                _ => {}
            }
            previous = byte;
        }
        None
    }
}

/// Decodes the entity at the start of `text` (which starts with `&`):
/// the character and the bytes used, or `None` and 1 when it is no entity.
fn entity(text: &str) -> (Option<char>, usize) {
    let Some(end) = text.get(1..).and_then(|tail| tail.find(';')).filter(|end| *end <= 10) else {
        return (None, 1);
    };
    let Some(name) = text.get(1..=end) else {
        return (None, 1);
    };
    let decoded = match name.strip_prefix('#') {
        Some(number) => numeric(number),
        None => named(name),
    };
    match decoded {
        Some(value) => (Some(value), end + 2),
        None => (None, 1),
    }
}

/// A numeric character reference (`#8217`, `#x2019` without the `#`).
fn numeric(number: &str) -> Option<char> {
    let value = match number.strip_prefix(['x', 'X']) {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => number.parse::<u32>().ok()?,
    };
    match value {
        0 => None,
        // Windows-1252 quotes that some mailers emit as numbers.
        0x91 | 0x92 => Some('\''),
        0x93 | 0x94 => Some('"'),
        0x96 | 0x97 => Some('-'),
        _ => char::from_u32(value),
    }
}

/// The named entities mail clients actually emit.
fn named(name: &str) -> Option<char> {
    match name {
        "nbsp" => Some('\u{a0}'),
        "amp" | "AMP" => Some('&'),
        "lt" | "LT" => Some('<'),
        "gt" | "GT" => Some('>'),
        "quot" | "QUOT" => Some('"'),
        "apos" => Some('\''),
        "lsquo" => Some('\u{2018}'),
        "rsquo" => Some('\u{2019}'),
        "ldquo" => Some('\u{201c}'),
        "rdquo" => Some('\u{201d}'),
        "sbquo" => Some('\u{201a}'),
        "bdquo" => Some('\u{201e}'),
        "laquo" => Some('«'),
        "raquo" => Some('»'),
        "ndash" => Some('\u{2013}'),
        "mdash" => Some('\u{2014}'),
        "hellip" => Some('\u{2026}'),
        "bull" => Some('\u{2022}'),
        "middot" => Some('·'),
        "copy" => Some('©'),
        "reg" => Some('®'),
        "trade" => Some('\u{2122}'),
        "euro" => Some('\u{20ac}'),
        "pound" => Some('£'),
        "deg" => Some('°'),
        "iexcl" => Some('¡'),
        "iquest" => Some('¿'),
        "ordm" => Some('º'),
        "ordf" => Some('ª'),
        "shy" => Some('\u{ad}'),
        "zwnj" => Some('\u{200c}'),
        "zwj" => Some('\u{200d}'),
        "ensp" => Some('\u{2002}'),
        "emsp" => Some('\u{2003}'),
        "thinsp" => Some('\u{2009}'),
        "szlig" => Some('ß'),
        "oelig" => Some('œ'),
        "OElig" => Some('Œ'),
        "aelig" => Some('æ'),
        "AElig" => Some('Æ'),
        _ => letter(name),
    }
}

/// Accented letters: `auml`, `Eacute`, `ccedil`, `ntilde`, ...
fn letter(name: &str) -> Option<char> {
    let mut chars = name.chars();
    let base = chars.next()?;
    let accent = chars.as_str();
    let table: &[(char, char)] = match accent {
        "uml" => &[
            ('a', 'ä'),
            ('e', 'ë'),
            ('i', 'ï'),
            ('o', 'ö'),
            ('u', 'ü'),
            ('y', 'ÿ'),
            ('A', 'Ä'),
            ('E', 'Ë'),
            ('I', 'Ï'),
            ('O', 'Ö'),
            ('U', 'Ü'),
        ],
        "acute" => &[
            ('a', 'á'),
            ('e', 'é'),
            ('i', 'í'),
            ('o', 'ó'),
            ('u', 'ú'),
            ('y', 'ý'),
            ('A', 'Á'),
            ('E', 'É'),
            ('I', 'Í'),
            ('O', 'Ó'),
            ('U', 'Ú'),
        ],
        "grave" => &[
            ('a', 'à'),
            ('e', 'è'),
            ('i', 'ì'),
            ('o', 'ò'),
            ('u', 'ù'),
            ('A', 'À'),
            ('E', 'È'),
            ('I', 'Ì'),
            ('O', 'Ò'),
            ('U', 'Ù'),
        ],
        "circ" => &[
            ('a', 'â'),
            ('e', 'ê'),
            ('i', 'î'),
            ('o', 'ô'),
            ('u', 'û'),
            ('A', 'Â'),
            ('E', 'Ê'),
            ('I', 'Î'),
            ('O', 'Ô'),
            ('U', 'Û'),
        ],
        "tilde" => &[('a', 'ã'), ('n', 'ñ'), ('o', 'õ'), ('A', 'Ã'), ('N', 'Ñ'), ('O', 'Õ')],
        "cedil" => &[('c', 'ç'), ('C', 'Ç')],
        "ring" => &[('a', 'å'), ('A', 'Å')],
        "slash" => &[('o', 'ø'), ('O', 'Ø')],
        _ => &[],
    };
    table.iter().find(|(plain, _)| *plain == base).map(|(_, accented)| *accented)
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
    fn preformatted(&self) -> bool {
        self.pre
    }

    /// Writes a visible character.
    fn text(&mut self, ch: char) {
        if !self.line_started {
            for _ in 0..self.quote_depth {
                self.text.push_str("> ");
            }
            self.line_started = true;
        } else if self.pending_space {
            self.text.push(' ');
        }
        self.pending_space = false;
        self.text.push(ch);
    }

    /// Writes visible characters (no whitespace, markup or entities).
    fn run(&mut self, text: &str) {
        let mut chars = text.chars();
        if let Some(first) = chars.next() {
            self.text(first);
            self.text.push_str(chars.as_str());
        }
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

    /// A horizontal rule, written the way Outlook writes it in plain text.
    fn rule(&mut self) {
        for _ in 0..32 {
            self.text('_');
        }
        self.newline();
    }

    /// The text with lines trimmed, non-breaking spaces made plain, at most
    /// one empty line in a row and none at either end.
    fn finish(self) -> String {
        let mut result = String::with_capacity(self.text.len());
        let mut blank_run = 0usize;
        for line in self.text.split('\n') {
            let line = line.trim();
            if line.is_empty() {
                blank_run += 1;
                continue;
            }
            if !result.is_empty() {
                result.push('\n');
                if blank_run > 0 {
                    result.push('\n');
                }
            }
            blank_run = 0;
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
