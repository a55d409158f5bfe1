// The operator workstation (WS-1..8, HA-3). State comes from the agent API at load and after every
// reconnect; afterwards only from the `current_user_event` push. Timers run locally against the
// server's time (RT-6). Whatever the operator types is kept in sessionStorage (drafts survive a
// reload and a dropped connection).
const L = JSON.parse(document.getElementById('ws-i18n').textContent);
const $ = (id) => document.getElementById(id);
const root = $('ws');

// ------------------------------------------------------------------ HTTP

function csrf() {
  const token = document.querySelector('meta[name="_csrf"]');
  const header = document.querySelector('meta[name="_csrf_header"]');
  return token && header ? { [header.content]: token.content } : {};
}

class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.message || problem.title)) || L.error);
    this.status = status;
    this.problem = problem || {};
  }
}

async function api(method, url, body) {
  const r = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: { Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...csrf() },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
  if (!r.ok) throw new ApiError(r.status, data);
  return data;
}

function showError(e) {
  const box = $('ws-error');
  if (!e) { box.hidden = true; box.textContent = ''; return; }
  box.textContent = e.message || L.error;
  box.hidden = false;
}

async function act(work) {
  try {
    showError(null);
    return await work();
  } catch (e) {
    showError(e);
    return undefined;
  }
}

// ------------------------------------------------------------------ small helpers

function clock(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n) => String(n).padStart(2, '0');
  return (h > 0 ? h + ':' + pad(m) : m) + ':' + pad(s % 60);
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (v === null || v === undefined || v === false) return;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v === true ? '' : v);
  });
  children.flat().forEach((c) => { if (c !== null && c !== undefined) e.append(c); });
  return e;
}

