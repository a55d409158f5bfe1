// An agent's phone, skills, PIN and queues (ACD-2, ACD-4): PATCH /api/v1/users/{id} with the
// version seen; the PIN is sent only when typed and never shown back; queues change at once.
import { api, clearErrors, say, showFieldError, showProblem, skillRows, t } from './admin-common.js';

const $ = s => document.getElementById(s);
const form = $('agent-form');
const id = form.dataset.id;
let version = Number(form.dataset.version);
const status = $('agent-status');
const summary = $('agent-summary');
const skills = skillRows($('a-skills'), JSON.parse(form.dataset.skills || '{}'), 'skills');

form.addEventListener('submit', async event => {
  event.preventDefault();
  clearErrors(form);
  say(status, '');
  summary.hidden = true;
  const pin = $('a-pin');
  let bad = skills.check();
  if (pin.value && !/^\d{4,8}$/.test(pin.value)) {
    bad = bad || showFieldError(pin, t('err.agentPin.pattern'));
  }
  if (bad) {
    bad.focus();
    return;
  }
  const body = { extension: $('a-extension').value.trim() || null, skills: skills.value(), version };
  if (pin.value) body.agentPin = pin.value;
  const r = await api('PATCH', '/api/v1/users/' + id, body);
  if (r.ok) {
    version = r.body.version;
    pin.value = '';
    const state = $('a-pin-state');
    state.textContent = r.body.hasAgentPin ? state.dataset.set : state.dataset.unset;
    say(status, t('saved.live'));
    return;
  }
  if (r.status === 409 && r.body && r.body.code === 'stale_version') {
    summary.replaceChildren(t('agent.conflict') + ' ', Object.assign(document.createElement('a'),
      { href: location.pathname, textContent: t('reload') }));
    summary.hidden = false;
    summary.focus();
    return;
  }
  showProblem(form, r.body, summary);
});

const queueStatus = $('agent-queues-status');
document.querySelectorAll('.agent-queue').forEach(box => box.addEventListener('change', async () => {
  const r = await api(box.checked ? 'PUT' : 'DELETE', `/api/v1/queues/${box.dataset.queue}/members/${id}`);
  if (!r.ok) {
    box.checked = !box.checked;
    say(queueStatus, t('err.unknown'), true);
    return;
  }
  say(queueStatus, t(box.checked ? 'agent.queue.joined' : 'agent.queue.left', box.dataset.number));
}));
