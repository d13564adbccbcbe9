//! Reading email bodies: HTML to text, and the customer's own words in a
//! reply (quoted history, signatures and sign-offs removed).
//!
//! Reply drafts quote the customer with these, and classification reads
//! only the customer's own words, so each must be good on its own.

/// Addresses moved to [`crate::address`]; this path stays until the
/// modules that import it (config, decision, drafting) follow.
pub(crate) use crate::address;
pub(crate) mod fold;
mod html;
pub(crate) mod lists;
mod markers;
mod quote;
mod sign_off;

/// How much of an email body is read, in bytes, to classify it, quote it
/// in a reply or sum it up in a resolution: enough for an Outlook HTML
/// reply whose style sheet alone runs to tens of kilobytes, and a bound on
/// the time one huge message (pasted logs, a forwarded archive) can take.
pub const BODY_READ_LIMIT: usize = 256 * 1024;

/// Converts an email body to readable text. HTML (as Dataverse stores an
/// email's `description`) loses `<script>`, `<style>` and `<head>`; block
/// elements and `<br>` become line breaks, `<hr>` a line of underscores,
/// `<blockquote>` contents `> `-prefixed lines; entities are decoded
/// (common named ones, `&#8217;`, `&#x2019;`). At most one empty line is
/// kept in a row. Plain text comes back as it is, with `\r\n` and `\r`
/// turned into `\n`.
#[must_use]
pub fn html_to_text(body: &str) -> String {
    if html::looks_like_html(body) {
        html::render(body, html::Extent::Whole)
    } else {
        quote::normalise_newlines(body).into_owned()
    }
}

/// The body as text for reading the customer's words: like
/// [`html_to_text`], but an HTML body is rendered only down to Outlook's
/// quoted-history block, which [`own_words`] would cut anyway. In a long
/// thread that is most of the work saved.
#[must_use]
pub(crate) fn reply_text(body: &str) -> String {
    if html::looks_like_html(body) {
        html::render(body, html::Extent::AboveOutlookHistory)
    } else {
        quote::normalise_newlines(body).into_owned()
    }
}

/// The customer's new words in a reply (text, as from [`html_to_text`]).
///
/// Cut away: the quoted history from its first marker on (`On ... wrote:`,
/// also wrapped over two lines, and its German, French and Spanish forms
/// `Am ... schrieb ...:`, `Le ... a écrit :`, `El ... escribió:`;
/// `-----Original Message-----` and its translations; an Outlook header
/// block `From:`/`Sent:` or `Von:`/`Gesendet:`, `De :`/`Envoyé :`,
/// `De:`/`Enviado:`, with the line of underscores above it), `>` quoted
/// lines (an answer written below them is kept), a signature after `-- `,
/// mobile footers (`Sent from my iPhone`, `Von meinem iPhone gesendet`,
/// `Envoyé de mon iPhone`, `Enviado desde mi iPhone`, `Get Outlook for
/// Android`) and legal disclaimers. Sign-offs stay (see [`strip_sign_off`]).
#[must_use]
pub fn own_words(text: &str) -> String {
    quote::own_words(text)
}

