//! HTML email templates by allowlist. The template's markup is read by a
//! tokenizer that follows the HTML standard's tokenizer states for tags,
//! attribute names, quoted and unquoted values, comments and the markup
//! declarations it refuses; each tag and attribute must be on the lists
//! below, and URL attributes must name `https:`, `http:` or `mailto:` once
//! character references are decoded and whitespace is stripped, as browsers
//! read them. Placeholders may stand only in text and in quoted values of
//! allowed attributes (after a URL's scheme); each is marked with its
//! context so the renderer escapes it for that context.
//!
//! Hand-written rather than html5gum: with its named-character table it
//! adds more to the gzipped wasm module than the budget has left
//! (measured in bench/README.md), and the engine needs only the states of
//! the markup it allows, raw-text elements (`<script>`, `<style>`, ...)
//! being refused at their start tag.

mod url;

use super::parse::Node;
use crate::problem::{Problem, ProblemCode};
use url::{Scheme, decode_references, url_scheme};

/// Elements an email body may use.
pub const ALLOWED_TAGS: [&str; 52] = [
    "a",
    "abbr",
    "b",
    "bdi",
    "big",
    "blockquote",
    "br",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "font",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
];

/// Attributes any allowed element may carry.
pub const ALLOWED_ATTRIBUTES: [&str; 22] = [
    "align",
    "alt",
    "bgcolor",
    "border",
    "cellpadding",
    "cellspacing",
    "class",
    "color",
    "colspan",
    "dir",
    "face",
    "height",
    "lang",
    "rel",
    "rowspan",
    "size",
    "style",
    "target",
    "title",
    "type",
    "valign",
    "width",
];

/// URL attributes, and the element each belongs to.
pub const URL_ATTRIBUTES: [(&str, &str); 2] = [("a", "href"), ("img", "src")];

/// Schemes a URL attribute may name.
pub const ALLOWED_SCHEMES: [&str; 3] = ["https", "http", "mailto"];

/// What a `style` attribute may not contain (after decoding, without case):
/// the CSS that loads or runs something.
const FORBIDDEN_CSS: [&str; 7] = ["url(", "expression", "@import", "behavior", "-moz-binding", "javascript", "\\"];

/// How a placeholder's value is escaped where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escape {
    /// Element content: HTML-escaped, line breaks as `<br>`.
    Text,
    /// A quoted attribute value: HTML-escaped, line breaks as spaces.
    Attribute,
    /// Part of a URL after its scheme: percent-encoded, then HTML-escaped.
    Url,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Data,
    TagOpen,
    EndTagOpen,
    TagName,
    BeforeAttributeName,
    AttributeName,
    AfterAttributeName,
    BeforeAttributeValue,
    AttributeValueQuoted(char),
    AttributeValueUnquoted,
    AfterAttributeValueQuoted,
    SelfClosingStartTag,
    MarkupDeclaration,
    Comment,
}

#[derive(Debug, Default)]
struct Attribute {
    name: String,
    /// The value as written (character references not decoded).
    raw: String,
    /// Placeholders in the value: (their index among the template's
    /// placeholders, the bytes of `raw` before them).
    placeholders: Vec<(usize, usize)>,
}

/// The tokenizer, fed the template's text and placeholders in order.
struct Checker<'a> {
    path: &'a str,
    state: State,
    end_tag: bool,
    tag: String,
    attributes: Vec<Attribute>,
    /// Text seen since `<!` or inside a comment.
    pending: String,
    /// Each placeholder's context, by index, once known.
    contexts: Vec<Escape>,
    error: Option<String>,
}

fn is_space(ch: char) -> bool {
    matches!(ch, '\t' | '\n' | '\u{000C}' | ' ' | '\r')
}

