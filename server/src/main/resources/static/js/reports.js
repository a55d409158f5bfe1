// Report pages (issue 4): draw the chart from the configuration the server embedded, and print.
(function () {
  const config = document.getElementById('report-chart-config');
  const canvas = document.getElementById('report-chart');
  if (config && canvas && window.Chart) {
    canvas.chart = new window.Chart(canvas, JSON.parse(config.textContent));
  }
  const print = document.getElementById('print');
  if (print) {
    print.addEventListener('click', () => window.print());
  }
})();
