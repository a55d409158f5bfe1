// The tenant's pause reasons (ACD-3): rows of code + name replaced at once with PUT
// /api/v1/pause-reasons. The API's rules are checked here first so each error sits at its row.
import { api, clearErrors, el, say, showFieldError, showProblem, t } from './admin-common.js';

const $ = s => document.getElementById(s);
const form = $('pause-form');
const rows = $('pause-rows');
const status = $('pause-status');
const summary = $('pause-summary');
let seq = 0;

function addRow(code = '', name = '') {
  const n = ++seq;
  const codeInput = el('input', { id: 'pause-code-' + n, class: 'pause-code', maxlength: 64, value: code,
    'aria-label': t('pause.code'), autocomplete: 'off' });
  const nameInput = el('input', { id: 'pause-name-' + n, class: 'pause-name', maxlength: 200, value: name,
    'aria-label': t('pause.name') });
  const row = el('tr', {}, el('td', {}, codeInput), el('td', {}, nameInput),
    el('td', {}, el('button', { type: 'button', class: 'link danger', text: t('remove'),
      'aria-label': t('pause.remove'), onclick: () => { row.remove(); $('pause-add').focus(); } })));
  rows.append(row);
  return codeInput;
}

async function load() {
  const r = await api('GET', '/api/v1/pause-reasons');
  rows.replaceChildren();
  if (r.ok) r.body.reasons.forEach(x => addRow(x.code, x.name));
}

$('pause-add').addEventListener('click', () => addRow().focus());

/** The same rules as the API (PauseReasons.replace), shown at the row; returns the first bad input. */
function check() {
  let first = null;
  const seen = new Set();
  for (const row of rows.rows) {
    const code = row.querySelector('.pause-code');
    const name = row.querySelector('.pause-name');
    const c = code.value.trim();
    if (!/^[a-z0-9_]{1,64}$/.test(c) || c === 'no_answer') first = first || showFieldError(code, t('err.pause.code'));
    else if (seen.has(c)) first = first || showFieldError(code, t('err.pause.duplicate'));
    seen.add(c);
    if (!name.value.trim()) first = first || showFieldError(name, t('err.pause.name'));
  }
  return first;
}

form.addEventListener('submit', async event => {
  event.preventDefault();
  clearErrors(form);
  say(status, '');
  summary.hidden = true;
  if (rows.rows.length === 0) {
    say(summary, t('err.pause.empty'), true);
    summary.focus();
    return;
  }
  const bad = check();
  if (bad) {
    bad.focus();
    return;
  }
  const reasons = [...rows.rows].map(row => ({
    code: row.querySelector('.pause-code').value.trim(), name: row.querySelector('.pause-name').value.trim() }));
  const r = await api('PUT', '/api/v1/pause-reasons', { reasons });
  if (r.ok) {
    say(status, t('saved.live'));
    return;
  }
  showProblem(form, r.body, summary);
});

load();
