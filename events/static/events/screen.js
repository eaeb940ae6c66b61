// A door screen: marks now / next from the browser's clock every 20 seconds and
// fetches the programme again every minute, keeping the last copy when the
// network is down (a failed fetch changes nothing on the screen).
(function () {
  "use strict";
  var root = document.getElementById("screen");
  var clockFormat = new Intl.DateTimeFormat("en-GB", {
    timeZone: root.getAttribute("data-time-zone"), hour: "2-digit", minute: "2-digit"
  });
  var dayFormat = new Intl.DateTimeFormat("en-CA", {
    timeZone: root.getAttribute("data-time-zone"), year: "numeric", month: "2-digit", day: "2-digit"
  });
  function mark() {
    var now = Date.now();
    var today = dayFormat.format(new Date(now));
    root.querySelector("[data-clock]").textContent = clockFormat.format(new Date(now));
    root.querySelectorAll("[data-room-screen]").forEach(function (room) {
      var items = Array.prototype.slice.call(room.querySelectorAll("[data-start]"));
      var next = Infinity, shown = 0;
      items.forEach(function (item) {
        var start = Date.parse(item.getAttribute("data-start"));
        if (start > now && start < next && dayFormat.format(new Date(start)) === today) next = start;
      });
      items.forEach(function (item) {
        var start = Date.parse(item.getAttribute("data-start"));
        var end = Date.parse(item.getAttribute("data-end"));
        var state = start <= now && now < end ? "now" : start === next ? "next" : "";
        if (state) { item.setAttribute("data-state", state); shown += 1; }
        else item.removeAttribute("data-state");
      });
      room.classList.toggle("is-empty", shown === 0);
    });
  }
  function refresh() {
    fetch(window.location.href, { cache: "no-store", credentials: "same-origin" })
      .then(function (response) { if (!response.ok) throw new Error(response.status); return response.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("screen-programme");
        if (fresh) { document.getElementById("screen-programme").replaceWith(fresh); mark(); }
      })
      .catch(function () { /* keep the programme we have */ });
  }
  mark();
  window.setInterval(mark, 20000);
  window.setInterval(refresh, 60000);
  window.screenRefresh = refresh;  // for the browser tests
})();
