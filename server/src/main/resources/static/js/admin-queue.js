// The queue editor (ACD-1, ACD-2, ACD-9): every setting (routing, the waiting caller, script, knowledge
// topic) through PUT/POST /api/v1/queues,
// field errors at their fields, a stale version explained, members added and removed at once.
import { api, clearErrors, numberOrNull, say, showProblem, skillRows, t } from './admin-common.js';

const form = document.getElementById('queue-form');
const status = document.getElementById('queue-status');
const summary = document.getElementById('queue-summary');
const id = form.dataset.id || null;
let version = form.dataset.version ? Number(form.dataset.version) : null;
const $ = s => document.getElementById(s);

const skillEditor = skillRows($('q-skills'), JSON.parse(form.dataset.skills || '{}'), 'requiredSkills');

// the overflow target is a queue for QUEUE, a text (message, mailbox) for the other kinds, nothing for NONE
const kind = $('q-overflow-kind');
function showTarget() {
  $('q-target-queue-label').hidden = kind.value !== 'QUEUE';
  $('q-target-text-label').hidden = kind.value === 'QUEUE' || kind.value === 'NONE';
}
kind.addEventListener('change', showTarget);
showTarget();

form.addEventListener('submit', async event => {
  event.preventDefault();
  clearErrors(form);
  say(status, '');
  summary.hidden = true;
  const bad = skillEditor.check();
  if (bad) {
    bad.focus();
    return;
  }
  const target = kind.value === 'QUEUE' ? $('q-target-queue').value : kind.value === 'NONE' ? '' : $('q-target-text').value.trim();
  const body = {
    number: $('q-number').value.trim(),
    name: $('q-name').value.trim(),
    strategy: $('q-strategy').value,
    requiredSkills: skillEditor.value(),
    priority: numberOrNull($('q-priority')),
    serviceLevelSeconds: numberOrNull($('q-sl')),
    maxWaitSeconds: numberOrNull($('q-max-wait')),
    overflowKind: kind.value,
    overflowTarget: target || null,
    maxLength: numberOrNull($('q-max-length')),
    wrapUpSeconds: numberOrNull($('q-wrap')),
    ringTimeoutSeconds: numberOrNull($('q-ring')),
    pauseOnNoAnswer: $('q-pause-no-answer').checked,
    overflowWhenNoAgents: $('q-no-agents').checked,
    mohClass: $('q-moh').value.trim() || null,
    announcePosition: $('q-announce-position').checked,
    announceExpectedWait: $('q-announce-wait').checked,
    announceEverySeconds: numberOrNull($('q-announce-every')),
    script: $('q-script').value.trim() ? $('q-script').value : null,
    kbTopicId: $('q-kb-topic').value || null,
  };
  if (id) body.version = version;
  const r = await api(id ? 'PUT' : 'POST', id ? '/api/v1/queues/' + id : '/api/v1/queues', body);
  if (r.ok) {
    if (!id) {
      location.href = '/admin/acd/queues/' + r.body.id + '?created=1';
      return;
    }
    version = r.body.version;
    $('queue-heading').textContent = t('queue.heading', r.body.name);
    say(status, t('saved.live'));
    return;
  }
  if (r.status === 409 && r.body && r.body.code === 'stale_version') {
    summary.replaceChildren(t('queue.conflict') + ' ', Object.assign(document.createElement('a'),
      { href: location.pathname, textContent: t('reload'), id: 'queue-reload' }));
    summary.hidden = false;
    summary.focus();
    return;
  }
  // the overflow target has two inputs; the one shown takes the error
  const targetInput = kind.value === 'QUEUE' ? $('q-target-queue') : $('q-target-text');
  $('q-target-queue').dataset.field = targetInput.id === 'q-target-queue' ? 'overflowTarget' : '';
  $('q-target-text').dataset.field = targetInput.id === 'q-target-text' ? 'overflowTarget' : '';
  showProblem(form, r.body, summary);
});

if (new URLSearchParams(location.search).has('created')) {
  say(status, t('created.live'));
}

const del = $('queue-delete');
if (del) {
  del.addEventListener('click', async () => {
    if (!confirm(t('queue.delete.confirm', $('q-name').value))) return;
    const r = await api('DELETE', '/api/v1/queues/' + id);
    if (r.ok) {
      location.href = '/admin/acd/queues?deleted=1';
      return;
    }
    summary.textContent = r.body && r.body.code === 'queue_in_use' ? t('err.queue_in_use') : t('err.unknown');
    summary.hidden = false;
    summary.focus();
  });
}

// members (ACD-2): each change goes to the API at once and the ACD uses it for the next call
const members = $('queue-members');
if (members) {
  const memberStatus = $('members-status');
  const candidate = $('member-candidate');
  const refreshEmpty = () => { $('members-none').hidden = members.children.length > 0; };
  const removeButton = (userId, name) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'link danger remove-member';
    b.dataset.user = userId;
    b.textContent = t('remove');
    b.setAttribute('aria-label', t('member.remove', name));
    return b;
  };
  members.addEventListener('click', async event => {
    const b = event.target.closest('.remove-member');
    if (!b) return;
    const userId = b.dataset.user;
    const r = await api('DELETE', `/api/v1/queues/${id}/members/${userId}`);
    if (!r.ok) {
      say(memberStatus, t('err.unknown'), true);
      return;
    }
    const option = candidate.querySelector(`option[value="${userId}"]`);
    option.disabled = false;
    b.closest('li').remove();
    refreshEmpty();
    say(memberStatus, t('member.removed', option.dataset.name));
    candidate.focus();
  });
  $('member-add').addEventListener('submit', async event => {
    event.preventDefault();
    const option = candidate.selectedOptions[0];
    if (!option || option.disabled) return;
    const r = await api('PUT', `/api/v1/queues/${id}/members/${option.value}`);
    if (!r.ok) {
      say(memberStatus, t('err.unknown'), true);
      return;
    }
    const li = document.createElement('li');
    li.dataset.user = option.value;
    const name = document.createElement('span');
    name.textContent = option.textContent;
    li.append(name, ' ', removeButton(option.value, option.dataset.name));
    members.append(li);
    option.disabled = true;
    const next = [...candidate.options].find(o => !o.disabled);
    if (next) candidate.value = next.value;
    refreshEmpty();
    say(memberStatus, t('member.added', option.dataset.name));
  });
}