impl Checker<'_> {
    fn fail(&mut self, message: String) {
        if self.error.is_none() {
            self.error = Some(message);
        }
    }

    fn new_attribute(&mut self, first: Option<char>) {
        let mut attribute = Attribute::default();
        attribute.name.extend(first.map(|ch| ch.to_ascii_lowercase()));
        self.attributes.push(attribute);
    }

    fn attribute(&mut self) -> Option<&mut Attribute> {
        self.attributes.last_mut()
    }

    fn text(&mut self, text: &str) {
        for ch in text.chars() {
            if self.error.is_some() {
                return;
            }
            self.char(ch);
        }
    }

    #[expect(clippy::too_many_lines, reason = "one arm per tokenizer state, as the standard lists them")]
    fn char(&mut self, ch: char) {
        loop {
            match self.state {
                State::Data => {
                    if ch == '<' {
                        self.state = State::TagOpen;
                    }
                }
                State::TagOpen => match ch {
                    '!' => {
                        self.pending.clear();
                        self.state = State::MarkupDeclaration;
                    }
                    '/' => self.state = State::EndTagOpen,
                    'a'..='z' | 'A'..='Z' => {
                        self.end_tag = false;
                        self.tag.clear();
                        self.attributes.clear();
                        self.state = State::TagName;
                        continue;
                    }
                    '?' => self.fail("`<?` starts a processing instruction, which email templates may not hold".into()),
                    _ => {
                        self.state = State::Data;
                        continue;
                    }
                },
                State::EndTagOpen => match ch {
                    'a'..='z' | 'A'..='Z' => {
                        self.end_tag = true;
                        self.tag.clear();
                        self.attributes.clear();
                        self.state = State::TagName;
                        continue;
                    }
                    '>' => self.state = State::Data,
                    _ => self.fail("`</` is not followed by a tag name".into()),
                },
                State::TagName => match ch {
                    c if is_space(c) => self.state = State::BeforeAttributeName,
                    '/' => self.state = State::SelfClosingStartTag,
                    '>' => self.emit_tag(),
                    c => self.tag.push(c.to_ascii_lowercase()),
                },
                State::BeforeAttributeName => match ch {
                    c if is_space(c) => {}
                    '/' | '>' => {
                        self.state = State::AfterAttributeName;
                        continue;
                    }
                    '=' => {
                        self.new_attribute(Some('='));
                        self.state = State::AttributeName;
                    }
                    _ => {
                        self.new_attribute(None);
                        self.state = State::AttributeName;
                        continue;
                    }
                },
                State::AttributeName => match ch {
                    c if is_space(c) || c == '/' || c == '>' => {
                        self.state = State::AfterAttributeName;
                        continue;
                    }
                    '=' => self.state = State::BeforeAttributeValue,
                    c => {
                        if let Some(attribute) = self.attribute() {
                            attribute.name.push(c.to_ascii_lowercase());
                        }
                    }
                },
                State::AfterAttributeName => match ch {
                    c if is_space(c) => {}
                    '/' => self.state = State::SelfClosingStartTag,
                    '=' => self.state = State::BeforeAttributeValue,
                    '>' => self.emit_tag(),
                    _ => {
                        self.new_attribute(None);
                        self.state = State::AttributeName;
                        continue;
                    }
                },
                State::BeforeAttributeValue => match ch {
                    c if is_space(c) => {}
                    '"' | '\'' => self.state = State::AttributeValueQuoted(ch),
                    '>' => self.emit_tag(),
                    _ => {
                        self.state = State::AttributeValueUnquoted;
                        continue;
                    }
                },
                State::AttributeValueQuoted(quote) => {
                    if ch == quote {
                        self.state = State::AfterAttributeValueQuoted;
                    } else if let Some(attribute) = self.attribute() {
                        attribute.raw.push(ch);
                    }
                }
                State::AttributeValueUnquoted => match ch {
                    c if is_space(c) => self.state = State::BeforeAttributeName,
                    '>' => self.emit_tag(),
                    c => {
                        if let Some(attribute) = self.attribute() {
                            attribute.raw.push(c);
                        }
                    }
                },
                State::AfterAttributeValueQuoted => match ch {
                    c if is_space(c) => self.state = State::BeforeAttributeName,
                    '/' => self.state = State::SelfClosingStartTag,
                    '>' => self.emit_tag(),
                    _ => {
                        self.state = State::BeforeAttributeName;
                        continue;
                    }
                },
                State::SelfClosingStartTag => {
                    if ch == '>' {
                        self.emit_tag();
                    } else {
                        self.state = State::BeforeAttributeName;
                        continue;
                    }
                }
                State::MarkupDeclaration => {
                    self.pending.push(ch);
                    if self.pending == "--" {
                        self.pending.clear();
                        self.state = State::Comment;
                    } else if !"--".starts_with(self.pending.as_str()) {
                        self.fail(format!(
                            "`<!{}` is not a comment: email templates may hold comments (`<!-- -->`) but no other `<!` declaration",
                            crate::text::visible(&self.pending)
                        ));
                    }
                }
                State::Comment => {
                    self.pending.push(ch);
                    let comment = self.pending.as_str();
                    // `<!-->` and `<!--->` close at once; otherwise at `-->` or `--!>`.
                    if comment == ">" || comment == "->" || comment.ends_with("-->") || comment.ends_with("--!>") {
                        self.state = State::Data;
                    } else if comment.starts_with("[if") || comment.starts_with("[endif") {
                        self.fail("conditional comments (`<!--[if ...]>`) hide markup from the check".into());
                    }
                }
            }
            return;
        }
    }

    fn placeholder(&mut self, index: usize) {
        let context = match self.state {
            State::Data => Some(Escape::Text),
            State::AttributeValueQuoted(_) => {
                let at = self.attribute().map(|attribute| {
                    attribute.placeholders.push((index, attribute.raw.len()));
                    attribute.name.clone()
                });
                // The context is settled when the tag ends and its element is known.
                at.map(|_| Escape::Attribute)
            }
            State::Comment | State::MarkupDeclaration => {
                self.fail("a placeholder sits inside an HTML comment".into());
                None
            }
            State::AttributeValueUnquoted | State::BeforeAttributeValue => {
                self.fail("a placeholder is an attribute's value without quotes: write `name=\"{{value}}\"`".into());
                None
            }
            _ => {
                self.fail("a placeholder sits inside an HTML tag: values may only appear as text or in a quoted attribute value".into());
                None
            }
        };
        if let (Some(context), Some(slot)) = (context, self.contexts.get_mut(index)) {
            *slot = context;
        }
    }

    fn emit_tag(&mut self) {
        self.state = State::Data;
        let tag = std::mem::take(&mut self.tag);
        if !ALLOWED_TAGS.contains(&tag.as_str()) {
            let shown = crate::text::visible(&tag);
            let opening = if self.end_tag { "</" } else { "<" };
            self.fail(format!(
                "`{opening}{shown}>` is not allowed in an email template: use {}",
                ALLOWED_TAGS.map(|tag| format!("`<{tag}>`")).join(", ")
            ));
            return;
        }
        let attributes = std::mem::take(&mut self.attributes);
        for attribute in &attributes {
            if let Err(message) = self.check_attribute(&tag, attribute) {
                self.fail(message);
                return;
            }
        }
    }

    fn check_attribute(&mut self, tag: &str, attribute: &Attribute) -> Result<(), String> {
        let name = attribute.name.as_str();
        let is_url = URL_ATTRIBUTES.contains(&(tag, name));
        if !is_url && !ALLOWED_ATTRIBUTES.contains(&name) {
            let hint = if name.starts_with("on") { " (event handlers run code)" } else { "" };
            return Err(format!(
                "the attribute `{}` of `<{tag}>` is not allowed in an email template{hint}",
                crate::text::visible(name)
            ));
        }
        if name != "style" && !is_url {
            return Ok(());
        }
        let decoded = decode_references(&attribute.raw)
            .ok_or_else(|| format!("the `{name}` attribute of `<{tag}>` holds a character reference that is not allowed there: write the character itself"))?;
        if name == "style" {
            if !attribute.placeholders.is_empty() {
                return Err("a placeholder sits in a `style` attribute, where a value could change the CSS".into());
            }
            let css = crate::text::fold(&decoded);
            if let Some(bad) = FORBIDDEN_CSS.iter().find(|bad| css.contains(**bad)) {
                return Err(format!("the `style` attribute of `<{tag}>` may not contain `{bad}`"));
            }
        }
        if is_url {
            let literal_end = attribute.placeholders.first().map_or(attribute.raw.len(), |(_, at)| *at);
            let literal = decode_references(attribute.raw.get(..literal_end).unwrap_or_default()).unwrap_or_default();
            match url_scheme(&literal) {
                Scheme::Refused(scheme) => {
                    return Err(format!(
                        "`<{tag} {name}>` names the scheme `{}:`; email templates allow only `https:`, `http:` and `mailto:`",
                        crate::text::visible(&scheme)
                    ));
                }
                Scheme::Open if !attribute.placeholders.is_empty() => {
                    return Err(format!(
                        "a placeholder starts the URL of `<{tag} {name}>`: begin it with its scheme, such as `https://contoso.com/cases/{{{{case.number}}}}`"
                    ));
                }
                Scheme::Allowed | Scheme::Open => {}
            }
            for (index, _) in &attribute.placeholders {
                if let Some(slot) = self.contexts.get_mut(*index) {
                    *slot = Escape::Url;
                }
            }
        }
        Ok(())
    }
}

