package build

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/handboek/handboek/internal/browser/browsertest"
	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/publish"
)

// These tests look at the default theme as a reader does, in headless
// Chromium: on a phone (390 × 844) and a desktop (1366 × 768), light and
// dark, with and without JavaScript, and printed. They build the small
// handbook in testdata/theme.txtar, so editing a card of the real handbook
// never breaks them.

// themeSite builds testdata/theme.txtar and serves it under a sub-path, as
// an intranet would. With noScript, every response forbids scripts
// (Content-Security-Policy), which is a browser with JavaScript off as far
// as the page can tell; the test's own evaluations still run.
func themeSite(t *testing.T) (dir string, root func(noScript bool) string) {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/theme.txtar")
	if err != nil {
		t.Fatal(err)
	}
	src := t.TempDir()
	for _, f := range ar.Files {
		p := filepath.Join(src, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var diags diag.List
	res := Compile(Options{Source: src, Version: "test"}, &diags)
	if diags.HasErrors() {
		t.Fatalf("theme.txtar: %s", diags.String())
	}
	dir = filepath.Join(t.TempDir(), "public")
	if _, err := publish.Atomic(context.Background(), dir, publish.Options{}, res.Files); err != nil {
		t.Fatal(err)
	}
	files := http.StripPrefix("/handboek", http.FileServer(http.Dir(dir)))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/noscript/") {
			w.Header().Set("Content-Security-Policy", "script-src 'none'")
			r.URL.Path = strings.TrimPrefix(r.URL.Path, "/noscript")
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return dir, func(noScript bool) string {
		if noScript {
			return srv.URL + "/noscript/handboek/"
		}
		return srv.URL + "/handboek/"
	}
}

// look sets the screen and the colour scheme for the next pages.
func look(t *testing.T, ctx context.Context, width, height int64, scheme string) {
	t.Helper()
	do(t, ctx, fmt.Sprintf("screen %d×%d, %s", width, height, scheme),
		chromedp.EmulateViewport(width, height),
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
			})
			if err == nil {
				// A headless tab is not the focused window unless told so,
				// and then nothing matches :focus-visible.
				_, err = chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true})
			}
			return err
		}))
}

// pageJS holds the measures the tests take in the page: colours, their
// contrast (WCAG 2), the background an element sits on, what is visible.
const pageJS = `
function rgba(s) {
  var m = String(s).match(/rgba?\(([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:[ ,/]+([\d.]+))?\)/);
  return m ? [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]] : null;
}
function lum(c) {
  var v = c.slice(0, 3).map(function (x) { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
  return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}
function contrast(a, b) {
  a = typeof a === "string" ? rgba(a) : a; b = typeof b === "string" ? rgba(b) : b;
  var x = lum(a), y = lum(b);
  return Math.round(100 * (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05)) / 100;
}
function bgOf(el) {
  for (; el && el.nodeType === 1; el = el.parentElement) {
    var c = rgba(getComputedStyle(el).backgroundColor);
    if (c && c[3] > 0.5) return c;
  }
  return rgba(getComputedStyle(document.body).backgroundColor);
}
function shown(el) { return !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden"; }
function box(el) { var r = el.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height}; }
function $(s) { return document.querySelector(s); }
function $$(s) { return Array.prototype.slice.call(document.querySelectorAll(s)); }
// indicator is the strongest contrast any part of el's focus indicator
// (outline, box-shadow, background) has with what el sits on.
function indicator(el) {
  var st = getComputedStyle(el), around = bgOf(el.parentElement), best = 0, parts = [];
  if (st.outlineStyle !== "none" && parseFloat(st.outlineWidth) >= 2) parts.push(st.outlineColor);
  (st.boxShadow.match(/rgba?\([^)]*\)/g) || []).forEach(function (c) { parts.push(c); });
  parts.push(st.backgroundColor);
  parts.forEach(function (c) { var x = rgba(c); if (x && x[3] > 0.5) best = Math.max(best, contrast(x, around)); });
  return best;
}
`

// measure evaluates expr (a JavaScript expression) with pageJS in scope,
// and decodes its JSON into a T.
func measure[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	raw := eval[string](t, ctx, "(function () {"+pageJS+"return JSON.stringify("+expr+");})()")
	var v T
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		t.Fatalf("%s: %q: %v", expr, raw, err)
	}
	return v
}

