// Building DOM nodes from data. Every text the server sends (descriptions, notes, decline reasons)
// goes in as a text node, never as HTML, so a report cannot inject markup into another party's page.

/**
 * h('button', {class: 'btn', onclick: f, 'aria-label': 'x'}, 'text', child, [more]) → element.
 * Props: class, text, dataset {…}, style {property: value} (custom properties too), on<event>
 * handlers, anything else as an attribute (false/null/undefined omit it, true sets it empty).
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (key === 'class') {
      el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    } else if (key === 'text') {
      el.textContent = value;
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (key === 'style') {
      // Through the CSSOM, never as an attribute: the page's Content-Security-Policy (style-src
      // 'self') refuses style attributes, and would drop the whole declaration silently.
      if (typeof value !== 'object') {
        throw new TypeError(`h(): style must be an object of properties, not ${JSON.stringify(value)}`);
      }
      for (const [property, v] of Object.entries(value)) {
        el.style.setProperty(property, v);
      }
    } else if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'value' || key === 'checked' || key === 'selected') {
      el[key] = value;
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
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

/** Replaces an element's children. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/**
 * Where the keyboard focus is inside a container, as a selector that finds the same control
 * after the container is rebuilt (live updates rebuild views; the focus must stay put).
 */
export function focusMark(container) {
  const el = document.activeElement;
  if (!el || !container.contains(el) || el === container) {
    return null;
  }
  if (el.id) {
    return `#${CSS.escape(el.id)}`;
  }
  if (el.dataset.id) {
    return `[data-id="${CSS.escape(el.dataset.id)}"]`;
  }
  if (el.dataset.action && el.closest('[data-tasking]')) {
    return `[data-tasking="${CSS.escape(el.closest('[data-tasking]').dataset.tasking)}"] [data-action="${el.dataset.action}"]`;
  }
  return el.name ? `[name="${CSS.escape(el.name)}"]` : null;
}

export function restoreFocus(container, mark) {
  if (mark) {
    container.querySelector(mark)?.focus({ preventScroll: true });
  }
}

/** A <select> whose options are [value, label] pairs, with one selected. */
export function select(props, options, selected) {
  return h(
    'select',
    props,
    options.map(([value, label]) => h('option', { value, selected: value === selected }, label)),
  );
}

/** A labelled form field with a slot for the server's message about it. */
export function field(label, control, { hint, id } = {}) {
  const controlId = control.id || id || `f-${Math.random().toString(36).slice(2, 9)}`;
  control.id = controlId;
  const error = h('p', { class: 'field-error', id: `${controlId}-error`, hidden: true });
  control.setAttribute('aria-describedby', `${controlId}-error`);
  return h(
    'div',
    { class: 'field' },
    h('label', { for: controlId }, label),
    control,
    hint ? h('p', { class: 'field-hint' }, hint) : null,
    error,
  );
}
