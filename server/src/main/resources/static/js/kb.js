// Knowledge-base editor: the Markdown preview (rendered and sanitized by the server, exactly as it
// will be stored) and attachment uploads (the file is the request body). Session + CSRF header.
const csrf = () => {
  const token = document.querySelector('meta[name="_csrf"]');
  const header = document.querySelector('meta[name="_csrf_header"]');
  return token && header ? { [header.content]: token.content } : {};
};

const markdown = document.getElementById('kb-markdown');
const preview = document.getElementById('kb-preview');
if (markdown && preview) {
  let timer;
  markdown.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const r = await fetch('/api/v1/kb/preview', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...csrf() },
        body: JSON.stringify({ markdown: markdown.value }),
      });
      if (r.ok) {
        // the server's sanitized HTML (jsoup allow-list), the same as readers will get
        preview.innerHTML = (await r.json()).html;
      }
    }, 300);
  });
}

const file = document.getElementById('kb-file');
if (file) {
  const error = document.getElementById('kb-file-error');
  file.addEventListener('change', async () => {
    const f = file.files[0];
    if (!f) return;
    error.hidden = true;
    const url = file.dataset.upload + '?name=' + encodeURIComponent(f.name);
    const r = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': f.type || 'application/octet-stream', ...csrf() },
      body: f,
    });
    if (r.ok) {
      location.reload();
      return;
    }
    const problem = await r.json().catch(() => ({}));
    error.textContent = problem.code === 'too_large' ? error.dataset.tooLarge
      : problem.code === 'unsupported_type' ? error.dataset.unsupported : error.dataset.failed;
    error.hidden = false;
  });
}