// poll waits, within one step's budget, until expr is true.
func poll(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	browsertest.Poll[bool](t, ctx, what, "(function () {"+pageJS+"return !!("+expr+");})()")
}

// hover moves the mouse to the middle of the element sel.
func hover(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	r := measure[struct{ Left, Top, Width, Height float64 }](t, ctx, `box($(`+strconv.Quote(sel)+`))`)
	do(t, ctx, "hover "+sel, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, r.Left+r.Width/2, r.Top+r.Height/2))
}

func TestThemeHeaderOnAPhone(t *testing.T) {
	_, root := themeSite(t)
	ctx := browsertest.New(t)
	card := "dimensies/feedback/"

	for _, scheme := range []string{"light", "dark"} {
		look(t, ctx, 390, 844, scheme)
		do(t, ctx, "open the card", chromedp.Navigate(root(false)+card))
		first := measure[struct {
			Header, Search, Title, Lead float64
			Nav, Button                 bool
		}](t, ctx, `{header: box($(".site-header")).height, search: box($("#site-search-q")).bottom,
		  title: box($("h1")).top, lead: box($(".lead")).top, nav: shown($(".main-nav")), button: shown($(".menu-button summary"))}`)
		// The issue found 290 of 844 px; a sixth of the screen is plenty.
		if first.Header > 140 {
			t.Errorf("%s: the header takes %.0f of 844 px", scheme, first.Header)
		}
		if first.Search > 844 || first.Title > 844 || first.Lead > 780 {
			t.Errorf("%s: the first screen lacks the search box (%.0f), the title (%.0f) or the start of the text (%.0f)", scheme, first.Search, first.Title, first.Lead)
		}
		if first.Nav || !first.Button {
			t.Errorf("%s: menu shown %v, menu button shown %v; want the menu behind the button", scheme, first.Nav, first.Button)
		}
	}
	// In dark mode the header is dark too, its box as well.
	dark := measure[struct{ Header, Input float64 }](t, ctx, `{header: lum(bgOf($(".site-header"))), input: lum(bgOf($("#site-search-q")))}`)
	if dark.Header > 0.05 || dark.Input > 0.05 {
		t.Errorf("dark mode: header luminance %.2f, search box %.2f; want both dark", dark.Header, dark.Input)
	}

	// The button opens the menu, with the zelfscan in it, and closes it:
	// with JavaScript (where Esc closes it too) and without.
	look(t, ctx, 390, 844, "light")
	for _, noScript := range []bool{false, true} {
		what := map[bool]string{false: "with JavaScript", true: "without JavaScript"}[noScript]
		do(t, ctx, "open the card "+what, chromedp.Navigate(root(noScript)+card))
		ran := eval[bool](t, ctx, `document.getElementById("site-search-q").getAttribute("role") === "combobox"`)
		if ran == noScript {
			t.Fatalf("%s: the page's script ran: %v", what, ran)
		}
		do(t, ctx, "press the menu button "+what, click(".menu-button summary"))
		open := measure[struct {
			Shown  bool
			Links  []string
			MinTap float64
		}](t, ctx, `{shown: shown($(".main-nav")), links: $$(".main-nav a").map(function (a) { return a.textContent; }),
		  minTap: Math.min.apply(null, $$(".main-nav a").map(function (a) { return box(a).height; }))}`)
		if !open.Shown || len(open.Links) != 6 || open.Links[5] != "Zelfscan" {
			t.Errorf("%s: after pressing Menu, shown %v with %q; want the five sections and Zelfscan", what, open.Shown, open.Links)
		}
		if open.MinTap < 44 {
			t.Errorf("%s: a menu link is %.0f px high, want 44 or more to tap", what, open.MinTap)
		}
		if noScript {
			do(t, ctx, "press the menu button again", click(".menu-button summary"))
		} else {
			do(t, ctx, "press Esc", chromedp.KeyEvent(kb.Escape))
		}
		if eval[bool](t, ctx, `document.querySelector(".main-nav").getClientRects().length > 0`) {
			t.Errorf("%s: the menu stays open", what)
		}
	}

	// On a desktop the menu is one row under the title, whole, and no
	// button: from 1200 px, where the labels fit, on the current page too.
	for _, w := range []int64{1200, 1366} {
		look(t, ctx, w, 768, "light")
		do(t, ctx, "open a page of the menu on a desktop", chromedp.Navigate(root(false)+"werken-met-de-kaarten/"))
		wide := measure[struct {
			Button bool
			Rows   int
			Cut    bool
			Header float64
		}](t, ctx, `{button: shown($(".menu-button")), rows: new Set($$(".main-nav li").map(function (li) { return Math.round(box(li).top); })).size,
		  cut: $(".main-nav ul").scrollWidth > $(".main-nav ul").clientWidth, header: box($(".site-header")).height}`)
		if wide.Button || wide.Rows != 1 || wide.Cut || wide.Header > 120 {
			t.Errorf("%d px: menu button shown %v, menu in %d rows, cut off %v, header %.0f px; want no button, one whole row, at most 120 px", w, wide.Button, wide.Rows, wide.Cut, wide.Header)
		}
	}
}

