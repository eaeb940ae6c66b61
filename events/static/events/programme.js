// The programme during the conference, from the browser's clock: what runs now and
// what starts next (the strip and the entries), finished sessions folded, and the
// filter form open on wide screens. The server only sends the candidates with
// their times (data-start / data-end), so a cached page is never stale.
(function () {
  "use strict";
  var now = Date.now();
  var time = function (el, name) { return Date.parse(el.getAttribute(name)); };

  // Filters: folded on phones, open on wide screens.
  var box = document.querySelector("details[data-open-on-wide]");
  if (box && window.matchMedia("(min-width: 40rem)").matches) box.open = true;

  // The Now / Next strip: each room's running session and its next one.
  document.querySelectorAll("[data-now-next]").forEach(function (strip) {
    var items = Array.prototype.slice.call(strip.querySelectorAll("[data-start]"));
    var nextStart = {};
    items.forEach(function (item) {
      var start = time(item, "data-start"), room = item.getAttribute("data-room");
      if (start > now && !(room in nextStart && nextStart[room] <= start)) nextStart[room] = start;
    });
    var list = strip.querySelector("ul"), shown = 0, running = [], coming = [];
    items.forEach(function (item) {
      var start = time(item, "data-start"), end = time(item, "data-end");
      var marker = item.querySelector("[data-marker]");
      var state = start <= now && now < end ? "now"
        : start > now && nextStart[item.getAttribute("data-room")] === start ? "next" : "";
      item.hidden = !state;
      if (state) {
        shown += 1;
        marker.textContent = strip.getAttribute(state === "now" ? "data-now-label" : "data-next-label");
        marker.className = "marker marker--" + state;
        (state === "now" ? running : coming).push(item);
      }
    });
    running.concat(coming).forEach(function (item) { list.appendChild(item); });
    strip.hidden = shown === 0;
  });

  // The entries of today: markers, and finished slots folded behind a button.
  var labels = document.querySelector("[data-programme-labels]");
  if (!labels) return;
  var today = new Intl.DateTimeFormat("en-CA", {
    timeZone: labels.getAttribute("data-time-zone"),
    year: "numeric", month: "2-digit", day: "2-digit"
  }).format(new Date(now));
  document.querySelectorAll("section.day").forEach(function (day) {
    var entries = Array.prototype.slice.call(day.querySelectorAll("article[data-start]"));
    var isToday = day.getAttribute("data-day") === today;
    var firstNext = Infinity;
    entries.forEach(function (entry) {
      var start = time(entry, "data-start");
      if (isToday && start > now && start < firstNext) firstNext = start;
    });
    var jump = null;
    entries.forEach(function (entry) {
      var start = time(entry, "data-start"), end = time(entry, "data-end");
      var state = !isToday ? "" : start <= now && now < end ? "now" : start === firstNext ? "next" : "";
      entry.classList.toggle("entry--now", state === "now");
      entry.classList.toggle("entry--next", state === "next");
      var old = entry.querySelector(".marker");
      if (old) old.remove();
      if (state) {
        var marker = document.createElement("p");
        marker.className = "marker marker--" + state;
        marker.textContent = labels.getAttribute(state === "now" ? "data-now" : "data-next");
        entry.insertBefore(marker, entry.firstChild);
        if (!jump || state === "now" && !jump.classList.contains("entry--now")) jump = entry;
      }
      if (entry.id === "now") entry.removeAttribute("id");
    });
    if (jump) jump.id = "now";
    if (!isToday) return;
    var finished = Array.prototype.slice.call(day.querySelectorAll(".slot")).filter(function (slot) {
      var own = slot.querySelectorAll("article[data-end]");
      return own.length && Array.prototype.every.call(own, function (e) { return time(e, "data-end") <= now; });
    });
    if (!finished.length) return;
    finished.forEach(function (slot) { slot.classList.add("slot--finished"); slot.hidden = true; });
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button--secondary fold-toggle";
    button.setAttribute("aria-expanded", "false");
    button.textContent = labels.getAttribute("data-show-finished");
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(open));
      button.textContent = labels.getAttribute(open ? "data-hide-finished" : "data-show-finished");
      finished.forEach(function (slot) { slot.hidden = !open; });
    });
    day.querySelector("h2").insertAdjacentElement("afterend", button);
  });

  // "Jump to now": only when an entry runs now or comes next today.
  var jumpNow = document.querySelector("[data-jump-now]");
  if (jumpNow) jumpNow.hidden = !document.getElementById("now");
})();
