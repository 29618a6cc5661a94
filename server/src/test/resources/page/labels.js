// Every visible form control has a name a screen reader can say: a <label for>, a wrapping label, or aria-label.
const unnamed = [];
for (const control of document.querySelectorAll('input, textarea, select, button, a[href]')) {
  if (control.getClientRects().length === 0 || control.closest('[hidden]')) continue;
  const labelled = (control.id && document.querySelector(`label[for="${CSS.escape(control.id)}"]`))
    || control.closest('label') || control.getAttribute('aria-label')
    || (['BUTTON', 'A'].includes(control.tagName) && control.textContent.trim());
  if (!labelled) unnamed.push(control.outerHTML.slice(0, 80));
}
return unnamed;