func TestThemeFocusIsVisible(t *testing.T) {
	_, root := themeSite(t)
	ctx := browsertest.New(t)
	type focus struct {
		Visible    bool
		Indicator  float64
		Text, Kind float64
	}
	for _, scheme := range []string{"light", "dark"} {
		look(t, ctx, 1366, 768, scheme)
		// A result of the header's dropdown, reached with the arrow key.
		do(t, ctx, "type in the header box", chromedp.Navigate(root(false)+"dimensies/feedback/"),
			chromedp.Focus(chromedp.ID("site-search-q")), chromedp.KeyEvent("feedback"))
		poll(t, ctx, "the dropdown shows results", `shown($("#site-search-dropdown a[data-search-result]"))`)
		do(t, ctx, "arrow down", chromedp.KeyEvent(kb.ArrowDown))
		f := measure[focus](t, ctx, `(function (a) {
		  return {visible: a.matches("[data-search-result]:focus-visible"), indicator: indicator(a),
		    text: contrast(getComputedStyle(a.querySelector(".search-result-title")).color, bgOf(a)),
		    kind: contrast(getComputedStyle(a.parentNode.querySelector(".search-result-kind")).color, bgOf(a))};
		})(document.activeElement)`)
		if !f.Visible || f.Indicator < 3 || f.Text < 4.5 || f.Kind < 4.5 {
			t.Errorf("%s: focused dropdown result: focus-visible %v, indicator contrast %.2f (want 3), text %.2f and kind %.2f (want 4.5)", scheme, f.Visible, f.Indicator, f.Text, f.Kind)
		}

		// A tile of the home page, and the whole of its text.
		do(t, ctx, "home", chromedp.Navigate(root(false)), chromedp.Focus(chromedp.CSS(".card-tiles a")))
		f = measure[focus](t, ctx, `(function (a) {
		  return {visible: a.matches(":focus-visible"), indicator: indicator(a),
		    text: Math.min(contrast(getComputedStyle(a.querySelector(".tile-title")).color, bgOf(a)), contrast(getComputedStyle(a.querySelector(".tile-number")).color, bgOf(a))), kind: 99};
		})(document.activeElement)`)
		if !f.Visible || f.Indicator < 3 || f.Text < 4.5 {
			t.Errorf("%s: focused tile: focus-visible %v, indicator %.2f (want 3), text %.2f (want 4.5)", scheme, f.Visible, f.Indicator, f.Text)
		}

		// The wheel's segments, focused and hovered: the number on the
		// filled segment, and the segment on the page.
		segment := `(function (a) {
		  var shape = getComputedStyle(a.querySelector(".seg-shape")), page = bgOf(a.closest("figure"));
		  return {fill: contrast(shape.fill, page), number: contrast(getComputedStyle(a.querySelector(".seg-number")).fill, shape.fill),
		    label: contrast(getComputedStyle(a.querySelector(".seg-label")).fill, page)};
		})(%s)`
		type seg struct{ Fill, Number, Label float64 }
		do(t, ctx, "spokes", chromedp.Navigate(root(false)+"spaken/"), chromedp.Focus(chromedp.CSS("svg.picture-wheel a")))
		s := measure[seg](t, ctx, fmt.Sprintf(segment, "document.activeElement"))
		if s.Fill < 3 || s.Number < 4.5 || s.Label < 4.5 {
			t.Errorf("%s: focused segment: fill %.2f on the page (want 3), number %.2f on the fill, label %.2f (want 4.5)", scheme, s.Fill, s.Number, s.Label)
		}
		hover(t, ctx, `svg.picture-wheel a:nth-of-type(2) .seg-number`)
		s = measure[seg](t, ctx, fmt.Sprintf(segment, `$("svg.picture-wheel a:nth-of-type(2)")`))
		if s.Fill < 3 || s.Number < 4.5 || s.Label < 4.5 {
			t.Errorf("%s: hovered segment: fill %.2f on the page (want 3), number %.2f on the fill, label %.2f (want 4.5)", scheme, s.Fill, s.Number, s.Label)
		}
		// A card tile of the section page, hovered.
		hover(t, ctx, ".card-grid .card-title")
		if c := measure[float64](t, ctx, `Math.min(contrast(getComputedStyle($(".card-grid .card-title")).color, bgOf($(".card-grid a"))), contrast(getComputedStyle($(".card-grid .card-kind")).color, bgOf($(".card-grid a"))))`); c < 4.5 {
			t.Errorf("%s: hovered card tile: text contrast %.2f, want 4.5", scheme, c)
		}
		// The small tiles beside a card: the current one, and one hovered.
		look(t, ctx, 1366, 768, scheme)
		do(t, ctx, "a card", chromedp.Navigate(root(false)+"dimensies/visie/"))
		hover(t, ctx, `.picture-mini a:not(.seg-current) .seg-number`)
		for _, sel := range []string{`.picture-mini .seg-current`, `.picture-mini a:not(.seg-current)`} {
			s = measure[seg](t, ctx, `(function (a) { var shape = getComputedStyle(a.querySelector(".seg-shape"));
			  return {fill: contrast(shape.fill, bgOf(a.closest("figure"))), number: contrast(getComputedStyle(a.querySelector(".seg-number")).fill, shape.fill), label: 99}; })($(`+strconv.Quote(sel)+`))`)
			if s.Fill < 3 || s.Number < 4.5 {
				t.Errorf("%s: %s: fill %.2f on the page (want 3), number %.2f on it (want 4.5)", scheme, sel, s.Fill, s.Number)
			}
		}
	}
}

