// The supervisor's live view (RT-7, ACD-11). Everything arrives by push: the page subscribes to the
// `wallboard` topic on /websocket and gets a fresh snapshot at most twice a second while something
// changes; timers run locally from the snapshot's server time (RT-6). Tiles and rows are built once
// and then updated in place, so an open menu, a half-filled form and the keyboard focus survive
// every update and nothing jumps.
import { duration, followWallboard } from './wallboard-feed.js';
const config = JSON.parse(document.getElementById('sv-config').textContent);
const labels = config.labels;
const status = document.getElementById('sv-status');
const message = document.getElementById('sv-message');
const announcer = document.getElementById('sv-announce');
const tilesBox = document.getElementById('sv-tiles');
const agentsBody = document.getElementById('sv-agents');
const dialog = document.getElementById('sv-thresholds');
const dialogForm = document.getElementById('sv-thresholds-form');
const tiles = new Map();   // queue id → {el, level, …}
const rows = new Map();    // user id → {el, state, …}
let snapshot = null;
let monitoring = null;     // {callId, mode} while this supervisor is on a call
let editing = null;        // the queue whose thresholds the dialog edits

const fmt = (text, ...args) => args.reduce((s, a, i) => s.replace('{' + i + '}', a), text);

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function now() {
  return feed.now();
}

function announce(text) {
  // each announcement is a new node, so screen readers read it once
  const p = el('span', null, text + '. ');
  announcer.append(p);
  while (announcer.childNodes.length > 5) announcer.firstChild.remove();
}

function say(text, failed) {
  message.textContent = text;
  message.classList.toggle('sv-failed', !!failed);
}

// ------------------------------------------------------------------ server calls

function csrf() {
  const token = document.querySelector('meta[name="_csrf"]');
  const header = document.querySelector('meta[name="_csrf_header"]');
  return token && header ? { [header.content]: token.content } : {};
}

async function call(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...csrf() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    let detail = response.statusText;
    try {
      const problem = await response.json();
      detail = problem.detail || problem.code || detail;
    } catch (e) { /* no body */ }
    throw new Error(detail);
  }
  return response.status === 204 ? null : response.json();
}

async function act(work) {
  try {
    const result = await work();
    say(labels.done, false);
    return result;
  } catch (e) {
    say(fmt(labels.failed, e.message), true);
    return undefined;
  }
}

// ------------------------------------------------------------------ thresholds

/** The worst level a tile's figures reach: 'alarm', 'warn' or 'ok'. */
function level(q, at) {
  const t = q.thresholds || {};
  const longest = q.longestWaitSince ? (at - q.longestWaitSince) / 1000 : 0;
  const sl = q.serviceLevel;
  const alarm = (t.waitingAlarm != null && q.waiting >= t.waitingAlarm)
    || (t.longestWaitAlarmSeconds != null && q.longestWaitSince && longest >= t.longestWaitAlarmSeconds)
    || (t.serviceLevelAlarm != null && sl !== null && sl < t.serviceLevelAlarm);
  if (alarm) return 'alarm';
  const warn = (t.waitingWarn != null && q.waiting >= t.waitingWarn)
    || (t.longestWaitWarnSeconds != null && q.longestWaitSince && longest >= t.longestWaitWarnSeconds)
    || (t.serviceLevelWarn != null && sl !== null && sl < t.serviceLevelWarn);
  return warn ? 'warn' : 'ok';
}

const LEVEL_ICON = { ok: '●', warn: '▲', alarm: '■' };

function openThresholds(q) {
  editing = q;
  document.getElementById('sv-thresholds-title').textContent = fmt(labels.thresholdsOf, q.number + ' · ' + q.name);
  document.getElementById('sv-thresholds-error').textContent = '';
  for (const input of dialogForm.querySelectorAll('input')) {
    const v = q.thresholds ? q.thresholds[input.name] : null;
    input.value = v === null || v === undefined ? '' : v;
  }
  dialog.showModal();
}

dialogForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = {};
  for (const input of dialogForm.querySelectorAll('input')) {
    body[input.name] = input.value === '' ? null : Number(input.value);
  }
  try {
    await call('PUT', '/api/v1/supervisor/thresholds/' + editing.id, body);
    dialog.close();
    say(labels.done, false);
  } catch (e) {
    document.getElementById('sv-thresholds-error').textContent = fmt(labels.failed, e.message);
  }
});
document.getElementById('sv-thresholds-reset').addEventListener('click', async () => {
  try {
    await call('DELETE', '/api/v1/supervisor/thresholds/' + editing.id);
    dialog.close();
    say(labels.done, false);
  } catch (e) {
    document.getElementById('sv-thresholds-error').textContent = fmt(labels.failed, e.message);
  }
});
document.getElementById('sv-thresholds-cancel').addEventListener('click', () => dialog.close());

// ------------------------------------------------------------------ queue tiles

function figure(label, role) {
  const box = el('div', 'sv-figure');
  const value = el('span', 'sv-value', '—');
  value.dataset.role = role;
  box.append(value, el('span', 'sv-label', label));
  return { box, value };
}

function makeTile(q) {
  const article = el('article', 'sv-tile');
  article.setAttribute('role', 'listitem');
  article.dataset.queue = q.number;
  article.dataset.queueId = q.id;
  const head = el('div', 'sv-tile-head');
  const title = el('h3', null, q.number + ' · ' + q.name);
  const badge = el('span', 'sv-badge');
  badge.dataset.role = 'level';
  head.append(title, badge);
  const grid = el('div', 'sv-grid');
  const f = {};
  for (const [key, role] of [['waiting', 'waiting'], ['longestWait', 'longest'], ['free', 'free'], ['busy', 'busy'],
    ['paused', 'paused'], ['offline', 'offline'], ['answered', 'answered'], ['abandoned', 'abandoned'], ['serviceLevel', 'sl'],
    ['avgWait', 'avgWait'], ['avgTalk', 'avgTalk']]) {
    f[role] = figure(labels[key], role);
    grid.append(f[role].box);
  }
  article.append(head, grid);
  if (config.canThresholds) {
    const edit = el('button', 'button sv-edit', labels.thresholds);
    edit.type = 'button';
    edit.addEventListener('click', () => openThresholds(tiles.get(q.id).q));
    article.append(edit);
  }
  return { el: article, badge, f, level: null, q };
}

function renderTiles(at) {
  const seen = new Set();
  snapshot.queues.forEach((q, i) => {
    seen.add(q.id);
    let t = tiles.get(q.id);
    if (!t) {
      t = makeTile(q);
      tiles.set(q.id, t);
    }
    if (tilesBox.children[i] !== t.el) tilesBox.insertBefore(t.el, tilesBox.children[i] || null);
    t.q = q;
    t.f.waiting.value.textContent = q.waiting;
    t.f.longest.value.textContent = q.longestWaitSince ? duration(at - q.longestWaitSince) : '—';
    t.f.free.value.textContent = q.free;
    t.f.busy.value.textContent = q.busy;
    t.f.paused.value.textContent = q.paused;
    t.f.offline.value.textContent = q.offline;
    t.f.answered.value.textContent = q.answered;
    t.f.abandoned.value.textContent = q.abandoned;
    t.f.sl.value.textContent = q.serviceLevel === null ? '—' : q.serviceLevel + ' %';
    t.f.avgWait.value.textContent = duration(q.averageWaitSeconds * 1000);
    t.f.avgTalk.value.textContent = duration(q.averageTalkSeconds * 1000);
    const lv = level(q, at);
    if (lv !== t.level) {
      if (t.level !== null) announce(fmt(labels.announceLevel, q.number, labels['level.' + lv]));
      t.level = lv;
      t.el.dataset.level = lv;
      t.badge.textContent = LEVEL_ICON[lv] + ' ' + labels['level.' + lv];
    }
  });
  for (const [id, t] of tiles) {
    if (!seen.has(id)) {
      t.el.remove();
      tiles.delete(id);
    }
  }
}

// ------------------------------------------------------------------ agents

