// The plugin's draftEmail (from pkg/) against handlebars and mustache
// rendering the same follow-up template with the same values.
//
// The plugin does the whole job on every call: it reads the case and its
// timeline, works out which follow-up is due, gathers the values (customer
// first name, dates in words, fallbacks), renders the subject and the plain
// text, and builds the escaped HTML body. The peers only render: they get
// the values ready-made (worked out once, before timing) and produce the
// same subject, text and HTML from precompiled templates. Every output of
// every engine must equal the plugin's before anything is timed.
//   cd bench/node && npm install && node draft.bench.mjs
import Handlebars from "handlebars";
import Mustache from "mustache";
import { Engine } from "case-followup";

import { NOW, cases, pluginConfig } from "./fixtures.mjs";
import { measure, ratio, us } from "./stats.mjs";

/** One follow-up template, written three times: for the plugin, handlebars and mustache. */
const TEMPLATES = {
  plugin: {
    subject: "Following up on case {{case.number}}{{#if case.title}}: {{case.title}}{{/if}}",
    body: [
      'Hello {{customer.firstName | "there"}},',
      "",
      'This is follow-up {{followUp.number}} of {{followUp.total}} on case {{case.number}}{{#if case.title}}, "{{case.title}}"{{/if}}.{{#if dates.lastContact}} We last wrote to you on {{dates.lastContact}}.{{/if}}',
      "",
      "{{#if dates.resolution}}If we don't hear from you by {{dates.resolution}}, we'll close the case.{{else}}Please reply when you can.{{/if}}",
      "",
      "Kind regards,",
      '{{representative.name | sender.name | "Customer Support"}}',
    ].join("\n"),
  },
  handlebars: {
    subject: "Following up on case {{caseNumber}}{{#if title}}: {{title}}{{/if}}",
    text: [
      "Hello {{firstName}},",
      "",
      'This is follow-up {{number}} of {{total}} on case {{caseNumber}}{{#if title}}, "{{title}}"{{/if}}.{{#if lastContact}} We last wrote to you on {{lastContact}}.{{/if}}',
      "",
      "{{#if resolution}}If we don't hear from you by {{resolution}}, we'll close the case.{{else}}Please reply when you can.{{/if}}",
      "",
      "Kind regards,",
      "{{representative}}",
    ].join("\n"),
    html: [
      "<p>Hello {{firstName}},</p>",
      "<p>This is follow-up {{number}} of {{total}} on case {{caseNumber}}{{#if title}}, &quot;{{title}}&quot;{{/if}}.{{#if lastContact}} We last wrote to you on {{lastContact}}.{{/if}}</p>",
      "<p>{{#if resolution}}If we don&#39;t hear from you by {{resolution}}, we&#39;ll close the case.{{else}}Please reply when you can.{{/if}}</p>",
      "<p>Kind regards,<br>{{representative}}</p>",
    ].join("\n"),
  },
  mustache: {
    subject: "Following up on case {{caseNumber}}{{#title}}: {{title}}{{/title}}",
    text: [
      "Hello {{firstName}},",
      "",
      'This is follow-up {{number}} of {{total}} on case {{caseNumber}}{{#title}}, "{{title}}"{{/title}}.{{#lastContact}} We last wrote to you on {{lastContact}}.{{/lastContact}}',
      "",
      "{{#resolution}}If we don't hear from you by {{resolution}}, we'll close the case.{{/resolution}}{{^resolution}}Please reply when you can.{{/resolution}}",
      "",
      "Kind regards,",
      "{{representative}}",
    ].join("\n"),
    html: [
      "<p>Hello {{firstName}},</p>",
      "<p>This is follow-up {{number}} of {{total}} on case {{caseNumber}}{{#title}}, &quot;{{title}}&quot;{{/title}}.{{#lastContact}} We last wrote to you on {{lastContact}}.{{/lastContact}}</p>",
      "<p>{{#resolution}}If we don&#39;t hear from you by {{resolution}}, we&#39;ll close the case.{{/resolution}}{{^resolution}}Please reply when you can.{{/resolution}}</p>",
      "<p>Kind regards,<br>{{representative}}</p>",
    ].join("\n"),
  },
};

