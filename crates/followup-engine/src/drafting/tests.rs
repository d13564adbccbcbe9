#![expect(clippy::needless_pass_by_value, reason = "test helpers take `json!` values by value so calls read plainly")]

use serde_json::{Value, json};

use super::*;
use crate::api;

fn config(rule_templates: Value, global_templates: Value) -> Value {
    json!({
        "sender": {"name": "Contoso Support", "address": "support@contoso.com"},
        "templates": global_templates,
        "rules": [{
            "id": "r", "name": "Rule R", "automation": "confirm", "triggerStatusReasons": [2],
            "followUps": {"count": 4, "waitTimes": "PT24H", "templates": rule_templates, "fields": ["title"]}
        }]
    })
}

fn case(title: Value) -> Value {
    json!({
        "incidentid": "c-1", "ticketnumber": "CAS-1234-ABCD", "title": title, "statecode": 0, "statuscode": 2,
        "createdon": "2026-10-01T00:00:00Z", "emailaddress": "pat@fabrikam.com",
        "_customerid_value": "x", "_customerid_value@OData.Community.Display.V1.FormattedValue": "Pat Kim",
        "_ownerid_value": "y", "_ownerid_value@OData.Community.Display.V1.FormattedValue": "Sam Rivera"
    })
}

fn timeline() -> Value {
    json!([
        {"type": "statusChange", "at": "2026-11-02T09:00:00Z", "statusReason": 2},
        {"type": "email", "id": "e1", "direction": "outgoing", "to": ["pat@fabrikam.com"], "subject": "Hi",
         "body": "Does it work?", "sentAt": "2026-11-02T09:00:00Z", "messageId": "<e1@contoso.com>"}
    ])
}

fn draft(config: &Value, case: &Value, timeline: &Value, request: Value) -> Value {
    let response = api::draft_email(config, case.clone(), timeline.clone(), &request, &json!("2026-11-03T09:00:00Z"));
    serde_json::to_value(response).unwrap()
}

fn email(config: &Value, case: &Value, request: Value) -> Value {
    let response = draft(config, case, &timeline(), request);
    assert_eq!(response["type"], "success", "{response}");
    response["email"].clone()
}

#[test]
fn each_step_uses_its_template_rule_then_global_then_built_in() {
    let config = config(
        json!({"final": {"subject": "Last call on {{case.number}}", "body": "Final {{followUp.number}}/{{followUp.total}}"}}),
        json!({"next": {"subject": "Again: {{case.title}}", "body": "Next {{followUp.number}}, {{followUp.remaining}} left"}}),
    );
    let case = case(json!("Printer"));
    let second = email(&config, &case, json!({"kind": "followUp"}));
    assert_eq!(second["followUpNumber"], 2);
    assert_eq!(second["template"], "builtIn:en:first");
    assert_eq!(second["templateName"], "the built-in first follow-up template (English)");
    assert_eq!(second["language"], "en");
    let third = email(&config, &case, json!({"kind": "followUp", "followUpNumber": 3}));
    assert_eq!(third["template"], "global:next");
    assert_eq!(third["templateName"], "the configured default next follow-up template");
    assert_eq!(third["subject"], "Again: Printer [CAS-1234-ABCD]");
    assert_eq!(third["textBody"], "Next 3, 1 left");
    let fourth = email(&config, &case, json!({"kind": "followUp", "followUpNumber": 4}));
    assert_eq!(fourth["template"], "rule:r:final");
    assert_eq!(fourth["templateName"], "the rule's final follow-up template");
    assert_eq!(fourth["subject"], "Last call on CAS-1234-ABCD");
    assert_eq!(fourth["textBody"], "Final 4/4");
    assert_eq!(fourth["htmlBody"], "<p>Final 4/4</p>");
}

