// A tenant's list of codes with names, replaced at once with PUT: the pause reasons (ACD-3,
// /api/v1/pause-reasons) or the call result codes of wrap-up (WS-3, /api/v1/wrapup-codes), as the
// form's data-kind says. The API's rules are checked here first so each error sits at its row.
import { api, clearErrors, el, say, showFieldError, showProblem, t } from './admin-common.js';

const $ = s => document.getElementById(s);
const KINDS = {
  pause: { path: '/api/v1/pause-reasons', key: 'reasons', reserved: ['no_answer'] },
  wrapup: { path: '/api/v1/wrapup-codes', key: 'codes', reserved: [] },
};
const kind = $('pause-form').dataset.kind || 'pause';
const conf = KINDS[kind];
const form = $('pause-form');
const rows = $('pause-rows');
const status = $('pause-status');
const summary = $('pause-summary');
let seq = 0;

function addRow(code = '', name = '') {
  const n = ++seq;
  const codeInput = el('input', { id: 'pause-code-' + n, class: 'pause-code', maxlength: 64, value: code,
    'aria-label': t(kind + '.code'), autocomplete: 'off' });
  const nameInput = el('input', { id: 'pause-name-' + n, class: 'pause-name', maxlength: 200, value: name,
    'aria-label': t(kind + '.name') });
  const row = el('tr', {}, el('td', {}, codeInput), el('td', {}, nameInput),
    el('td', {}, el('button', { type: 'button', class: 'link danger', text: t('remove'),
      'aria-label': t(kind + '.remove'), onclick: () => { row.remove(); $('pause-add').focus(); } })));
  rows.append(row);
  return codeInput;
}

async function load() {
  const r = await api('GET', conf.path);
  rows.replaceChildren();
  if (r.ok) r.body[conf.key].forEach(x => addRow(x.code, x.name));
}

$('pause-add').addEventListener('click', () => addRow().focus());

/** The same rules as the API (PauseReasons.replace, WrapupCodes.replace), shown at the row; returns the first bad input. */
function check() {
  let first = null;
  const seen = new Set();
  for (const row of rows.rows) {
    const code = row.querySelector('.pause-code');
    const name = row.querySelector('.pause-name');
    const c = code.value.trim();
    if (!/^[a-z0-9_]{1,64}$/.test(c) || conf.reserved.includes(c)) first = first || showFieldError(code, t('err.' + kind + '.code'));
    else if (seen.has(c)) first = first || showFieldError(code, t('err.' + kind + '.duplicate'));
    seen.add(c);
    if (!name.value.trim()) first = first || showFieldError(name, t('err.' + kind + '.name'));
  }
  return first;
}

form.addEventListener('submit', async event => {
  event.preventDefault();
  clearErrors(form);
  say(status, '');
  summary.hidden = true;
  if (rows.rows.length === 0) {
    say(summary, t('err.' + kind + '.empty'), true);
    summary.focus();
    return;
  }
  const bad = check();
  if (bad) {
    bad.focus();
    return;
  }
  const list = [...rows.rows].map(row => ({
    code: row.querySelector('.pause-code').value.trim(), name: row.querySelector('.pause-name').value.trim() }));
  const r = await api('PUT', conf.path, { [conf.key]: list });
  if (r.ok) {
    say(status, t('saved.live'));
    return;
  }
  showProblem(form, r.body, summary);
});

load();
