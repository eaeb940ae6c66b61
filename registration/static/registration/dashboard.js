// During the conference, the arrivals on the staff dashboard refresh by themselves:
// the page is fetched again and only the arrivals section is replaced.
(function () {
  "use strict";
  const section = document.getElementById("arrivals");
  if (!section || !section.dataset.refresh) return;
  const seconds = Number(section.dataset.refresh);
  async function refresh() {
    try {
      const response = await fetch(window.location.href, { credentials: "same-origin" });
      if (!response.ok) return;
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = page.getElementById("arrivals");
      if (fresh) section.replaceChildren(...fresh.childNodes);
    } catch (error) {
      // Offline for a moment: the next round tries again.
    }
  }
  window.setInterval(refresh, seconds * 1000);
})();