#[test]
fn follow_ups_thread_and_address_like_the_last_email() {
    let config = config(json!({}), json!({}));
    let second = email(&config, &case(json!("Printer")), json!({"kind": "followUp"}));
    assert_eq!(second["to"], json!(["pat@fabrikam.com"]));
    assert_eq!(second["inReplyTo"], "<e1@contoso.com>");
    assert_eq!(second["regardingActivityId"], "e1");
    assert_eq!(second["caseId"], "c-1");
    assert_eq!(second["idempotencyKey"], "c-1/r/followUp-2/after-e1");
    let text = second["textBody"].as_str().unwrap();
    assert!(text.starts_with("Hello Pat,"), "{text}");
    assert!(text.contains("We last wrote to you on Monday, 2 November 2026"), "{text}");
    assert!(text.contains("If we don't hear from you by Friday, 6 November 2026"), "{text}");
    assert!(text.contains("Case details:\n- Title: Printer"), "{text}");
    assert!(text.ends_with("Kind regards,\nSam Rivera"), "{text}");
}

#[test]
fn hostile_titles_are_escaped_and_kept_off_the_subject_line() {
    let config = config(json!({}), json!({}));
    let hostile = [
        "<script>alert('x')</script>",
        "\"><img src=x onerror=alert(1)>",
        "Line one\r\nBcc: victim@example.com",
        "Nul\u{0}byte and \u{2028}separator\u{2029}and \u{202E}override",
    ];
    for title in hostile {
        let email = email(&config, &case(json!(title)), json!({"kind": "followUp"}));
        let html = email["htmlBody"].as_str().unwrap();
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        let subject = email["subject"].as_str().unwrap();
        assert!(
            !subject.chars().any(|ch| ch.is_control() || matches!(ch, '\u{2028}' | '\u{2029}' | '\u{202E}')),
            "{subject:?}"
        );
        assert!(subject.contains("CAS-1234-ABCD"), "{subject}");
    }
    let email = email(&config, &case(json!("<b>bold</b> & \"quoted\"")), json!({"kind": "followUp"}));
    assert!(email["htmlBody"].as_str().unwrap().contains("&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;"));
    assert!(email["textBody"].as_str().unwrap().contains("<b>bold</b> & \"quoted\""));
}

#[test]
fn very_long_and_non_latin_titles() {
    let config = config(json!({}), json!({}));
    let long = "Ω".repeat(10_000);
    let email = email(&config, &case(json!(long)), json!({"kind": "followUp"}));
    let subject = email["subject"].as_str().unwrap();
    assert!(subject.chars().count() <= MAX_SUBJECT_CHARS, "{}", subject.chars().count());
    assert!(subject.starts_with("Checking in on your case CAS-1234-ABCD: ΩΩ"), "{subject}");
    assert!(subject.ends_with('…'), "{subject}");
    assert!(email["textBody"].as_str().unwrap().contains('…'));
    for title in ["コーヒーメーカーの故障", "Καφετιέρα χαλασμένη", "مشكلة في آلة القهوة", "Café ☕ broken 🙁"]
    {
        let email = super::tests::email(&config, &case(json!(title)), json!({"kind": "followUp"}));
        assert!(email["subject"].as_str().unwrap().contains(title));
        assert!(email["htmlBody"].as_str().unwrap().contains(title));
    }
}

#[test]
fn missing_optional_fields_read_naturally() {
    let config = json!({"rules": [{"id": "r", "automation": "confirm", "triggerStatusReasons": [2],
        "followUps": {"count": 2, "waitTimes": "PT24H"}}]});
    let mut bare = json!({"incidentid": "c-2", "statecode": 0, "statuscode": 2, "createdon": "2026-10-01T00:00:00Z"});
    // No address for the customer: nothing is drafted, the recipients of
    // our own last email are not taken for the customer's.
    let refused = draft(&config, &bare, &timeline(), json!({"kind": "followUp"}));
    assert_eq!(refused["type"], "failure", "{refused}");
    bare["emailaddress"] = json!("pat@fabrikam.com");
    let email = email(&config, &bare, json!({"kind": "followUp"}));
    assert_eq!(email["subject"], "Final follow-up on your case");
    assert_eq!(email["to"], json!(["pat@fabrikam.com"]));
    let text = email["textBody"].as_str().unwrap();
    assert!(text.starts_with("Hello,\n\nThis is our last follow-up on your case. We haven't had a reply to our email of Monday, 2 November 2026."), "{text}");
    assert!(!text.contains("  ") && !text.contains(" ,") && !text.contains(" ."), "{text}");
    bare["title"] = json!("Grinder");
    let email = super::tests::email(&config, &bare, json!({"kind": "followUp"}));
    assert_eq!(email["subject"], "Final follow-up on your case: Grinder");
    let text = email["textBody"].as_str().unwrap();
    assert!(text.contains("last follow-up on your case, \"Grinder\"."), "{text}");
    assert!(text.ends_with("Kind regards,\nCustomer Support"), "{text}");
}

