use super::*;

fn classified(from: &str, subject: &str, body: &str, headers: &[(&str, &str)]) -> Classification {
    let headers: Vec<(String, String)> =
        headers.iter().map(|(name, value)| ((*name).to_owned(), (*value).to_owned())).collect();
    classify(&IncomingMessage { from: Some(from), subject, body, headers: &headers })
}

fn reply(body: &str) -> Classification {
    classified("maria@fabrikam.com", "RE: CAS-01234 Printer offline", body, &[])
}

fn kind(body: &str) -> ReplyKind {
    reply(body).kind
}

#[track_caller]
fn all(expected: ReplyKind, bodies: &[&str]) {
    for body in bodies {
        let found = reply(body);
        assert_eq!(found.kind, expected, "{body:?} gave {found:?}");
    }
}

#[test]
fn kinds_round_trip_through_their_names() {
    for kind in ReplyKind::ALL {
        assert_eq!(ReplyKind::parse(kind.as_str()), Some(kind));
    }
    assert_eq!(ReplyKind::parse("Favorable"), None);
    assert!(ReplyKind::Negative.needs_reply() && !ReplyKind::Favorable.needs_reply());
    assert!(ReplyKind::Other.is_response() && !ReplyKind::Bounce.is_response());
}

#[test]
fn simple_cues() {
    assert_eq!(classified("mailer-daemon@x.com", "failure", "", &[]).kind, ReplyKind::Bounce);
    assert_eq!(classified("a@b.c", "Automatic reply: away", "", &[]).kind, ReplyKind::AutoReply);
    assert_eq!(kind("Thanks, all solved"), ReplyKind::Favorable);
    assert_eq!(kind("It is still broken"), ReplyKind::Negative);
    assert_eq!(kind("When will it ship?"), ReplyKind::Question);
    assert_eq!(kind("Hmm."), ReplyKind::Other);
}

#[test]
fn favorable_in_each_language() {
    all(
        ReplyKind::Favorable,
        &[
            "Works now, thanks!",
            "That fixed it.",
            "All good on our side.",
            "You can close the case.",
            "The error doesn't appear anymore.",
            "Danke, funktioniert!",
            "Das Problem ist behoben.",
            "Der Fehler tritt seit gestern nicht mehr auf.",
            "Merci, ça marche !",
            "merci ca marche",
            "Le problème est résolu, vous pouvez clôturer le ticket.",
            "Gracias, ya funciona.",
            "gracias ya funciona",
            "El error ya no aparece.",
            "Thank you!",
        ],
    );
}

#[test]
fn negative_in_each_language() {
    all(
        ReplyKind::Negative,
        &[
            "Not working.",
            "It doesn't work.",
            "The update didn't fix it.",
            "It no longer works since Monday.",
            "Still not working.",
            "Funktioniert nicht.",
            "Es funktioniert immer noch nicht.",
            "Das hat leider nicht geholfen.",
            "Ça ne fonctionne pas.",
            "Toujours pas résolu.",
            "ca marche pas",
            "No funciona.",
            "Sigue sin funcionar.",
            "We are very disappointed.",
        ],
    );
}

#[test]
fn negation_turns_cues_around() {
    assert_eq!(reply("It is not resolved.").cue, "not resolved");
    assert_eq!(reply("I don't think it works.").kind, ReplyKind::Negative);
    assert_eq!(reply("The patch did not really help.").cue, "not really help");
    assert_eq!(reply("Es klappt leider nicht.").cue, "klappt leider nicht");
    assert_eq!(kind("It doesn't crash anymore."), ReplyKind::Favorable);
    assert_eq!(kind("Ya no falla."), ReplyKind::Favorable);
    assert_eq!(kind("Please don't close the ticket."), ReplyKind::Other);
    assert_eq!(kind("This is not resolved, please do not close the case."), ReplyKind::Negative);
    assert_eq!(kind("No thanks."), ReplyKind::Other);
    assert_eq!(kind("Thank you for your email."), ReplyKind::Other);
    assert_eq!(kind("Vielen Dank für Ihre Nachricht. Es funktioniert."), ReplyKind::Favorable);
    assert_eq!(kind("No, it works now."), ReplyKind::Favorable);
}

#[test]
fn conditions_do_not_state_anything() {
    assert_eq!(kind("If it doesn't work tomorrow I'll call you."), ReplyKind::Other);
    assert_eq!(kind("Falls es nicht klappt, melde ich mich."), ReplyKind::Other);
}