function when(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleString(document.documentElement.lang || undefined,
    { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' });
}

// ------------------------------------------------------------------ drafts (HA-3)

const DRAFT = 'linia.ws.draft.';

function restoreDrafts() {
  document.querySelectorAll('[data-draft]').forEach((f) => {
    const v = sessionStorage.getItem(DRAFT + f.dataset.draft);
    if (v !== null && f.tagName !== 'SELECT') f.value = v;
  });
}

function restoreSelect(f) {
  const v = sessionStorage.getItem(DRAFT + f.dataset.draft);
  if (v !== null && [...f.options].some((o) => o.value === v)) f.value = v;
}

function clearDrafts(...names) {
  names.forEach((n) => {
    sessionStorage.removeItem(DRAFT + n);
    const f = document.querySelector('[data-draft="' + n + '"]');
    if (f && f.tagName !== 'SELECT') f.value = '';
  });
}

document.addEventListener('input', (e) => {
  const f = e.target.closest('[data-draft]');
  if (f) sessionStorage.setItem(DRAFT + f.dataset.draft, f.value);
});
document.addEventListener('change', (e) => {
  const f = e.target.closest('select[data-draft]');
  if (f) sessionStorage.setItem(DRAFT + f.dataset.draft, f.value);
});

// ------------------------------------------------------------------ state

const S = {
  me: null, // {userId, state, reason, since, queues, callId}
  offset: 0, // server time minus this browser's time, ms
  queues: [],
  reasons: [],
  codes: [],
  call: null, // the newest call_action record of the call on the desk
  cardCall: null, // the call whose card is shown
  customer: null,
  wrapCallId: sessionStorage.getItem('linia.ws.wrapCall'),
  recPaused: false,
  consultCallId: null,
  consult: null, // the newest call_action of the consultation leg this operator placed (WS-3)
  figures: { answered: 0, talkSum: 0, talkCount: 0 },
  counted: new Set(),
  times: { free: 0, pause: 0, offline: 0 }, // ms today as of `anchor`
  anchor: 0,
  status: 'offline',
};

const serverNow = () => Date.now() + S.offset;

function statusOf(state) {
  if (state === 'PAUSED') return 'pause';
  if (state === 'OFFLINE') return 'offline';
  return 'free';
}

function setWrapCall(id) {
  S.wrapCallId = id;
  if (id) sessionStorage.setItem('linia.ws.wrapCall', id);
  else sessionStorage.removeItem('linia.ws.wrapCall');
  renderWrapup();
}

// ------------------------------------------------------------------ rendering: status bar

function renderState() {
  const me = S.me;
  if (!me) return;
  const badge = $('ws-state');
  badge.dataset.state = me.state;
  const name = L['state.' + me.state] || me.state;
  const reason = me.reason ? (S.reasons.find((r) => r.code === me.reason) || { name: me.reason }).name : null;
  badge.textContent = reason ? name + ' · ' + reason : name;
  const inQueue = (me.queues || []).length > 0;
  $('ws-free').disabled = !inQueue || me.state === 'FREE' || ['RINGING', 'TALKING', 'HOLD', 'DIALING', 'CONSULTING'].includes(me.state);
  $('ws-pause').disabled = !inQueue || ['TALKING', 'HOLD', 'DIALING', 'CONSULTING'].includes(me.state);
  $('ws-offline').disabled = !inQueue;
  renderQueues(); // a push can overtake the answer of a join: a box in flight keeps the operator's click
  renderControls();
  tick();
}

// bumps whenever newer status information arrives (a push, an action's answer, a queue click):
// a state read begun before it is stale and must not overwrite it
let statusEpoch = 0;

/**
 * The queue check-boxes, updated in place: they are rebuilt only when the tenant's queues change,
 * so a click is never lost to a re-render (the page re-reads its state on every (re)connection),
 * and a box whose join/leave is in flight keeps what the operator clicked.
 */
function renderQueues() {
  const fs = $('ws-queues');
  const ids = S.queues.map((q) => q.id).join(',');
  if (fs.dataset.ids !== ids) {
    fs.dataset.ids = ids;
    fs.querySelectorAll('label, p').forEach((n) => n.remove());
    if (!S.queues.length) fs.append(el('p', { class: 'muted', text: L.noQueues }));
    S.queues.forEach((q) => {
      const box = el('input', { type: 'checkbox', value: q.id, 'data-number': q.number });
      box.addEventListener('change', () => {
        box.dataset.busy = '1';
        statusEpoch += 1;
        act(async () => {
          try {
            applyStatus(await api(box.checked ? 'PUT' : 'DELETE', '/api/v1/agent/queues/' + q.id));
          } finally {
            delete box.dataset.busy;
            renderQueues();
          }
        });
      });
      fs.append(el('label', { class: 'ws-inline' }, box, ' ' + q.number + ' · ' + q.name));
    });
  }
  fs.querySelectorAll('input[type=checkbox]').forEach((box) => {
    if (!box.dataset.busy) box.checked = !!(S.me && S.me.queues && S.me.queues.includes(box.value));
  });
}

function renderReasons() {
  const sel = $('ws-reason');
  sel.replaceChildren(...S.reasons.map((r) => el('option', { value: r.code, text: r.name })));
}

function renderFigures() {
  $('ws-fig-answered').textContent = String(S.figures.answered);
  $('ws-fig-avg').textContent = clock(S.figures.talkCount ? (S.figures.talkSum / S.figures.talkCount) * 1000 : 0);
}

function tick() {
  const now = serverNow();
  if (S.me) {
    $('ws-timer').textContent = S.me.since ? clock(now - Date.parse(S.me.since)) : '0:00';
  }
  const run = (s) => S.times[s] + (S.status === s && S.anchor ? Math.max(0, now - S.anchor) : 0);
  $('ws-fig-free').textContent = clock(run('free'));
  $('ws-fig-pause').textContent = clock(run('pause'));
}

setInterval(tick, 1000);

// ------------------------------------------------------------------ the call panel

const LIVE = ['ringing', 'dialing', 'connected', 'held', 'consulting'];

function renderControls() {
  const c = S.call && LIVE.includes(S.call.state) ? S.call : null;
  const st = c ? c.state : null;
  const ringing = st === 'ringing' && S.me && S.me.state === 'RINGING';
  $('ws-answer').disabled = !ringing;
  $('ws-hangup').disabled = !(st === 'connected' || st === 'held' || st === 'dialing' || st === 'consulting');
  const hold = $('ws-hold');
  hold.disabled = !(st === 'connected' || st === 'held');
  hold.textContent = st === 'held' ? L.resume : L.hold;
  hold.setAttribute('aria-pressed', st === 'held' ? 'true' : 'false');
  const rec = $('ws-rec');
  rec.disabled = !(st === 'connected' || st === 'held');
  rec.textContent = S.recPaused ? L.recResume : L.recPause;
  rec.setAttribute('aria-pressed', S.recPaused ? 'true' : 'false');
  $('ws-rec-state').textContent = c && (st === 'connected' || st === 'held') ? (S.recPaused ? L.recPaused : L.recOn) : '';
  $('ws-transfer-open').disabled = !(st === 'connected' || st === 'held');
  $('ws-consult').hidden = !S.consultCallId;
  // attended transfer: the held caller stays on the desk; the leg to the colleague is shown beside it
  $('ws-consult-state').textContent = S.consult ? L['call.' + S.consult.state] || S.consult.state : '';
  $('ws-consult-complete').disabled = !!S.consult && S.consult.state !== 'connected';
  const incoming = $('ws-incoming');
  incoming.hidden = !ringing;
  $('ws-incoming-caller').textContent = ringing ? c.caller || L.unknownCaller : '';
  if (ringing) ring.start(); else ring.stop();
  $('ws-nocall').hidden = !!c;
  $('ws-calldl').hidden = !c && !S.cardCall;
  if (c) $('ws-call-state').textContent = L['call.' + c.state] || c.state;
  else if (S.cardCall) $('ws-call-state').textContent = L['call.ended'];
  // the call's state for scripts and tests (e.g. the answer-click bench waits for "connected")
  $('ws-call-state').dataset.state = c ? c.state : (S.cardCall ? 'ended' : '');
}

async function popCard(record) {
  if (S.cardCall && S.cardCall.id === record.id) return;
  S.cardCall = { id: record.id, caller: record.caller, dialled: record.dialled, direction: record.direction };
  S.customer = null;
  S.matched = null;
  S.recPaused = false;
  $('ws-call-caller').textContent = (record.direction === 'outbound' ? record.dialled : record.caller) || L.unknownCaller;
  ['ws-call-queue', 'ws-call-topic', 'ws-call-ivr'].forEach((id) => { $(id).textContent = '—'; });
  showScript(null);
  $('ws-request-done').textContent = '';
  clearDrafts('request-subject', 'request-description');
  renderCard(null, []);
  const number = record.direction === 'outbound' ? record.dialled : record.caller;
  // the call's details, the caller's cards and the articles at once (WS-4, WS-5)
  await Promise.all([
    api('GET', '/api/v1/agent/calls/' + encodeURIComponent(record.id)).then((d) => {
      if (!S.cardCall || S.cardCall.id !== record.id) return;
      $('ws-call-queue').textContent = d.queueName || '—';
      $('ws-call-topic').textContent = d.topic || '—';
      $('ws-call-ivr').textContent = d.ivrPath && d.ivrPath.length ? d.ivrPath.join(' → ') : '—';
      showScript(d.scriptHtml);
    }).catch(() => {}),
    findCustomer(record.id, number),
    loadArticles(record.id),
  ]);
}

async function findCustomer(callId, number) {
  let cards = [];
  if (number) {
    try {
      cards = await api('GET', '/api/v1/customers/match?phone=' + encodeURIComponent(number));
    } catch (e) {
      cards = []; // an anonymous or internal number matches nobody
    }
  }
  if (!S.cardCall || S.cardCall.id !== callId) return;
  S.matched = cards.map((c) => c.id).sort().join(',');
  if (cards.length === 1) {
    await showCustomer(cards[0].id);
  } else {
    renderCard(null, cards);
  }
}

// "New customer" opens the form in another tab: when the operator comes back, the call's number is
// matched again, so the card (and a request registered next) belongs to the customer just created
// (WS-4, WS-7). A card still matching, or the same set of matches as before, is left as it is.
let rematching = false;
async function rematch() {
  if (rematching || document.visibilityState !== 'visible' || !S.cardCall) return;
  const call = S.cardCall;
  const number = call.direction === 'outbound' ? call.dialled : call.caller;
  if (!number) return;
  rematching = true;
  try {
    let cards;
    try {
      cards = await api('GET', '/api/v1/customers/match?phone=' + encodeURIComponent(number));
    } catch (e) {
      return;
    }
    if (S.cardCall !== call) return;
    const key = cards.map((c) => c.id).sort().join(',');
    if (S.customer ? cards.some((c) => c.id === S.customer.id) : key === S.matched) return;
    S.matched = key;
    if (cards.length === 1) await showCustomer(cards[0].id);
    else { S.customer = null; renderCard(null, cards); }
  } finally {
    rematching = false;
  }
}
document.addEventListener('visibilitychange', rematch);
window.addEventListener('focus', rematch);

async function showCustomer(id) {
  const callId = S.cardCall && S.cardCall.id;
  const [card, timeline] = await Promise.all([
    api('GET', '/api/v1/customers/' + id),
    api('GET', '/api/v1/customers/' + id + '/timeline?limit=20').catch(() => ({ items: [] })),
  ]);
  let company = null;
  if (card.organizationId) {
    company = await api('GET', '/api/v1/customers/' + card.organizationId).then((o) => o.displayName).catch(() => null);
  }
  if (!S.cardCall || S.cardCall.id !== callId) return;
  S.customer = card;
  renderCard({ card, company, timeline: timeline.items || [] }, []);
}

function renderCard(found, choices) {
  const box = $('ws-card');
  const parts = [];
  const number = S.cardCall ? (S.cardCall.direction === 'outbound' ? null : S.cardCall.caller) : null;
  if (!S.cardCall) {
    box.replaceChildren(el('p', { class: 'muted', id: 'ws-card-empty', text: L.cardEmpty }));
    $('ws-request').hidden = true;
    return;
  }
  if (found) {
    const c = found.card;
    const head = el('div', { class: 'ws-who' },
      el('strong', { id: 'ws-customer-name', text: c.displayName }),
      found.company ? el('span', { class: 'muted', id: 'ws-customer-company', text: found.company }) : null,
      el('a', { href: '/customers/' + c.id, target: '_blank', rel: 'noopener', text: L.openCard }));
    parts.push(head);
    const marks = (c.marks || []).filter((m) => m.kind === 'vip');
    if (marks.length) {
      parts.push(el('p', { class: 'ws-vips' }, marks.map((m) => el('span', {
        class: 'ws-vip', title: m.note || '', text: L.vip + ' · ' + m.projectName,
      }))));
    }
    parts.push(el('h3', { text: L.history }));
    const list = el('ul', { class: 'ws-history', id: 'ws-history' });
    const items = found.timeline.filter((t) => !(t.type === 'call' && t.id === S.cardCall.id));
    if (!items.length) list.append(el('li', { class: 'muted', text: L.historyEmpty }));
    items.forEach((t) => list.append(historyItem(t)));
    parts.push(list);
  } else if (choices.length > 1) {
    parts.push(el('p', { text: L.severalCards }));
    parts.push(el('ul', { class: 'ws-choices' }, choices.map((c) => {
      const b = el('button', { type: 'button', class: 'link', text: c.displayName });
      b.addEventListener('click', () => act(() => showCustomer(c.id)));
      return el('li', {}, b);
    })));
  } else {
    parts.push(el('p', { id: 'ws-no-match', text: L.noMatch }));
    parts.push(el('a', {
      class: 'button', id: 'ws-new-customer', target: '_blank', rel: 'noopener',
      href: '/customers/new' + (number ? '?phone=' + encodeURIComponent(number) : ''), text: L.newCustomer,
    }));
  }
  box.replaceChildren(...parts);
  $('ws-request').hidden = !S.projects || !S.projects.length;
}

function historyItem(t) {
  const d = t.details || {};
  if (t.type === 'call') {
    const code = d.resultCode ? (S.codes.find((c) => c.code === d.resultCode) || { name: d.resultCode }).name : null;
    return el('li', { 'data-type': 'call' },
      el('span', { class: 'ws-when', text: when(t.at) }), ' ',
      el('span', { text: (L['dir.' + d.direction] || d.direction) + ' · ' + (L['outcome.' + d.outcome] || d.outcome || '')
        + (d.queueName ? ' · ' + d.queueName : '') + (d.agentName ? ' · ' + d.agentName : '')
        + (d.talkMs ? ' · ' + clock(d.talkMs) : '') }),
      code ? el('span', { class: 'ws-code', text: code }) : null,
      d.wrapupComment ? el('span', { class: 'muted ws-comment', text: d.wrapupComment }) : null);
  }
  if (t.type === 'request') {
    return el('li', { 'data-type': 'request' },
      el('span', { class: 'ws-when', text: when(t.at) }), ' ',
      el('a', { href: d.link || '#', target: '_blank', rel: 'noopener', text: '№' + d.number + ' ' + (d.subject || '') }),
      el('span', { class: 'ws-status-tag', text: d.statusName || d.status }));
  }
  return el('li', {}, el('span', { class: 'ws-when', text: when(t.at) }), ' ' + t.type);
}

// ------------------------------------------------------------------ the queue's script (WS-6)

// the HTML comes sanitized from the server (io.linia.platform.Markdown, as knowledge-base articles)
function showScript(html) {
  const box = $('ws-script');
  if (html) box.innerHTML = html;
  else box.replaceChildren(el('p', { class: 'muted', text: box.dataset.none }));
}

// ------------------------------------------------------------------ knowledge (WS-5) and search

async function loadArticles(callId) {
  const list = $('ws-articles');
  if (root.dataset.kb !== 'true') {
    list.replaceChildren(el('li', { class: 'muted', text: L.noArticles }));
    return;
  }
  try {
    const r = await api('GET', '/api/v1/kb/call-articles?callId=' + encodeURIComponent(callId));
    const items = Array.isArray(r) ? r : (r.items || r.articles || []);
    list.replaceChildren(...(items.length ? items.map((a) => el('li', {},
      el('a', { href: '/kb/articles/' + a.id, target: '_blank', rel: 'noopener', text: a.title })))
      : [el('li', { class: 'muted', text: L.noArticles })]));
  } catch (e) {
    list.replaceChildren(el('li', { class: 'muted', text: L.noArticles }));
  }
}

// the snippet is text with <mark> around the hits: rebuilt as nodes, never as HTML
function snippet(s) {
  const p = el('span', { class: 'muted ws-snippet' });
  const doc = new DOMParser().parseFromString('<p>' + (s || '') + '</p>', 'text/html');
  doc.body.firstChild.childNodes.forEach((n) => {
    if (n.nodeName === 'MARK') p.append(el('mark', { text: n.textContent }));
    else p.append(document.createTextNode(n.textContent));
  });
  return p;
}

function hitLink(h) {
  if (h.kind === 'article') return '/kb/articles/' + h.id;
  if (h.kind === 'customer') return '/customers/' + h.id;
  if (h.kind === 'request') return '/requests/' + h.id;
  return '#';
}

$('ws-search').addEventListener('submit', (e) => {
  e.preventDefault();
  const q = $('ws-search-q').value.trim();
  const list = $('ws-search-hits');
  if (!q) { list.replaceChildren(); return; }
  act(async () => {
    const r = await api('GET', '/api/v1/search?q=' + encodeURIComponent(q) + '&limit=10');
    const hits = r.hits || [];
    list.replaceChildren(...(hits.length ? hits.map((h) => el('li', {},
      el('a', { href: hitLink(h), target: '_blank', rel: 'noopener', text: h.title }), ' ', snippet(h.snippet)))
      : [el('li', { class: 'muted', text: L.noHits })]));
  });
});

// ------------------------------------------------------------------ register a request (WS-7)

async function loadProjects() {
  try {
    S.projects = await api('GET', '/api/v1/projects?active=true');
  } catch (e) {
    S.projects = []; // no REQUEST_WORK: no request form
  }
  const sel = $('ws-request-project');
  sel.replaceChildren(...S.projects.map((p) => el('option', { value: p.id, text: p.name })));
  restoreSelect(sel);
}

$('ws-request').addEventListener('submit', (e) => {
  e.preventDefault();
  if (!S.cardCall) return;
  act(async () => {
    const body = {
      callId: S.cardCall.id,
      projectId: $('ws-request-project').value,
      subject: $('ws-request-subject').value.trim() || null,
      description: $('ws-request-description').value.trim() || null,
    };
    if (S.customer) body.customerId = S.customer.id;
    const r = await api('POST', '/api/v1/requests/from-call', body);
    clearDrafts('request-subject', 'request-description');
    const done = $('ws-request-done');
    done.replaceChildren(L.requestDone + ' ', el('a', { href: '/requests/' + r.id, target: '_blank', rel: 'noopener',
      id: 'ws-request-link', text: '№' + r.number }));
    if (S.customer) await showCustomer(S.customer.id);
  });
});

// ------------------------------------------------------------------ wrap-up (WS-3)

function renderCodes() {
  const sel = $('ws-wrapup-code');
  sel.replaceChildren(el('option', { value: '', text: L.chooseCode }),
    ...S.codes.map((c) => el('option', { value: c.code, text: c.name })));
  restoreSelect(sel);
}

function renderWrapup() {
  $('ws-wrapup').hidden = !S.wrapCallId;
  if (S.wrapCallId) $('ws-wrapup-saved').textContent = '';
}

$('ws-wrapup').addEventListener('submit', (e) => {
  e.preventDefault();
  const callId = S.wrapCallId;
  if (!callId) return;
  act(async () => {
    await api('POST', '/api/v1/agent/calls/' + encodeURIComponent(callId) + '/wrapup', {
      resultCode: $('ws-wrapup-code').value, comment: $('ws-wrapup-comment').value,
    });
    clearDrafts('wrapup-comment', 'wrapup-code');
    $('ws-wrapup-code').value = '';
    setWrapCall(null);
    $('ws-wrapup-saved').textContent = L.wrapupSaved;
    $('ws-wrapup').hidden = true;
  });
});

// ------------------------------------------------------------------ call actions

async function callAction(verb, body) {
  const c = S.call;
  if (!c) return;
  await act(async () => {
    const me = await api('POST', '/api/v1/agent/calls/' + encodeURIComponent(c.id) + '/' + verb, body);
    if (me && me.state) applyStatus(me);
  });
}

$('ws-answer').addEventListener('click', () => { ring.unlock(); callAction('answer'); });
$('ws-hangup').addEventListener('click', () => callAction('hangup'));
$('ws-hold').addEventListener('click', () => callAction((S.call && S.call.state === 'held') || (S.me && S.me.state === 'HOLD') ? 'resume' : 'hold'));
$('ws-rec').addEventListener('click', async () => {
  const paused = !S.recPaused;
  const c = S.call;
  if (!c) return;
  const ok = await act(async () => {
    await api('POST', '/api/v1/agent/calls/' + encodeURIComponent(c.id) + '/recording', { paused });
    return true;
  });
  if (ok) { S.recPaused = paused; renderControls(); }
});

async function setState(state) {
  ring.unlock();
  const body = state === 'PAUSED' ? { state, reason: $('ws-reason').value } : { state };
  await act(async () => applyStatus(await api('PUT', '/api/v1/agent/state', body)));
}

$('ws-free').addEventListener('click', () => setState('FREE'));
$('ws-pause').addEventListener('click', () => setState('PAUSED'));
$('ws-offline').addEventListener('click', () => setState('OFFLINE'));

// outbound dialling (number, or the card's customer when the box is empty)
$('ws-dial').addEventListener('submit', (e) => {
  e.preventDefault();
  const number = $('ws-dial-number').value.trim();
  const body = number ? { number } : (S.customer ? { customerId: S.customer.id } : null);
  if (!body) return;
  act(async () => {
    await api('POST', '/api/v1/agent/dial', body);
    clearDrafts('dial');
  });
});

// ------------------------------------------------------------------ transfer dialog

const dialog = $('ws-transfer');

function transferTarget() {
  return dialog.querySelector('input[name=target]:checked').value;
}

function showTargetField() {
  const t = transferTarget();
  dialog.querySelectorAll('label[data-for]').forEach((l) => { l.hidden = l.dataset.for !== t; });
}

dialog.querySelectorAll('input[name=target]').forEach((r) => r.addEventListener('change', showTargetField));

$('ws-transfer-open').addEventListener('click', async () => {
  $('ws-transfer-error').hidden = true;
  $('ws-transfer-queue').replaceChildren(...S.queues.map((q) => el('option', { value: q.id, text: q.number + ' · ' + q.name })));
  try {
    const colleagues = await api('GET', '/api/v1/agent/colleagues');
    $('ws-transfer-agent').replaceChildren(...colleagues.map((a) => el('option', { value: a.userId,
      text: a.name + ' — ' + (L['state.' + a.state] || a.state) })));
  } catch (e) {
    $('ws-transfer-agent').replaceChildren();
  }
  showTargetField();
  dialog.showModal();
});

$('ws-transfer-close').addEventListener('click', () => dialog.close());

$('ws-transfer-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const c = S.call;
  if (!c) { dialog.close(); return; }
  const t = transferTarget();
  const body = t === 'queue' ? { queueId: $('ws-transfer-queue').value }
    : t === 'agent' ? { agentId: $('ws-transfer-agent').value } : { number: $('ws-transfer-number').value.replace(/[\s().-]/g, '') }; // "8 (495) 111-22-33" is 84951112233
  const attended = dialog.querySelector('input[name=kind]:checked').value === 'attended';
  try {
    const r = await api('POST', '/api/v1/agent/calls/' + encodeURIComponent(c.id) + (attended ? '/consult' : '/transfer'), body);
    if (attended && r && r.consultCallId) S.consultCallId = r.consultCallId;
    if (r && r.state) applyStatus(r);
    dialog.close();
    renderControls();
  } catch (err) {
    $('ws-transfer-error').textContent = err.message;
    $('ws-transfer-error').hidden = false;
  }
});

async function consultEnd(verb) {
  const c = S.call;
  if (!c) return;
  await act(async () => {
    await api('POST', '/api/v1/agent/calls/' + encodeURIComponent(c.id) + '/consult/' + verb);
    S.consultCallId = null;
    renderControls();
  });
}

$('ws-consult-complete').addEventListener('click', () => consultEnd('complete'));
$('ws-consult-cancel').addEventListener('click', () => consultEnd('cancel'));

// ------------------------------------------------------------------ the ring (WebAudio, muted on request)

const ring = (() => {
  let audio = null;
  let timer = null;
  const mute = $('ws-mute');
  mute.checked = localStorage.getItem('linia.ws.mute') === '1';
  mute.addEventListener('change', () => {
    localStorage.setItem('linia.ws.mute', mute.checked ? '1' : '0');
    if (mute.checked) stopTone();
  });
  function unlock() {
    if (!audio && (window.AudioContext || window.webkitAudioContext)) {
      audio = new (window.AudioContext || window.webkitAudioContext)();
    }
    if (audio && audio.state === 'suspended') audio.resume();
  }
  function beep() {
    if (!audio || mute.checked) return;
    const o = audio.createOscillator();
    const g = audio.createGain();
    o.type = 'sine';
    o.frequency.value = 440;
    g.gain.setValueAtTime(0.0001, audio.currentTime);
    g.gain.exponentialRampToValueAtTime(0.2, audio.currentTime + 0.05);
    g.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.8);
    o.connect(g).connect(audio.destination);
    o.start();
    o.stop(audio.currentTime + 0.85);
  }
  function stopTone() {
    if (timer) clearInterval(timer);
    timer = null;
    root.dataset.ringing = 'false';
  }
  return {
    unlock,
    start() {
      if (timer) return;
      root.dataset.ringing = 'true';
      beep();
      timer = setInterval(beep, 2000);
    },
    stop: stopTone,
  };
})();
document.addEventListener('pointerdown', () => ring.unlock(), { once: true });