#[test]
fn account_customers_are_greeted_by_their_contact() {
    let config = config(json!({}), json!({}));
    let mut account = case(json!("Printer"));
    account["_customerid_value@Microsoft.Dynamics.CRM.lookuplogicalname"] = json!("account");
    account["_customerid_value@OData.Community.Display.V1.FormattedValue"] = json!("Fabrikam Inc.");
    let email = email(&config, &account, json!({"kind": "followUp"}));
    // An account's name is no one's first name: a neutral greeting.
    assert!(email["textBody"].as_str().unwrap().starts_with("Hello,\n"));
    account["_primarycontactid_value"] = json!("p");
    account["_primarycontactid_value@OData.Community.Display.V1.FormattedValue"] = json!("Nancy Anderson");
    let email = super::tests::email(&config, &account, json!({"kind": "followUp"}));
    assert!(email["textBody"].as_str().unwrap().starts_with("Hello Nancy,"));
}

fn reply_to(body: &str) -> Value {
    let config = config(json!({}), json!({}));
    let mut timeline = timeline();
    timeline.as_array_mut().unwrap().push(json!({
        "type": "email", "id": "in-1", "direction": "incoming", "from": "pat@fabrikam.com", "cc": ["boss@fabrikam.com", "support@contoso.com"],
        "subject": "RE: Hi", "body": body, "sentAt": "2026-11-02T20:00:00Z", "messageId": "<in-1@fabrikam.com>"
    }));
    let response = draft(&config, &case(json!("Printer")), &timeline, json!({"kind": "reply"}));
    assert_eq!(response["type"], "success", "{response}");
    response["email"].clone()
}

#[test]
fn replies_quote_only_the_customers_new_words() {
    let email = reply_to(
        "It still jams.\nEvery time.\n\nOn Mon, 2 Nov 2026 at 09:00, Contoso <support@contoso.com> wrote:\n> Does it work?",
    );
    assert_eq!(email["kind"], "reply");
    assert_eq!(email["template"], "builtIn:en:reply");
    assert_eq!(email["templateName"], "the built-in reply template (English)");
    assert_eq!(email["to"], json!(["pat@fabrikam.com"]));
    assert_eq!(email["cc"], json!(["boss@fabrikam.com"]));
    assert_eq!(email["inReplyTo"], "<in-1@fabrikam.com>");
    assert_eq!(email["subject"], "RE: Hi [CAS-1234-ABCD]");
    let text = email["textBody"].as_str().unwrap();
    assert!(text.contains("You wrote:\n\n> It still jams.\n> Every time.\n\nWe're looking into this"), "{text}");
    assert!(!text.contains("Does it work?"), "{text}");
    let html = email["htmlBody"].as_str().unwrap();
    assert!(html.contains("<blockquote style=\"margin:0 0 0 .8ex;border-left:2px solid #ccc;padding-left:1ex\">It still jams.<br>Every time.</blockquote>"), "{html}");
}

#[test]
fn replies_drop_signatures_and_quoted_lines() {
    let email =
        reply_to("> Does it work?\nNo, it doesn't.\n\nBest regards,\nPat\n-- \nPat Kim | Fabrikam | +1 555 0100");
    let text = email["textBody"].as_str().unwrap();
    assert!(text.contains("> No, it doesn't.\n\nWe're"), "{text}");
    assert!(!text.contains("Fabrikam |"), "{text}");
    assert!(!text.contains("Best regards"), "{text}");
}