#[test]
fn contrast_lets_what_follows_decide() {
    assert_eq!(reply("Thanks, but it still fails.").kind, ReplyKind::Negative);
    assert_eq!(reply("Merci, mais ça ne marche pas.").kind, ReplyKind::Negative);
    assert_eq!(reply("Gracias, pero el problema persiste.").kind, ReplyKind::Negative);
    assert_eq!(reply("It was broken yesterday, but now it works.").kind, ReplyKind::Favorable);
    let found = reply("Works on my laptop but not on the terminal server.");
    assert_eq!((found.kind, found.cue.as_str()), (ReplyKind::Negative, "but not"));
    assert_eq!(reply("Funktioniert im Büro, aber nicht im Homeoffice.").kind, ReplyKind::Negative);
    let found = reply("Thank you. However, the VAT is still calculated at 19% on the invoice.");
    assert_eq!((found.kind, found.cue.as_str()), (ReplyKind::Negative, "However, the VAT is still"));
}

#[test]
fn questions_with_and_without_question_marks() {
    all(
        ReplyKind::Question,
        &[
            "When will the fix be deployed?",
            "Could you send me the invoice again",
            "Is there a way to export the log",
            "Please advise which ports must be open.",
            "Thanks! And how do I add a user",
            "Können Sie mir die Rechnung schicken",
            "Gibt es dafür eine Anleitung",
            "Pouvez-vous me rappeler demain",
            "Est-ce que je dois redémarrer",
            "¿Cuándo estará listo?",
            "Podrían indicarme cómo exportar los registros",
            "Works now, thanks. Do you need anything else from me?",
            "Is this the same issue as last month?",
        ],
    );
    assert_eq!(reply("When will the update be rolled out?").cue, "When will");
    assert_eq!(reply("The portal, where else. Fine?").cue, "Fine?");
    assert_eq!(kind("See https://example.com/page?id=3 for details."), ReplyKind::Other);
    assert_eq!(kind("The export, which is the main issue, still fails."), ReplyKind::Negative);
}

#[test]
fn a_closing_request_is_favorable_not_a_question() {
    all(
        ReplyKind::Favorable,
        &[
            "Can you close the case?",
            "Could you please close this ticket?",
            "Können Sie den Fall schließen?",
            "¿Pueden cerrar el caso?",
        ],
    );
}

#[test]
fn other_for_pending_and_empty_replies() {
    all(
        ReplyKind::Other,
        &[
            "",
            "   ",
            "\u{a0}",
            "...",
            "OK",
            "Noted.",
            "I'll test it tomorrow and get back to you, thanks.",
            "Logs attached, thanks.",
            "Ich melde mich nächste Woche. Danke!",
            "Je teste demain, merci.",
            "Lo pruebo mañana, gracias.",
            "<html><body><img src=\"cid:image001.png\"></body></html>",
        ],
    );
    assert_eq!(reply("").source, CueSource::Default);
}

#[test]
fn quoted_history_is_cut_before_judging() {
    let body = "Still broken.\n\nOn Tue, Nov 3, 2026 at 9:12 AM Support <s@c.com> wrote:\n> Glad it is resolved! Can we close the case?";
    assert_eq!(reply(body).cue, "Still broken");
    let html = "<div>Danke, funktioniert jetzt.</div><div><b>Von:</b> Support<br><b>Gesendet:</b> Dienstag<br><b>An:</b> Jonas</div>\
                <p>Funktioniert es immer noch nicht?</p>";
    assert_eq!(kind(html), ReplyKind::Favorable);
}

#[test]
fn signatures_and_sign_offs_do_not_speak() {
    assert_eq!(kind("Here are the logs.\n\nThanks,\nTom"), ReplyKind::Other);
    assert_eq!(kind("Solved.\n\nKind regards\nAnja Roth\nBroken Arrow Logistics"), ReplyKind::Favorable);
    assert_eq!(kind("Logs attached.\n-- \nJames\nNo problem too small, still here for you"), ReplyKind::Other);
    assert_eq!(kind("Es geht wieder.\n\nVon meinem iPhone gesendet"), ReplyKind::Favorable);
}

#[test]
fn cues_are_shown_as_written() {
    assert_eq!(reply("Ça ne marche TOUJOURS pas.").cue, "ne marche TOUJOURS pas");
    assert_eq!(reply("Das Problem besteht weiterhin.").cue, "besteht weiterhin");
    assert_eq!(reply("Es funktioniert leider nicht").cue, "funktioniert leider nicht");
    assert_eq!(reply("Es funktioniert leider nicht").source, CueSource::Body);
}

