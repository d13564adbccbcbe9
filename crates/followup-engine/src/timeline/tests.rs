//! Reading timelines: our own shape, Web API rows, and the problems named.

use super::*;
use crate::time::format_timestamp;
use serde_json::json;

fn read(value: &Value) -> Result<Timeline, Vec<Problem>> {
    Timeline::from_json(value.clone(), "timeline", &StatusCatalog::default())
}

#[test]
fn reads_our_own_shape() {
    let timeline = read(&json!([
        {"type": "statusChange", "at": "2026-11-02T13:00:00Z", "statusReason": "On Hold"},
        {"type": "email", "id": "e1", "direction": "outgoing", "from": "support@contoso.com",
         "to": ["alex@fabrikam.com"], "subject": "Your case", "body": "Hello", "sentAt": "2026-11-02T14:00:00Z",
         "followUpKey": "k1"},
        {"type": "phonecall", "id": "p1", "at": "2026-11-03T10:00:00Z", "state": "completed", "durationMinutes": 15,
         "direction": "incoming", "subject": "Call", "classification": "favorable"}
    ]))
    .unwrap();
    assert_eq!(timeline.items.len(), 3);
    let TimelineItem::StatusChange(change) = &timeline.items[0] else { panic!() };
    assert_eq!(change.status_reason, 2);
    let TimelineItem::Email(email) = &timeline.items[1] else { panic!() };
    assert_eq!(email.direction, Direction::Outgoing);
    assert_eq!(email.delivery, Delivery::Sent);
    assert_eq!(email.follow_up_key.as_deref(), Some("k1"));
    let TimelineItem::Activity(call) = &timeline.items[2] else { panic!() };
    assert_eq!((call.state, call.duration_minutes), (ActivityState::Completed, Some(15)));
    assert_eq!(call.classification, Some(ReplyKind::Favorable));
}

#[test]
fn reads_web_api_email_rows() {
    let timeline = read(&json!([
        {"@odata.etag": "W/\"1\"", "activityid": "e2", "directioncode": false, "sender": "alex@fabrikam.com",
         "torecipients": "support@contoso.com;", "subject": "RE: Your case", "description": "<p>Still broken</p>",
         "senton": "2026-11-04T08:00:00Z", "statuscode": 4, "messageid": "<m1@fabrikam.com>"},
        {"activitytypecode": "task", "activityid": "t1", "statecode": 0, "createdon": "2026-11-04T09:00:00Z"}
    ]))
    .unwrap();
    let TimelineItem::Email(email) = &timeline.items[0] else { panic!() };
    assert_eq!(email.direction, Direction::Incoming);
    assert_eq!(email.to, vec!["support@contoso.com".to_owned()]);
    assert_eq!(email.delivery, Delivery::Received);
    assert_eq!(email.message_id.as_deref(), Some("<m1@fabrikam.com>"));
    let TimelineItem::Activity(task) = &timeline.items[1] else { panic!() };
    assert_eq!((task.activity_type.as_str(), task.state), ("task", ActivityState::Open));
}

#[test]
fn items_in_any_order_are_kept_by_their_instant() {
    // A host that orders by createdon: the email written at 10:00 and sent at
    // 12:00 comes before the reply received at 11:00; the status change last.
    let rows = json!([
        {"activityid": "e1", "directioncode": true, "sender": "support@contoso.com",
         "torecipients": "alex@fabrikam.com;", "createdon": "2026-11-04T10:00:00Z",
         "senton": "2026-11-04T12:00:00Z", "statuscode": 3},
        {"activityid": "e2", "directioncode": false, "sender": "alex@fabrikam.com",
         "torecipients": "support@contoso.com;", "createdon": "2026-11-04T11:00:00Z",
         "senton": "2026-11-04T11:00:00Z", "statuscode": 4},
        {"type": "statusChange", "at": "2026-11-02T00:00:00Z", "statusReason": 2}
    ]);
    let times = |timeline: &Timeline| timeline.items.iter().map(|item| format_timestamp(item.at())).collect::<Vec<_>>();
    let timeline = read(&rows).unwrap();
    assert_eq!(times(&timeline), ["2026-11-02T00:00:00Z", "2026-11-04T11:00:00Z", "2026-11-04T12:00:00Z"]);

    let mut reversed = rows.as_array().cloned().unwrap_or_default();
    reversed.reverse();
    assert_eq!(read(&Value::Array(reversed)).unwrap(), timeline);

    // Added later: an older item goes where it belongs.
    let mut open = read(&json!([{"type": "statusChange", "at": "2026-11-05T00:00:00Z", "statusReason": 1}])).unwrap();
    open.append_json(
        json!([{"type": "statusChange", "at": "2026-11-01T00:00:00Z", "statusReason": 2}]),
        "items",
        &StatusCatalog::default(),
    )
    .unwrap();
    assert_eq!(times(&open), ["2026-11-01T00:00:00Z", "2026-11-05T00:00:00Z"]);
}

