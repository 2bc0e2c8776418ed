// Building the page from data. Every value from the API or a sheet goes in as text (a text node or
// textContent), never as markup, so a student id such as <img src=x onerror=alert(1)> shows as
// those characters. Events are attached with addEventListener; no attribute ever holds code.

/** An element with attributes (strings), an optional `text`, `class` and `on<event>` listeners, and children. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (key === 'class') {
      node.className = value;
    } else if (key === 'text') {
      node.textContent = value;
    } else if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2), value);
    } else {
      node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(node, children);
  return node;
}

/** Appends children (nodes, or anything else as text), skipping null, undefined and false. */
export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function byId(id) {
  const node = document.getElementById(id);
  if (!node) {
    throw new Error(`the page has no #${id}`);
  }
  return node;
}

/** Replaces the children of `node`. */
export function fill(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

/** A definition list's pairs: [[term, description], …]. */
export function definitions(node, pairs) {
  fill(node, pairs.flatMap(([term, description]) => [el('dt', { text: term }), el('dd', {}, description)]));
}

/** Shows `message` in the element (an error or status line placed beside what it is about), or hides it. */
export function say(node, message) {
  node.textContent = message ?? '';
  node.hidden = !message;
}