func TestThemeSearchDropdown(t *testing.T) {
	_, root := themeSite(t)
	ctx := browsertest.New(t)
	look(t, ctx, 1366, 768, "light")
	do(t, ctx, "type", chromedp.Navigate(root(false)+"dimensies/feedback/"),
		chromedp.Focus(chromedp.ID("site-search-q")), chromedp.KeyEvent("leren"))
	poll(t, ctx, "results for leren", `shown($("#site-search-dropdown a[data-search-result]"))`)
	type state struct {
		Open     bool
		Expanded string
		Controls string
		Value    string
		Active   string
		All      string
		AllHref  string
	}
	const stateJS = `(function (i, d) { var all = d && d.querySelector(".search-all");
	  return {open: shown(d), expanded: i.getAttribute("aria-expanded"), controls: i.getAttribute("aria-controls") === d.id ? "dropdown" : i.getAttribute("aria-controls"),
	    value: i.value, active: document.activeElement === i ? "box" : document.activeElement.textContent,
	    all: all && shown(all) ? all.textContent : "", allHref: all ? all.getAttribute("href") : ""}; })($("#site-search-q"), $("#site-search-dropdown"))`
	s := measure[state](t, ctx, stateJS)
	if !s.Open || s.Expanded != "true" || s.Controls != "dropdown" {
		t.Errorf("open list: %+v; want aria-expanded true and aria-controls naming the dropdown", s)
	}
	if !regexp.MustCompile(`^Alle \d+ resultaten$`).MatchString(s.All) || s.AllHref != "../../zoeken/?q=leren" {
		t.Errorf("the way to every result: %q → %q, want \"Alle N resultaten\" → ../../zoeken/?q=leren", s.All, s.AllHref)
	}
	// Esc closes the list and keeps the query; arrow down opens it again.
	do(t, ctx, "Esc", chromedp.KeyEvent(kb.Escape))
	if s = measure[state](t, ctx, stateJS); s.Open || s.Expanded != "false" || s.Value != "leren" || s.Active != "box" {
		t.Errorf("after Esc: %+v; want the list closed, the query kept, the focus in the box", s)
	}
	do(t, ctx, "arrow down", chromedp.KeyEvent(kb.ArrowDown))
	if s = measure[state](t, ctx, stateJS); !s.Open || s.Expanded != "true" || s.Active != "box" {
		t.Errorf("after Esc, arrow down: %+v; want the list open again", s)
	}
	do(t, ctx, "arrow down to the first result", chromedp.KeyEvent(kb.ArrowDown))
	if s = measure[state](t, ctx, stateJS); s.Active == "box" || s.Active == "" {
		t.Errorf("the second arrow down stays in the box: %+v", s)
	}
	do(t, ctx, "a second Esc from the list, a third in the box", chromedp.KeyEvent(kb.Escape))
	if s = measure[state](t, ctx, stateJS); s.Open || s.Active != "box" || s.Value != "leren" {
		t.Errorf("Esc in the list: %+v; want the list closed and the focus back in the box", s)
	}
	do(t, ctx, "Esc again", chromedp.KeyEvent(kb.Escape))
	if s = measure[state](t, ctx, stateJS); s.Value != "" {
		t.Errorf("Esc on a closed list leaves %q in the box, want it empty", s.Value)
	}

	// One result is one "resultaat", and needs no way to all of them.
	do(t, ctx, "a word on one page", chromedp.KeyEvent("kompasroos"))
	poll(t, ctx, "one result", `$$("#site-search-dropdown a[data-search-result]").length === 1 && shown($("#site-search-dropdown"))`)
	one := measure[struct{ Status, All string }](t, ctx, `{status: $("#site-search p[role=status]").textContent, all: shown($(".search-all")) ? "shown" : ""}`)
	if one.Status != "1 resultaat voor “kompasroos”" || one.All != "" {
		t.Errorf("one result: status %q, all-link %q; want “1 resultaat voor “kompasroos”” and no link", one.Status, one.All)
	}

	// On a phone the list is (nearly) the screen's width, not the box's;
	// at every width it stays on the screen.
	for _, w := range []float64{390, 641, 768, 769, 1024} {
		look(t, ctx, int64(w), 844, "light")
		do(t, ctx, "type", chromedp.Navigate(root(false)+"dimensies/feedback/"),
			chromedp.Focus(chromedp.ID("site-search-q")), chromedp.KeyEvent("leren"))
		poll(t, ctx, "results", `shown($("#site-search-dropdown a[data-search-result]"))`)
		r := measure[struct{ Left, Right, Width float64 }](t, ctx, `box($("#site-search-dropdown"))`)
		if r.Left < 0 || r.Right > w || (w == 390 && r.Width < 360) {
			t.Errorf("dropdown at %.0f px: %.0f–%.0f (%.0f px wide); want it on the screen, and 360 px or more on a phone", w, r.Left, r.Right, r.Width)
		}
	}
}

