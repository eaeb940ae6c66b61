// The door on a staff phone. A scan (camera, typed code or "Mark arrival") goes
// into a queue in IndexedDB first, then to the server; while the network is down
// the queue keeps it and the count of unsent scans shows, and it is sent when the
// connection returns. Each scan has its own id, so a replay is stored once.
// The camera uses the browser's BarcodeDetector where it exists, else jsQR.
(function () {
  "use strict";
  var app = document.getElementById("checkin-app");
  if (!app || !window.fetch) return;
  var scanUrl = app.getAttribute("data-scan-url");
  var form = document.getElementById("checkin-form");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var resultBox = document.getElementById("checkin-result");
  var queueStatus = document.getElementById("queue-status");
  var dbPromise = null;

  function db() {
    if (!dbPromise) {
      dbPromise = new Promise(function (resolve, reject) {
        var open = indexedDB.open("alliance-checkin", 1);
        open.onupgradeneeded = function () { open.result.createObjectStore("scans", { keyPath: "scan_id" }); };
        open.onsuccess = function () { resolve(open.result); };
        open.onerror = function () { reject(open.error); };
      });
    }
    return dbPromise;
  }
  function store(mode, work) {
    return db().then(function (database) {
      return new Promise(function (resolve, reject) {
        var tx = database.transaction("scans", mode);
        var request = work(tx.objectStore("scans"));
        tx.oncomplete = function () { resolve(request && request.result); };
        tx.onerror = function () { reject(tx.error); };
      });
    });
  }
  var queue = {
    add: function (scan) { return store("readwrite", function (s) { return s.put(scan); }); },
    remove: function (id) { return store("readwrite", function (s) { return s.delete(id); }); },
    all: function () { return store("readonly", function (s) { return s.getAll(); }); }
  };
  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return "10000000-1000-4000-8000-100000000000".replace(/[018]/g, function (c) {
      return (c ^ crypto.getRandomValues(new Uint8Array(1))[0] & 15 >> c / 4).toString(16);
    });
  }

  function showCount() {
    return queue.all().then(function (scans) {
      var n = scans.length;
      queueStatus.hidden = n === 0;
      queueStatus.textContent = app.getAttribute("data-unsent") + " " + n;
      return n;
    });
  }
  function show(kind, data) {
    resultBox.className = "checkin-result checkin-result--" + kind;
    ["message", "name", "organisation", "session"].forEach(function (field) {
      var text = data[field] || "";
      if (field === "organisation" && data.delegation) text += " (" + data.delegation + ")";
      resultBox.querySelector("[data-field=" + field + "]").textContent = text;
    });
    resultBox.hidden = false;
    resultBox.focus();
  }
  function hide() { resultBox.hidden = true; scanning.resume(); }
  document.getElementById("checkin-next").addEventListener("click", hide);

  function send(scan) {
    return fetch(scanUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(scan)
    }).then(function (response) {
      return response.json().then(function (data) {
        // An answer, even a refusal, settles the scan: it leaves the queue.
        return queue.remove(scan.scan_id).then(function () { return data; });
      });
    });
  }
  var flushing = false;
  function flush() {
    if (flushing) return Promise.resolve();
    flushing = true;
    return queue.all().then(function (scans) {
      return scans.reduce(function (chain, scan) {
        return chain.then(function () { return send(scan); });
      }, Promise.resolve());
    }).catch(function () {}).then(function () { flushing = false; return showCount(); });
  }
  function scan(code, session) {
    var item = { scan_id: newId(), code: code, session: session || "", at: new Date().toISOString() };
    return queue.add(item).then(function () { return send(item); }).then(function (data) {
      show(data.ok ? (data.repeated ? "repeated" : "ok") : "refused",
           data.errors ? { message: Object.values(data.errors)[0][0] } : data);
    }).catch(function () {
      show("queued", { message: app.getAttribute("data-queued"), name: code });
    }).then(showCount);
  }

  function session() {
    var field = form.querySelector("[name=session]");
    return field ? field.value : "";
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var input = form.querySelector("input[name=code]");
    if (!input.value.trim()) { input.focus(); return; }
    scan(input.value.trim(), session());
    input.value = "";
  });
  document.querySelectorAll("form.door__mark").forEach(function (mark) {
    mark.addEventListener("submit", function (event) {
      event.preventDefault();
      scan(mark.getAttribute("data-code"), session());
    });
  });

  // The camera.
  var video = document.getElementById("scanner-video");
  var canvas = document.getElementById("scanner-canvas");
  var start = document.getElementById("scanner-start");
  var scanning = { paused: false, last: "", lastAt: 0, resume: function () { this.paused = false; } };
  function decoder() {
    if ("BarcodeDetector" in window) {
      var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      return function () {
        return detector.detect(video).then(function (codes) { return codes.length ? codes[0].rawValue : ""; });
      };
    }
    if (!window.jsQR) return null;
    var context = canvas.getContext("2d", { willReadFrequently: true });
    return function () {
      var w = video.videoWidth, h = video.videoHeight;
      if (!w || !h) return Promise.resolve("");
      canvas.width = w; canvas.height = h;
      context.drawImage(video, 0, 0, w, h);
      var found = window.jsQR(context.getImageData(0, 0, w, h).data, w, h, { inversionAttempts: "dontInvert" });
      return Promise.resolve(found ? found.data : "");
    };
  }
  if (navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
    start.hidden = false;
    start.addEventListener("click", function () {
      var read = decoder();
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
        .then(function (stream) {
          video.srcObject = stream;
          video.hidden = false;
          start.hidden = true;
          return video.play().then(function () {
            var tick = function () {
              if (scanning.paused || !read) { window.setTimeout(tick, 200); return; }
              read().then(function (code) {
                var now = Date.now();
                if (code && !(code === scanning.last && now - scanning.lastAt < 5000)) {
                  scanning.last = code; scanning.lastAt = now; scanning.paused = true;
                  scan(code, session());
                }
              }).catch(function () {}).then(function () { window.setTimeout(tick, 150); });
            };
            tick();
          });
        })
        .catch(function () {
          show("refused", { message: app.getAttribute("data-camera-error") });
        });
    });
  }

  window.addEventListener("online", flush);
  window.setInterval(flush, 15000);
  flush();
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(app.getAttribute("data-worker-url")).catch(function () {});
  }
  window.checkinFlush = flush;  // for the browser tests
})();
