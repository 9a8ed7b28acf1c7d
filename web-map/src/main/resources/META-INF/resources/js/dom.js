// Building DOM nodes without HTML strings: every piece of data becomes a text node, so
// nothing from the server is ever parsed as markup.

/**
 * Creates an element. props: className, href, title, ariaLabel, dataset entries (data-*);
 * children: nodes, strings (as text), numbers, null/undefined/false (skipped) or arrays.
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  if (props) {
    for (const [name, value] of Object.entries(props)) {
      if (value == null || value === false) {
        continue;
      }
      if (name === 'className') {
        el.className = value;
      } else if (name === 'dataset') {
        Object.assign(el.dataset, value);
      } else if (name === 'href') {
        el.href = value;
      } else {
        el.setAttribute(name, String(value));
      }
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child == null || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(el, child);
    } else if (child instanceof Node) {
      el.appendChild(child);
    } else {
      el.appendChild(document.createTextNode(String(child)));
    }
  }
}

/** Appends children to el like h() does (nodes, text, numbers, arrays; null/false skipped). */
export function appendChildren(el, ...children) {
  append(el, children);
  return el;
}

/** Removes all children of el. */
export function clear(el) {
  while (el.firstChild) {
    el.removeChild(el.firstChild);
  }
}

/** A tel: link for a phone number (only digits and + go into the address). */
export function telLink(phone, label) {
  const digits = String(phone).replace(/[^0-9+]/g, '');
  return h('a', { className: 'gm-tel', href: 'tel:' + digits, title: label }, String(phone));
}
