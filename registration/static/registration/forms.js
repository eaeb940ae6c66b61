// The error summary at the top of a form takes the focus, so a screen reader reads
// it and a phone shows it first (GOV.UK error summary pattern).
(function () {
  "use strict";
  var summary = document.querySelector("[data-focus-on-load]");
  if (summary) summary.focus();
})();