#[test]
fn bounces_by_sender_header_subject_and_body() {
    let bounce =
        |from: &str, subject: &str, body: &str, headers: &[(&str, &str)]| classified(from, subject, body, headers);
    let found = bounce("Mail Delivery System <MAILER-DAEMON@mx.example>", "x", "Thanks!", &[]);
    assert_eq!((found.kind, found.source), (ReplyKind::Bounce, CueSource::Sender));
    let found = bounce("a@b.c", "x", "Thanks!", &[("X-Failed-Recipients", "a@b.c")]);
    assert_eq!((found.kind, found.source), (ReplyKind::Bounce, CueSource::Header));
    let found = bounce("a@b.c", "Unzustellbar: AW: Fall", "Danke!", &[]);
    assert_eq!(
        (found.kind, found.source, found.cue.as_str()),
        (ReplyKind::Bounce, CueSource::Subject, "Unzustellbar:")
    );
    let found = bounce(
        "noreply@relay.example",
        "Notification",
        "Delivery has failed to these recipients or groups:\nx@y.z",
        &[],
    );
    assert_eq!((found.kind, found.source), (ReplyKind::Bounce, CueSource::Body));
    // A report that also says Auto-Submitted is still a bounce.
    let found = bounce("MAILER-DAEMON@mx.example", "x", "", &[("Auto-Submitted", "auto-replied")]);
    assert_eq!(found.kind, ReplyKind::Bounce);
    // A customer who mentions a bounce is a customer.
    assert_eq!(kind("Your email bounced (undeliverable), can you resend it?"), ReplyKind::Question);
}

#[test]
fn automatic_replies_by_header_subject_and_body() {
    let found = classified("a@b.c", "RE: case", "Thanks, works!", &[("Auto-Submitted", "auto-replied")]);
    assert_eq!((found.kind, found.cue.as_str()), (ReplyKind::AutoReply, "Auto-Submitted: auto-replied"));
    assert_eq!(classified("a@b.c", "RE: case", "Works!", &[("Auto-Submitted", "no")]).kind, ReplyKind::Favorable);
    assert_eq!(kind("Help!"), ReplyKind::Other);
    assert_eq!(kind("Funktioniert."), ReplyKind::Favorable);
    assert_eq!(kind("It works when I use Chrome."), ReplyKind::Favorable);
    assert_eq!(classified("a@b.c", "Abwesenheitsnotiz: AW: Fall", "", &[]).kind, ReplyKind::AutoReply);
    all(
        ReplyKind::AutoReply,
        &[
            "I am out of the office until Monday with limited access to email.",
            "Ich bin bis zum 20.11. im Urlaub. In dringenden Fällen wenden Sie sich an Frau Weber.",
            "Je suis absente du bureau jusqu'au 12 novembre.",
            "Me encuentro fuera de la oficina hasta el lunes.",
            "This mailbox is no longer monitored.",
        ],
    );
    // An absence without the usual details is a person writing.
    assert_eq!(kind("I'm on holiday next week, my colleague will follow up."), ReplyKind::Other);
    assert_eq!(kind("I'm out of the office until Monday, can we talk then?"), ReplyKind::Question);
    // The weak header needs the wording, and the wording alone may do with it.
    let weak = [("X-Auto-Response-Suppress", "All")];
    assert_eq!(classified("a@b.c", "RE: case", "Works now, thanks", &weak).kind, ReplyKind::Favorable);
    assert_eq!(classified("a@b.c", "RE: case", "I am on annual leave.", &weak).kind, ReplyKind::AutoReply);
    assert_eq!(kind("I am on annual leave."), ReplyKind::Other);
}

#[test]
fn delay_notices_and_read_receipts_are_automatic() {
    let found = classified(
        "a@b.c",
        "Delivery Status Notification (Delay)",
        "",
        &[("Content-Type", "multipart/report; report-type=delivery-status")],
    );
    assert_eq!(found.kind, ReplyKind::AutoReply);
    assert_eq!(classified("a@b.c", "Read: RE: case", "", &[]).kind, ReplyKind::AutoReply);
}

#[test]
fn only_the_start_of_a_huge_message_is_read() {
    let filler = "x ".repeat(200_000);
    assert_eq!(kind(&format!("Still broken, the log is below.\n{filler}")), ReplyKind::Negative);
    assert_eq!(kind(&format!("{filler}\nIt works now, thanks!")), ReplyKind::Other);
    assert_eq!(
        kind(&format!("It works now, thanks!\n{}", "<p>2026-11-03 12:00:01 INFO sync done</p>".repeat(50_000))),
        ReplyKind::Favorable
    );
    assert_eq!(kind(&format!("It works now, thanks!\n{}", "<p>log line</p>".repeat(100_000))), ReplyKind::Other);
}

