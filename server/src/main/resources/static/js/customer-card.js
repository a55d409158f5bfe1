// The customer card's "Call" buttons (WS-3): an operator with a workstation calls one of the card's
// phones through POST /api/v1/agent/dial; the call is then on their workstation, which the message
// links to. Errors are shown in the page's language (texts from the status element's data attributes).
const status = document.getElementById('dial-status');
const text = (key, arg) => (status.dataset[key] || key).replace('{0}', arg ?? '');

function csrf() {
  const token = document.querySelector('meta[name="_csrf"]');
  const header = document.querySelector('meta[name="_csrf_header"]');
  return token && header ? { [header.content]: token.content } : {};
}

function show(kind, message, link) {
  status.hidden = false;
  status.className = 'alert ' + kind;
  status.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  status.replaceChildren(document.createTextNode(message));
  if (link) {
    const a = document.createElement('a');
    a.href = '/workstation';
    a.id = 'dial-workstation';
    a.textContent = link;
    status.append(' ', a);
  }
}

async function dial(button) {
  const number = button.dataset.number;
  button.disabled = true;
  try {
    let r;
    try {
      r = await fetch('/api/v1/agent/dial', {
        method: 'POST',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...csrf() },
        body: JSON.stringify({ number }),
      });
    } catch (e) {
      show('error', text('failed', text('errorNetwork')));
      return;
    }
    if (r.ok) {
      show('ok', text('placed', number), text('open'));
      return;
    }
    const problem = await r.json().catch(() => ({}));
    // data-error-agent_busy is dataset.errorAgent_busy
    const code = String(problem.code || '');
    const reason = (code && status.dataset['error' + code.charAt(0).toUpperCase() + code.slice(1)])
      || problem.detail || String(r.status);
    // busy with a call: that call is on the workstation
    show('error', text('failed', reason), code === 'agent_busy' ? text('open') : null);
  } finally {
    button.disabled = false;
  }
}

document.querySelectorAll('button.dial-phone').forEach((b) => b.addEventListener('click', () => dial(b)));
