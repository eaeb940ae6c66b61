// What must hold in the webhook admin on a phone and a desktop: no horizontal
// scroll, every box beside its label, every control of the form 24 px or more.
() => {
  const problems = [];
  if (document.documentElement.scrollWidth > window.innerWidth) {
    problems.push(`horizontal scroll: ${document.documentElement.scrollWidth}`);
  }
  const scope = document.querySelector("#content-main form") || document;
  for (const input of scope.querySelectorAll("input[type=checkbox]")) {
    if (input.closest("#result_list")) continue;
    const label = input.closest("label") || document.querySelector(`label[for="${input.id}"]`);
    const box = input.getBoundingClientRect();
    const text = label.getBoundingClientRect();
    if (!(box.left <= text.left + 1 && box.top < text.bottom && box.bottom > text.top)) {
      problems.push(`box not beside its label: ${input.name}=${input.value}`);
    }
  }
  const controls = "#content-main input:not([type=hidden]):not([type=checkbox]), " +
    "#content-main select, #content-main button, #webhook-secret button, " +
    ".submit-row input, .submit-row a";
  for (const el of document.querySelectorAll(controls)) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || el.closest("#result_list thead")) continue;
    if (r.width < 24 || r.height < 24) {
      problems.push(`small ${Math.round(r.width)}x${Math.round(r.height)}: ${el.outerHTML.slice(0, 60)}`);
    }
  }
  return problems;
}
