// TEST ONLY, temporary: until the engine accepts a timeline in any order
// (issue 19, "The engine sorts, the host does not have to"), the tests
// hand the form library an engine that sorts the timeline first, by each
// item's own time. The shipped form library and sweep never sort. Delete
// this file, and its use in the tests, when that lands.
(function () {
  "use strict";
  function timeOf(item) {
    var keys = ["at", "sentAt", "senton", "actualend", "createdon"];
    for (var i = 0; i < keys.length; i += 1) {
      if (typeof item[keys[i]] === "string") return Date.parse(item[keys[i]]);
    }
    return NaN;
  }
  function sorted(timeline) {
    return (timeline || []).slice().sort(function (a, b) { return timeOf(a) - timeOf(b); });
  }
  globalThis.untilEngineSorts = function (engine) {
    return {
      evaluateRules: function (caseRecord, timeline, now) { return engine.evaluateRules(caseRecord, sorted(timeline), now); },
      evaluateMany: function (cases, now) {
        return engine.evaluateMany(cases.map(function (input) { return { case: input.case, timeline: sorted(input.timeline) }; }), now);
      },
    };
  };
})();