#[test]
fn problems_name_the_item() {
    let cases = [
        (json!({"x": 1}), ProblemCode::InvalidType, "timeline"),
        (json!([{"subject": "?"}]), ProblemCode::UnknownTimelineItem, "timeline[0]"),
        (json!([{"type": "fax-machine"}]), ProblemCode::UnknownTimelineItem, "timeline[0].type"),
        (
            json!([{"type": "email", "sentAt": "2026-11-02T14:00:00Z"}]),
            ProblemCode::MissingField,
            "timeline[0].direction",
        ),
        (
            json!([{"type": "email", "direction": "out", "sentAt": "2026-11-02T14:00:00Z"}]),
            ProblemCode::InvalidValue,
            "timeline[0].direction",
        ),
        (json!([{"type": "email", "direction": "outgoing"}]), ProblemCode::MissingField, "timeline[0]"),
        (
            json!([{"type": "email", "direction": "outgoing", "sentAt": "soon"}]),
            ProblemCode::InvalidDateTime,
            "timeline[0].sentAt",
        ),
        (
            json!([{"type": "statusChange", "at": "2026-11-02T14:00:00Z", "statusReason": "Sleeping"}]),
            ProblemCode::UnknownStatusReason,
            "timeline[0].statusReason",
        ),
        (
            json!([{"type": "email", "direction": "incoming", "sentAt": "2026-11-02T14:00:00Z", "classification": "angry"}]),
            ProblemCode::InvalidValue,
            "timeline[0].classification",
        ),
        (
            json!([{"type": "task", "at": "2026-11-02T14:00:00Z", "durationMinutes": -5}]),
            ProblemCode::InvalidValue,
            "timeline[0].durationMinutes",
        ),
        (
            json!([{"type": "email", "direction": "incoming", "sentAt": "2026-11-02T14:00:00Z", "headers": {"X-Autoreply": 1}}]),
            ProblemCode::InvalidType,
            "timeline[0].headers.X-Autoreply",
        ),
    ];
    for (value, code, path) in cases {
        let errors = read(&value).unwrap_err();
        let [error] = errors.as_slice() else { panic!("{value}: {errors:?}") };
        assert_eq!((error.code, error.path.as_str()), (code, path), "{value}: {error}");
    }
}

#[test]
fn every_problem_of_every_item_is_reported() {
    let errors = read(&json!([
        {"type": "email", "direction": "sideways", "sentAt": "soon", "to": ["a@example.com", 7], "statuscode": 9},
        {"type": "statusChange", "at": "2026-11-02T14:00:00Z", "statusReason": "Sleeping"},
        {"type": "task", "at": 3, "state": "done", "durationMinutes": 1.5}
    ]))
    .unwrap_err();
    let seen: Vec<(&str, &str)> = errors.iter().map(|p| (p.path.as_str(), p.message.as_str())).collect();
    assert_eq!(
        seen,
        vec![
            ("timeline[0].direction", "`sideways` is not a direction: use `incoming` or `outgoing`"),
            ("timeline[0].statuscode", "`9` is not an email status reason: expected 1 to 8"),
            (
                "timeline[0].sentAt",
                "`soon` is not an RFC 3339 date-time such as `2026-11-02T14:00:00Z`: the date must be `YYYY-MM-DD`"
            ),
            ("timeline[0].to[1]", "expected text, not the number `7`"),
            ("timeline[1].statusReason", "`Sleeping` is not a known Status Reason label"),
            ("timeline[2].state", "`done` is not an activity state: use `open`, `completed` or `canceled`"),
            ("timeline[2].at", "`at` must be an RFC 3339 date-time, not the number `3`"),
            ("timeline[2].durationMinutes", "`durationMinutes` must be a whole number, not the number `1.5`"),
        ]
    );
}

#[test]
fn a_reading_follows_the_text_it_was_read_from() {
    let mut email = Email::new(Direction::Incoming, crate::time::parse_timestamp("2026-11-02T14:00:00Z").unwrap());
    email.set_body("Thanks, that fixed it, all working now.");
    assert_eq!(email.reading().kind, ReplyKind::Favorable);
    email.set_body("It still does not work, the same error again.");
    assert_ne!(email.reading().kind, ReplyKind::Favorable, "the reading of the old body stayed");
    email.set_classification(Some(ReplyKind::Favorable));
    assert_eq!(email.reading().kind, ReplyKind::Favorable);
    let mut call = Activity::new("phonecall", email.at);
    call.set_description("Customer says it still does not work.");
    assert_ne!(call.reading().kind, ReplyKind::Favorable);
    call.set_description("Customer confirmed the problem is solved, thanks.");
    assert_eq!(call.reading().kind, ReplyKind::Favorable);
}
