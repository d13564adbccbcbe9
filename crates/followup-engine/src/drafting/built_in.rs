//! The built-in templates in each language, written as support emails
//! there read (Sie in German, vous in French, usted in Spanish), not word
//! for word. Every optional value sits in a section, so an empty case
//! number or title leaves no separator behind, and the final follow-up
//! dates the silence from the customer's latest message, never from ours.

use crate::language::Lang;

type Text = (&'static str, &'static str);

/// Subject and body of the first, next, final and reply templates in `lang`.
#[must_use]
pub fn texts(lang: Lang) -> [Text; 4] {
    match lang {
        Lang::En => [EN_FIRST, EN_NEXT, EN_FINAL, EN_REPLY],
        Lang::De => [DE_FIRST, DE_NEXT, DE_FINAL, DE_REPLY],
        Lang::Fr => [FR_FIRST, FR_NEXT, FR_FINAL, FR_REPLY],
        Lang::Es => [ES_FIRST, ES_NEXT, ES_FINAL, ES_REPLY],
    }
}

const EN_FIRST: Text = (
    "Checking in on your case{{#if case.number}} {{case.number}}{{/if}}{{#if case.title}}: {{case.title}}{{/if}}",
    "Hello{{#if customer.firstName}} {{customer.firstName}}{{/if}},

We're checking in on your case{{#if case.number}} {{case.number}}{{/if}}{{#if case.title}}, \"{{case.title}}\"{{/if}}.{{#if dates.lastContact}} We last wrote to you on {{dates.lastContact}} and haven't heard back since.{{/if}}

Is the issue resolved, or do you still need help? Just reply to this email and we'll pick it up.

{{#if dates.resolution}}If we don't hear from you by {{dates.resolution}}, we'll assume the issue is resolved and close the case. You can reopen it any time by replying.{{/if}}

{{caseDetails}}

Kind regards,
{{representative.name | sender.name | \"Customer Support\"}}",
);

const EN_NEXT: Text = (
    "Following up on your case{{#if case.number}} {{case.number}}{{/if}}{{#if case.title}}: {{case.title}}{{/if}}",
    "Hello{{#if customer.firstName}} {{customer.firstName}}{{/if}},

We're following up on your case{{#if case.number}} {{case.number}}{{/if}}{{#if case.title}}, \"{{case.title}}\"{{/if}}.{{#if dates.lastContact}} We haven't heard from you since our email of {{dates.lastContact}}.{{/if}}

Could you let us know whether the issue is resolved? If you still need help, reply to this email and tell us what you're seeing.

{{#if dates.resolution}}If we don't hear from you by {{dates.resolution}}, we'll close the case as resolved.{{/if}}

{{caseDetails}}

Kind regards,
{{representative.name | sender.name | \"Customer Support\"}}",
);

const EN_FINAL: Text = (
    "Final follow-up on your case{{#if case.number}} {{case.number}}{{/if}}{{#if case.title}}: {{case.title}}{{/if}}",
    "Hello{{#if customer.firstName}} {{customer.firstName}}{{/if}},

This is our last follow-up on your case{{#if case.number}} {{case.number}}{{/if}}{{#if case.title}}, \"{{case.title}}\"{{/if}}.{{#if dates.lastReply}} We haven't heard from you since {{dates.lastReply}}.{{else}}{{#if dates.lastContact}} We haven't had a reply to our email of {{dates.lastContact}}.{{/if}}{{/if}}

{{#if dates.resolution}}If we don't hear from you by {{dates.resolution}}, we'll consider the issue resolved and close the case.{{else}}If we don't hear from you, we'll consider the issue resolved and close the case.{{/if}} If you still need help, just reply to this email, even after the case is closed.

{{caseDetails}}

Kind regards,
{{representative.name | sender.name | \"Customer Support\"}}",
);

const EN_REPLY: Text = (
    "RE: {{reply.subject | case.title | \"your case\"}}",
    "Hello{{#if customer.firstName}} {{customer.firstName}}{{/if}},

Thank you for your reply{{#if reply.date}} of {{reply.date}}{{/if}}. You wrote:

{{reply.quote}}

We're looking into this and will get back to you shortly.

Kind regards,
{{representative.name | sender.name | \"Customer Support\"}}",
);

const DE_FIRST: Text = (
    "Nachfrage zu Ihrem Anliegen{{#if case.number}} {{case.number}}{{/if}}{{#if case.title}}: {{case.title}}{{/if}}",
    "{{#if customer.contactName}}Guten Tag {{customer.contactName}},{{else}}Guten Tag,{{/if}}

wir möchten gern wissen, wie es um Ihr Anliegen{{#if case.number}} {{case.number}}{{/if}}{{#if case.title}} „{{case.title}}“{{/if}} steht.{{#if dates.lastContact}} Wir haben Ihnen zuletzt am {{dates.lastContact}} geschrieben und seitdem nichts von Ihnen gehört.{{/if}}

Ist das Problem inzwischen gelöst, oder benötigen Sie noch Unterstützung? Antworten Sie einfach auf diese E-Mail, dann kümmern wir uns darum.

{{#if dates.resolution}}Sollten wir bis {{dates.resolution}} nichts von Ihnen hören, gehen wir davon aus, dass das Problem gelöst ist, und schließen den Fall. Sie können ihn jederzeit wieder öffnen, indem Sie auf diese E-Mail antworten.{{/if}}

{{caseDetails}}

Mit freundlichen Grüßen
{{representative.name | sender.name | \"Ihr Kundenservice\"}}",
);

const DE_NEXT: Text = (
    "Erneute Nachfrage zu Ihrem Anliegen{{#if case.number}} {{case.number}}{{/if}}{{#if case.title}}: {{case.title}}{{/if}}",
    "{{#if customer.contactName}}Guten Tag {{customer.contactName}},{{else}}Guten Tag,{{/if}}

wir kommen noch einmal auf Ihr Anliegen{{#if case.number}} {{case.number}}{{/if}}{{#if case.title}} „{{case.title}}“{{/if}} zurück.{{#if dates.lastContact}} Auf unsere E-Mail vom {{dates.lastContact}} haben wir noch keine Antwort erhalten.{{/if}}

Könnten Sie uns kurz mitteilen, ob das Problem gelöst ist? Falls Sie noch Hilfe benötigen, antworten Sie bitte auf diese E-Mail und beschreiben Sie, was Sie beobachten.

{{#if dates.resolution}}Sollten wir bis {{dates.resolution}} nichts von Ihnen hören, schließen wir den Fall als gelöst.{{/if}}

{{caseDetails}}

Mit freundlichen Grüßen
{{representative.name | sender.name | \"Ihr Kundenservice\"}}",
);

const DE_FINAL: Text = (
    "Letzte Nachfrage zu Ihrem Anliegen{{#if case.number}} {{case.number}}{{/if}}{{#if case.title}}: {{case.title}}{{/if}}",
    "{{#if customer.contactName}}Guten Tag {{customer.contactName}},{{else}}Guten Tag,{{/if}}

dies ist unsere letzte Nachfrage zu Ihrem Anliegen{{#if case.number}} {{case.number}}{{/if}}{{#if case.title}} „{{case.title}}“{{/if}}.{{#if dates.lastReply}} Ihre letzte Nachricht an uns stammt vom {{dates.lastReply}}.{{else}}{{#if dates.lastContact}} Auf unsere E-Mail vom {{dates.lastContact}} haben wir keine Antwort erhalten.{{/if}}{{/if}}

{{#if dates.resolution}}Sollten wir bis {{dates.resolution}} nichts von Ihnen hören, betrachten wir das Problem als gelöst und schließen den Fall.{{else}}Sollten wir nichts mehr von Ihnen hören, betrachten wir das Problem als gelöst und schließen den Fall.{{/if}} Falls Sie doch noch Hilfe benötigen, antworten Sie einfach auf diese E-Mail, auch nachdem der Fall geschlossen wurde.

{{caseDetails}}

Mit freundlichen Grüßen
{{representative.name | sender.name | \"Ihr Kundenservice\"}}",
);

const DE_REPLY: Text = (
    "AW: {{reply.subject | case.title | \"Ihr Anliegen\"}}",
    "{{#if customer.contactName}}Guten Tag {{customer.contactName}},{{else}}Guten Tag,{{/if}}

vielen Dank für Ihre Nachricht{{#if reply.date}} vom {{reply.date}}{{/if}}. Sie schrieben:

{{reply.quote}}

Wir sehen uns das an und melden uns in Kürze bei Ihnen.

Mit freundlichen Grüßen
{{representative.name | sender.name | \"Ihr Kundenservice\"}}",
);

const FR_FIRST: Text = (
    "Suivi de votre demande{{#if case.number}} {{case.number}}{{/if}}{{#if case.title}} : {{case.title}}{{/if}}",
    "{{#if customer.contactName}}Bonjour {{customer.contactName}},{{else}}Bonjour,{{/if}}

Nous revenons vers vous au sujet de votre demande{{#if case.number}} {{case.number}}{{/if}}{{#if case.title}} « {{case.title}} »{{/if}}.{{#if dates.lastContact}} Nous vous avons écrit pour la dernière fois le {{dates.lastContact}} et n'avons pas eu de nouvelles depuis.{{/if}}

Votre problème est-il résolu, ou avez-vous encore besoin d'aide ? Il vous suffit de répondre à cet e-mail et nous prendrons le relais.

{{#if dates.resolution}}Sans nouvelles de votre part d'ici le {{dates.resolution}}, nous considérerons que le problème est résolu et clôturerons la demande. Vous pourrez la rouvrir à tout moment en répondant à cet e-mail.{{/if}}

{{caseDetails}}

Cordialement,
{{representative.name | sender.name | \"Le service client\"}}",
);

const FR_NEXT: Text = (
    "Relance concernant votre demande{{#if case.number}} {{case.number}}{{/if}}{{#if case.title}} : {{case.title}}{{/if}}",
    "{{#if customer.contactName}}Bonjour {{customer.contactName}},{{else}}Bonjour,{{/if}}

Nous nous permettons de revenir vers vous concernant votre demande{{#if case.number}} {{case.number}}{{/if}}{{#if case.title}} « {{case.title}} »{{/if}}.{{#if dates.lastContact}} Nous n'avons pas eu de réponse à notre e-mail du {{dates.lastContact}}.{{/if}}

Pourriez-vous nous indiquer si le problème est résolu ? Si vous avez encore besoin d'aide, répondez simplement à cet e-mail en nous décrivant ce que vous constatez.

{{#if dates.resolution}}Sans nouvelles de votre part d'ici le {{dates.resolution}}, nous clôturerons la demande comme résolue.{{/if}}

{{caseDetails}}

Cordialement,
{{representative.name | sender.name | \"Le service client\"}}",
);

const FR_FINAL: Text = (
    "Dernière relance concernant votre demande{{#if case.number}} {{case.number}}{{/if}}{{#if case.title}} : {{case.title}}{{/if}}",
    "{{#if customer.contactName}}Bonjour {{customer.contactName}},{{else}}Bonjour,{{/if}}

Ceci est notre dernière relance concernant votre demande{{#if case.number}} {{case.number}}{{/if}}{{#if case.title}} « {{case.title}} »{{/if}}.{{#if dates.lastReply}} Votre dernier message date du {{dates.lastReply}}.{{else}}{{#if dates.lastContact}} Nous n'avons pas eu de réponse à notre e-mail du {{dates.lastContact}}.{{/if}}{{/if}}

{{#if dates.resolution}}Sans nouvelles de votre part d'ici le {{dates.resolution}}, nous considérerons que le problème est résolu et clôturerons la demande.{{else}}Sans nouvelles de votre part, nous considérerons que le problème est résolu et clôturerons la demande.{{/if}} Si vous avez encore besoin d'aide, répondez simplement à cet e-mail, même après la clôture de la demande.

{{caseDetails}}

Cordialement,
{{representative.name | sender.name | \"Le service client\"}}",
);

const FR_REPLY: Text = (
    "RE : {{reply.subject | case.title | \"votre demande\"}}",
    "{{#if customer.contactName}}Bonjour {{customer.contactName}},{{else}}Bonjour,{{/if}}

Merci pour votre message{{#if reply.date}} du {{reply.date}}{{/if}}. Vous nous avez écrit :

{{reply.quote}}

Nous examinons votre demande et revenons vers vous très rapidement.

Cordialement,
{{representative.name | sender.name | \"Le service client\"}}",
);

const ES_FIRST: Text = (
    "Seguimiento de su caso{{#if case.number}} {{case.number}}{{/if}}{{#if case.title}}: {{case.title}}{{/if}}",
    "{{#if customer.firstName}}Hola, {{customer.firstName}}:{{else}}Hola:{{/if}}

Nos ponemos en contacto con usted en relación con su caso{{#if case.number}} {{case.number}}{{/if}}{{#if case.title}}, «{{case.title}}»{{/if}}.{{#if dates.lastContact}} Le escribimos por última vez el {{dates.lastContact}} y desde entonces no hemos tenido noticias suyas.{{/if}}

¿Se ha resuelto el problema o todavía necesita ayuda? Basta con que responda a este correo y nos ocuparemos de ello.

{{#if dates.resolution}}Si no recibimos noticias suyas antes del {{dates.resolution}}, daremos el problema por resuelto y cerraremos el caso. Puede volver a abrirlo en cualquier momento respondiendo a este correo.{{/if}}

{{caseDetails}}

Saludos cordiales,
{{representative.name | sender.name | \"Atención al cliente\"}}",
);

const ES_NEXT: Text = (
    "Nuevo seguimiento de su caso{{#if case.number}} {{case.number}}{{/if}}{{#if case.title}}: {{case.title}}{{/if}}",
    "{{#if customer.firstName}}Hola, {{customer.firstName}}:{{else}}Hola:{{/if}}

Volvemos a ponernos en contacto con usted en relación con su caso{{#if case.number}} {{case.number}}{{/if}}{{#if case.title}}, «{{case.title}}»{{/if}}.{{#if dates.lastContact}} No hemos recibido respuesta a nuestro correo del {{dates.lastContact}}.{{/if}}

¿Podría indicarnos si el problema se ha resuelto? Si todavía necesita ayuda, responda a este correo y cuéntenos qué está ocurriendo.

{{#if dates.resolution}}Si no recibimos noticias suyas antes del {{dates.resolution}}, cerraremos el caso como resuelto.{{/if}}

{{caseDetails}}

Saludos cordiales,
{{representative.name | sender.name | \"Atención al cliente\"}}",
);

const ES_FINAL: Text = (
    "Último seguimiento de su caso{{#if case.number}} {{case.number}}{{/if}}{{#if case.title}}: {{case.title}}{{/if}}",
    "{{#if customer.firstName}}Hola, {{customer.firstName}}:{{else}}Hola:{{/if}}

Este es nuestro último seguimiento de su caso{{#if case.number}} {{case.number}}{{/if}}{{#if case.title}}, «{{case.title}}»{{/if}}.{{#if dates.lastReply}} Su último mensaje es del {{dates.lastReply}}.{{else}}{{#if dates.lastContact}} No hemos recibido respuesta a nuestro correo del {{dates.lastContact}}.{{/if}}{{/if}}

{{#if dates.resolution}}Si no recibimos noticias suyas antes del {{dates.resolution}}, daremos el problema por resuelto y cerraremos el caso.{{else}}Si no recibimos noticias suyas, daremos el problema por resuelto y cerraremos el caso.{{/if}} Si todavía necesita ayuda, responda a este correo, incluso después de que se haya cerrado el caso.

{{caseDetails}}

Saludos cordiales,
{{representative.name | sender.name | \"Atención al cliente\"}}",
);

const ES_REPLY: Text = (
    "RE: {{reply.subject | case.title | \"su caso\"}}",
    "{{#if customer.firstName}}Hola, {{customer.firstName}}:{{else}}Hola:{{/if}}

Gracias por su mensaje{{#if reply.date}} del {{reply.date}}{{/if}}. Nos escribió:

{{reply.quote}}

Estamos revisándolo y le responderemos en breve.

Saludos cordiales,
{{representative.name | sender.name | \"Atención al cliente\"}}",
);