// ------------------------------------------------------------------ applying server state

function applyStatus(me) {
  statusEpoch += 1;
  // a status read from the API: {userId, state, reason, since (ISO), queues, callId}
  const before = S.me;
  S.me = { ...me, since: me.since };
  // the action's answer is newer than the call push it caused, which may still be on its way:
  // a second hold key pressed before that push must resume, not hold again
  if (S.call && me.callId === S.call.id && CALL_STATE[me.state]) S.call = { ...S.call, state: CALL_STATE[me.state] };
  const status = statusOf(me.state);
  if (before && statusOf(before.state) !== status && me.since) {
    const at = Date.parse(me.since);
    if (S.anchor) S.times[S.status] += Math.max(0, at - S.anchor);
    S.anchor = at;
    S.status = status;
  }
  renderState();
}

function onStatusEvent(d) {
  statusEpoch += 1;
  // the push of RT-4/RT-5: since is epoch ms; a change just happened, so the server's now is at least `since`
  S.offset = Math.max(S.offset, d.since - Date.now());
  const status = d.status || statusOf(d.state);
  if (S.anchor && status !== S.status) {
    S.times[S.status] += Math.max(0, d.since - S.anchor);
    S.anchor = d.since;
    S.status = status;
  }
  S.me = { ...(S.me || {}), state: d.state, reason: d.reason, since: new Date(d.since).toISOString() };
  if (d.state === 'FREE' || d.state === 'PAUSED' || d.state === 'OFFLINE' || d.state === 'WRAP_UP') {
    if (S.call && !LIVE.includes(S.call.state)) S.call = null;
  }
  renderState();
}

