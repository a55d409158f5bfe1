// The simulated switch (TEL-5): a traffic profile started and stopped through /api/v1/sim/traffic,
// its figures from /api/v1/sim/stats every two seconds, and one call placed by hand.
import { api, clearErrors, el, numberOrNull, say, showProblem, t } from './admin-common.js';

const $ = s => document.getElementById(s);
const streams = $('streams');
let seq = 0;
const list = v => v.split(/[\s,;]+/).map(x => x.trim()).filter(Boolean);

function addStream(s = { dialled: '', callsPerHour: 60, meanPatienceSeconds: null, dtmfChoices: [] }) {
  const i = streams.rows.length;
  const n = ++seq;
  const cell = (cls, field, attrs, value, label) => el('td', {}, el('input', { id: cls + '-' + n, class: cls,
    'data-field': `streams[${i}].${field}`, 'aria-label': label, value: value ?? '', ...attrs }));
  const row = el('tr', {},
    cell('stream-dialled', 'dialled', { inputmode: 'numeric', maxlength: 20 }, s.dialled, t('sim.dialled')),
    cell('stream-rate', 'callsPerHour', { type: 'number', min: 0, step: 'any' }, s.callsPerHour, t('sim.callsPerHour')),
    cell('stream-patience', 'meanPatienceSeconds', { type: 'number', min: 0, step: 'any' }, s.meanPatienceSeconds, t('sim.patience')),
    cell('stream-dtmf', 'dtmfChoices', {}, (s.dtmfChoices || []).join(', '), t('sim.dtmfChoices')),
    el('td', {}, el('button', { type: 'button', class: 'link danger', text: t('remove'), 'aria-label': t('sim.stream.remove'),
      onclick: () => { row.remove(); $('stream-add').focus(); } })));
  // known callers (the demo's customers) have no field here: kept as they were when the profile is saved again
  row.known = { knownCallers: s.knownCallers || [], knownCallerShare: s.knownCallerShare || 0 };
  streams.append(row);
  return row.querySelector('input');
}

function showTraffic(traffic) {
  $('traffic-state').textContent = traffic
    ? t('sim.running', traffic.streams.map(s => s.dialled + ' × ' + s.callsPerHour + '/h').join(', '))
    : t('sim.stopped');
}

async function loadTraffic() {
  const r = await api('GET', '/api/v1/sim/traffic');
  streams.replaceChildren();
  if (r.ok) {
    r.body.streams.forEach(addStream);
    $('sim-endpoints').value = (r.body.virtualEndpoints || []).join(', ');
    $('sim-ring-delay').value = r.body.ringDelaySeconds;
    $('sim-talk').value = r.body.meanTalkSeconds;
    $('sim-seed').value = r.body.seed;
    showTraffic(r.body);
  } else {
    addStream();
    showTraffic(null);
  }
}

$('stream-add').addEventListener('click', () => addStream().focus());

$('traffic-form').addEventListener('submit', async event => {
  event.preventDefault();
  const form = $('traffic-form');
  clearErrors(form);
  $('traffic-summary').hidden = true;
  const body = {
    streams: [...streams.rows].map(row => ({
      dialled: row.querySelector('.stream-dialled').value.trim(),
      callsPerHour: numberOrNull(row.querySelector('.stream-rate')),
      meanPatienceSeconds: numberOrNull(row.querySelector('.stream-patience')),
      dtmfChoices: list(row.querySelector('.stream-dtmf').value),
      ...row.known,
    })),
    virtualEndpoints: list($('sim-endpoints').value),
    ringDelaySeconds: numberOrNull($('sim-ring-delay')),
    meanTalkSeconds: numberOrNull($('sim-talk')),
    seed: numberOrNull($('sim-seed')),
  };
  const r = await api('POST', '/api/v1/sim/traffic', body);
  if (r.ok) {
    showTraffic(r.body);
    refresh();
    return;
  }
  showProblem(form, r.body, $('traffic-summary'));
});

$('traffic-stop').addEventListener('click', async () => {
  const r = await api('DELETE', '/api/v1/sim/traffic');
  if (r.ok) showTraffic(null);
});

$('call-form').addEventListener('submit', async event => {
  event.preventDefault();
  const form = $('call-form');
  clearErrors(form);
  $('call-summary').hidden = true;
  const body = { caller: $('call-caller').value.trim(), dialled: $('call-dialled').value.trim(),
    patienceSeconds: numberOrNull($('call-patience')), dtmf: list($('call-dtmf').value) };
  const r = await api('POST', '/api/v1/sim/calls', body);
  if (r.ok) {
    say($('call-status'), t('sim.placed', r.body.callId));
    refresh();
    return;
  }
  showProblem(form, r.body, $('call-summary'));
});

async function refresh() {
  const r = await api('GET', '/api/v1/sim/stats');
  if (!r.ok) return;
  const set = (id, v) => { const e = $(id); if (e.textContent !== String(v)) e.textContent = String(v); };
  set('stat-placed', r.body.placed);
  set('stat-active', r.body.active);
  for (const state of ['ivr', 'offered', 'ringing', 'connected', 'held']) {
    set('stat-' + state, (r.body.activeByState || {})[state] || 0);
  }
}

loadTraffic();
refresh();
setInterval(refresh, 2000);
