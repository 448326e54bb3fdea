// Sets every card side's type and measures it, in the deck's own page (see
// print.go). p: {pageW: the sheet's width in mm, steps: body sizes in pt,
// largest first, sizes: the same as CSS font sizes (cards.TypeCSS), edge: mm
// from the slot's edge to the safe area, tol: mm of layout rounding to
// allow}.
(async (p) => {
  await document.fonts.ready;
  const sheet = document.querySelector('.sheet');
  const perMM = sheet ? sheet.getBoundingClientRect().width / p.pageW : 96 / 25.4;
  const tol = p.tol * perMM;

  // How far the content of a data-fit box passes its edges, in px.
  const boxOver = (box) => {
    const b = box.getBoundingClientRect();
    const r = document.createRange();
    r.selectNodeContents(box);
    const c = r.getBoundingClientRect();
    // scroll sizes are in the element's own pixels: scale them by its box.
    const sy = box.clientHeight ? b.height / box.clientHeight : 1;
    const sx = box.clientWidth ? b.width / box.clientWidth : 1;
    return Math.max(0, c.bottom - b.bottom, c.right - b.right,
      (box.scrollHeight - box.clientHeight) * sy, (box.scrollWidth - box.clientWidth) * sx);
  };
  const boxesOf = (slot) => {
    const boxes = [...slot.querySelectorAll('[data-fit]')];
    return boxes.length ? boxes : [slot];
  };
  const fits = (slot) => boxesOf(slot).every((b) => boxOver(b) <= tol);
  const fieldOf = (el) => {
    const f = el && el.closest('[data-field]');
    return f ? f.dataset.field : '';
  };
  // The field to blame for a box that overflows: the box's own, else the
  // first field in it that reaches past its bottom or right edge.
  const blame = (box) => {
    if (box.dataset.field) return box.dataset.field;
    const b = box.getBoundingClientRect();
    let last = '';
    for (const f of box.querySelectorAll('[data-field]')) {
      const r = f.getBoundingClientRect();
      if (!r.height) continue;
      if (r.bottom > b.bottom + tol || r.right > b.right + tol) return f.dataset.field;
      last = f.dataset.field;
    }
    return last;
  };

  // Show the first k items of a trimmable list, and say how many more.
  const trim = (slot) => {
    const list = slot.querySelector('[data-trim]');
    const more = slot.querySelector('[data-more]');
    // Without a place to say so, dropping items would be a silent cut.
    if (!list || !more) return null;
    const items = [...list.children];
    const n = items.length;
    const show = (k) => {
      items.forEach((li, i) => { li.hidden = i >= k; });
      more.hidden = k >= n;
      more.textContent = more.dataset.more.replace('{n}', String(n - k));
    };
    let lo = 0, hi = n; // n items do not fit; lo is the most known to fit
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      show(mid);
      if (fits(slot)) lo = mid; else hi = mid;
    }
    show(Math.max(lo, 1));
    return {shown: Math.max(lo, 1), total: n};
  };

  // Every side starts as generous as it can be: the largest size, full air
  // (--air 1) and its marks shown (see cards.Geometry's CSS), so the
  // deck's first layout, which loading it made anyway, is also the first
  // probe. A side that fits as it starts needs no other. Each probe of
  // another size lays the side out again and shapes its words anew, so
  // they are few.
  const last = p.sizes.length - 1;
  const sides = [];
  for (const slot of document.querySelectorAll('[data-card]')) {
    if (fits(slot)) {
      sides.push({slot, pt: p.steps[0], cut: null});
      continue;
    }
    const marks = [...slot.querySelectorAll('[data-mark]')];
    marks.forEach((m) => { m.hidden = true; });
    const air = (a) => slot.style.setProperty('--air', String(a));
    const set = (i) => slot.style.setProperty('--fs', p.sizes[i]);
    const fitsAt = (i) => { set(i); return fits(slot); };
    // The largest size at which the side fits: fitting is monotonic in
    // the size, so it is the one that fits where the next larger does not.
    air(0);
    let pick = 0, cut = null;
    if (!fits(slot)) {
      // Content grows with the size to a power between 1 (lines that do
      // not wrap) and 2 (running text); how far it overflows at the
      // largest size gives a first guess, and the search steps from there.
      const grow = Math.max(...boxesOf(slot).map((b) => {
        const h = b.getBoundingClientRect().height;
        return h ? (h + boxOver(b)) / h : 1;
      }));
      const guess = p.steps.findIndex((pt) => pt <= p.steps[0] / Math.pow(grow, 1 / 1.5) + 1e-9);
      pick = Math.max(1, guess < 0 ? last : guess);
      if (pick <= last && fitsAt(pick)) {
        while (pick > 1 && fitsAt(pick - 1)) pick--;
      } else {
        do pick++; while (pick <= last && !fitsAt(pick));
      }
      // Not even the floor fits: the suggestions give way.
      const none = pick > last;
      pick = Math.min(pick, last);
      set(pick);
      if (none) cut = trim(slot);
    }
    // Decoration only where it fits.
    for (const m of marks) {
      m.hidden = false;
      if (!fits(slot)) m.hidden = true;
    }
    // A side that fits with room to spare gets more air between its blocks
    // and items (--air, 0 to 1, which the theme's spacing grows with): the
    // room is shared out, not left as an empty half under the text.
    if (!cut) {
      // At the largest size with all its marks, full air is how the side
      // started, which did not fit.
      const started = pick === 0 && marks.every((m) => !m.hidden);
      air(1);
      if (started || !fits(slot)) {
        let lo = 0, hi = 1;
        for (let i = 0; i < 2; i++) {
          const mid = (lo + hi) / 2;
          air(mid);
          if (fits(slot)) lo = mid; else hi = mid;
        }
        air(lo);
      }
    }
    sides.push({slot, pt: p.steps[pick], cut});
  }

  // Measure every side as it will print.
  const out = [];
  for (const {slot, pt, cut} of sides) {
    let over = 0, field = '';
    const note = (o, f) => { if (o > over) { over = o; field = f; } };
    for (const box of boxesOf(slot)) {
      const o = boxOver(box);
      if (o > tol) note(o, blame(box));
    }
    // Text anywhere outside the safe area, clipped text and cut-off
    // ("…") text are overflows too; and the smallest type on the side.
    const s = slot.getBoundingClientRect();
    const edge = p.edge * perMM;
    const safe = {left: s.left + edge - tol, top: s.top + edge - tol, right: s.right - edge + tol, bottom: s.bottom - edge + tol};
    let minPx = Infinity;
    const walk = document.createTreeWalker(slot, NodeFilter.SHOW_TEXT);
    const r = document.createRange();
    for (let t = walk.nextNode(); t; t = walk.nextNode()) {
      if (!t.data.trim()) continue;
      r.selectNodeContents(t);
      const rects = r.getClientRects();
      if (!rects.length) continue;
      const el = t.parentElement;
      minPx = Math.min(minPx, parseFloat(getComputedStyle(el).fontSize));
      for (const q of rects) {
        note(Math.max(safe.left - q.left, safe.top - q.top, q.right - safe.right, q.bottom - safe.bottom), fieldOf(el));
      }
    }
    for (const el of slot.querySelectorAll('*')) {
      if (el.matches('[data-fit], svg, svg *')) continue;
      const cs = getComputedStyle(el);
      if (cs.display === 'none') continue;
      const clips = cs.overflowX !== 'visible' || cs.overflowY !== 'visible' || cs.textOverflow !== 'clip' || cs.webkitLineClamp !== 'none';
      if (!clips) continue;
      const b = el.getBoundingClientRect();
      const sy = el.clientHeight ? b.height / el.clientHeight : 1;
      const sx = el.clientWidth ? b.width / el.clientWidth : 1;
      note(Math.max((el.scrollHeight - el.clientHeight) * sy, (el.scrollWidth - el.clientWidth) * sx), fieldOf(el));
    }
    // Computed sizes are CSS px before the page's zoom: 0.75 pt each.
    out.push({
      card: +slot.dataset.card, side: slot.dataset.side, pt,
      shown: cut ? cut.shown : 0, total: cut ? cut.total : 0,
      mm: over > tol ? over / perMM : 0, field,
      minPt: minPx === Infinity ? 0 : minPx * 0.75,
    });
  }
  const font = document.fonts.check('700 12px "Card Sans"') && document.fonts.check('400 12px "Card Sans"');
  return {font, sides: out};
})
