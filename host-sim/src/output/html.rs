//! The backtest report: one self-contained HTML file (no request leaves
//! it: styles, charts and the filter script are inline, and its content
//! security policy forbids anything else), readable from `file://`. The
//! totals, a table per rule, four charts, the shadow comparison, and cases
//! with their timelines (every case resolved too early, up to a limit, and
//! a sample of each rule and outcome), filtered by rule and outcome.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::TimeDelta;
use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};

use super::charts;
use super::totals::RunInfo;
use crate::summary::{OUTCOME_KINDS, Summary};
use crate::timefmt::span;

/// Cases resolved too early shown with their timelines, at most.
pub const MAX_TOO_EARLY: usize = 500;
/// Other cases shown per rule and outcome, at most.
pub const SAMPLE_PER_GROUP: usize = 10;

/// A case as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseCard {
    /// Ticket number (or id) and title.
    pub heading: String,
    /// Where it came from.
    pub origin: String,
    /// The rule it counts for (`-`: none).
    pub rule: String,
    /// How it ended (an outcome kind).
    pub outcome: &'static str,
    /// How it ended, in a sentence.
    pub ending: String,
    /// Time, who, what, details.
    pub rows: Vec<[String; 4]>,
    /// The shadow comparison's lines, for shadow runs.
    pub shadow: Option<String>,
}