function button(text, onClick, cls) {
  const b = el('button', cls || 'button', text);
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

function makeMenu(r) {
  const details = el('details', 'sv-menu');
  const summary = el('summary', 'button', labels.actions);
  summary.setAttribute('aria-label', fmt(labels.actionsFor, r.a.name));
  const panel = el('div', 'sv-menu-panel');
  details.append(summary, panel);
  details.addEventListener('toggle', () => {
    if (details.open) {
      // one menu open at a time
      for (const other of agentsBody.querySelectorAll('details.sv-menu[open]')) if (other !== details) other.open = false;
    }
  });
  details.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && details.open) {
      details.open = false;
      summary.focus();
    }
  });
  const id = r.a.userId;
  const m = { details, panel };
  if (config.canControl) {
    const state = el('div', 'sv-menu-group');
    m.free = button(labels.makeFree, () => act(() => call('PUT', '/api/v1/agents/' + id + '/state', { state: 'FREE' })));
    m.free.dataset.action = 'free';
    const reason = el('select');
    reason.setAttribute('aria-label', labels.pauseReason);
    reason.dataset.role = 'reason';
    for (const p of config.pauseReasons) {
      const o = el('option', null, p.name);
      o.value = p.code;
      reason.append(o);
    }
    m.pause = button(labels.pause, () => act(() => call('PUT', '/api/v1/agents/' + id + '/state',
      { state: 'PAUSED', reason: reason.value })));
    m.pause.dataset.action = 'pause';
    m.logout = button(labels.logout, () => act(() => call('PUT', '/api/v1/agents/' + id + '/state', { state: 'OFFLINE' })),
      'button danger');
    m.logout.dataset.action = 'logout';
    const pauseRow = el('div', 'sv-menu-row');
    pauseRow.append(reason, m.pause);
    state.append(m.free, pauseRow, m.logout);
    panel.append(state);
  }
  if (config.canQueues) {
    const queues = el('div', 'sv-menu-group');
    const add = el('select');
    add.setAttribute('aria-label', labels.addTo);
    add.dataset.role = 'add-queue';
    m.addSelect = add;
    m.add = button(labels.add, () => {
      if (add.value) act(() => call('PUT', '/api/v1/queues/' + add.value + '/members/' + id));
    });
    m.add.dataset.action = 'add';
    const addRow = el('div', 'sv-menu-row');
    addRow.append(add, m.add);
    m.removeBox = el('div', 'sv-menu-row sv-remove');
    queues.append(addRow, m.removeBox);
    panel.append(queues);
  }
  if (config.canControl) {
    const monitor = el('div', 'sv-menu-group');
    m.monitorButtons = ['LISTEN', 'WHISPER', 'BARGE'].map((mode) => {
      const b = button(labels[mode.toLowerCase()], async () => {
        const callId = rows.get(id).a.callId;
        const done = await act(() => call('POST', '/api/v1/calls/' + callId + '/monitor', { mode }));
        if (done) {
          monitoring = { callId, mode };
          renderAgents(now());
        }
      });
      b.dataset.action = mode.toLowerCase();
      return b;
    });
    m.stop = button(labels.stopMonitor, async () => {
      const callId = monitoring && monitoring.callId;
      if (!callId) return;
      const done = await act(() => call('DELETE', '/api/v1/calls/' + callId + '/monitor'));
      if (done !== undefined) {
        monitoring = null;
        renderAgents(now());
      }
    });
    m.stop.dataset.action = 'stop-monitor';
    m.monitorNote = el('p', 'sv-note');
    const monitorRow = el('div', 'sv-menu-row');
    monitorRow.append(...m.monitorButtons);
    monitor.append(monitorRow, m.monitorNote, m.stop);
    panel.append(monitor);
  }
  return m;
}

function makeRow(a) {
  const tr = el('tr');
  tr.dataset.agent = a.userId;
  const r = { el: tr, a, stateKey: null, queuesKey: null };
  r.name = el('td', 'sv-name', a.name);
  r.state = el('td', 'sv-state');
  r.time = el('td', 'sv-time');
  r.call = el('td', 'sv-call');
  r.queues = el('td', 'sv-queues');
  const actions = el('td', 'sv-actions');
  tr.append(r.name, r.state, r.time, r.call, r.queues, actions);
  if (config.canControl || config.canQueues) {
    r.menu = makeMenu(r);
    actions.append(r.menu.details);
  }
  return r;
}