/// Checks an HTML template's nodes and marks each placeholder with its
/// context (returns the nodes rewritten), or returns the problem at `path`.
pub fn check(nodes: &[Node], path: &str) -> Result<Vec<Node>, Problem> {
    let count = count_placeholders(nodes);
    let mut checker = Checker {
        path,
        state: State::Data,
        end_tag: false,
        tag: String::new(),
        attributes: Vec::new(),
        pending: String::new(),
        contexts: vec![Escape::Text; count],
        error: None,
    };
    let mut next = 0;
    walk(&mut checker, nodes, &mut next);
    if checker.error.is_none() && checker.state != State::Data {
        checker.fail("the template ends inside an HTML tag or comment".into());
    }
    if let Some(message) = checker.error {
        return Err(Problem::new(ProblemCode::UnsafeTemplate, checker.path, message));
    }
    let mut next = 0;
    Ok(mark(nodes, &checker.contexts, &mut next))
}

fn count_placeholders(nodes: &[Node]) -> usize {
    nodes
        .iter()
        .map(|node| match node {
            Node::Text(_) => 0,
            Node::Insert(_) | Node::InAttribute { .. } => 1,
            Node::If { then, otherwise, .. } => count_placeholders(then) + count_placeholders(otherwise),
        })
        .sum()
}

