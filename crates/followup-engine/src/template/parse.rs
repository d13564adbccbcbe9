//! The template language for emails and resolution text: `{{ name }}`
//! inserts a value, `{{ a | b | "fallback" }}` takes the first that has one,
//! `{{#if name}} ... {{else}} ... {{/if}}` shows text only when a value is
//! there. Nothing else: a template reaches only the values it is given.
//!
//! Written here rather than taken from a crate: minijinja adds about 200 KB
//! and `upon` about 50 KB to the gzipped wasm file, for loops, filters and
//! expressions templates here must not have anyway. Every inserted value is
//! escaped for HTML by the renderer itself, whatever the template is called.

use crate::problem::{Problem, ProblemCode};
use crate::time::clip;

/// Longest template text accepted.
pub const MAX_TEMPLATE_CHARS: usize = 20_000;
/// Most `{{ }}` tags in one template.
pub const MAX_TAGS: usize = 200;
/// Deepest `{{#if}}` nesting.
pub const MAX_IF_DEPTH: usize = 8;

/// One alternative in a placeholder: a value's name or a literal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Alternative {
    /// A value by name (`customer.name`).
    Name(String),
    /// Literal text (`"there"`).
    Literal(String),
}

/// A parsed piece of template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// Template text, as written.
    Text(String),
    /// A value: the first alternative that has one.
    Insert(Vec<Alternative>),
    /// A value inside a quoted attribute of an HTML template (marked so by
    /// the HTML check): escaped for the attribute, and percent-encoded too
    /// when `url`.
    InAttribute {
        /// The alternatives (the first with a value wins).
        alternatives: Vec<Alternative>,
        /// Whether the attribute is a URL (the value follows its scheme).
        url: bool,
    },
    /// A section shown when the value named by `test` is not empty.
    If {
        /// The alternatives tested (the first with a value wins).
        test: Vec<Alternative>,
        /// Shown when the test has a value.
        then: Vec<Node>,
        /// Shown otherwise.
        otherwise: Vec<Node>,
    },
}

/// A parsed, checked template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// The parsed nodes.
    pub nodes: Vec<Node>,
}

/// Decides whether a name may be used; returns why not.
pub type NameCheck<'a> = &'a dyn Fn(&str) -> Result<(), String>;

impl Template {
    /// Parses `source` (found at `path` in the config), checking every name
    /// with `check`. Reports every unknown name, or the first syntax error.
    pub fn parse(source: &str, path: &str, check: NameCheck<'_>) -> Result<Self, Vec<Problem>> {
        if source.chars().count() > MAX_TEMPLATE_CHARS {
            return Err(vec![Problem::new(
                ProblemCode::TooLarge,
                path,
                format!("the template is longer than {MAX_TEMPLATE_CHARS} characters"),
            )]);
        }
        let tokens =
            tokenize(source).map_err(|message| vec![Problem::new(ProblemCode::TemplateSyntax, path, message)])?;
        if tokens.iter().filter(|token| !matches!(token, Token::Text(_))).count() > MAX_TAGS {
            return Err(vec![Problem::new(
                ProblemCode::TooLarge,
                path,
                format!("the template has more than {MAX_TAGS} `{{{{ }}}}` tags"),
            )]);
        }
        let mut parser = Parser { tokens: tokens.into_iter(), depth: 0 };
        let (nodes, end) =
            parser.block().map_err(|message| vec![Problem::new(ProblemCode::TemplateSyntax, path, message)])?;
        if end != BlockEnd::Eof {
            let tag = if end == BlockEnd::Else { "{{else}}" } else { "{{/if}}" };
            return Err(vec![Problem::new(
                ProblemCode::TemplateSyntax,
                path,
                format!("`{tag}` has no matching `{{{{#if}}}}`"),
            )]);
        }
        let mut problems = Vec::new();
        check_names(&nodes, path, check, &mut problems);
        if problems.is_empty() { Ok(Self { nodes }) } else { Err(problems) }
    }
}

