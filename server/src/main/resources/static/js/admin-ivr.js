// The IVR editor (ACD-8): the flow as an indented tree from its first node, a form per node kind
// (menu, schedule with weekly hours and holidays, queue, message, caller check, data dip), the same
// structural checks as the server (IvrFlow: dangling targets, unreachable nodes, no way out) shown
// live, and the server's own refusals shown at the node and field they name.
import { api, clearErrors, el, problemErrors, problemText, say, showFieldError, showProblem, t } from './admin-common.js';

const $ = s => document.getElementById(s);
const app = $('ivr-app');
const status = $('ivr-status');
const summary = $('ivr-summary');
const queues = JSON.parse(app.dataset.queues || '[]');
const stored = app.dataset.flow ? JSON.parse(app.dataset.flow) : null;
const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const ID = /^[A-Za-z0-9_-]{1,64}$/;

const flow = stored
  ? { id: stored.id, version: stored.version, number: stored.number, name: stored.name, entry: stored.entry, nodes: stored.nodes }
  : { id: null, version: null, number: '', name: '', entry: '', nodes: [] };
let selected = null;
let serverErrors = {}; // node id → messages from the last refused save

const node = id => flow.nodes.find(n => n.id === id);

function defaults(id, type) {
  switch (type) {
    case 'menu': return { id, type, prompt: '', options: {}, timeoutSeconds: 5, retries: 2, onFailure: '' };
    case 'schedule': return { id, type, zone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
      hours: Object.fromEntries(DAYS.slice(0, 5).map(d => [d, [['09:00', '18:00']]])), holidays: [], open: '', closed: '' };
    case 'queue': return { id, type, queueId: queues[0] ? queues[0].id : '', priority: 0, topic: '' };
    case 'message': return { id, type, prompt: '' };
    case 'caller_check': return { id, type, numbers: [], listed: '', others: '' };
    case 'data_dip': return { id, type, url: 'https://', timeoutMs: 2000, field: '', routes: {}, otherwise: '', onError: '' };
    default: return { id, type };
  }
}

/** Where a node leads, with the setting's name as the server names it (IvrFlow.targets). */
function edges(n) {
  const e = [];
  if (n.type === 'menu') {
    Object.entries(n.options || {}).forEach(([k, v]) => e.push({ field: 'options.' + k, label: t('ivr.edge.key', k), target: v }));
    e.push({ field: 'onFailure', label: t('ivr.edge.onFailure'), target: n.onFailure });
  } else if (n.type === 'schedule') {
    e.push({ field: 'open', label: t('ivr.edge.open'), target: n.open });
    e.push({ field: 'closed', label: t('ivr.edge.closed'), target: n.closed });
  } else if (n.type === 'caller_check') {
    e.push({ field: 'listed', label: t('ivr.edge.listed'), target: n.listed });
    e.push({ field: 'others', label: t('ivr.edge.others'), target: n.others });
  } else if (n.type === 'data_dip') {
    Object.entries(n.routes || {}).forEach(([k, v]) => e.push({ field: 'routes.' + k, label: t('ivr.edge.route', k), target: v }));
    e.push({ field: 'otherwise', label: t('ivr.edge.otherwise'), target: n.otherwise });
    e.push({ field: 'onError', label: t('ivr.edge.onError'), target: n.onError });
  }
  return e;
}

/** The server's structural checks, here so they show before saving: {node id: [messages]}, plus the entry's. */
function analyse() {
  const issues = {};
  const add = (id, text) => (issues[id] = issues[id] || []).push(text);
  if (!node(flow.entry)) add('', t('ivr.issue.entry'));
  for (const n of flow.nodes) {
    for (const e of edges(n)) {
      if (!e.target) add(n.id, t('ivr.issue.unset', e.label));
      else if (!node(e.target)) add(n.id, t('ivr.issue.dangling', e.label, e.target));
    }
  }
  const reached = new Set();
  const todo = node(flow.entry) ? [flow.entry] : [];
  while (todo.length) {
    const id = todo.pop();
    if (!reached.has(id) && node(id)) {
      reached.add(id);
      edges(node(id)).forEach(e => todo.push(e.target));
    }
  }
  flow.nodes.filter(n => !reached.has(n.id)).forEach(n => add(n.id, t('ivr.issue.unreachable', flow.entry || '—')));
  const canEnd = new Set();
  for (let grew = true; grew;) {
    grew = false;
    for (const n of flow.nodes) {
      if (!canEnd.has(n.id) && (n.type === 'queue' || n.type === 'message' || edges(n).some(e => canEnd.has(e.target)))) {
        canEnd.add(n.id);
        grew = true;
      }
    }
  }
  flow.nodes.filter(n => !canEnd.has(n.id)).forEach(n => add(n.id, t('ivr.issue.noWayOut')));
  return issues;
}

