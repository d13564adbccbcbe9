// The code blocks of the READMEs that are run by the tests: each is marked
// by an HTML comment just above it, `<!-- snippet: NAME [key=value ...] -->`.
import { readFileSync } from "node:fs";

const MARKED = /<!-- snippet: ([\w-]+)((?: [\w-]+=[\w.-]+)*) -->\n```(\w+)\n([\s\S]*?)\n```/g;

/** The marked snippets of a README (path from the repository root), by name. */
export function snippets(readme) {
  const text = readFileSync(new URL(`../../${readme}`, import.meta.url), "utf8");
  const found = new Map();
  for (const [, name, options, language, code] of text.matchAll(MARKED)) {
    const settings = Object.fromEntries(options.trim().split(/\s+/).filter(Boolean).map((pair) => pair.split("=")));
    found.set(name, { name, language, code, settings, readme });
  }
  return found;
}

/** Every fenced code block of a README, marked or not (to check none is left unrun). */
export function codeBlockCount(readme) {
  const text = readFileSync(new URL(`../../${readme}`, import.meta.url), "utf8");
  return (text.match(/^```\w+$/gm) ?? []).length;
}