func TestThemeSearchPageHasOneBoxAndStaysStill(t *testing.T) {
	_, root := themeSite(t)
	ctx := browsertest.New(t)
	for _, w := range []int64{390, 1366} {
		look(t, ctx, w, map[int64]int64{390: 844, 1366: 768}[w], "light")
		do(t, ctx, "search page", chromedp.Navigate(root(false)+"zoeken/?q=leren"))
		poll(t, ctx, "results", `$$("#search-results a[data-search-result]").length > 1`)
		got := measure[struct {
			Boxes int
			Shift float64
		}](t, ctx, `{boxes: $$("input[type=search]").length, shift: performance.getEntriesByType("layout-shift").reduce(function (s, e) { return s + (e.hadRecentInput ? 0 : e.value); }, 0)}`)
		if got.Boxes != 1 || got.Shift > 0.05 {
			t.Errorf("width %d: %d search boxes, layout shift %.3f; want one box and no shift (≤ 0.05)", w, got.Boxes, got.Shift)
		}
	}
}

func TestThemeCardPage(t *testing.T) {
	_, root := themeSite(t)
	ctx := browsertest.New(t)
	// Desktop: the contents beside the card from the title down; the parts
	// as high as their text, none alone beside an empty space; the kicker
	// in the kind's colour; a reading list that is not a list of links.
	look(t, ctx, 1366, 768, "light")
	do(t, ctx, "card", chromedp.Navigate(root(false)+"dimensies/feedback/"))
	d := measure[struct {
		TOCTop, TitleTop, TOCLeft, CardRight float64
		Lefts, Rights                        int
		Slack                                float64
		Kicker, Border                       string
		Reading                              string
	}](t, ctx, `{tocTop: box($(".toc")).top, titleTop: box($(".card-head")).top, tocLeft: box($(".toc")).left, cardRight: box($(".card-sides")).right,
	  lefts: new Set($$(".card-part").map(function (p) { return Math.round(box(p).left); })).size,
	  rights: new Set($$(".card-part").map(function (p) { return Math.round(box(p).right); })).size,
	  slack: Math.max.apply(null, $$(".card-part").map(function (p) { var last = p.lastElementChild; return box(p).bottom - box(last).bottom; })),
	  kicker: getComputedStyle($(".card-kicker")).color, border: getComputedStyle($(".card-part")).borderTopColor,
	  reading: getComputedStyle($("#verder-lezen + ul")).listStyleType + " " + getComputedStyle($("#verder-lezen + ul > li"), "::before").content}`)
	if d.TOCTop > d.TitleTop+60 || d.TOCLeft < d.CardRight {
		t.Errorf("desktop: contents at %.0f (title at %.0f), left %.0f of the card's right %.0f; want it beside the card from the top", d.TOCTop, d.TitleTop, d.TOCLeft, d.CardRight)
	}
	if d.Lefts != 1 || d.Rights != 1 || d.Slack > 40 {
		t.Errorf("desktop: card parts in %d columns, %d right edges, %.0f px below the last line of a part; want them stacked, each as high as its text", d.Lefts, d.Rights, d.Slack)
	}
	if d.Kicker != d.Border {
		t.Errorf("desktop: the kicker is %s, the card's border %s; want the kind's colour for both", d.Kicker, d.Border)
	}
	if !strings.HasPrefix(d.Reading, "none ") || strings.HasSuffix(d.Reading, "none") {
		t.Errorf("reading list: %q; want references with a mark of their own, not bullets", d.Reading)
	}
	// The number of a card shows once on each tile.
	for _, page := range []string{"", "dimensies/"} {
		do(t, ctx, "tiles", chromedp.Navigate(root(false)+page))
		twice := measure[[]string](t, ctx, `$$(":is(.card-grid, .card-tiles) :is(.kind-dimensie, .kind-spaak, .kind-praktijk) a").filter(function (a) { return (a.innerText.match(/\d+/g) || []).length !== 1; }).map(function (a) { return a.innerText; })`)
		if len(twice) > 0 {
			t.Errorf("/%s: tiles that do not show their number once: %q", page, twice)
		}
	}

	// Phone: the contents first, after the title, in a few lines; the
	// section's list at the end.
	look(t, ctx, 390, 844, "light")
	do(t, ctx, "card on a phone", chromedp.Navigate(root(false)+"dimensies/feedback/"))
	p := measure[struct{ TOCTop, TOCHeight, CardTop, NavTop, ProseBottom float64 }](t, ctx,
		`{tocTop: box($(".toc")).top, tocHeight: box($(".toc")).height, cardTop: box($(".card-sides")).top, navTop: box($(".section-nav")).top, proseBottom: box($(".prose")).bottom}`)
	if p.TOCTop > p.CardTop || p.TOCHeight > 120 || p.NavTop < p.ProseBottom {
		t.Errorf("phone: contents at %.0f (%.0f px high), card at %.0f, section list at %.0f, text ends at %.0f; want the contents first and short, the list last", p.TOCTop, p.TOCHeight, p.CardTop, p.NavTop, p.ProseBottom)
	}
}

