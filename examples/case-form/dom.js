// The one way this page builds DOM: elements from a tag, a few properties
// and children, where every string becomes a text node. Case data (titles,
// emails, names) comes from customers and must never be parsed as markup,
// so nothing here touches innerHTML.

/**
 * Creates an element.
 * @param {string} tag
 * @param {{class?: string, text?: string, attrs?: Record<string, string|boolean|undefined>, on?: Record<string, (event: Event) => void>, props?: Record<string, unknown>}} [options]
 * @param {...(Node|string|null|undefined|false)} children strings become text nodes; empty values are skipped
 */
export function h(tag, options = {}, ...children) {
  const element = document.createElement(tag);
  if (options.class) element.className = options.class;
  if (options.text !== undefined) element.textContent = options.text;
  for (const [name, value] of Object.entries(options.attrs ?? {})) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? "" : value);
  }
  for (const [name, value] of Object.entries(options.props ?? {})) element[name] = value;
  for (const [type, listener] of Object.entries(options.on ?? {})) element.addEventListener(type, listener);
  append(element, ...children);
  return element;
}

/** Appends children; strings become text nodes, empty values are skipped. */
export function append(parent, ...children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return parent;
}

/** Replaces an element's children. */
export function replaceChildren(parent, ...children) {
  parent.replaceChildren();
  return append(parent, ...children);
}

/** The element with this id; a missing one is a bug in index.html. */
export function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`index.html has no element #${id}`);
  return element;
}