const F = "@OData.Community.Display.V1.FormattedValue";
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
  "October", "November", "December"];

/** `Monday, 16 November 2026`, in UTC: the plugin's long date with no calendar configured. */
function longDate(iso) {
  if (!iso) return "";
  const date = new Date(iso);
  return `${WEEKDAYS[date.getUTCDay()]}, ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** The values the peers render, worked out from the plugin's decision (not timed). */
function peerValues(entry, decision) {
  const customer = entry.case[`_customerid_value${F}`] ?? "";
  return {
    caseNumber: entry.case.ticketnumber,
    title: entry.case.title,
    firstName: customer.split(/\s+/)[0] || "there",
    number: decision.followUps.sent + 1,
    total: decision.followUps.total,
    lastContact: longDate(decision.followUps.lastSentAt),
    resolution: longDate(decision.projectedResolutionAt),
    representative: entry.case[`_ownerid_value${F}`] ?? "Contoso Support",
  };
}

const config = pluginConfig(1);
const template = TEMPLATES.plugin;
config.rules[0].followUps.templates = { first: template, next: template, final: template };
const engine = new Engine(config);

// Cases with a follow-up due now: the ones a draft is asked for.
const REQUEST = { kind: "followUp" };
const due = [];
for (const entry of cases(400, 1, 5, 3)) {
  const decision = engine.evaluateRules(entry.case, entry.timeline, NOW);
  if (decision.state === "followUpDue") due.push({ entry, values: peerValues(entry, decision) });
}
if (due.length === 0) {
  console.error("no case has a follow-up due: the fixtures changed");
  process.exit(1);
}

const handlebars = {
  subject: Handlebars.compile(TEMPLATES.handlebars.subject, { noEscape: true }),
  text: Handlebars.compile(TEMPLATES.handlebars.text, { noEscape: true }),
  html: Handlebars.compile(TEMPLATES.handlebars.html),
};
const renderHandlebars = (values) => ({
  subject: handlebars.subject(values),
  textBody: handlebars.text(values),
  htmlBody: handlebars.html(values),
});
const noEscape = (value) => String(value);
const renderMustache = (values) => ({
  subject: Mustache.render(TEMPLATES.mustache.subject, values, {}, { escape: noEscape }),
  textBody: Mustache.render(TEMPLATES.mustache.text, values, {}, { escape: noEscape }),
  htmlBody: Mustache.render(TEMPLATES.mustache.html, values),
});

// Agreement first: the same subject, text and HTML for every case.
for (const { entry, values } of due) {
  const draft = engine.draftEmail(entry.case, entry.timeline, REQUEST, NOW);
  for (const [name, render] of [["handlebars", renderHandlebars], ["mustache", renderMustache]]) {
    const peer = render(values);
    for (const key of ["subject", "textBody", "htmlBody"]) {
      if (peer[key] !== draft[key]) {
        console.error(`${name} disagrees on ${key} for case ${entry.case.ticketnumber}:\n` +
          `plugin: ${JSON.stringify(draft[key])}\n${name}: ${JSON.stringify(peer[key])}`);
        process.exit(1);
      }
    }
  }
}

let turn = 0;
const pick = () => due[turn++ % due.length];
const plugin = await measure("plugin draftEmail", () => {
  const { entry } = pick();
  engine.draftEmail(entry.case, entry.timeline, REQUEST, NOW);
});
const handlebarsTime = await measure("handlebars", () => renderHandlebars(pick().values));
const mustacheTime = await measure("mustache", () => renderMustache(pick().values));
engine.free();

console.log(`\ndraftEmail per call (median / p99), ${due.length} cases with a follow-up due, Node ${process.version}`);
console.log("the plugin decides and drafts; handlebars and mustache render ready-made values\n");
for (const row of [plugin, handlebarsTime, mustacheTime]) {
  const versus = row === plugin ? "" : `  ${ratio(row.median, plugin.median)} the plugin's time`;
  console.log(`${row.name.padEnd(18)} ${us(row.median)} / ${us(row.p99)}${versus}`);
}