#[test]
fn replies_to_html_messages_escape_the_quote() {
    let email = reply_to("<p>Still broken &amp; <b>worse</b> &lt;script&gt;</p>");
    let html = email["htmlBody"].as_str().unwrap();
    assert!(html.contains("Still broken &amp; worse &lt;script&gt;"), "{html}");
    assert!(!html.contains("<script"), "{html}");
}

#[test]
fn bad_requests_are_named() {
    let config = config(json!({}), json!({}));
    let case = case(json!("Printer"));
    let cases = [
        (json!({"kind": "followUp", "followUpNumber": 0}), "request.followUpNumber"),
        (json!({"kind": "followUp", "followUpNumber": 5}), "request.followUpNumber"),
        (json!({"kind": "followUp", "ruleId": "nope"}), "request.ruleId"),
        (json!({"kind": "followUp", "activityId": "x"}), "request.activityId"),
        (json!({"kind": "reply", "followUpNumber": 1}), "request.followUpNumber"),
        (json!({"kind": "reply"}), "request"),
        (json!({"kind": "reply", "activityId": "e1"}), "request.activityId"),
        (json!({"kind": "letter"}), "request.kind"),
        (json!({"kind": "followUp", "extra": 1}), "request.extra"),
        (json!("followUp"), "request"),
    ];
    for (request, path) in cases {
        let response = draft(&config, &case, &timeline(), request.clone());
        assert_eq!(response["type"], "failure", "{request}");
        assert_eq!(response["errors"][0]["path"], path, "{request}: {response}");
    }
}

#[test]
fn unknown_placeholders_are_config_errors() {
    let config = config(json!({"first": {"subject": "{{case.title}}", "body": "Hello {{customer.nmae}}"}}), json!({}));
    let response = serde_json::to_value(api::validate_config(&config)).unwrap();
    assert_eq!(response["type"], "failure");
    assert_eq!(response["errors"][0]["code"], "unknown-placeholder");
    assert_eq!(response["errors"][0]["path"], "rules[0].followUps.templates.first.body");
}

#[test]
fn html_templates_escape_values_and_keep_their_markup() {
    let config = config(
        json!({"first": {"subject": "s", "body": "b", "html": "<p style=\"color:#333\">Hi <b>{{customer.firstName}}</b>, about {{case.title}}</p>"}}),
        json!({}),
    );
    let email = email(&config, &case(json!("<i>x</i>")), json!({"kind": "followUp"}));
    assert_eq!(email["htmlBody"], "<p style=\"color:#333\">Hi <b>Pat</b>, about &lt;i&gt;x&lt;/i&gt;</p>");
    assert_eq!(email["textBody"], "b");
}

#[test]
fn subjects_are_one_safe_line_with_the_case_number() {
    assert_eq!(finish_subject("Hello\r\nBcc: x", Some("CAS-1")), "Hello Bcc: x [CAS-1]");
    assert_eq!(finish_subject("About CAS-1 again", Some("CAS-1")), "About CAS-1 again");
    assert_eq!(finish_subject("  spaced   out  ", None), "spaced out");
    assert_eq!(finish_subject("a\u{0}b\u{2028}c\u{2029}d\u{202E}e\u{FEFF}f", None), "a b c d e f");
    assert_eq!(finish_subject("x", Some("CAS\r\n-1")), "x [CAS-1]");
    let long = finish_subject(&"word ".repeat(100), Some("CAS-1"));
    assert!(long.chars().count() <= MAX_SUBJECT_CHARS);
    assert!(long.ends_with("… [CAS-1]"), "{long}");
    let long_with_number = finish_subject(&format!("CAS-1 {}", "word ".repeat(100)), Some("CAS-1"));
    assert!(long_with_number.starts_with("CAS-1 word"), "{long_with_number}");
    assert!(long_with_number.chars().count() <= MAX_SUBJECT_CHARS);
}

#[test]
fn a_case_without_a_number_leaves_no_dangling_separator() {
    let config = config(json!({}), json!({}));
    let mut case = case(json!("Grinder"));
    case.as_object_mut().unwrap().remove("ticketnumber");
    let email = email(&config, &case, json!({"kind": "followUp"}));
    assert_eq!(email["subject"], "Checking in on your case: Grinder");
    let text = email["textBody"].as_str().unwrap();
    assert!(text.contains("We're checking in on your case, \"Grinder\"."), "{text}");
    assert!(!text.contains("  ") && !text.contains(" ,") && !text.contains(" ."), "{text}");
}

