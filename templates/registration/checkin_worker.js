{% load static %}// The check-in page's service worker: the page and its scripts open without a
// network (last copy kept); scans themselves are queued by the page (IndexedDB).
"use strict";
var CACHE = "alliance-checkin-v1";
var SHELL = [
  "{% static 'alliance/css/site.css' %}",
  "{% static 'registration/checkin.js' %}",
  "{% static 'registration/vendor/jsQR.js' %}"
];
self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(SHELL); }));
  self.skipWaiting();
});
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });
self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var isPage = request.mode === "navigate";
  if (!isPage && SHELL.indexOf(new URL(request.url).pathname) === -1) return;
  event.respondWith(
    fetch(request).then(function (response) {
      if (response.ok && isPage) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { cache.put(request.url.split("?")[0], copy); });
      }
      return response;
    }).catch(function () {
      return caches.match(isPage ? request.url.split("?")[0] : request);
    })
  );
});
