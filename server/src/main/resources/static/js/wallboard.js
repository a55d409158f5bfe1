// The wallboard (RT-7): everything arrives by push on /websocket; timers run locally (RT-6).
import { duration, followWallboard } from './wallboard-feed.js';
const labels = JSON.parse(document.getElementById('wb-i18n').textContent);
const status = document.getElementById('wb-status');
const tiles = document.getElementById('wb-tiles');
const agentRows = document.getElementById('wb-agents');
let snapshot = null;

function cell(tag, text, cls) {
  const el = document.createElement(tag);
  el.textContent = text;
  if (cls) el.className = cls;
  return el;
}

function figure(label, value, id) {
  const box = document.createElement('div');
  box.className = 'wb-figure';
  const v = cell('span', value, 'wb-value');
  if (id) v.dataset.role = id;
  box.append(v, cell('span', label, 'wb-label'));
  return box;
}

function render() {
  if (!snapshot) return;
  // the server's "now", moved on by the time passed here: immune to a wrong clock in the browser
  const now = feed.now();
  tiles.replaceChildren(...snapshot.queues.map((q) => {
    const tile = document.createElement('article');
    tile.className = 'wb-tile';
    tile.dataset.queue = q.number;
    // the queue's thresholds (GET/PUT /api/v1/supervisor/thresholds; docs/supervisor.md)
    const t = q.thresholds || {};
    const longest = q.longestWaitSince ? (now - q.longestWaitSince) / 1000 : -1;
    const reaches = (kind) => (t['waiting' + kind] != null && q.waiting >= t['waiting' + kind])
      || (t['longestWait' + kind + 'Seconds'] != null && longest >= t['longestWait' + kind + 'Seconds'])
      || (t['serviceLevel' + kind] != null && q.serviceLevel !== null && q.serviceLevel < t['serviceLevel' + kind]);
    if (reaches('Alarm')) tile.classList.add('wb-alert');
    else if (reaches('Warn')) tile.classList.add('wb-busy');
    tile.append(cell('h3', q.number + ' · ' + q.name));
    const grid = document.createElement('div');
    grid.className = 'wb-grid';
    grid.append(
      figure(labels.waiting, q.waiting, 'waiting'),
      figure(labels.longestWait, q.longestWaitSince ? duration(now - q.longestWaitSince) : '—', 'longest'),
      figure(labels.free, q.free), figure(labels.busy, q.busy), figure(labels.paused, q.paused),
      figure(labels.offline, q.offline, 'offline'),
      figure(labels.answered, q.answered, 'answered'), figure(labels.abandoned, q.abandoned),
      figure(labels.serviceLevel, q.serviceLevel === null ? '—' : q.serviceLevel + ' %'),
      figure(labels.avgWait, duration(q.averageWaitSeconds * 1000)),
      figure(labels.avgTalk, duration(q.averageTalkSeconds * 1000)));
    tile.append(grid);
    return tile;
  }));
  agentRows.replaceChildren(...(snapshot.agents.length ? snapshot.agents.map((a) => {
    const tr = document.createElement('tr');
    tr.dataset.agent = a.userId;
    const state = labels['state.' + a.state] || a.state;
    const badge = cell('span', a.reason ? state + ' (' + a.reason + ')' : state, 'state-badge'); // docs/design.md
    badge.dataset.state = a.state;
    const stateCell = cell('td', '', 'wb-state');
    stateCell.append(badge);
    tr.append(cell('td', a.name), stateCell,
      cell('td', a.since ? duration(now - a.since) : '—'), cell('td', a.queues.join(', ')), cell('td', a.callId ? '●' : ''));
    return tr;
  }) : [(() => { const tr = document.createElement('tr'); const td = cell('td', labels.none); td.colSpan = 5; tr.append(td); return tr; })()]));
}

const feed = followWallboard({
  onSnapshot: (data) => {
    snapshot = data;
    status.textContent = labels.live;
    status.classList.remove('wb-offline');
    render();
  },
  onDown: () => {
    status.textContent = labels.connecting;
    status.classList.add('wb-offline');
  },
});

setInterval(render, 1000);