/// The customer's own words without a closing sign-off line (`Best
/// regards,`, `Thanks,`, `Mit freundlichen Grüßen`, `Cordialement`,
/// `Saludos`, ...) and the few short lines (name, title) under it. A
/// sign-off followed by a name on the same last line (`Cheers, Dave`) goes
/// too. Content stays: `Thanks, it works now` is not a sign-off, and a reply
/// that is only a greeting and `Thank you!` is left whole.
#[must_use]
pub fn strip_sign_off(text: &str) -> String {
    sign_off::strip_sign_off(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(body: &str) -> String {
        own_words(&html_to_text(body))
    }

    #[test]
    fn basic_history_and_sign_off_removal() {
        let body = "Still broken.\n\nBest regards,\nAlex\n\nOn Mon, 2 Nov 2026 at 14:00, Support <s@c.com> wrote:\n> Is it fixed?";
        let words = own_words(&html_to_text(body));
        assert_eq!(words, "Still broken.\n\nBest regards,\nAlex");
        assert_eq!(strip_sign_off(&words), "Still broken.");
        assert_eq!(html_to_text("<p>A &amp; B</p>"), "A & B");
    }

    #[test]
    fn html_blocks_breaks_and_skipped_elements() {
        let html = "<html><head><title>T</title><style>p {color:red}</style></head><body>\
                    <script>var x = '<p>';</script><p class=MsoNormal>Hello,<o:p></o:p></p>\
                    <p class=MsoNormal><o:p>&nbsp;</o:p></p><p>It   works\n now.<br>Thanks</p>\
                    <div>Tom</div><!-- a <p> comment --><!--[if gte mso 9]><xml><o:x/></xml><![endif]--></body></html>";
        assert_eq!(html_to_text(html), "Hello,\n\nIt works now.\nThanks\nTom");
    }

    #[test]
    fn html_blockquotes_become_quoted_lines() {
        let html = "<div>Still failing</div><blockquote><div>Is it fixed?</div><blockquote>Old</blockquote></blockquote><p>after</p>";
        assert_eq!(html_to_text(html), "Still failing\n> Is it fixed?\n> > Old\nafter");
    }

    #[test]
    fn html_rules_tables_and_broken_markup() {
        assert_eq!(html_to_text("<p>A</p><hr><p>B</p>"), format!("A\n{}\nB", "_".repeat(32)));
        assert_eq!(html_to_text("<table><tr><td>a</td><td>b</td></tr></table>"), "a b");
        assert_eq!(html_to_text("<p>1 < 2 and <b>bold</b></p>"), "1 < 2 and bold");
        assert_eq!(html_to_text("<p>cut <span class=\"x"), "cut <span class=\"x");
        assert_eq!(html_to_text("<pre>a\n  b</pre>"), "a\nb");
    }

    #[test]
    fn plain_text_passes_through_with_crlf_normalised() {
        assert_eq!(
            html_to_text("Hi,\r\nit works.\r\n\r\nOn Tue <a@b.c> wrote:\r> x"),
            "Hi,\nit works.\n\nOn Tue <a@b.c> wrote:\n> x"
        );
    }

    #[test]
    fn gmail_quote_is_cut() {
        let html = "<div dir=\"ltr\"><div>Still broken.</div></div><br><div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">\
                    On Tue, Nov 3, 2026 at 9:12 AM Contoso Support &lt;<a href=\"mailto:s@c.com\">s@c.com</a>&gt; wrote:<br></div>\
                    <blockquote class=\"gmail_quote\">Glad it is resolved!</blockquote></div>";
        assert_eq!(words(html), "Still broken.");
    }

    #[test]
    fn outlook_header_blocks_are_cut_in_each_language() {
        for (from, sent) in [
            ("From:", "Sent:"),
            ("Von:", "Gesendet:"),
            ("De :", "Envoyé :"),
            ("De:", "Enviado el:"),
            ("De:", "Enviado:"),
        ] {
            let html = format!(
                "<div class=WordSection1><p class=MsoNormal>Merci, ça marche.</p><p class=MsoNormal>&nbsp;</p>\
                 <div style=\"border-top:solid #E1E1E1 1.0pt\"><p class=MsoNormal><b>{from}</b> Support &lt;s@c.com&gt;<br>\
                 <b>{sent}</b> mardi 3 novembre 2026<br><b>Subject:</b> Case</p></div><p>Is it resolved?</p></div>"
            );
            assert_eq!(words(&html), "Merci, ça marche.", "{from}");
        }
    }

    #[test]
    fn reply_text_gives_the_same_own_words_as_the_whole_text() {
        let html = "<div class=WordSection1><p class=MsoNormal>Still broken.</p><div><div style=\"border:none;border-top:solid #E1E1E1 1.0pt\">\
                    <p class=MsoNormal><b>From:</b> Support<br><b>Sent:</b> Tuesday</p></div></div><p>Fixed?</p></div>";
        assert_eq!(own_words(&reply_text(html)), own_words(&html_to_text(html)));
        assert_eq!(own_words(&reply_text(html)), "Still broken.");
        assert_eq!(reply_text("plain\r\ntext"), "plain\ntext");
    }

    #[test]
    fn outlook_web_divrplyfwdmsg_is_cut() {
        let html = "<div>Doesn't work.</div><div id=\"appendonsend\"></div><hr style=\"display:inline-block\">\
                    <div id=\"divRplyFwdMsg\" dir=\"ltr\"><font><b>From:</b> Support &lt;s@c.com&gt;<br><b>Sent:</b> Tuesday<br>\
                    <b>To:</b> Maria</font><div>&nbsp;</div></div><div>All fixed now?</div>";
        assert_eq!(words(html), "Doesn't work.");
    }

    #[test]
    fn attributions_in_each_language_are_cut() {
        for attribution in [
            "On Tue, Nov 3, 2026 at 9:12 AM Contoso Support <support@contoso.com> wrote:",
            "Am Di., 3. Nov. 2026 um 09:12 Uhr schrieb Contoso Support <support@contoso.com>:",
            "Le mar. 3 nov. 2026 à 09:12, Contoso Support <support@contoso.com> a écrit :",
            "El mar, 3 nov 2026 a las 9:12, Contoso Support (<support@contoso.com>) escribió:",
        ] {
            let text = format!("Sigue sin funcionar.\n\n{attribution}\n\n> ¿Se ha resuelto?\n> Saludos");
            assert_eq!(own_words(&text), "Sigue sin funcionar.", "{attribution}");
        }
    }

    #[test]
    fn attribution_wrapped_over_two_lines_is_cut() {
        let text = "Thanks, resolved.\n\nOn Tue, Nov 3, 2026 at 9:12 AM Contoso Support <\nsupport@contoso.com> wrote:\n\n> Is it fixed?";
        assert_eq!(own_words(text), "Thanks, resolved.");
    }

    #[test]
    fn attribution_without_quote_marks_cuts_the_rest() {
        let text = "Works.\n\nOn 3 Nov 2026, at 09:12, Support <s@c.com> wrote:\nDid it work?";
        assert_eq!(own_words(text), "Works.");
    }

    #[test]
    fn answers_below_a_plain_text_quote_are_kept() {
        let text = "On Tue, Nov 3, 2026 at 9:12 AM Support <s@c.com> wrote:\n> Is it fixed?\n\nNo, still broken.\n\n> Anything else?\nNo.";
        assert_eq!(own_words(text), "No, still broken.\n\nNo.");
    }

    #[test]
    fn original_message_separators_in_each_language_are_cut() {
        for separator in [
            "-----Original Message-----",
            "-----Ursprüngliche Nachricht-----",
            "-----Message d'origine-----",
            "-----Mensaje original-----",
            "---------- Forwarded message ---------",
        ] {
            let text = format!("Danke, funktioniert!\n\n{separator}\nFrom: Support\nIs it fixed?");
            assert_eq!(own_words(&text), "Danke, funktioniert!", "{separator}");
        }
    }

    #[test]
    fn underscores_above_a_header_block_are_cut() {
        let text = "Gracias, ya funciona.\n\n________________________________\nDe: Soporte <s@c.com>\nEnviado: martes\nPara: Carlos\nAsunto: Caso\n\n¿Funciona?";
        assert_eq!(own_words(text), "Gracias, ya funciona.");
    }

    #[test]
    fn from_in_a_sentence_is_not_a_header_block() {
        let text = "From: my side it works now.\nThanks a lot.";
        assert_eq!(own_words(text), text);
    }

    #[test]
    fn signature_after_delimiter_is_dropped() {
        let text = "Problem solved.\n\n-- \nJames Whitfield\nNo problem too small";
        assert_eq!(own_words(text), "Problem solved.");
    }

    #[test]
    fn mobile_footers_in_each_language_are_dropped() {
        for footer in [
            "Sent from my iPhone",
            "Von meinem iPhone gesendet",
            "Envoyé de mon iPhone",
            "Enviado desde mi iPhone",
            "Get Outlook for Android",
            "Sent from my Galaxy",
            "Gesendet von meinem Samsung Galaxy Smartphone.",
        ] {
            let text = format!("Not fixed.\n\n{footer}");
            assert_eq!(own_words(&text), "Not fixed.", "{footer}");
        }
    }

    #[test]
    fn sign_offs_are_kept_by_own_words() {
        assert_eq!(own_words("Works now.\n\nKind regards,\nMaria"), "Works now.\n\nKind regards,\nMaria");
    }

    #[test]
    fn nothing_but_history_gives_nothing() {
        assert_eq!(own_words("On Tue, 3 Nov 2026, Support <s@c.com> wrote:\n> Is it fixed?"), "");
        assert_eq!(own_words(""), "");
    }

    #[test]
    fn strip_sign_off_in_each_language() {
        for (text, expected) in [
            ("It works now.\n\nBest regards,\nMaria Jensen\nFinance Operations | Fabrikam Inc.", "It works now."),
            ("Still broken.\nThanks,\nTom", "Still broken."),
            ("Es funktioniert.\n\nMit freundlichen Grüßen\nJonas Becker\nLeiter IT", "Es funktioniert."),
            ("Gibt es dafür eine Anleitung\n\nGruß Petra", "Gibt es dafür eine Anleitung"),
            ("Ça marche.\n\nCordialement,\nSophie", "Ça marche."),
            ("Le problème est résolu.\n\nBien à vous,\nJulien Moreau", "Le problème est résolu."),
            ("Ya funciona.\n\nSaludos,\nCarlos", "Ya funciona."),
            ("El problema persiste.\n\nAtentamente,\nJavier López\nDepartamento de Sistemas", "El problema persiste."),
            ("Solved.\n\nThanks again,\nBest regards,\nOmar", "Solved."),
            ("All good.\n\nCheers, Dave", "All good."),
        ] {
            assert_eq!(strip_sign_off(text), expected, "{text}");
        }
    }

    #[test]
    fn strip_sign_off_keeps_content() {
        assert_eq!(strip_sign_off("Thanks, it works now"), "Thanks, it works now");
        assert_eq!(strip_sign_off("Thanks!"), "Thanks!");
        assert_eq!(strip_sign_off("Hi,\n\nThank you!\n\nBob"), "Hi,\n\nThank you!\n\nBob");
        assert_eq!(strip_sign_off("Thanks!\nThe export works now.\nBest,\nSam"), "Thanks!\nThe export works now.");
        let long =
            "It works.\nRegards,\nThis line is far too long to be a name or a title under a sign-off, it is content.";
        assert_eq!(strip_sign_off(long), long);
        assert_eq!(strip_sign_off("Fixed?\nThanks\nWhy did it fail?"), "Fixed?\nThanks\nWhy did it fail?");
    }
}