func TestThemeHomeShowsEachSetOnce(t *testing.T) {
	_, root := themeSite(t)
	ctx := browsertest.New(t)
	cards := []string{"dimensies/feedback/", "dimensies/visie/", "leiders-als-trainers/voorbeeld/", "spaken/strategie/", "spaken/cultuur/", "spaken/werk/"}
	for _, size := range [][2]int64{{1366, 768}, {390, 844}} {
		look(t, ctx, size[0], size[1], "light")
		do(t, ctx, "home", chromedp.Navigate(root(false)))
		links := measure[map[string]int](t, ctx, `$$("main a[href]").filter(shown).reduce(function (m, a) { var u = new URL(a.getAttribute("href"), location.href).pathname; m[u] = (m[u] || 0) + 1; return m; }, {})`)
		for _, c := range cards {
			if n := links["/handboek/"+c]; n != 1 {
				t.Errorf("%d px: the home page shows %s %d times, want once", size[0], c, n)
			}
		}
		// The first screen leads somewhere: the scan, the sets.
		first := measure[struct{ Action, Sets float64 }](t, ctx, `{action: box($(".home-actions a")).bottom, sets: box($(".home-sets a")).top}`)
		if first.Action > float64(size[1]) || (size[0] > 1000 && first.Sets > float64(size[1])) {
			t.Errorf("%d px: the first way on ends at %.0f, the sets start at %.0f; want them on the first screen of %d px", size[0], first.Action, first.Sets, size[1])
		}
	}
	// A section of cards shows its cards once, not tiles above them.
	look(t, ctx, 1366, 768, "light")
	do(t, ctx, "dimensions", chromedp.Navigate(root(false)+"dimensies/"))
	if n := eval[int](t, ctx, `document.querySelectorAll("main svg").length`); n != 0 {
		t.Errorf("the dimensions page shows %d pictures above its cards, want none", n)
	}
}

