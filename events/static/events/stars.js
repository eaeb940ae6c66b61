// My programme: a star per session, kept in this browser (localStorage), no account.
// The server sends the same page to everybody ([data-star] marks each session and
// [data-star-labels] carries the words); this script adds the buttons and marks
// what this visitor starred. Without JavaScript, or without storage, no star shows.
(function () {
  "use strict";
  var labels = document.querySelector("[data-star-labels]");
  if (!labels) return;
  var KEY = "alliance.my-programme." + labels.getAttribute("data-conference");

  function storageWorks() {
    try {
      window.localStorage.setItem(KEY + ".test", "1");
      window.localStorage.removeItem(KEY + ".test");
      return true;
    } catch (error) {
      return false;
    }
  }
  if (!storageWorks()) return;

  // { sessions: [ids, in the order starred], subscription: {id, feed_url, webcal_url, sessions} }
  function load() {
    var data;
    try { data = JSON.parse(window.localStorage.getItem(KEY) || "{}") || {}; } catch (error) { data = {}; }
    if (!Array.isArray(data.sessions)) data.sessions = [];
    data.sessions = data.sessions.filter(function (id) { return typeof id === "number"; });
    return data;
  }
  function save(data) {
    try { window.localStorage.setItem(KEY, JSON.stringify(data)); } catch (error) { /* full: keep going */ }
  }
  function isStarred(id) { return load().sessions.indexOf(id) !== -1; }

  function show(button, starred) {
    button.setAttribute("aria-pressed", starred ? "true" : "false");
    button.querySelector(".star__icon").textContent = starred ? "\u2605" : "\u2606";
  }
  function refresh() {
    document.querySelectorAll("button.star").forEach(function (button) {
      show(button, isStarred(Number(button.getAttribute("data-session"))));
    });
  }
  function toggle(id) {
    var data = load(), at = data.sessions.indexOf(id);
    if (at === -1) data.sessions.push(id); else data.sessions.splice(at, 1);
    save(data);
    refresh();
    document.dispatchEvent(new CustomEvent("alliance:stars-changed"));
  }

  function titleOf(holder) {
    var own = holder.getAttribute("data-star-title");
    if (own) return own;
    var heading = document.getElementById(holder.getAttribute("aria-labelledby") || "");
    return heading ? heading.textContent.trim() : "";
  }

  document.querySelectorAll("[data-star]").forEach(function (holder) {
    var id = Number(holder.getAttribute("data-star"));
    if (!id) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "star button--secondary";
    button.setAttribute("data-session", String(id));
    var icon = document.createElement("span");
    icon.className = "star__icon";
    icon.setAttribute("aria-hidden", "true");
    button.appendChild(icon);
    // One name, whether pressed or not: aria-pressed says whether it is starred.
    // A page of one session shows the words (its name is what it shows); a list
    // of sessions shows only the star and names the session.
    if (holder.hasAttribute("data-star-labelled")) {
      button.classList.add("star--labelled");
      button.appendChild(document.createTextNode(labels.getAttribute("data-add-here")));
      holder.appendChild(button);
    } else {
      button.setAttribute("aria-label", labels.getAttribute("data-add").replace("{title}", titleOf(holder)));
      holder.insertBefore(button, holder.firstChild);
    }
    button.addEventListener("click", function () { toggle(id); });
  });
  refresh();
  // Another tab starred something: follow it.
  window.addEventListener("storage", function (event) {
    if (event.key !== KEY) return;
    refresh();
    document.dispatchEvent(new CustomEvent("alliance:stars-changed"));
  });

  window.AllianceStars = { load: load, save: save, key: KEY };
})();