function describe(n) {
  switch (n.type) {
    case 'menu': return n.prompt ? '«' + n.prompt + '»' : '';
    case 'queue': {
      const q = queues.find(x => x.id === n.queueId);
      return (q ? q.number + ' · ' + q.name : t('ivr.queue.unknown')) + (n.topic ? ' · ' + t('ivr.topic.short', n.topic) : '');
    }
    case 'message': return n.prompt ? '«' + n.prompt + '»' : '';
    case 'schedule': return n.zone + (n.holidays && n.holidays.length ? ' · ' + t('ivr.holidays.count', n.holidays.length) : '');
    case 'caller_check': return t('ivr.numbers.count', (n.numbers || []).length);
    case 'data_dip': return n.url;
    default: return '';
  }
}

// ---- the tree ----------------------------------------------------------------------------

function nodeButton(n, issues) {
  const flagged = issues[n.id] || serverErrors[n.id];
  return el('button', { type: 'button', class: 'ivr-node' + (n.id === selected ? ' selected' : '') + (flagged ? ' flagged' : ''),
    'data-node': n.id, 'aria-current': n.id === selected ? 'true' : null, onclick: () => select(n.id) },
  el('strong', { text: n.id }), ' ', el('span', { class: 'badge type-' + n.type, text: t('ivr.type.' + n.type) }),
  ' ', el('span', { class: 'muted', text: describe(n) }));
}

function flags(id, issues) {
  const list = [...(issues[id] || []), ...(serverErrors[id] || [])];
  return list.length ? el('ul', { class: 'ivr-flags' }, list.map(x => el('li', { text: '⚠ ' + x }))) : null;
}

function renderTree() {
  const issues = analyse();
  const seen = new Set();
  const item = (id, label) => {
    const head = label ? el('span', { class: 'ivr-edge', text: label + ' →' }) : null;
    if (!id) return el('li', { class: 'ivr-missing' }, head, ' ', el('span', { class: 'flag', text: '⚠ ' + t('ivr.tree.unset') }));
    const n = node(id);
    if (!n) return el('li', { class: 'ivr-missing' }, head, ' ', el('span', { class: 'flag', text: '⚠ ' + t('ivr.tree.missing', id) }));
    if (seen.has(id)) {
      return el('li', {}, head, ' ', el('button', { type: 'button', class: 'link ivr-ref', onclick: () => select(id),
        text: t('ivr.tree.goto', id) }));
    }
    seen.add(id);
    const children = edges(n).map(e => item(e.target, e.label));
    return el('li', { 'data-tree-node': id }, head, ' ', nodeButton(n, issues), flags(id, issues),
      children.length ? el('ul', {}, children) : null);
  };
  const parts = [];
  if (flow.nodes.length === 0) parts.push(el('p', { class: 'muted', text: t('ivr.tree.empty') }));
  else if (!node(flow.entry)) parts.push(el('p', { class: 'flag', text: '⚠ ' + t('ivr.issue.entry') }));
  else parts.push(el('ul', { class: 'ivr-root' }, item(flow.entry, t('ivr.edge.call'))));
  const orphans = flow.nodes.filter(n => !seen.has(n.id));
  if (orphans.length) {
    parts.push(el('h3', { class: 'flag', text: t('ivr.tree.unreachable') }),
      el('ul', { class: 'ivr-orphans' }, orphans.map(n => el('li', { 'data-tree-node': n.id }, nodeButton(n, issues), flags(n.id, issues)))));
  }
  $('ivr-tree').replaceChildren(...parts);
  renderEntry();
}

function renderEntry() {
  const entry = $('ivr-entry');
  entry.replaceChildren(el('option', { value: '', text: t('choose') }),
    ...flow.nodes.map(n => el('option', { value: n.id, text: n.id + ' · ' + t('ivr.type.' + n.type) })));
  entry.value = flow.entry;
}

// ---- the node editor ---------------------------------------------------------------------

let seq = 0;