/// The cases kept for the report, bounded whatever the run's size.
#[derive(Debug, Default)]
pub struct Cards {
    kept: Vec<CaseCard>,
    too_early: usize,
    per_group: BTreeMap<(String, &'static str), usize>,
    /// Cases resolved too early that were not kept.
    pub too_early_left_out: u64,
}

impl Cards {
    /// Keeps `card` if its group has room.
    pub fn offer(&mut self, card: CaseCard) {
        if card.outcome == "resolved too early" {
            if self.too_early < MAX_TOO_EARLY {
                self.too_early += 1;
                self.kept.push(card);
            } else {
                self.too_early_left_out += 1;
            }
            return;
        }
        let count = self.per_group.entry((card.rule.clone(), card.outcome)).or_default();
        if *count < SAMPLE_PER_GROUP {
            *count += 1;
            self.kept.push(card);
        }
    }
}

const STYLE: &str = "body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:16px 24px;color:#1d1d1f}\
h1{font-size:24px;margin:8px 0}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}\
.meta{color:#555}.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));gap:8px;margin:0}\
.figures div{background:#f5f7fa;border-radius:6px;padding:8px 10px}.figures dt{color:#555;font-size:12px}.figures dd{margin:0;font-size:20px;font-weight:600}\
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eee;vertical-align:top}\
th{background:#f5f7fa;font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(480px,1fr));gap:16px}.charts figure{margin:0}\
figcaption{font-weight:600;margin-bottom:4px}svg{width:100%;height:auto;font-family:system-ui,sans-serif}\
details{border:1px solid #e3e3e3;border-radius:6px;margin:6px 0;padding:4px 10px}summary{cursor:pointer}\
details table{font-size:12px;margin:6px 0}.tag{display:inline-block;border-radius:4px;padding:0 6px;font-size:12px;background:#eceff1}\
.too-early{background:#ffebee}.filters{display:flex;gap:16px;margin:8px 0}.hidden{display:none}pre{white-space:pre-wrap;font-size:12px}";

const SCRIPT: &str = "(function(){var rule=document.getElementById('filter-rule'),outcome=document.getElementById('filter-outcome'),\
count=document.getElementById('shown');function apply(){var shown=0;document.querySelectorAll('[data-case]').forEach(function(el){\
var ok=(rule.value===''||el.dataset.rule===rule.value)&&(outcome.value===''||el.dataset.outcome===outcome.value);\
el.classList.toggle('hidden',!ok);if(ok)shown++;});document.querySelectorAll('tr[data-rule]').forEach(function(row){\
row.classList.toggle('too-early',rule.value!==''&&row.dataset.rule===rule.value);});count.textContent=shown;}\
rule.addEventListener('change',apply);outcome.addEventListener('change',apply);apply();})();";

/// Writes the whole report.
#[must_use]
pub fn render(summary: &Summary, run: &RunInfo, inputs: &[String], cards: &Cards) -> String {
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>host-sim backtest report</title>");
    let _ = write!(out, "<style>{STYLE}</style></head><body>");
    out.push_str("<header><h1>What the follow-up rules would have done</h1>");
    let _ = write!(
        out,
        "<p class=\"meta\">Input: {}<br>Times in <b data-figure=\"zone\">{}</b><br>Representative policy: <span data-figure=\"policy\">{}</span>",
        text(&inputs.join(", ")),
        text(&run.zone),
        text(&run.policy)
    );
    if run.interrupted {
        out.push_str("<br><b>Interrupted (Ctrl-C): these figures cover the cases replayed before it only.</b>");
    }
    out.push_str("</p></header>");
    figures(&mut out, summary);
    rules_table(&mut out, summary);
    charts_section(&mut out, summary);
    if run.shadow {
        shadow_section(&mut out, summary);
    }
    cases_section(&mut out, summary, cards);
    let _ = writeln!(out, "<script>{SCRIPT}</script></body></html>");
    out
}

fn figure(out: &mut String, key: &str, label: &str, value: &str) {
    let _ = write!(out, "<div><dt>{}</dt><dd data-figure=\"{}\">{}</dd></div>", text(label), attr(key), text(value));
}

fn minutes(value: Option<i64>) -> String {
    value.map_or_else(|| "-".to_owned(), |m| span(TimeDelta::minutes(m)))
}

fn figures(out: &mut String, summary: &Summary) {
    out.push_str("<h2>Totals</h2><dl class=\"figures\">");
    figure(out, "casesSeen", "cases seen", &summary.cases_seen.to_string());
    figure(out, "followUpsByAgent", "follow-ups by the agent", &summary.follow_ups_by_agent.to_string());
    figure(
        out,
        "followUpsByRepresentative",
        "follow-ups by representatives",
        &summary.follow_ups_by_representative.to_string(),
    );
    figure(out, "casesResolved", "cases resolved", &summary.resolved().to_string());
    figure(out, "resolvedTooEarly", "resolved too early", &summary.resolved_too_early.to_string());
    figure(out, "repliesWritten", "replies written", &summary.replies_written.to_string());
    figure(out, "casesReopened", "cases reopened", &summary.reopened.to_string());
    figure(
        out,
        "medianTimeToResolution",
        "median time to resolution",
        &minutes(summary.median_minutes_to_resolution()),
    );
    figure(out, "p90TimeToResolution", "p90 time to resolution", &minutes(summary.to_resolution.quantile(0.9)));
    figure(out, "noRule", "no rule applies", &summary.no_rule.to_string());
    figure(out, "skipped", "skipped (bad input)", &summary.skipped.to_string());
    out.push_str("</dl>");
}

fn rules_table(out: &mut String, summary: &Summary) {
    out.push_str("<h2>Per rule</h2><table><thead><tr><th>rule</th><th>name</th><th class=\"n\">cases matched</th>\
<th class=\"n\">follow-ups by agent</th><th class=\"n\">by representative</th><th class=\"n\">resolved</th>\
<th class=\"n\">resolved too early</th><th>replies by kind</th><th class=\"n\">median to resolution</th><th class=\"n\">p90</th></tr></thead><tbody>");
    for (key, stats) in &summary.rules {
        let kinds: Vec<String> = Summary::kinds(&stats.replies_by_kind)
            .filter(|(_, count)| *count > 0)
            .map(|(kind, count)| format!("{kind} {count}"))
            .collect();
        let cell = |name: &str, value: String| {
            format!("<td class=\"n\" data-figure=\"rules.{}.{name}\">{}</td>", attr(key), text(&value))
        };
        let _ = write!(
            out,
            "<tr data-rule=\"{}\"><td>{}</td><td>{}</td>{}{}{}{}{}<td>{}</td>{}{}</tr>",
            attr(key),
            text(key),
            text(&stats.name),
            cell("matched", stats.matched.to_string()),
            cell("followUpsByAgent", stats.follow_ups_by_agent.to_string()),
            cell("followUpsByRepresentative", stats.follow_ups_by_representative.to_string()),
            cell("resolved", stats.resolved.to_string()),
            cell("resolvedTooEarly", stats.resolved_too_early.to_string()),
            text(&kinds.join(" · ")),
            cell("median", minutes(stats.to_resolution.quantile(0.5))),
            cell("p90", minutes(stats.to_resolution.quantile(0.9))),
        );
    }
    if summary.no_rule > 0 {
        let _ = write!(
            out,
            "<tr><td>(no rule)</td><td></td><td class=\"n\">{}</td><td colspan=\"7\"></td></tr>",
            summary.no_rule
        );
    }
    out.push_str("</tbody></table>");
}

fn charts_section(out: &mut String, summary: &Summary) {
    out.push_str("<h2>Charts</h2><div class=\"charts\">");
    let max_days = summary.to_resolution.quantile(1.0).unwrap_or(0) / 1440;
    let (width, unit) = if max_days < 3 { (60, "h") } else { (1440, "d") };
    let bins: Vec<(String, u64)> = summary
        .to_resolution
        .bins(width)
        .into_iter()
        .map(|(start, count)| (format!("{}{unit}", start / width), count))
        .collect();
    chart(
        out,
        "Time to resolution",
        &charts::bars("Resolved cases by time from opening to resolution", &bins, "#2f7d32"),
    );
    let per_case: Vec<(String, u64)> =
        summary.follow_ups_per_case.iter().map(|(count, cases)| (count.to_string(), *cases)).collect();
    chart(out, "Follow-ups per case", &charts::bars("Cases by follow-ups the replay sent", &per_case, "#1565c0"));
    chart(
        out,
        "Follow-ups sent per weekday and hour",
        &charts::heat_map("Follow-ups sent per weekday and hour", &summary.sends_by_hour),
    );
    let mut rows: Vec<(String, BTreeMap<&'static str, u64>)> =
        summary.rules.iter().map(|(key, stats)| (key.clone(), stats.outcomes.clone())).collect();
    if summary.no_rule > 0 {
        rows.push(("(no rule)".to_owned(), BTreeMap::from([("no rule", summary.no_rule)])));
    }
    chart(out, "Outcomes per rule", &charts::stacked("Outcomes per rule", &rows, &OUTCOME_KINDS));
    out.push_str("</div>");
}

fn chart(out: &mut String, caption: &str, svg: &str) {
    let _ = write!(out, "<figure><figcaption>{}</figcaption>{svg}</figure>", text(caption));
}

fn shadow_section(out: &mut String, summary: &Summary) {
    let shadow = &summary.shadow;
    out.push_str("<h2>Shadow: the rules beside what representatives did</h2><dl class=\"figures\">");
    figure(out, "shadow.compared", "cases compared", &shadow.compared.to_string());
    figure(out, "shadow.agreed", "cases where they agree", &shadow.agreed.to_string());
    #[expect(clippy::cast_precision_loss, reason = "a percentage for people")]
    let rate = if shadow.compared == 0 {
        "-".to_owned()
    } else {
        format!("{:.1}%", shadow.agreed as f64 * 100.0 / shadow.compared as f64)
    };
    figure(out, "shadow.agreement", "agreement rate", &rate);
    figure(out, "shadow.resolvedEarlier", "would have resolved earlier", &shadow.resolved_earlier.to_string());
    figure(out, "shadow.earlierBy", "median lead over the recorded closing", &minutes(shadow.earlier_by.quantile(0.5)));
    figure(
        out,
        "shadow.answeredAfterResolving",
        "would have resolved, then the customer answered",
        &shadow.answered_after_resolving.to_string(),
    );
    figure(out, "shadow.unsentFollowUps", "follow-ups nobody sent", &shadow.unsent_follow_ups.to_string());
    figure(out, "shadow.wouldFollowUps", "follow-ups the rules would send", &shadow.would_follow_ups.to_string());
    out.push_str("</dl>");
}

fn cases_section(out: &mut String, summary: &Summary, cards: &Cards) {
    out.push_str("<h2>Cases</h2><p class=\"meta\">Every case resolved too early (up to 500), and up to 10 of each rule and outcome.");
    if cards.too_early_left_out > 0 {
        let _ = write!(out, " {} more cases resolved too early are left out.", cards.too_early_left_out);
    }
    out.push_str("</p><div class=\"filters\"><label>Rule <select id=\"filter-rule\"><option value=\"\">all</option>");
    for key in summary.rules.keys() {
        let _ = write!(out, "<option value=\"{}\">{}</option>", attr(key), text(key));
    }
    out.push_str("<option value=\"-\">(no rule)</option></select></label><label>Outcome <select id=\"filter-outcome\"><option value=\"\">all</option>");
    for kind in OUTCOME_KINDS {
        let selected = if kind == "resolved too early" && summary.resolved_too_early > 0 { " selected" } else { "" };
        let _ = write!(out, "<option value=\"{kind}\"{selected}>{kind}</option>");
    }
    out.push_str("</select></label><span><span id=\"shown\">0</span> shown</span></div>");
    for card in &cards.kept {
        let _ = write!(
            out,
            "<details data-case data-rule=\"{}\" data-outcome=\"{}\"><summary>{} <span class=\"tag\">{}</span> <span class=\"tag\">{}</span></summary><p class=\"meta\">{} · {}</p><table>",
            attr(&card.rule),
            card.outcome,
            text(&card.heading),
            text(&card.rule),
            card.outcome,
            text(&card.origin),
            text(&card.ending)
        );
        for [at, actor, verb, detail] in &card.rows {
            let class = if detail.contains("resolved too early") { " class=\"too-early\"" } else { "" };
            let _ = write!(
                out,
                "<tr{class}><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                text(at),
                text(actor),
                text(verb),
                text(detail)
            );
        }
        out.push_str("</table>");
        if let Some(shadow) = &card.shadow {
            let _ = write!(out, "<pre>{}</pre>", text(shadow));
        }
        out.push_str("</details>");
    }
}
