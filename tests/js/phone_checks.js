// The geometry half of tests/browser_checks.py, evaluated in the page.
() => {
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && style.visibility !== "hidden";
  };
  const problems = [];
  if (document.documentElement.scrollWidth > window.innerWidth) {
    problems.push(`horizontal scroll: ${document.documentElement.scrollWidth} > ${window.innerWidth}`);
  }
  for (const input of document.querySelectorAll("input[type=checkbox], input[type=radio]")) {
    if (!visible(input)) continue;
    const label = input.closest("label") || document.querySelector(`label[for="${input.id}"]`);
    if (!label) { problems.push(`no label: ${input.name}`); continue; }
    const range = document.createRange();
    const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
    let text = null;
    while (walker.nextNode()) {
      if (walker.currentNode.textContent.trim()) { text = walker.currentNode; break; }
    }
    if (!text) { problems.push(`empty label: ${input.name}`); continue; }
    range.selectNodeContents(text);
    const first = range.getClientRects()[0];
    const box = input.getBoundingClientRect();
    if (!(box.right <= first.left + 1 && box.top < first.bottom && box.bottom > first.top)) {
      problems.push(`label not beside its box: ${input.name}=${input.value}`);
    }
  }
  const targets = "a[href], button, input:not([type=hidden]), select, textarea, summary";
  for (const el of document.querySelectorAll(targets)) {
    if (!visible(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width >= 24 && r.height >= 24) continue;
    // WCAG 2.5.8 exception: a link inside a sentence.
    if (el.tagName === "A" && getComputedStyle(el).display === "inline") {
      const parentText = el.parentElement.textContent.trim();
      if (parentText.length > el.textContent.trim().length) continue;
    }
    if (el.closest("label") && el.closest("label").getBoundingClientRect().height >= 24) continue;
    problems.push(`small target ${Math.round(r.width)}x${Math.round(r.height)}: ${el.outerHTML.slice(0, 80)}`);
  }
  return problems;
}