function onCallEvent(c) {
  if (!S.me) return;
  // a consultation leg this operator placed (WS-3): followed beside the held caller, never put on the desk
  if (c.parentCallId && c.fromAgentId === S.me.userId) {
    const live = LIVE.includes(c.state);
    S.consult = live ? c : null;
    S.consultCallId = live ? c.id : null;
    renderControls();
    return;
  }
  const mine = c.agentId === S.me.userId || c.agentId === null;
  const onDesk = S.call && S.call.id === c.id;
  const elsewhere = c.agentId && c.agentId !== S.me.userId; // rings at, or talks with, a colleague
  if (LIVE.includes(c.state) && (mine || onDesk) && !(elsewhere && c.state !== 'ringing')) {
    const wasTalking = onDesk && ['connected', 'held'].includes(S.call.state);
    S.call = c;
    if (c.state === 'connected' || c.state === 'held' || c.state === 'dialing') setWrapCall(c.id);
    if (!wasTalking || !S.cardCall || S.cardCall.id !== c.id) popCard(c);
    renderControls();
    return;
  }
  if (onDesk) {
    // ended, or moved on (rang out, transferred into a queue)
    const talked = ['connected', 'held', 'consulting'].includes(S.call.state) || c.connectedAt;
    S.call = null;
    S.consultCallId = null;
    S.consult = null;
    if (talked && c.agentId === S.me.userId) setWrapCall(c.id);
    if (!talked) {
      S.cardCall = null;
      renderCard(null, []);
      $('ws-articles').replaceChildren(el('li', { class: 'muted', text: L.noCall }));
      showScript(null);
    }
    renderControls();
  }
  if (c.state === 'ended' && S.me && c.agentId === S.me.userId && !S.counted.has(c.id)) {
    S.counted.add(c.id);
    if (c.outcome === 'answered') S.figures.answered += 1;
    if (c.talkMs !== null && c.talkMs !== undefined) {
      S.figures.talkSum += Math.floor(c.talkMs / 1000);
      S.figures.talkCount += 1;
    }
    renderFigures();
  }
}