func TestThemePicturesAreReadable(t *testing.T) {
	_, root := themeSite(t)
	ctx := browsertest.New(t)
	// Every text of a picture on the screen, in px: its font size in the
	// picture's units times the picture's scale.
	const sizes = `$$("svg text").filter(shown).map(function (e) { return Math.round(10 * parseFloat(getComputedStyle(e).fontSize) * e.ownerSVGElement.getScreenCTM().a) / 10; })`
	for _, w := range []int64{640, 1024, 1366} {
		look(t, ctx, w, 900, "light")
		for _, page := range []string{"", "spaken/", "spaken/cultuur/", "dimensies/feedback/"} {
			do(t, ctx, "open /"+page, chromedp.Navigate(root(false)+page))
			for _, px := range measure[[]float64](t, ctx, sizes) {
				if px < 14 {
					t.Errorf("width %d, /%s: picture text of %.1f px, want 14 or more", w, page, px)
					break
				}
			}
		}
	}
	// On a phone the large wheel gives way to the list of its cards; the
	// hub says what the wheel holds.
	look(t, ctx, 390, 844, "light")
	do(t, ctx, "home on a phone", chromedp.Navigate(root(false)))
	got := measure[struct {
		Wheel bool
		List  int
		Hub   string
	}](t, ctx, `{wheel: shown($("svg.picture-wheel")), list: $$(".has-wheel .card-tiles a").filter(shown).length, hub: $$(".wheel-hub-text").map(function (e) { return e.textContent; }).join(" ")}`)
	if got.Wheel || got.List != 3 || got.Hub != "spaken 3" {
		t.Errorf("phone: wheel shown %v, %d spokes listed, hub %q; want the list of 3 instead, and a hub reading 3 spaken", got.Wheel, got.List, got.Hub)
	}
}

func TestThemePrintsACardOnTwoPages(t *testing.T) {
	_, root := themeSite(t)
	for _, tool := range []string{"pdfinfo", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			browsertest.Need(t, fmt.Errorf("%s (poppler-utils) not found", tool))
		}
	}
	ctx := browsertest.New(t)
	look(t, ctx, 1366, 768, "dark") // the print follows the paper, not the screen's scheme
	do(t, ctx, "card", chromedp.Navigate(root(false)+"dimensies/feedback/"))
	pdf := browsertest.Run(t, ctx, "print", chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize(), chromedp.PDFPrintBackground()))
	file := filepath.Join(t.TempDir(), "card.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	info, err := exec.Command("pdfinfo", file).Output()
	if err != nil {
		t.Fatal(err)
	}
	pages, _ := strconv.Atoi(regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(string(info))[1])
	size := regexp.MustCompile(`(?m)^Page size:\s+([\d.]+) x ([\d.]+)`).FindStringSubmatch(string(info))
	if pages < 1 || pages > 2 {
		t.Errorf("the card prints on %d pages, want 1 or 2", pages)
	}
	if w, _ := strconv.ParseFloat(size[1], 64); w < 594 || w > 596.5 {
		t.Errorf("page size %q, want A4 (595 × 842 pt)", size)
	}
	text, err := exec.Command("pdftotext", "-enc", "UTF-8", "-f", "1", "-l", "1", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	page1 := strings.ToLower(string(text)) // the parts' headings print in capitals
	for _, want := range []string{"feedbackprocessen stimuleren", "uitdagingen", "ontwikkelsuggesties"} {
		if !strings.Contains(page1, want) {
			t.Errorf("page 1 lacks %q (the card comes first):\n%s", want, page1)
		}
	}
	if strings.Index(page1, "feedbackprocessen stimuleren") > strings.Index(page1, "uitdagingen") {
		t.Errorf("page 1 does not start with the card's title:\n%s", page1)
	}
	// Nothing prints light on light: the card's colours on paper.
	do(t, ctx, "print media", chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	}))
	low := measure[[]string](t, ctx, `$$(".card-page h1, .card-kicker, .card-part h2, .card-part li, .card-part p, .prose p").filter(shown).filter(function (e) {
	  return contrast(getComputedStyle(e).color, [255, 255, 255]) < 4.5; }).map(function (e) { return e.textContent.slice(0, 30) + " " + getComputedStyle(e).color; })`)
	if len(low) > 0 {
		t.Errorf("text printed with too little contrast on white paper: %q", low)
	}
}

