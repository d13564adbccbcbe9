//! The generator's wording reads as the kind it stands for: the engine's
//! classifier (through the timeline reader, as a host's JSON reaches it)
//! reads each incoming email and each call's notes as intended.

use followup_engine::StatusCatalog;
use followup_engine::timeline::{Timeline, TimelineItem};
use followup_model::history::{CUSTOMER, Call, CallState, History, Item, Kind, MAIL_SYSTEM, Mail, SENDER};

#[expect(clippy::unwrap_used, reason = "a test helper: a failure is the test failing")]
fn read(item: Item) -> TimelineItem {
    let history = History {
        seed: 0,
        rule: followup_model::generate::history(0).rule,
        created_on: -86_400,
        record_status: 2,
        modified_on: None,
        customer_on_record: true,
        own_domain: false,
        items: vec![item],
        accept_after: None,
    };
    let timeline = Timeline::from_json(history.timeline_json(), "timeline", &StatusCatalog::default()).unwrap();
    timeline.items.into_iter().next().unwrap()
}

#[test]
fn incoming_emails_read_as_their_kind() {
    for kind in Kind::ALL {
        let from = if kind == Kind::Bounce { MAIL_SYSTEM } else { CUSTOMER };
        let mail = Mail {
            id: Some("r1".into()),
            at: 0,
            outgoing: false,
            from: Some(from.into()),
            to: vec![SENDER.into()],
            cc: Vec::new(),
            kind,
            host_classified: false,
            key: None,
            draft: false,
            failed_recipients: None,
        };
        let TimelineItem::Email(email) = read(Item::Mail(mail)) else { panic!("not an email") };
        assert_eq!(email.reading().kind.as_str(), kind.name(), "{kind:?}: {}", email.reading().cue);
    }
}

#[test]
fn call_notes_read_as_their_kind() {
    for kind in [Kind::Negative, Kind::Question, Kind::Favorable] {
        let call = Call {
            id: None,
            at: 0,
            outgoing: false,
            state: CallState::Completed,
            kind,
            voicemail: false,
            host_kind: None,
        };
        let TimelineItem::Activity(activity) = read(Item::Call(call)) else { panic!("not an activity") };
        assert_eq!(activity.reading().kind.as_str(), kind.name(), "{kind:?}");
    }
}