/** A labelled input bound to node[key]; data-field as the server names it. */
function input(n, key, label, attrs = {}, parse = v => v) {
  const id = 'f-' + (++seq);
  const i = el('input', { id, value: n[key] ?? '', 'data-field': `nodes.${n.id}.${key}`, ...attrs });
  i.addEventListener('input', () => { n[key] = parse(i.value); refreshDescription(n); });
  return el('label', { for: id }, el('span', { text: label }), i);
}

/**
 * Typing changes only the node's summary in the tree, in place: re-drawing the tree when a field
 * loses focus would swap the button under a mouse click that caused it, and lose the click.
 */
function refreshDescription(n) {
  document.querySelectorAll(`.ivr-node[data-node="${CSS.escape(n.id)}"] .muted`).forEach(s => { s.textContent = describe(n); });
}

const int = v => (v.trim() === '' ? null : Number(v));

/** A choice of node for a target setting. */
function targetSelect(n, current, field, onChange, label) {
  const s = el('select', { 'data-field': `nodes.${n.id}.${field}`, 'aria-label': label });
  s.append(el('option', { value: '', text: t('choose') }),
    ...flow.nodes.map(o => el('option', { value: o.id, text: o.id + ' · ' + t('ivr.type.' + o.type) })));
  if (current && !node(current)) s.append(el('option', { value: current, text: t('ivr.tree.missing', current) }));
  s.value = current || '';
  s.addEventListener('change', () => { onChange(s.value); renderTree(); });
  return s;
}

function targetField(n, key, label) {
  const s = targetSelect(n, n[key], key, v => { n[key] = v; }, label);
  s.id = 'f-' + (++seq);
  return el('label', { for: s.id }, el('span', { text: label }), s);
}

/** Rows of {key: target} (menu options, data-dip routes) with add and remove. */
function mapRows(n, prop, keyLabel, addLabel, keyPattern) {
  const body = el('tbody');
  const render = () => {
    body.replaceChildren(...Object.entries(n[prop]).map(([k, v]) => {
      const keyInput = el('input', { value: k, class: 'key', maxlength: keyPattern ? 1 : 100, 'aria-label': keyLabel,
        'data-field': `nodes.${n.id}.${prop}.${k}.key` });
      keyInput.addEventListener('change', () => {
        const nk = keyInput.value.trim();
        if (!nk || nk === k) return;
        if (n[prop][nk] !== undefined || (keyPattern && !keyPattern.test(nk))) {
          clearErrors(body);
          showFieldError(keyInput, t(keyPattern ? 'err.ivr.key' : 'err.ivr.route')).focus();
          return;
        }
        n[prop] = Object.fromEntries(Object.entries(n[prop]).map(([a, b]) => (a === k ? [nk, b] : [a, b])));
        render();
        renderTree();
      });
      return el('tr', {}, el('td', {}, keyInput),
        el('td', {}, targetSelect(n, v, `${prop}.${k}`, x => { n[prop][k] = x; }, t('ivr.leadsTo'))),
        el('td', {}, el('button', { type: 'button', class: 'link danger', text: t('remove'),
          'aria-label': t('ivr.option.remove', k), onclick: () => { delete n[prop][k]; render(); renderTree(); } })));
    }));
  };
  render();
  const add = el('button', { type: 'button', class: 'ivr-add-' + prop, text: addLabel, onclick: () => {
    const free = keyPattern ? '1234567890*#'.split('').find(k => n[prop][k] === undefined) : 'value' + (Object.keys(n[prop]).length + 1);
    if (free === undefined) return;
    n[prop][free] = '';
    render();
    renderTree();
    body.lastElementChild.querySelector('select').focus();
  } });
  return el('div', { 'data-field': `nodes.${n.id}.${prop}`, tabindex: '-1' },
    el('table', { class: 'rows' }, el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: keyLabel }),
      el('th', { scope: 'col', text: t('ivr.leadsTo') }), el('th', { scope: 'col' }))), body), add);
}

