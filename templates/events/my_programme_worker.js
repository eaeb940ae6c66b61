{% load static %}// My programme's service worker (the check-in page's, for a public page): the page
// and its scripts open without a network, from the last copy kept. The stars are
// in localStorage, so the starred sessions show offline too.
"use strict";
var CACHE = "alliance-my-programme-v1";
var SHELL = [
  "{% static 'alliance/css/site.css' %}",
  "{% static 'events/stars.js' %}",
  "{% static 'events/my_programme.js' %}"
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
      if (response.ok) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { cache.put(isPage ? request.url.split("?")[0] : request, copy); });
      }
      return response;
    }).catch(function () {
      return caches.match(isPage ? request.url.split("?")[0] : request);
    })
  );
});