fn check_names(nodes: &[Node], path: &str, check: NameCheck<'_>, problems: &mut Vec<Problem>) {
    let check_alternatives = |alternatives: &[Alternative], problems: &mut Vec<Problem>| {
        for alternative in alternatives {
            if let Alternative::Name(name) = alternative {
                if let Err(why) = check(name) {
                    problems.push(Problem::new(
                        ProblemCode::UnknownPlaceholder,
                        path,
                        format!("`{{{{{}}}}}` is not a placeholder: {why}", clip(name)),
                    ));
                }
            }
        }
    };
    for node in nodes {
        match node {
            Node::Text(_) => {}
            Node::Insert(alternatives) | Node::InAttribute { alternatives, .. } => {
                check_alternatives(alternatives, problems);
            }
            Node::If { test, then, otherwise } => {
                check_alternatives(test, problems);
                check_names(then, path, check, problems);
                check_names(otherwise, path, check, problems);
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Text(String),
    Insert(Vec<Alternative>),
    If(Vec<Alternative>),
    Else,
    EndIf,
}

fn tokenize(source: &str) -> Result<Vec<Token>, String> {
    let mut tokens = Vec::new();
    let mut rest = source;
    while let Some(open) = rest.find("{{") {
        let (text, after_open) = (rest.get(..open).unwrap_or(""), rest.get(open + 2..).unwrap_or(""));
        if !text.is_empty() {
            tokens.push(Token::Text(text.to_owned()));
        }
        let close = find_close(after_open)
            .ok_or_else(|| format!("a `{{{{` is never closed: `{}`", clip(&format!("{{{{{after_open}"))))?;
        let inner = after_open.get(..close).unwrap_or("").trim();
        tokens.push(tag(inner)?);
        rest = after_open.get(close + 2..).unwrap_or("");
    }
    if rest.contains("}}") {
        // A lone `}}` is almost always a typo for a broken placeholder.
        return Err(format!("`}}}}` without an opening `{{{{`: `{}`", clip(rest)));
    }
    if !rest.is_empty() {
        tokens.push(Token::Text(rest.to_owned()));
    }
    Ok(tokens)
}

/// Finds the `}}` that closes a tag, skipping quoted literals.
fn find_close(text: &str) -> Option<usize> {
    let mut in_quote = false;
    let mut previous = '\0';
    for (index, ch) in text.char_indices() {
        match ch {
            '"' if previous != '\\' => in_quote = !in_quote,
            '}' if !in_quote && text.get(index + 1..)?.starts_with('}') => return Some(index),
            // A tag never spans lines: a line break means the `{{` was never closed.
            '\n' => return None,
            _ => {}
        }
        previous = ch;
    }
    None
}

fn tag(inner: &str) -> Result<Token, String> {
    if inner.is_empty() {
        return Err("an empty `{{}}` tag".to_owned());
    }
    if let Some(test) = inner.strip_prefix("#if") {
        if !test.starts_with(char::is_whitespace) {
            return Err(format!("`{{{{{}}}}}`: write `{{{{#if name}}}}`", clip(inner)));
        }
        return alternatives(test).map(Token::If);
    }
    if inner == "else" {
        return Ok(Token::Else);
    }
    if inner == "/if" {
        return Ok(Token::EndIf);
    }
    if inner.starts_with('#') || inner.starts_with('/') {
        return Err(format!("`{{{{{}}}}}` is not a known block: only `#if`, `else` and `/if` exist", clip(inner)));
    }
    alternatives(inner).map(Token::Insert)
}

fn alternatives(text: &str) -> Result<Vec<Alternative>, String> {
    let mut found = Vec::new();
    let mut rest = text.trim();
    loop {
        if let Some(after_quote) = rest.strip_prefix('"') {
            let (literal, after) = read_literal(after_quote)?;
            found.push(Alternative::Literal(literal));
            rest = after.trim_start();
        } else {
            let end = rest.find('|').unwrap_or(rest.len());
            let name = rest.get(..end).unwrap_or("").trim();
            if name.is_empty() || name.contains(char::is_whitespace) || name.contains('"') {
                return Err(format!("`{}` is not a placeholder name", clip(text.trim())));
            }
            found.push(Alternative::Name(name.to_owned()));
            rest = rest.get(end..).unwrap_or("");
        }
        match rest.strip_prefix('|') {
            Some(after) => rest = after.trim_start(),
            None if rest.trim().is_empty() => return Ok(found),
            None => return Err(format!("`{}`: separate alternatives with `|`", clip(text.trim()))),
        }
    }
}

fn read_literal(text: &str) -> Result<(String, &str), String> {
    let mut literal = String::new();
    let mut chars = text.char_indices();
    while let Some((index, ch)) = chars.next() {
        match ch {
            '\\' => match chars.next() {
                Some((_, escaped)) => literal.push(escaped),
                None => break,
            },
            '"' => return Ok((literal, text.get(index + 1..).unwrap_or(""))),
            other => literal.push(other),
        }
    }
    Err(format!("the text `\"{}` is missing its closing quote", clip(text)))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BlockEnd {
    Eof,
    Else,
    EndIf,
}

struct Parser {
    tokens: std::vec::IntoIter<Token>,
    depth: usize,
}

impl Parser {
    fn block(&mut self) -> Result<(Vec<Node>, BlockEnd), String> {
        let mut nodes = Vec::new();
        while let Some(token) = self.tokens.next() {
            match token {
                Token::Text(text) => nodes.push(Node::Text(text)),
                Token::Insert(alternatives) => nodes.push(Node::Insert(alternatives)),
                Token::Else => return Ok((nodes, BlockEnd::Else)),
                Token::EndIf => return Ok((nodes, BlockEnd::EndIf)),
                Token::If(test) => {
                    self.depth += 1;
                    if self.depth > MAX_IF_DEPTH {
                        return Err(format!("`{{{{#if}}}}` is nested more than {MAX_IF_DEPTH} deep"));
                    }
                    let (then, end) = self.block()?;
                    let otherwise = match end {
                        BlockEnd::EndIf => Vec::new(),
                        BlockEnd::Else => match self.block()? {
                            (otherwise, BlockEnd::EndIf) => otherwise,
                            (_, BlockEnd::Else) => return Err("`{{#if}}` has two `{{else}}`".to_owned()),
                            (_, BlockEnd::Eof) => return Err("`{{#if}}` is never closed with `{{/if}}`".to_owned()),
                        },
                        BlockEnd::Eof => return Err("`{{#if}}` is never closed with `{{/if}}`".to_owned()),
                    };
                    self.depth -= 1;
                    nodes.push(Node::If { test, then, otherwise });
                }
            }
        }
        Ok((nodes, BlockEnd::Eof))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(source: &str) -> Result<Template, Vec<Problem>> {
        Template::parse(source, "templates.first.body", &|_: &str| Ok(()))
    }

    fn syntax_error(source: &str) -> String {
        let problems = parse(source).unwrap_err();
        assert_eq!(problems[0].code, ProblemCode::TemplateSyntax, "{source}");
        problems[0].message.clone()
    }

    #[test]
    fn parses_inserts_fallbacks_and_sections() {
        let template = parse("Hi {{ customer.firstName | \"there\" }}!{{#if a}}A{{else}}B{{/if}}").unwrap();
        assert_eq!(
            template.nodes,
            vec![
                Node::Text("Hi ".into()),
                Node::Insert(vec![
                    Alternative::Name("customer.firstName".into()),
                    Alternative::Literal("there".into())
                ]),
                Node::Text("!".into()),
                Node::If {
                    test: vec![Alternative::Name("a".into())],
                    then: vec![Node::Text("A".into())],
                    otherwise: vec![Node::Text("B".into())]
                },
            ]
        );
    }

    #[test]
    fn literals_may_hold_braces_pipes_and_quotes() {
        let template = parse(r#"{{ "{{ | \" }}" }}"#).unwrap();
        assert_eq!(template.nodes, vec![Node::Insert(vec![Alternative::Literal("{{ | \" }}".into())])]);
    }

    #[test]
    fn syntax_errors_say_what_is_wrong() {
        assert!(syntax_error("Hi {{name").contains("never closed"));
        assert!(syntax_error("Hi {{name\n}}").contains("never closed"));
        assert!(syntax_error("Hi name}}").contains("without an opening"));
        assert!(syntax_error("{{}}").contains("empty"));
        assert!(syntax_error("{{#each x}}{{/each}}").contains("not a known block"));
        assert!(syntax_error("{{#if a}}x").contains("never closed"));
        assert!(syntax_error("x{{/if}}").contains("no matching"));
        assert!(syntax_error("{{else}}").contains("no matching"));
        assert!(syntax_error("{{#if a}}{{else}}{{else}}{{/if}}").contains("two"));
        assert!(syntax_error("{{ a b }}").contains("not a placeholder name"));
        assert!(syntax_error("{{ \"x\" y }}").contains("separate alternatives"));
        assert!(
            syntax_error("{{ \"x }}").contains("never closed") || syntax_error("{{ \"x }}").contains("closing quote")
        );
        assert!(syntax_error("{{#ifx}}{{/if}}").contains("write"));
        assert!(syntax_error(&"{{#if a}}".repeat(9)).contains("nested"));
    }

    #[test]
    fn unknown_names_are_all_reported() {
        let check = |name: &str| if name.starts_with("case.") { Ok(()) } else { Err("use `case.*`".to_owned()) };
        let problems = Template::parse("{{case.title}} {{custmer.name}} {{#if nope}}{{/if}}", "p", &check).unwrap_err();
        let messages: Vec<&str> = problems.iter().map(|problem| problem.message.as_str()).collect();
        assert_eq!(
            messages,
            vec![
                "`{{custmer.name}}` is not a placeholder: use `case.*`",
                "`{{nope}}` is not a placeholder: use `case.*`"
            ]
        );
        assert!(problems.iter().all(|problem| problem.code == ProblemCode::UnknownPlaceholder));
    }

    #[test]
    fn size_limits() {
        assert_eq!(parse(&"x".repeat(MAX_TEMPLATE_CHARS + 1)).unwrap_err()[0].code, ProblemCode::TooLarge);
        assert_eq!(parse(&"{{a}}".repeat(MAX_TAGS + 1)).unwrap_err()[0].code, ProblemCode::TooLarge);
    }
}
