// Report pages (issue 4) and the request report page (CASE-6): draw the chart from the
// configuration the server embedded, and print.
(function () {
  const config = document.getElementById('report-chart-config');
  const canvas = document.getElementById('report-chart');
  if (config && canvas && window.Chart) {
    canvas.chart = new window.Chart(canvas, JSON.parse(config.textContent));
  }
  // a recording plays in its row: the button becomes the player (each play is audited by the server)
  document.querySelectorAll('td.recording button.play').forEach((button) => {
    button.addEventListener('click', () => {
      const audio = document.createElement('audio');
      audio.controls = true;
      audio.preload = 'auto';
      audio.src = button.dataset.src;
      audio.setAttribute('aria-label', button.getAttribute('aria-label'));
      button.replaceWith(audio);
      audio.play().catch(() => { /* the user presses play in the player */ });
      audio.focus();
    });
  });
  const print = document.getElementById('print');
  if (print) {
    print.addEventListener('click', () => window.print());
  }
})();