func TestThemeZelfscanOnAPhone(t *testing.T) {
	_, root := themeSite(t)
	ctx := browsertest.New(t)
	look(t, ctx, 390, 844, "light")
	do(t, ctx, "zelfscan", chromedp.Navigate(root(false)+"zelfscan/"), visible("#zs-result"))
	rows := measure[[]int](t, ctx, `$$(".zs-options").map(function (o) { return new Set(Array.prototype.map.call(o.children, function (l) { return Math.round(box(l).top); })).size; })`)
	for i, n := range rows {
		if n != 1 {
			t.Errorf("question %d: the three answers take %d rows, want one", i+1, n)
		}
	}
	const sizes = `$$("fieldset")[0].querySelectorAll(".zs-option").length && Array.prototype.map.call($$("fieldset")[0].querySelectorAll(".zs-option"), function (l) { var r = box(l); return r.width + "×" + r.height; }).join(" ")`
	before := measure[string](t, ctx, sizes)
	do(t, ctx, "answer", click(`fieldset .zs-option:nth-child(2) input`))
	if after := measure[string](t, ctx, sizes); after != before {
		t.Errorf("choosing an answer resizes the answers: %s → %s", before, after)
	}
	if got := eval[string](t, ctx, `document.getElementById("zs-answered").textContent`); !strings.HasPrefix(got, "1 van 4 uitdagingen beantwoord") || !strings.Contains(got, "0 punten") {
		t.Errorf("the result says %q; want how many are answered and that an open one counts as 0", got)
	}
}

// TestThemeMakesNoStrayRequest: the pages ask for nothing outside the site
// and nothing the site lacks; the icon is inline, so no /favicon.ico.
func TestThemeMakesNoStrayRequest(t *testing.T) {
	dir, _ := themeSite(t)
	var mu sync.Mutex
	var missing []string
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(r.URL.Path))); err != nil {
			mu.Lock()
			missing = append(missing, r.URL.Path)
			mu.Unlock()
		}
		files.ServeHTTP(w, r)
	}))
	defer srv.Close()
	ctx := browsertest.New(t)
	for _, page := range []string{"", "dimensies/", "dimensies/feedback/", "zoeken/?q=leren", "zelfscan/"} {
		do(t, ctx, "open /"+page, chromedp.Navigate(srv.URL+"/"+page))
		icon := measure[struct{ Href string }](t, ctx, `{href: $("link[rel=icon]").href}`)
		if !strings.HasPrefix(icon.Href, "data:image/svg+xml,") {
			t.Errorf("/%s: icon %q, want an inline SVG", page, icon.Href)
		}
		ext := measure[[]string](t, ctx, `performance.getEntriesByType("resource").map(function (e) { return e.name; }).filter(function (u) { return u.indexOf(location.origin) !== 0 && u.indexOf("data:") !== 0; })`)
		if len(ext) > 0 {
			t.Errorf("/%s requests outside the site: %q", page, ext)
		}
	}
	// The icon is a picture a browser can draw.
	if w := browsertest.Poll[int](t, ctx, "the icon loads", `(function () { var i = window.__icon; if (!i) { i = window.__icon = new Image(); i.src = document.querySelector("link[rel=icon]").href; } return i.complete && i.naturalWidth; })()`); w <= 0 {
		t.Errorf("the icon does not load: width %d", w)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(missing) > 0 {
		t.Errorf("requests for files the site does not have: %q", missing)
	}
}