/** Weekly hours: a row per day with time ranges, add/remove, and "copy to every day". */
function hoursEditor(n) {
  n.hours = n.hours || {};
  const body = el('tbody');
  const render = () => {
    body.replaceChildren(...DAYS.map(day => {
      const ranges = n.hours[day] || [];
      const cell = el('td', { class: 'ranges' });
      ranges.forEach((r, i) => {
        const from = el('input', { type: 'time', value: r[0], 'aria-label': t('ivr.hours.from', t('day.' + day)), class: 'from' });
        const to = el('input', { type: 'time', value: r[1], 'aria-label': t('ivr.hours.to', t('day.' + day)), class: 'to' });
        from.addEventListener('change', () => { r[0] = from.value; });
        to.addEventListener('change', () => { r[1] = to.value; });
        cell.append(el('span', { class: 'range' }, from, '–', to, el('button', { type: 'button', class: 'link danger',
          text: '×', 'aria-label': t('ivr.hours.remove', t('day.' + day)), onclick: () => {
            ranges.splice(i, 1);
            if (!ranges.length) delete n.hours[day];
            render();
          } })));
      });
      if (!ranges.length) cell.append(el('span', { class: 'muted', text: t('ivr.hours.closed') }));
      return el('tr', { 'data-day': day, 'data-field': `nodes.${n.id}.hours.${day}`, tabindex: '-1' },
        el('th', { scope: 'row', text: t('day.' + day) }), cell,
        el('td', { class: 'day-actions' },
          el('button', { type: 'button', class: 'link add-range', text: t('ivr.hours.add'),
            'aria-label': t('ivr.hours.addFor', t('day.' + day)), onclick: () => {
              (n.hours[day] = n.hours[day] || []).push(['09:00', '18:00']);
              render();
              body.querySelector(`tr[data-day="${day}"] .range:last-of-type .from`).focus();
            } }),
          ranges.length ? el('button', { type: 'button', class: 'link copy-day', text: t('ivr.hours.copy'),
            'aria-label': t('ivr.hours.copyFrom', t('day.' + day)), onclick: () => {
              DAYS.forEach(d => { n.hours[d] = ranges.map(r => [...r]); });
              render();
              say(status, t('ivr.hours.copied', t('day.' + day)));
            } }) : null));
    }));
  };
  render();
  return el('fieldset', {}, el('legend', { text: t('ivr.hours') }),
    el('table', { class: 'rows hours' }, body));
}

function holidaysEditor(n) {
  n.holidays = n.holidays || [];
  const list = el('ul', { class: 'holidays', 'aria-live': 'polite' });
  const render = () => {
    list.replaceChildren(...[...n.holidays].sort().map(d => el('li', {}, el('time', { datetime: d, text: d }), ' ',
      el('button', { type: 'button', class: 'link danger', text: t('remove'), 'aria-label': t('ivr.holiday.remove', d),
        onclick: () => { n.holidays = n.holidays.filter(x => x !== d); render(); renderTree(); } }))));
    if (!n.holidays.length) list.append(el('li', { class: 'muted', text: t('ivr.holidays.none') }));
  };
  render();
  const id = 'f-' + (++seq);
  const date = el('input', { id, type: 'date', class: 'holiday-date' });
  const add = el('button', { type: 'button', class: 'add-holiday', text: t('ivr.holiday.add'), onclick: () => {
    clearErrors(box);
    if (!date.value) {
      showFieldError(date, t('err.ivr.holiday')).focus();
      return;
    }
    if (!n.holidays.includes(date.value)) n.holidays.push(date.value);
    date.value = '';
    render();
    renderTree();
    date.focus();
  } });
  const box = el('fieldset', { 'data-field': `nodes.${n.id}.holidays`, tabindex: '-1' }, el('legend', { text: t('ivr.holidays') }),
    el('p', { class: 'muted hint', text: t('ivr.holidays.hint') }), list,
    el('div', { class: 'inline' }, el('label', { for: id }, el('span', { text: t('ivr.holiday.date') }), date), add));
  return box;
}

