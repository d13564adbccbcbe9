//! The hostile-input corpus (`tests/hostile/*.json`) through the JSON entry
//! points: each attack gives its expected result or error, and every email
//! drafted on the way is safe by construction, checked with real parsers:
//! its headers written as RFC 5322 and parsed back (mail-parser) carry
//! exactly its recipients and subject, and its HTML body read by a
//! standard tokenizer (html5gum) holds no script, no event handler and no
//! URL of another scheme than https, http and mailto. The HTML templates of
//! the fuzz corpus (`tests/fuzz-corpus/template`) are rendered and read the
//! same way.
#![expect(clippy::unwrap_used, clippy::panic, reason = "test code: a failure should stop loudly")]

use std::path::{Path, PathBuf};

use followup_corpus::NativeHost;
use followup_corpus::hostile::{Attack, read};
use serde_json::{Value, json};

fn hostile_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/hostile")
}

fn attacks() -> Vec<(String, Attack)> {
    let base = std::fs::read_to_string(hostile_dir().join("base.json")).unwrap();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(hostile_dir())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json") && !path.ends_with("base.json"))
        .collect();
    paths.sort();
    let mut all = Vec::new();
    for path in paths {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        for attack in read(&base, &text).unwrap_or_else(|error| panic!("{file}: {error}")) {
            all.push((file.clone(), attack));
        }
    }
    all
}

/// Every email draft in a response, wherever it sits.
fn drafts<'a>(value: &'a Value, found: &mut Vec<&'a Value>) {
    match value {
        Value::Object(map) => {
            if map.contains_key("htmlBody") && map.contains_key("to") {
                found.push(value);
            }
            map.values().for_each(|value| drafts(value, found));
        }
        Value::Array(items) => items.iter().for_each(|value| drafts(value, found)),
        _ => {}
    }
}

fn strings(value: &Value) -> Vec<&str> {
    value.as_array().map(|items| items.iter().filter_map(Value::as_str).collect()).unwrap_or_default()
}

/// The draft's headers as RFC 5322 text, parsed back: what a mail system
/// would read. Any CR, LF or list separator smuggled into an address or the
/// subject would show up as another header or recipient.
fn headers_round_trip(draft: &Value) -> Result<(), String> {
    let (to, cc) = (strings(&draft["to"]), strings(&draft["cc"]));
    let subject = draft["subject"].as_str().unwrap_or_default();
    if subject.chars().count() > 200 {
        return Err(format!("the subject has {} characters", subject.chars().count()));
    }
    if let Some(bad) = subject.chars().find(|ch| breaks_line(*ch)) {
        return Err(format!("the subject holds U+{:04X}", u32::from(bad)));
    }
    let mut text = format!("From: Contoso Support <support@contoso.com>\r\nTo: {}\r\n", to.join(", "));
    if !cc.is_empty() {
        text = text + "Cc: " + &cc.join(", ") + "\r\n";
    }
    text = text + "Subject: " + subject + "\r\nMIME-Version: 1.0\r\n\r\nbody\r\n";
    let message = mail_parser::MessageParser::default().parse(text.as_bytes()).ok_or("unparsable message")?;
    let addresses = |address: Option<&mail_parser::Address<'_>>| -> Vec<String> {
        address
            .map(|address| address.iter().filter_map(|addr| addr.address().map(str::to_owned)).collect())
            .unwrap_or_default()
    };
    let parsed_to = addresses(message.to());
    let parsed_cc = addresses(message.cc());
    if parsed_to != to || parsed_cc != cc {
        return Err(format!("To/Cc read back as {parsed_to:?}/{parsed_cc:?}, written {to:?}/{cc:?}"));
    }
    if message.subject().unwrap_or_default() != subject {
        return Err(format!("the subject read back as {:?}", message.subject()));
    }
    let names: Vec<String> = message.headers().iter().map(|header| header.name().to_ascii_lowercase()).collect();
    if names
        != ["from", "to"]
            .iter()
            .chain(if cc.is_empty() { &[][..] } else { &["cc"][..] })
            .chain(&["subject", "mime-version"])
            .map(|name| (*name).to_owned())
            .collect::<Vec<_>>()
    {
        return Err(format!("headers read back as {names:?}"));
    }
    Ok(())
}