#[test]
fn a_polite_opener_does_not_decide() {
    for body in [
        "Many thanks. Water is dripping from the base again.",
        "Cheers for the quick answer, sadly the display went dark again.",
        "Danke. Das Wasser tropft schon wieder.",
        "Merci. L'écran s'éteint à nouveau.",
        "Gracias. La pantalla se apagó otra vez.",
        "Brilliant, another fix that fixes nothing.",
    ] {
        assert_eq!(kind(body), ReplyKind::Negative, "{body}");
    }
    for body in ["Fantastic. Now the whole team is locked out.", "Thanks. The technician came by yesterday."] {
        assert_eq!(kind(body), ReplyKind::Other, "{body}");
    }
    assert_eq!(kind("Thanks again, it works now!"), ReplyKind::Favorable);
    assert_eq!(kind("The printer is back online, thank you."), ReplyKind::Favorable);
}

#[test]
fn cues_keep_to_their_language_and_to_words() {
    assert_eq!(kind("See https://status.example.com/how-it-works"), ReplyKind::Other);
    assert_eq!(kind("Bedankt, het werkt nu weer!"), ReplyKind::Other);
    assert_eq!(reply("Works now, thanks!").language, Some("en"));
    assert_eq!(reply("Danke, funktioniert!").language, Some("de"));
    assert_eq!(reply("Bedankt").language, None);
    // Thanks alone is favorable, but a rule may ask for resolution wording.
    let thanks = reply("Thank you so much!");
    assert_eq!((thanks.kind, thanks.kind_for(true)), (ReplyKind::Favorable, ReplyKind::Other));
    let solved = reply("Solved, thanks!");
    assert_eq!(solved.kind_for(true), ReplyKind::Favorable);
}

#[test]
fn machine_mail_by_its_strongest_evidence() {
    let report = [("Content-Type", "multipart/report; report-type=delivery-status; boundary=x")];
    let found = classified("a@b.c", "x", "Please do not reply to this message.", &report);
    assert_eq!(
        (found.kind, found.cue.as_str()),
        (ReplyKind::Bounce, "Content-Type: multipart/report; report-type=delivery-status")
    );
    let delayed = classified("a@b.c", "x", "Action: delayed", &report);
    assert_eq!(delayed.kind, ReplyKind::AutoReply);
    let feedback = [("Content-Type", "multipart/report; report-type=feedback-report")];
    assert_eq!(classified("a@b.c", "x", "It works!", &feedback).kind, ReplyKind::AutoReply);
    assert_eq!(classified("<>", "Notification", "", &[]).kind, ReplyKind::Bounce);
    let null_auto = classified("a@b.c", "x", "", &[("Return-Path", "<>"), ("Auto-Submitted", "auto-replied")]);
    assert_eq!(null_auto.kind, ReplyKind::AutoReply);
    assert_eq!(classified("a@b.c", "[EXT] Undeliverable: RE: case", "", &[]).kind, ReplyKind::Bounce);
    assert_eq!(classified("a@b.c", "配信不能: RE: case", "", &[]).kind, ReplyKind::Bounce);
    assert_eq!(classified("a@b.c", "Odpowiedź automatyczna: RE: case", "", &[]).kind, ReplyKind::AutoReply);
    assert_eq!(classified("a@b.c", "Newsletter", "Works great!", &[("Precedence", "bulk")]).kind, ReplyKind::AutoReply);
    assert_eq!(classified("a@b.c", "Newsletter", "Works great!", &[("List-Id", "<x>")]).kind, ReplyKind::AutoReply);
    let opensmtpd = "This is the MAILER-DAEMON, please DO NOT REPLY to this email.\n\nAn error has occurred while attempting to deliver a message for the following list of recipients:";
    assert_eq!(classified("ops@relay.example", "x", opensmtpd, &[]).kind, ReplyKind::Bounce);
}

#[test]
fn automatic_replies_carry_their_return_date() {
    let found = classified("a@b.c", "Automatic reply: case", "I am out of the office until 12 November.", &[]);
    assert_eq!(found.return_date, Some(ReturnDate { day: 12, month: 11, year: None }));
    assert_eq!(reply("I will be back on 12 November, thanks").return_date, None);
}

#[test]
fn bad_input_is_other() {
    for body in
        ["", "  \n\t ", "> It works now, thanks!", "-- \nMaria Jensen", "<img src=\"cid:x.png\">", "<p>&nbsp;</p>"]
    {
        assert_eq!(kind(body), ReplyKind::Other, "{body:?}");
    }
}

#[test]
fn never_panics_on_odd_text() {
    for body in [
        "<",
        "&",
        "&#xFFFFFFFF;",
        "'",
        "-",
        "?",
        "¿",
        "n'",
        "qu'",
        "\u{301}",
        "a\u{301}'b",
        "<p>&#55296;</p>",
        "*",
        "-- ",
    ] {
        let _ = reply(body);
        let _ = classified(body, body, body, &[(body, body)]);
    }
}
