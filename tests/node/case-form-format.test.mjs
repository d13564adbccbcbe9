// The case form names the template a draft came from in words, never as
// the engine's `builtIn:first`.
import { test } from "node:test";
import assert from "node:assert/strict";

import { templateName } from "../../examples/case-form/format.js";

test("the template a draft came from is named in words", () => {
  assert.equal(templateName("builtIn:final"), "the built-in final follow-up template");
  assert.equal(templateName("builtIn:first"), "the built-in first follow-up template");
  assert.equal(templateName("rule:contoso:final"), "the rule's final follow-up template");
  assert.equal(templateName("global:next"), "the default follow-up template");
  assert.equal(templateName("global:reply"), "the default reply template");
  assert.equal(templateName("x"), "a template");
  assert.equal(templateName(undefined), "a template");
});