const CALL_STATE = { RINGING: 'ringing', TALKING: 'connected', HOLD: 'held', DIALING: 'dialing', CONSULTING: 'consulting' };

async function load() {
  const epoch = statusEpoch;
  const [fetched, queues, reasons, codes, stats, times] = await Promise.all([
    api('GET', '/api/v1/agent/state'),
    api('GET', '/api/v1/agent/queues'),
    api('GET', '/api/v1/pause-reasons'),
    api('GET', '/api/v1/wrapup-codes'),
    api('GET', '/calls/statistics/current').catch(() => null),
    api('GET', '/rest/status/statistics').catch(() => null),
  ]);
  S.offset = queues.now - Date.now();
  S.queues = queues.queues;
  S.reasons = reasons.reasons;
  S.codes = codes.codes;
  // a push or an action's answer that came while this read was under way is newer than what it read
  const me = epoch === statusEpoch || !S.me ? fetched : S.me;
  S.me = me;
  if (stats) {
    S.figures = { answered: stats.incoming, talkSum: stats.averageCallTime.sum, talkCount: stats.averageCallTime.count };
  }
  S.counted = new Set();
  if (times) {
    S.times = { free: times.free, pause: times.pause, offline: times.offline };
  }
  S.anchor = serverNow();
  S.status = statusOf(me.state);
  renderReasons();
  restoreSelect($('ws-reason'));
  renderCodes();
  renderQueues();
  renderFigures();
  S.consultCallId = me.consultCallId || null;
  if (!S.consultCallId) S.consult = null;
  else if (!S.consult || S.consult.id !== S.consultCallId) S.consult = null; // its state comes with the next push
  if (me.callId && CALL_STATE[me.state]) {
    if (!S.call || S.call.id !== me.callId) {
      const d = await api('GET', '/api/v1/agent/calls/' + encodeURIComponent(me.callId));
      S.call = { ...d, state: CALL_STATE[me.state], agentId: me.state === 'RINGING' ? null : me.userId };
    } else {
      S.call = { ...S.call, state: CALL_STATE[me.state] };
    }
    if (me.state !== 'RINGING') setWrapCall(me.callId);
    popCard(S.call);
  } else if (S.call && LIVE.includes(S.call.state)) {
    // the call ended while the connection was down
    S.call = null;
  }
  renderState();
  renderWrapup();
}