#[test]
fn the_final_follow_up_dates_the_silence_from_the_customers_latest_message() {
    let config = config(json!({}), json!({}));
    let case = case(json!("Printer"));
    let timeline = json!([
        {"type": "email", "id": "e0", "direction": "incoming", "from": "pat@fabrikam.com", "to": ["support@contoso.com"],
         "subject": "Printer", "body": "It is still offline.", "sentAt": "2026-10-20T10:00:00Z"},
        {"type": "statusChange", "at": "2026-11-02T09:00:00Z", "statusReason": 2},
        {"type": "email", "id": "e1", "direction": "outgoing", "to": ["pat@fabrikam.com"], "subject": "Hi",
         "body": "Does it work?", "sentAt": "2026-11-02T09:00:00Z", "messageId": "<e1@contoso.com>"}
    ]);
    let response = draft(&config, &case, &timeline, json!({"kind": "followUp", "followUpNumber": 4}));
    let text = response["email"]["textBody"].as_str().unwrap_or_default().to_owned();
    assert!(text.contains("We haven't heard from you since Tuesday, 20 October 2026."), "{response}");
}

#[cfg(feature = "builtin-languages")]
fn with_language(mut case: Value, language: &str) -> Value {
    case["new_language"] = json!(language);
    case
}

#[cfg(feature = "builtin-languages")] // German, French and Spanish built in
#[test]
fn config_templates_may_be_given_per_language() {
    let mut config = config(
        json!({}),
        json!({"first": {"subject": "Any news on {{case.number}}?", "body": "Hi {{customer.firstName}}, any news?"},
            "languages": {"de": {"first": {"subject": "Neuigkeiten zu {{case.number}}?", "body": "Gibt es Neuigkeiten seit {{dates.lastContact}}?"}}}}),
    );
    config["language"] = json!({"field": "new_language", "fallback": "en"});
    let german = email(&config, &with_language(case(json!("Drucker")), "de_AT"), json!({"kind": "followUp"}));
    assert_eq!(german["template"], "global:de:first");
    assert_eq!(german["templateName"], "the configured default first follow-up template (German)");
    assert_eq!(german["subject"], "Neuigkeiten zu CAS-1234-ABCD?");
    assert_eq!(german["textBody"], "Gibt es Neuigkeiten seit Montag, 2. November 2026?");
    let english = email(&config, &with_language(case(json!("Printer")), "en-US"), json!({"kind": "followUp"}));
    assert_eq!(english["template"], "global:first");
    assert_eq!(english["textBody"], "Hi Pat, any news?");
    // A French customer: no French template in the config, so the built-in
    // French one, never the English text.
    let french = email(&config, &with_language(case(json!("Imprimante")), "1036"), json!({"kind": "followUp"}));
    assert_eq!(french["template"], "builtIn:fr:first");
    assert!(french["textBody"].as_str().unwrap().starts_with("Bonjour Pat Kim,"), "{french}");
    // Nothing the engine reads as a language: the fallback.
    let unknown = email(&config, &with_language(case(json!("Stampante")), "it-IT"), json!({"kind": "followUp"}));
    assert_eq!(unknown["language"], "en");
}

#[test]
fn language_settings_and_languages_of_templates_are_checked() {
    let mut config = config(
        json!({"languages": {"it": {"first": {"subject": "s", "body": "b"}}}}),
        json!({"languages": {"de": {"languages": {}}}}),
    );
    config["language"] = json!({"field": "", "fallback": "klingon"});
    let problems = crate::config::Config::from_json(&config).unwrap_err();
    let paths: Vec<&str> = problems.iter().map(|problem| problem.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "templates.languages.de.languages",
            "language.fallback",
            "language.field",
            "rules[0].followUps.templates.languages.it"
        ],
        "{problems:?}"
    );
}