function kindFields(n) {
  switch (n.type) {
    case 'menu': return [
      input(n, 'prompt', t('ivr.prompt'), { maxlength: 200 }),
      el('div', { class: 'grid2' },
        input(n, 'timeoutSeconds', t('ivr.timeoutSeconds'), { type: 'number', min: 1, max: 60 }, int),
        input(n, 'retries', t('ivr.retries'), { type: 'number', min: 0, max: 5 }, int)),
      el('fieldset', {}, el('legend', { text: t('ivr.options') }),
        mapRows(n, 'options', t('ivr.key'), t('ivr.option.add'), /^[0-9*#]$/)),
      targetField(n, 'onFailure', t('ivr.onFailure'))];
    case 'schedule': {
      const zoneList = el('datalist', { id: 'zones' }, ['Europe/Moscow', 'Europe/Kaliningrad', 'Europe/Samara',
        'Asia/Yekaterinburg', 'Asia/Novosibirsk', 'Asia/Vladivostok', 'Europe/London', 'Europe/Berlin', 'UTC']
        .map(z => el('option', { value: z })));
      return [input(n, 'zone', t('ivr.zone'), { list: 'zones', maxlength: 64 }), zoneList, hoursEditor(n), holidaysEditor(n),
        el('div', { class: 'grid2' }, targetField(n, 'open', t('ivr.open')), targetField(n, 'closed', t('ivr.closed')))];
    }
    case 'queue': {
      const id = 'f-' + (++seq);
      const s = el('select', { id, 'data-field': `nodes.${n.id}.queueId` },
        el('option', { value: '', text: t('choose') }),
        ...queues.map(q => el('option', { value: q.id, text: q.number + ' · ' + q.name })));
      s.value = n.queueId || '';
      s.addEventListener('change', () => { n.queueId = s.value; renderTree(); });
      return [el('label', { for: id }, el('span', { text: t('ivr.queue') }), s),
        el('div', { class: 'grid2' },
          input(n, 'priority', t('ivr.priority'), { type: 'number', min: 0, max: 100 }, int),
          input(n, 'topic', t('ivr.topic'), { maxlength: 100 }))];
    }
    case 'message': return [input(n, 'prompt', t('ivr.prompt'), { maxlength: 200 })];
    case 'caller_check': {
      const id = 'f-' + (++seq);
      const area = el('textarea', { id, rows: 4, 'data-field': `nodes.${n.id}.numbers` });
      area.value = (n.numbers || []).join('\n');
      area.addEventListener('input', () => { n.numbers = area.value.split(/\s+/).filter(Boolean); refreshDescription(n); });
      return [el('label', { for: id }, el('span', { text: t('ivr.numbers') }), area),
        el('div', { class: 'grid2' }, targetField(n, 'listed', t('ivr.listed')), targetField(n, 'others', t('ivr.others')))];
    }
    case 'data_dip': return [
      input(n, 'url', t('ivr.url'), { type: 'url', maxlength: 500 }),
      el('div', { class: 'grid2' },
        input(n, 'timeoutMs', t('ivr.timeoutMs'), { type: 'number', min: 100, max: 10000 }, int),
        input(n, 'field', t('ivr.field'), { maxlength: 100 })),
      el('fieldset', {}, el('legend', { text: t('ivr.routes') }), mapRows(n, 'routes', t('ivr.value'), t('ivr.route.add'), null)),
      el('div', { class: 'grid2' }, targetField(n, 'otherwise', t('ivr.otherwise')), targetField(n, 'onError', t('ivr.onError')))];
    default: return [];
  }
}

function renameNode(n, to) {
  const from = n.id;
  for (const o of flow.nodes) {
    for (const key of ['onFailure', 'open', 'closed', 'listed', 'others', 'otherwise', 'onError']) {
      if (o[key] === from) o[key] = to;
    }
    for (const prop of ['options', 'routes']) {
      if (o[prop]) Object.keys(o[prop]).forEach(k => { if (o[prop][k] === from) o[prop][k] = to; });
    }
  }
  if (flow.entry === from) flow.entry = to;
  if (serverErrors[from]) {
    serverErrors[to] = serverErrors[from];
    delete serverErrors[from];
  }
  n.id = to;
  selected = to;
}

function select(id) {
  selected = id;
  const n = node(id);
  const editor = $('ivr-editor');
  if (!n) {
    editor.replaceChildren(el('p', { class: 'muted', text: t('ivr.pick') }));
    renderTree();
    return;
  }
  const idInput = el('input', { id: 'node-id', value: n.id, maxlength: 64, 'data-field': `nodes.${n.id}.id` });
  idInput.addEventListener('change', () => {
    const to = idInput.value.trim();
    clearErrors(editor);
    if (to === n.id) return;
    if (!ID.test(to) || node(to)) {
      showFieldError(idInput, t(node(to) ? 'err.ivr.idTaken' : 'err.ivr.id')).focus();
      return;
    }
    renameNode(n, to);
    select(to);
  });
  editor.replaceChildren(
    el('div', { class: 'head-row' },
      el('h2', { id: 'node-heading', tabindex: '-1', 'data-field': `nodes.${n.id}` }, t('ivr.type.' + n.type) + ': ', el('span', { text: n.id })),
      el('button', { type: 'button', class: 'danger', id: 'node-delete', text: t('ivr.node.delete'), onclick: () => {
        if (!confirm(t('ivr.node.delete.confirm', n.id))) return;
        flow.nodes = flow.nodes.filter(x => x !== n);
        if (flow.entry === n.id) flow.entry = '';
        select(null);
        say(status, t('ivr.node.deleted', n.id));
      } })),
    el('label', { for: 'node-id' }, el('span', { text: t('ivr.node.id') }), idInput),
    ...kindFields(n));
  renderTree();
}

// ---- the head, adding nodes, saving ---------------------------------------------------------

$('ivr-entry').addEventListener('change', e => { flow.entry = e.target.value; renderTree(); });

$('ivr-add').addEventListener('submit', event => {
  event.preventDefault();
  const idInput = $('ivr-add-id');
  clearErrors($('ivr-add'));
  const id = idInput.value.trim();
  if (!ID.test(id) || node(id)) {
    showFieldError(idInput, t(node(id) ? 'err.ivr.idTaken' : 'err.ivr.id')).focus();
    return;
  }
  flow.nodes.push(defaults(id, $('ivr-add-type').value));
  if (!flow.entry) flow.entry = id;
  idInput.value = '';
  select(id);
  say(status, t('ivr.node.added', id));
  $('node-heading').focus();
});

function showIssues(issues) {
  const items = Object.entries(issues).flatMap(([id, list]) => list.map(text => el('li', {},
    id ? el('button', { type: 'button', class: 'link', text: id, onclick: () => select(id) }) : null, id ? ': ' : '', text)));
  summary.replaceChildren(el('p', { text: t('ivr.issues') }), el('ul', {}, items));
  summary.hidden = false;
  summary.focus();
}

$('ivr-head').addEventListener('submit', async event => {
  event.preventDefault();
  clearErrors(document.querySelector('.admin-ivr'));
  say(status, '');
  summary.hidden = true;
  serverErrors = {};
  const issues = analyse();
  if (Object.keys(issues).length) {
    renderTree();
    showIssues(issues);
    return;
  }
  // number and name are read here: the server rendered them, and typing may precede this script
  flow.number = $('ivr-number').value.trim();
  flow.name = $('ivr-name').value.trim();
  const body = { number: flow.number, name: flow.name, entry: flow.entry, nodes: flow.nodes.map(clean) };
  if (flow.id) body.version = flow.version;
  const r = await api(flow.id ? 'PUT' : 'POST', flow.id ? '/api/v1/ivr/' + flow.id : '/api/v1/ivr', body);
  if (r.ok) {
    if (!flow.id) {
      location.href = '/admin/acd/ivr/' + r.body.id + '?created=1';
      return;
    }
    flow.version = r.body.version;
    $('ivr-heading').textContent = r.body.name;
    renderTree();
    say(status, t('saved.live.ivr'));
    return;
  }
  if (r.status === 409 && r.body && r.body.code === 'stale_version') {
    summary.replaceChildren(t('ivr.conflict') + ' ', el('a', { href: location.pathname, text: t('reload') }));
    summary.hidden = false;
    summary.focus();
    return;
  }
  // a refusal naming a node: open that node, mark it in the tree and show the message at its field
  const errors = problemErrors(r.body);
  const first = errors.find(e => e.field && e.field.startsWith('nodes.'));
  for (const e of errors) {
    const m = e.field && /^nodes\.([^.]+)/.exec(e.field);
    if (m && node(m[1])) (serverErrors[m[1]] = serverErrors[m[1]] || []).push(problemText(e));
  }
  const target = first && /^nodes\.([^.]+)/.exec(first.field);
  if (target && node(target[1])) select(target[1]); else renderTree();
  const placed = showProblem(document.querySelector('.admin-ivr'), r.body, summary);
  if (!placed && target && node(target[1])) {
    // no input for this field (e.g. unreachable_node): the node's heading carries it
    showFieldError($('node-heading'), problemText(first));
    summary.hidden = true;
    $('node-heading').focus();
  }
});

/** The node as the API takes it: empty optional values left out. */
function clean(n) {
  const c = { ...n };
  if (c.type === 'queue' && !c.topic) delete c.topic;
  return c;
}

const del = $('ivr-delete');
if (del) {
  del.addEventListener('click', async () => {
    if (!confirm(t('ivr.delete.confirm', flow.name))) return;
    const r = await api('DELETE', '/api/v1/ivr/' + flow.id);
    if (r.ok) location.href = '/admin/acd/ivr?deleted=1';
    else say(status, t('err.unknown'), true);
  });
}

if (new URLSearchParams(location.search).has('created')) say(status, t('created.live.ivr'));
renderTree();
if (flow.entry && node(flow.entry)) select(flow.entry);