function updateMenu(r) {
  const m = r.menu;
  if (!m) return;
  const a = r.a;
  const inQueue = a.queueIds.length > 0;
  if (m.free) {
    // the engine's rules (ACD-3): ready from a pause or wrap-up, a pause from free or wrap-up
    m.free.disabled = !inQueue || !(a.state === 'PAUSED' || a.state === 'WRAP_UP');
    m.pause.disabled = !inQueue || !(a.state === 'FREE' || a.state === 'WRAP_UP' || a.state === 'PAUSED');
    m.logout.disabled = !inQueue;
  }
  if (m.addSelect) {
    const key = a.queueIds.join(',') + '|' + snapshot.queues.map((q) => q.id).join(',');
    if (key !== r.queuesKey) {
      r.queuesKey = key;
      const chosen = m.addSelect.value;
      const others = snapshot.queues.filter((q) => !a.queueIds.includes(q.id));
      m.addSelect.replaceChildren(...others.map((q) => {
        const o = el('option', null, q.number + ' · ' + q.name);
        o.value = q.id;
        return o;
      }));
      if (others.some((q) => q.id === chosen)) m.addSelect.value = chosen;
      m.addSelect.disabled = others.length === 0;
      m.add.disabled = others.length === 0;
      m.removeBox.replaceChildren(...a.queueIds.map((qid, i) => {
        const b = button(fmt(labels.removeFrom, a.queues[i]),
          () => act(() => call('DELETE', '/api/v1/queues/' + qid + '/members/' + a.userId)));
        b.dataset.action = 'remove';
        b.dataset.queue = a.queues[i];
        return b;
      }));
    }
  }
  if (m.monitorButtons) {
    const connected = a.callId && (a.state === 'TALKING' || a.state === 'HOLD');
    const mine = monitoring && a.callId === monitoring.callId;
    m.monitorButtons.forEach((b) => { b.disabled = !connected; });
    m.stop.hidden = !mine;
    m.monitorNote.textContent = mine ? fmt(labels.monitoring, labels['mode.' + monitoring.mode]) : '';
  }
}

function renderAgents(at) {
  const seen = new Set();
  snapshot.agents.forEach((a, i) => {
    seen.add(a.userId);
    let r = rows.get(a.userId);
    if (!r) {
      r = makeRow(a);
      rows.set(a.userId, r);
    }
    if (agentsBody.children[i] !== r.el) agentsBody.insertBefore(r.el, agentsBody.children[i] || null);
    r.a = a;
    const state = labels['state.' + a.state] || a.state;
    const stateText = a.reason && a.state === 'PAUSED' ? state + ' (' + reasonName(a.reason) + ')' : state;
    const key = a.state + '|' + a.reason;
    if (key !== r.stateKey) {
      if (r.stateKey !== null) announce(fmt(labels.announceState, a.name, stateText));
      r.stateKey = key;
      const badge = el('span', 'state-badge'); // the design system's state colours (docs/design.md)
      badge.dataset.state = a.state;
      badge.textContent = stateText;
      r.state.replaceChildren(badge);
    }
    r.time.textContent = a.since ? duration(at - a.since) : '—';
    r.call.textContent = a.callId ? (a.caller || '…') + (a.callQueue ? ' → ' + a.callQueue : '') : '';
    r.queues.textContent = a.queues.length ? a.queues.join(', ') : '—';
    updateMenu(r);
  });
  for (const [id, r] of rows) {
    if (!seen.has(id)) {
      r.el.remove();
      rows.delete(id);
    }
  }
  const empty = agentsBody.querySelector('tr.sv-empty');
  if (snapshot.agents.length === 0 && !empty) {
    const tr = el('tr', 'sv-empty');
    const td = el('td', null, labels.none);
    td.colSpan = 6;
    tr.append(td);
    agentsBody.append(tr);
  } else if (snapshot.agents.length > 0 && empty) {
    empty.remove();
  }
  if (monitoring && !snapshot.agents.some((a) => a.callId === monitoring.callId)) monitoring = null; // the call ended
}

function reasonName(code) {
  const r = config.pauseReasons.find((p) => p.code === code);
  return r ? r.name : code;
}

function render() {
  if (!snapshot) return;
  const at = now();
  renderTiles(at);
  renderAgents(at);
}

// ------------------------------------------------------------------ push

const feed = followWallboard({
  onSnapshot: (data) => {
    snapshot = data;
    if (status.textContent !== labels.live) status.textContent = labels.live;
    status.classList.remove('sv-offline');
    render();
  },
  onDown: () => {
    status.textContent = labels.connecting;
    status.classList.add('sv-offline');
  },
});

setInterval(render, 1000);
