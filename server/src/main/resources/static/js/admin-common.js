// Shared by the admin console's pages (docs/admin-console.md): JSON calls with the session and
// the CSRF header, the page's texts, problems shown at their fields, and skill rows.

const textsHolder = document.getElementById('admin-texts');
const TEXTS = textsHolder ? JSON.parse(textsHolder.dataset.texts) : {};

/** A text of the page's language; {0}, {1}… are replaced by the arguments. */
export function t(key, ...args) {
  const text = TEXTS[key] ?? key;
  return text.replace(/\{(\d)\}/g, (_, i) => args[Number(i)] ?? '');
}

function csrf() {
  const token = document.querySelector('meta[name="_csrf"]');
  const header = document.querySelector('meta[name="_csrf_header"]');
  return token && header ? { [header.content]: token.content } : {};
}

/** Calls the API; resolves to {ok, status, body} (body: the JSON answer or the problem, or null). */
export async function api(method, url, body) {
  const options = { method, headers: { Accept: 'application/json', ...csrf() } };
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  let r;
  try {
    r = await fetch(url, options);
  } catch (e) {
    return { ok: false, status: 0, body: { code: 'network' } };
  }
  const text = await r.text();
  let json = null;
  if (text) {
    try { json = JSON.parse(text); } catch (e) { json = null; }
  }
  return { ok: r.ok, status: r.status, body: json };
}

/** The field errors of a problem body: its errors list, or its one code and field. */
export function problemErrors(problem) {
  if (!problem) return [];
  if (Array.isArray(problem.errors) && problem.errors.length) return problem.errors;
  return [{ field: problem.field, code: problem.code, message: problem.detail }];
}

/** A problem's message in the page's language: by field and code, by code, else the server's words. */
export function problemText(e) {
  const byField = e.field ? TEXTS['err.' + e.field.replace(/^nodes\.[^.]+\./, 'node.') + '.' + e.code] : null;
  return byField ?? TEXTS['err.' + e.code] ?? e.message ?? e.code ?? t('err.unknown');
}

/** Removes every error shown in a container. */
export function clearErrors(root) {
  root.querySelectorAll('.field-error').forEach(p => p.remove());
  root.querySelectorAll('[aria-invalid="true"]').forEach(el => {
    el.removeAttribute('aria-invalid');
    const ids = (el.getAttribute('aria-describedby') || '').split(' ').filter(id => !id.startsWith('err-'));
    if (ids.length) el.setAttribute('aria-describedby', ids.join(' ')); else el.removeAttribute('aria-describedby');
  });
}

let errorSeq = 0;

/** Shows a message under a field, tied to it with aria-describedby; returns the field. */
export function showFieldError(field, message) {
  const p = document.createElement('p');
  p.className = 'field-error';
  p.id = 'err-' + (++errorSeq);
  p.textContent = message;
  const anchor = field.closest('label') || field;
  anchor.insertAdjacentElement('afterend', p);
  field.setAttribute('aria-invalid', 'true');
  const ids = (field.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
  ids.push(p.id);
  field.setAttribute('aria-describedby', ids.join(' '));
  return field;
}

/**
 * Shows a problem's errors at the elements whose data-field names them (in root); errors no
 * field takes go to the summary element. Focus moves to the first error. Returns how many were placed.
 */
export function showProblem(root, problem, summary) {
  clearErrors(root);
  let first = null;
  const loose = [];
  for (const e of problemErrors(problem)) {
    // a field of a map or list (requiredSkills[sales], reasons[0].code) falls back to its editor
    const field = e.field ? (root.querySelector(`[data-field="${CSS.escape(e.field)}"]`)
      || root.querySelector(`[data-field="${CSS.escape(e.field.replace(/[[.].*$/, ''))}"]`)) : null;
    if (field) {
      showFieldError(field, problemText(e));
      first = first || field;
    } else {
      loose.push(problemText(e));
    }
  }
  if (summary) {
    summary.textContent = loose.join(' ');
    summary.hidden = loose.length === 0;
  }
  (first || (loose.length && summary) || null)?.focus();
  return first ? 1 : 0;
}

/** Sets a status region's text (role=status, so it is read out) and whether it is an error. */
export function say(region, text, error = false) {
  region.textContent = text;
  region.hidden = !text;
  region.classList.toggle('error', error);
  region.classList.toggle('info', !error);
}

/** Creates an element: el('input', {type: 'text'}, child…). */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'text') e.textContent = v;
    else if (k === 'value') e.value = v;
    else if (k.startsWith('on')) e.addEventListener(k.substring(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined) e.append(c);
  }
  return e;
}

let rowSeq = 0;

/**
 * An editor of {skill: level} rows (queues' required skills, agents' skills) inside container:
 * a table of name + level 1..10 with remove buttons, and an "add skill" button.
 */
export function skillRows(container, initial, fieldPrefix) {
  const body = el('tbody');
  const table = el('table', { class: 'rows' },
    el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: t('skill.name') }),
      el('th', { scope: 'col', text: t('skill.level') }), el('th', { scope: 'col' }, el('span', { class: 'sr-only', text: t('remove') })))),
    body);
  const add = (name = '', level = 1) => {
    const n = ++rowSeq;
    const nameInput = el('input', { id: 'skill-name-' + n, class: 'skill-name', maxlength: 64, value: name,
      'aria-label': t('skill.name') });
    const levelInput = el('input', { id: 'skill-level-' + n, class: 'skill-level', type: 'number', min: 1, max: 10,
      value: String(level), 'aria-label': t('skill.level') });
    const row = el('tr', {}, el('td', {}, nameInput), el('td', {}, levelInput),
      el('td', {}, el('button', { type: 'button', class: 'link danger', text: t('remove'),
        'aria-label': t('skill.remove'), onclick: () => { row.remove(); } })));
    body.append(row);
    return nameInput;
  };
  Object.entries(initial || {}).forEach(([k, v]) => add(k, v));
  const addButton = el('button', { type: 'button', class: 'add-skill', text: t('skill.add'),
    onclick: () => add().focus() });
  container.replaceChildren(table, addButton);
  container.dataset.field = fieldPrefix;
  return {
    /** The rows as {skill: level}; blank names are skipped. Marks rows the API would refuse. */
    value() {
      const result = {};
      for (const row of body.rows) {
        const name = row.querySelector('.skill-name').value.trim();
        const level = row.querySelector('.skill-level').value;
        if (name) result[name] = level === '' ? null : Number(level);
      }
      return result;
    },
    /** Checks the rows (a level 1..10, no name twice); shows errors at the rows; returns the first bad field. */
    check() {
      let first = null;
      const seen = new Set();
      for (const row of body.rows) {
        const name = row.querySelector('.skill-name');
        const level = row.querySelector('.skill-level');
        const trimmed = name.value.trim();
        if (!trimmed) continue;
        if (seen.has(trimmed)) first = first || showFieldError(name, t('err.skill.duplicate'));
        seen.add(trimmed);
        const n = Number(level.value);
        if (!Number.isInteger(n) || n < 1 || n > 10) first = first || showFieldError(level, t('err.skill.level'));
      }
      return first;
    },
  };
}

/** Reads a number input: '' → null, else a number (the API refuses what is out of range). */
export function numberOrNull(input) {
  return input.value.trim() === '' ? null : Number(input.value);
}