/// Reads `html` with a standard tokenizer: no element or attribute that
/// runs code, loads a page or changes the document's base, no URL of
/// another scheme.
fn html_is_safe(html: &str) -> Result<(), String> {
    const FORBIDDEN: [&str; 14] = [
        "script", "style", "iframe", "frame", "object", "embed", "base", "link", "meta", "form", "svg", "math",
        "template", "noscript",
    ];
    for token in html5gum::Tokenizer::new(html).flatten() {
        let html5gum::Token::StartTag(tag) = token else { continue };
        let name = String::from_utf8_lossy(&tag.name).into_owned();
        if FORBIDDEN.contains(&name.as_str()) {
            return Err(format!("a `<{name}>` element"));
        }
        for (attribute, value) in &tag.attributes {
            let attribute = String::from_utf8_lossy(attribute).into_owned();
            let value = String::from_utf8_lossy(value).into_owned();
            if attribute.starts_with("on") {
                return Err(format!("an event handler `{attribute}`"));
            }
            if ["href", "src", "action", "formaction", "xlink:href", "background", "srcset"]
                .contains(&attribute.as_str())
            {
                let url: String = value.chars().filter(|ch| !matches!(ch, '\t' | '\n' | '\r')).collect();
                let url = url.trim_start_matches(|ch: char| ch <= ' ').to_ascii_lowercase();
                let scheme =
                    url.split_once(':').map(|(scheme, _)| scheme).filter(|scheme| !scheme.contains(['/', '?', '#']));
                if scheme.is_some_and(|scheme| !["https", "http", "mailto"].contains(&scheme)) {
                    return Err(format!("`{attribute}=\"{value}\"`"));
                }
            }
        }
    }
    Ok(())
}

fn draft_problems(response: &Value) -> Vec<String> {
    let mut found = Vec::new();
    drafts(response, &mut found);
    let mut problems = Vec::new();
    for draft in found {
        if let Err(problem) = headers_round_trip(draft) {
            problems.push(problem);
        }
        if let Err(problem) = html_is_safe(draft["htmlBody"].as_str().unwrap_or_default()) {
            problems.push(problem);
        }
        for field in ["subject", "textBody", "htmlBody"] {
            if draft[field].as_str().is_some_and(|text| text.contains('\0')) {
                problems.push(format!("NUL in `{field}`"));
            }
        }
    }
    problems
}

#[test]
fn every_attack_gets_its_answer_and_every_draft_is_safe() {
    let attacks = attacks();
    let mut failures = Vec::new();
    let mut classes = std::collections::BTreeSet::new();
    for (file, attack) in &attacks {
        assert!(classes.insert(attack.class.clone()), "{file}: the class `{}` is used twice", attack.class);
        let (response, mismatches) = attack.run(&NativeHost);
        for mismatch in mismatches {
            failures.push(format!("{file} / {} ({}): {mismatch}", attack.class, attack.name));
        }
        for problem in draft_problems(&response) {
            failures.push(format!("{file} / {}: unsafe draft: {problem}", attack.class));
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    assert!(classes.len() >= 60, "the hostile corpus should try at least 60 attack classes, found {}", classes.len());
}

/// Every follow-up drafted for every attack's case, whatever its check asks:
/// the drafts are safe even where the check looks elsewhere.
#[test]
fn every_attack_case_drafts_safe_emails() {
    for (file, attack) in attacks() {
        let request = json!({"kind": "followUp"});
        let at = attack.check().map_or("2026-11-04T14:00:00Z", |check| check.at.as_str());
        let at = if at.is_empty() { "2026-11-04T14:00:00Z" } else { at };
        let response = serde_json::to_value(followup_engine::api::draft_email(
            &attack.config,
            attack.case.case.clone(),
            attack.case.timeline.clone(),
            &request,
            &json!(at),
        ))
        .unwrap();
        let problems = draft_problems(&response);
        assert!(problems.is_empty(), "{file} / {}: {problems:?}", attack.class);
    }
}

/// The fuzz corpus's templates as HTML email templates: refused, or
/// rendered with a hostile title into HTML a standard tokenizer reads as
/// safe.
#[test]
fn fuzz_corpus_templates_render_safe_html() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fuzz-corpus/template");
    let base: Value = serde_json::from_str(&std::fs::read_to_string(hostile_dir().join("base.json")).unwrap()).unwrap();
    let mut rendered = 0;
    for entry in std::fs::read_dir(folder).unwrap() {
        let source = String::from_utf8_lossy(&std::fs::read(entry.unwrap().path()).unwrap()).into_owned();
        for html in [
            source.clone(),
            format!("<p title=\"{source}\">{source}</p>"),
            format!("<a href=\"https://x.test/{source}\">x</a>"),
        ] {
            let mut config = base["config"].clone();
            config["templates"] = json!({"first": {"subject": "Case {{case.number}}", "body": "Hello", "html": html}});
            let mut case = base["case"].clone();
            case["title"] =
                json!("Contoso Coffee \"><script>alert(1)</script><img src=x onerror=alert(1)> javascript:alert(1)");
            let timeline = json!([{"type": "statusChange", "at": "2026-11-02T14:05:00Z", "statusReason": "On Hold"}]);
            let response = serde_json::to_value(followup_engine::api::draft_email(
                &config,
                case,
                timeline,
                &json!({"kind": "followUp"}),
                &json!("2026-11-04T14:10:00Z"),
            ))
            .unwrap();
            rendered += usize::from(response["type"] == "success");
            let problems = draft_problems(&response);
            assert!(problems.is_empty(), "{html:?}: {problems:?}");
        }
    }
    assert!(rendered > 0, "no fuzz template rendered");
}

/// Whether `ch` could end a header line or hide in one: a control
/// character, or a line, paragraph or bidi-override separator.
fn breaks_line(ch: char) -> bool {
    ch.is_control()
        || matches!(ch, '\u{0085}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}