fn walk(checker: &mut Checker<'_>, nodes: &[Node], next: &mut usize) {
    for node in nodes {
        match node {
            Node::Text(text) => checker.text(text),
            Node::Insert(_) | Node::InAttribute { .. } => {
                checker.placeholder(*next);
                *next += 1;
            }
            Node::If { then, otherwise, .. } => {
                for branch in [then, otherwise] {
                    if checker.state != State::Data {
                        checker.fail(
                            "`{{#if}}`, `{{else}}` and `{{/if}}` may only stand between tags, not inside one".into(),
                        );
                    }
                    walk(checker, branch, next);
                }
                if checker.state != State::Data {
                    checker
                        .fail("`{{#if}}`, `{{else}}` and `{{/if}}` may only stand between tags, not inside one".into());
                }
            }
        }
    }
}

fn mark(nodes: &[Node], contexts: &[Escape], next: &mut usize) -> Vec<Node> {
    nodes
        .iter()
        .map(|node| match node {
            Node::Text(text) => Node::Text(text.clone()),
            Node::Insert(alternatives) | Node::InAttribute { alternatives, .. } => {
                let context = contexts.get(*next).copied().unwrap_or(Escape::Text);
                *next += 1;
                match context {
                    Escape::Text => Node::Insert(alternatives.clone()),
                    Escape::Attribute => Node::InAttribute { alternatives: alternatives.clone(), url: false },
                    Escape::Url => Node::InAttribute { alternatives: alternatives.clone(), url: true },
                }
            }
            Node::If { test, then, otherwise } => Node::If {
                test: test.clone(),
                then: mark(then, contexts, next),
                otherwise: mark(otherwise, contexts, next),
            },
        })
        .collect()
}

#[cfg(test)]
mod tests;
