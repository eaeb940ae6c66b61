// My programme: shows the starred sessions (the page holds every session, hidden,
// the same for everybody), and makes, updates or deletes the calendar link through
// /api/v1/selections/ (anonymous JSON, no cookie). Works offline once the service
// worker has kept the page; the calendar link needs the network.
(function () {
  "use strict";
  var stars = window.AllianceStars;
  if (!stars) return;
  var script = document.currentScript || document.querySelector("script[data-worker-url]");
  var box = document.querySelector("[data-subscribe]");
  var words = document.querySelector("[data-subscribe-labels]");
  var empty = document.querySelector("[data-my-empty]");
  var conference = document.querySelector("[data-star-labels]").getAttribute("data-conference");
  var $ = function (name) { return box.querySelector("[data-subscribe-" + name + "]"); };
  var say = function (name) { $("status").textContent = name ? words.getAttribute("data-" + name) : ""; };

  // Starred sessions still in the programme, in programme order.
  function starredHere() {
    var wanted = stars.load().sessions;
    return Array.prototype.map.call(document.querySelectorAll("[data-my-session]"), function (entry) {
      return Number(entry.getAttribute("data-my-session"));
    }).filter(function (id) { return wanted.indexOf(id) !== -1; });
  }
  function sameList(a, b) {
    return a.length === b.length && a.slice().sort().every(function (id, i) { return id === b.slice().sort()[i]; });
  }

  function render() {
    var wanted = stars.load().sessions, count = 0;
    document.querySelectorAll("section.day").forEach(function (day) {
      var shown = 0;
      day.querySelectorAll("[data-my-session]").forEach(function (entry) {
        var on = wanted.indexOf(Number(entry.getAttribute("data-my-session"))) !== -1;
        // An entry un-starred here stays until the next visit, so it can be starred again.
        if (on) entry.hidden = false;
        if (!entry.hidden) shown += 1;
      });
      day.hidden = shown === 0;
      count += shown;
    });
    empty.hidden = count > 0;
    renderSubscription();
  }

  function renderSubscription(message) {
    var data = stars.load(), subscription = data.subscription, here = starredHere();
    box.hidden = !subscription && here.length === 0;
    $("new").hidden = !!subscription;
    $("links").hidden = !subscription;
    if (subscription) {
      $("webcal").href = subscription.webcal_url;
      $("url").value = subscription.feed_url;
      $("update").hidden = sameList(subscription.sessions || [], here);
    }
    say(message || (subscription ? (sameList(subscription.sessions || [], here) ? "same" : "differs") : ""));
  }

  function send(method, url, body) {
    return fetch(url, {
      method: method,
      credentials: "omit",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: body ? JSON.stringify(body) : undefined
    });
  }
  function keep(answer) {
    var data = stars.load();
    data.subscription = {
      id: answer.id, feed_url: answer.feed_url, webcal_url: answer.webcal_url, sessions: answer.sessions
    };
    stars.save(data);
  }
  function forget() {
    var data = stars.load();
    delete data.subscription;
    stars.save(data);
  }
  function failed(error) { renderSubscription(error instanceof TypeError ? "offline" : "failed"); }

  var api = box.getAttribute("data-api");
  $("create").addEventListener("click", function () {
    send("POST", api, { conference: conference, sessions: starredHere() }).then(function (response) {
      if (response.status !== 201) throw new Error(String(response.status));
      return response.json();
    }).then(function (answer) { keep(answer); renderSubscription("created"); }).catch(failed);
  });
  $("update").addEventListener("click", function () {
    var id = stars.load().subscription.id;
    send("PUT", api + encodeURIComponent(id) + "/", { sessions: starredHere() }).then(function (response) {
      if (response.status === 404) { forget(); throw new Error("gone"); }
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    }).then(function (answer) { keep(answer); renderSubscription("updated"); }).catch(failed);
  });
  $("delete").addEventListener("click", function () {
    var id = stars.load().subscription.id;
    send("DELETE", api + encodeURIComponent(id) + "/").then(function (response) {
      if (response.status !== 204 && response.status !== 404) throw new Error(String(response.status));
      forget();
      renderSubscription("deleted");
    }).catch(failed);
  });

  document.addEventListener("alliance:stars-changed", render);
  render();

  if ("serviceWorker" in navigator && script) {
    navigator.serviceWorker.register(script.getAttribute("data-worker-url")).catch(function () {});
  }
})();