// ------------------------------------------------------------------ the connection (RT-3, HA-3)

let attempt = 0;
let socket = null;

function banner(show) {
  $('ws-conn').hidden = !show;
  root.dataset.connected = show ? 'false' : 'true';
}

function retry() {
  banner(true);
  const delay = Math.min(10000, 500 * 2 ** attempt) * (0.8 + Math.random() * 0.4);
  attempt += 1;
  setTimeout(connect, delay);
}

function connect() {
  let ws;
  try {
    ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/websocket');
  } catch (e) {
    retry();
    return;
  }
  socket = ws;
  ws.addEventListener('open', () => ws.send(JSON.stringify({ type: 'SUBSCRIBE', topic: 'current_user_event' })));
  ws.addEventListener('message', (m) => {
    let frame;
    try { frame = JSON.parse(m.data); } catch (e) { return; }
    if (frame.type === 'SUBSCRIBE' && frame.topic === 'current_user_event') {
      // subscribed: whatever happened while away is read again, then events keep it current
      attempt = 0;
      load().then(() => banner(false)).catch(showError);
    } else if (frame.type === 'EVENT' && frame.topic === 'current_user_event' && frame.data) {
      if (frame.data.type === 'on_user_status_changed') onStatusEvent(frame.data.data);
      else if (frame.data.type === 'call_action') onCallEvent(frame.data.data);
    }
  });
  ws.addEventListener('close', () => {
    if (socket === ws) retry();
  });
}

// ------------------------------------------------------------------ keyboard (WS-8)

function typing(t) {
  return t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
}

document.addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.metaKey || e.repeat) return;
  if (dialog.open) return;
  // in a field only with Alt; the physical key (e.code) so that a Russian layout works the same
  if (typing(e.target) && !e.altKey) return;
  if (e.key === '/' || e.code === 'Slash') {
    if (typing(e.target)) return;
    e.preventDefault();
    $('ws-search-q').focus();
    return;
  }
  const click = (id) => { const b = $(id); if (!b.disabled) { e.preventDefault(); b.click(); } };
  switch (e.code) {
    case 'KeyA': click('ws-answer'); break;
    case 'KeyE': click('ws-hangup'); break;
    case 'KeyH': click('ws-hold'); break;
    case 'KeyF': click('ws-free'); break;
    case 'KeyP': click('ws-pause'); break;
    default:
  }
});

$('ws-help-toggle').addEventListener('click', () => {
  const help = $('ws-help');
  help.hidden = !help.hidden;
  $('ws-help-toggle').setAttribute('aria-expanded', help.hidden ? 'false' : 'true');
});

// ------------------------------------------------------------------ start

restoreDrafts();
loadProjects();
load().catch(showError);
connect();
