// Boots the case form: loads a case (a data file: config, incident row,
// timeline and the clock's start), loads the follow-up plugin from pkg/,
// and wires the views to the session.
//
// Query parameters (for demos and tests):
//   data=<path>   another data file, same origin only (default data/contoso-coffee.json)
//   now=<ISO>     the clock's start (default: the data file's startAt)

import init, { Engine } from "../../pkg/web/followup.js";
import { CaseSession } from "./case-session.js";
import { byId, h, replaceChildren } from "./dom.js";
import { createCaseHeader } from "./views/case-header.js";
import { createDemoControls } from "./views/demo-controls.js";
import { createEmailDialog } from "./views/email-dialog.js";
import { createResolutionDialog } from "./views/resolution-dialog.js";
import { createSuggestedActions } from "./views/suggested-actions.js";
import { createTimeline } from "./views/timeline.js";

const DEFAULT_DATA = "data/contoso-coffee.json";

/** A data file's URL; only this site's files are loaded. */
function dataUrl(params) {
  const url = new URL(params.get("data") ?? DEFAULT_DATA, location.href);
  if (url.origin !== location.origin) throw new Error(`data files must come from ${location.origin}`);
  return url;
}

async function loadScenario(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url.pathname}: HTTP ${response.status}`);
  return response.json();
}

function showError(error) {
  const banner = byId("load-error");
  const problems = Array.isArray(error?.errors) ? error.errors.map((problem) => `${problem.path}: ${problem.message}`) : [];
  replaceChildren(banner,
    h("strong", { text: "Something went wrong. " }),
    String(error?.message ?? error),
    problems.length ? h("ul", {}, ...problems.map((problem) => h("li", { text: problem }))) : null);
  banner.hidden = false;
}

async function main() {
  // A failure after start-up (a call the plugin refused) is shown too, not only logged.
  window.addEventListener("error", (event) => showError(event.error ?? event.message));
  window.addEventListener("unhandledrejection", (event) => showError(event.reason));
  const params = new URLSearchParams(location.search);
  const [scenario] = await Promise.all([loadScenario(dataUrl(params)), init()]);
  const session = new CaseSession({ engine: new Engine(scenario.config), scenario, now: params.get("now") ?? undefined });

  const resolutionDialog = createResolutionDialog(session);
  const emailDialog = createEmailDialog(session);
  const views = [
    createCaseHeader(session),
    createTimeline(session),
    createDemoControls(session),
    createSuggestedActions(session, {
      onItem: (item) => (item.kind === "resolveCase" ? resolutionDialog.show(item) : emailDialog.show(item)),
    }),
  ];
  session.onChange(() => {
    for (const view of views) view.render();
    byId("command-resolve").disabled = !session.isActive;
  });
  byId("command-resolve").addEventListener("click", () => resolutionDialog.show(null));

  session.evaluate("Form opened");
  // Tests wait for this; a person never sees it.
  document.body.dataset.ready = "true";
}

main().catch((error) => {
  showError(error);
  document.body.dataset.ready = "error";
  throw error;
});
