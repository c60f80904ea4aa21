// "Checking your file": look again every few seconds, until the page shows the result.
// Without script, the page's "Check progress" link does the same.
(function () {
  var progress = document.getElementById("check-progress");
  if (!progress) return;
  var seconds = Number(progress.getAttribute("data-refresh-seconds")) || 3;
  window.setTimeout(function () { window.location.reload(); }, seconds * 1000);
})();
