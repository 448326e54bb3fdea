package build

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/handboek/handboek/internal/browser/browsertest"
	"github.com/handboek/handboek/internal/content"
	"github.com/handboek/handboek/internal/publish"
)

// The zelfscan tests build the small handbook in testdata/zelfscan.txtar,
// so editing a card of the real handbook never breaks them.

// buildZelfscan builds testdata/zelfscan.txtar into a folder and returns it
// with the site's base path.
func buildZelfscan(t *testing.T) (dir, basePath string) {
	t.Helper()
	res, files := compile(t, txtarSite(t, "testdata/zelfscan.txtar"))
	dir = filepath.Join(t.TempDir(), "public")
	if _, err := publish.Atomic(context.Background(), dir, publish.Options{}, files); err != nil {
		t.Fatal(err)
	}
	return dir, res.Config.BasePath()
}

// TestZelfscanWithoutScript checks the page as a reader without JavaScript
// gets it: every challenge of every dimension card is there, from the
// content, as a fieldset with a legend and three labelled radio buttons.
func TestZelfscanWithoutScript(t *testing.T) {
	res, files := compile(t, txtarSite(t, "testdata/zelfscan.txtar"))
	page := string(fileMap(files)["zelfscan/index.html"])
	if page == "" {
		t.Fatal("no zelfscan/index.html")
	}
	var questions int
	for _, p := range res.Content.Pages {
		if p.Kind != content.KindDimensie {
			continue
		}
		for _, c := range p.Challenges {
			questions++
			for _, text := range []string{c.Question, c.Explanation} {
				if !strings.Contains(page, html.EscapeString(text)) {
					t.Errorf("zelfscan lacks %q from %s", text, p.Path())
				}
			}
		}
	}
	if questions != 6 {
		t.Errorf("the site has %d challenges, want 3 dimensions × 2", questions)
	}
	for part, want := range map[string]int{
		"<fieldset":                         questions,
		"<legend>":                          questions,
		`<input type="radio"`:               3 * questions,
		`value="2"> sterk</label>`:          questions,
		`<li class="zs-rank kind-dimensie"`: 3,
		`src="../js/zelfscan.js"`:           1,
		`<section class="zs-result" id="zs-result" aria-labelledby="zs-result-title" hidden>`: 1,
	} {
		if got := strings.Count(page, part); got != want {
			t.Errorf("zelfscan has %d × %s, want %d", got, part, want)
		}
	}
	// The script belongs to the scan alone.
	for _, f := range files {
		if strings.HasSuffix(f.Path, ".html") && f.Path != "zelfscan/index.html" && strings.Contains(string(f.Data), "zelfscan.js") {
			t.Errorf("%s loads zelfscan.js", f.Path)
		}
	}
}

// TestZelfscanInBrowser answers the scan in headless Chromium, over http and
// from file://, and checks the ranking, storage, clearing and the CSV.
func TestZelfscanInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs Chromium")
	}
	dir, base := buildZelfscan(t)
	mux := http.NewServeMux()
	mux.Handle(base, http.StripPrefix(strings.TrimSuffix(base, "/"), http.FileServer(http.Dir(dir))))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	for _, tc := range []struct{ name, root, index string }{
		{"http", srv.URL + base, ""},
		{"file", "file://" + filepath.ToSlash(dir) + "/", "index.html"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := browsertest.New(t)
			testZelfscan(t, ctx, tc.root+"zelfscan/"+tc.index)
			testWheelLink(t, ctx, tc.root+tc.index, tc.index)
		})
	}
}

func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	browsertest.Do(t, ctx, what, steps...)
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	return browsertest.Eval[T](t, ctx, js)
}

// click and visible take a CSS selector (chromedp.CSS; a plain string would
// be a DOM search).
func click(sel string) chromedp.Action[chromedp.Void] { return chromedp.Click(chromedp.CSS(sel)) }
func visible(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.WaitVisible(chromedp.CSS(sel))
}

// radio selects the radio button of challenge q ("dimensies/feedback#1").
func radio(q string, value int) string {
	return fmt.Sprintf(`fieldset[data-q=%q] input[value="%d"]`, q, value)
}

const (
	rankingJS = `Array.from(document.querySelectorAll("#zs-ranking > li")).map(li => li.dataset.dim + (li.querySelector(".zs-badge").hidden ? "" : "*")).join(" ")`
	checkedJS = `Array.from(document.querySelectorAll("#zs-form input:checked")).map(i => i.closest("fieldset").dataset.q + "=" + i.value).join(" ")`
)

func testZelfscan(t *testing.T, ctx context.Context, url string) {
	do(t, ctx, "open "+url, chromedp.Navigate(url), visible("#zs-result"))
	if got := eval[string](t, ctx, checkedJS); got != "" {
		t.Fatalf("a fresh browser shows answers: %q", got)
	}
	// Feedback applies strongly (4 points), team learning somewhat (3),
	// shared vision not at all; the rest is left open.
	do(t, ctx, "answer",
		click(radio("dimensies/feedback#1", 2)),
		click(radio("dimensies/feedback#2", 2)),
		click(radio("dimensies/teamleren#1", 2)),
		click(radio("dimensies/teamleren#2", 1)),
		click(radio("dimensies/gedeelde-visie#1", 0)),
	)
	// Both top ones are marked "begin hier": 3 is at least ¾ of 4.
	wantRank := "dimensies/feedback* dimensies/teamleren* dimensies/gedeelde-visie"
	if got := eval[string](t, ctx, rankingJS); got != wantRank {
		t.Errorf("ranking = %q, want %q", got, wantRank)
	}
	status := eval[string](t, ctx, `document.getElementById("zs-status").textContent`)
	if !strings.Contains(status, "Begin hier: 4 Feedbackprocessen stimuleren; 3 Teamleren") {
		t.Errorf("status = %q, want the two places to start", status)
	}
	score := eval[string](t, ctx, `document.querySelector("#zs-ranking > li .zs-score").textContent`)
	if score != "4 van 4 punten" {
		t.Errorf("top score = %q, want 4 van 4 punten", score)
	}
	// The top dimension links to its card and to its related cards.
	links := eval[string](t, ctx, `Array.from(document.querySelectorAll("#zs-ranking > li:first-child a")).map(a => a.getAttribute("href")).join(" ")`)
	for _, want := range []string{"dimensies/feedback/", "leiders-als-trainers/voorbeeldgedrag/", "spaken/leren-in-het-werk/"} {
		if !strings.Contains(links, want) {
			t.Errorf("first result links %q, want one to %s", links, want)
		}
	}

	csv := eval[string](t, ctx, `handboekZelfscan.csv()`)
	lines := strings.Split(strings.TrimSuffix(csv, "\r\n"), "\r\n")
	if len(lines) != 7 || lines[0] != "dimensie,nummer,vraag,antwoord" {
		t.Errorf("CSV has %d lines, header %q; want 7 with dimensie,nummer,vraag,antwoord", len(lines), lines[0])
	}
	for _, want := range []string{
		"Feedbackprocessen stimuleren,4,Hoe bouw je een cultuur waarin iedereen elkaar feedback geeft?,sterk",
		"Teamleren en samenwerken bevorderen,3,Hoe zorg je dat medewerkers echt van elkaar leren?,een beetje",
		"Een gedeelde visie en ambitie realiseren,1,Hoe kom je samen tot een visie die echt leeft?,speelt niet",
		"Een gedeelde visie en ambitie realiseren,1,Hoe wordt de visie zichtbaar in het dagelijkse werk?,",
	} {
		if !strings.Contains(csv, want+"\r\n") {
			t.Errorf("CSV lacks the row %q:\n%s", want, csv)
		}
	}

	// Answers survive a reload, and only localStorage holds them.
	do(t, ctx, "reload", chromedp.Reload(), visible("#zs-result"))
	wantChecked := "dimensies/gedeelde-visie#1=0 dimensies/teamleren#1=2 dimensies/teamleren#2=1 dimensies/feedback#1=2 dimensies/feedback#2=2"
	if got := eval[string](t, ctx, checkedJS); got != wantChecked {
		t.Errorf("after reload the answers are %q, want %q", got, wantChecked)
	}
	if got := eval[string](t, ctx, rankingJS); got != wantRank {
		t.Errorf("after reload the ranking is %q", got)
	}

	// Team mode: a second person's answers are added to the first's.
	do(t, ctx, "team", click(`.zs-team summary`), click(`#zs-team-add`))
	if got := eval[string](t, ctx, checkedJS); got != "" {
		t.Errorf("after adding up, the form still shows %q", got)
	}
	do(t, ctx, "second person", click(radio("dimensies/gedeelde-visie#1", 2)), click(radio("dimensies/gedeelde-visie#2", 2)))
	ranked := eval[string](t, ctx, `handboekZelfscan.ranking().map(r => r.dim + "=" + r.points + "/" + r.max).slice(0, 3).join(" ")`)
	// A tie keeps the card order: shared vision (1) before feedback (4).
	if ranked != "dimensies/gedeelde-visie=4/8 dimensies/feedback=4/8 dimensies/teamleren=3/8" {
		t.Errorf("team ranking = %q", ranked)
	}
	if got := eval[string](t, ctx, `document.getElementById("zs-team-count").textContent`); got != "Opgeteld: 1 persoon." {
		t.Errorf("team count = %q", got)
	}

	// Clearing removes everything, also from storage.
	do(t, ctx, "clear", click(`#zs-clear`))
	if got := eval[string](t, ctx, checkedJS); got != "" {
		t.Errorf("after clearing the form shows %q", got)
	}
	if got := eval[int](t, ctx, `localStorage.length`); got != 0 {
		t.Errorf("after clearing localStorage holds %d entries", got)
	}
	do(t, ctx, "reload after clearing", chromedp.Reload(), visible("#zs-result"))
	if got := eval[string](t, ctx, checkedJS+` + document.getElementById("zs-status").textContent`); !strings.HasPrefix(got, "Geef bij een of meer") {
		t.Errorf("after clearing and reloading: %q", got)
	}
}

// testWheelLink clicks spoke 6 on the home page's wheel and expects its card.
func testWheelLink(t *testing.T, ctx context.Context, home, index string) {
	// A desktop's screen: narrower ones list the cards instead of the
	// wheel, and a card's small picture shows beside it from 64rem.
	do(t, ctx, "open "+home, chromedp.EmulateViewport(1366, 768), chromedp.Navigate(home),
		click(`svg.picture-wheel a[aria-label^="Spaak 6:"] .seg-number`))
	want := "/spaken/leerbehoeften/" + index
	browsertest.Wait(t, "clicking spoke 6 leads to …"+want, func() (bool, string) {
		loc, err := browsertest.TryRun(ctx, chromedp.Location())
		return err == nil && strings.HasSuffix(loc, want), "at " + loc
	})
	// The card shows where it sits: its own segment is marked.
	do(t, ctx, "card page", visible(`.picture-mini`))
	if got := eval[string](t, ctx, `document.querySelector(".picture-mini [aria-current=page]").getAttribute("aria-label")`); got != "Spaak 6: Leerbehoeften in beeld" {
		t.Errorf("marked segment on the card = %q", got)
	}
}

// TestScreenshots renders the README's pictures of the default handbook:
// the home page on a desktop, a card on a phone, a card in dark mode on a
// desktop, and the zelfscan result. It runs only when asked:
//
//	HANDBOEK_SCREENSHOTS=themes/default/images go test ./internal/build -run Screenshots
func TestScreenshots(t *testing.T) {
	out := os.Getenv("HANDBOEK_SCREENSHOTS")
	if out == "" {
		t.Skip("set HANDBOEK_SCREENSHOTS to a folder to write the README screenshots")
	}
	if !filepath.IsAbs(out) {
		out = filepath.Join("../..", out)
	}
	_, files := compile(t, "../..")
	dir := filepath.Join(t.TempDir(), "public")
	if _, err := publish.Atomic(context.Background(), dir, publish.Options{}, files); err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.New(t)
	root := "file://" + filepath.ToSlash(dir) + "/"
	shots := map[string][]byte{}
	capture := func(name string) chromedp.Action[chromedp.Void] {
		return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
			var err error
			shots[name], err = chromedp.CaptureScreenshot()(ctx, tg)
			return chromedp.Void{}, err
		}
	}
	for _, s := range []struct {
		name, page, scheme string
		width, height      int64
	}{
		{"screenshot-home.png", "index.html", "light", 1366, 900},
		{"screenshot-phone.png", "dimensies/feedback/index.html", "light", 390, 844},
		{"screenshot-dark.png", "spaken/leerbehoeften/index.html", "dark", 1366, 768},
	} {
		look(t, ctx, s.width, s.height, s.scheme)
		do(t, ctx, s.name, chromedp.Navigate(root+s.page), capture(s.name))
	}
	look(t, ctx, 900, 1200, "light")
	do(t, ctx, "zelfscan", chromedp.Navigate(root+"zelfscan/index.html"),
		click(radio("dimensies/feedback#1", 2)), click(radio("dimensies/feedback#2", 2)),
		click(radio("dimensies/teamleren#1", 2)), click(radio("dimensies/teamleren#2", 1)),
		click(radio("dimensies/structuur-en-beleid#1", 1)), click(radio("dimensies/gedeelde-visie#1", 0)),
		func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
			var err error
			shots["screenshot-zelfscan.png"], err = chromedp.Screenshot(chromedp.CSS("#zs-result"))(ctx, tg)
			return chromedp.Void{}, err
		})
	for name, data := range shots {
		if err := os.WriteFile(filepath.Join(out, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d KB", name, len(data)/1024)
	}
}

// TestAddingASpokeAddsASegment: the pictures are drawn from the content, so
// a new spoke card is a new segment of the wheel, on the section page, the
// home page and the small wheel on every spoke's page.
func TestAddingASpokeAddsASegment(t *testing.T) {
	src := t.TempDir()
	if err := os.CopyFS(src, os.DirFS("testdata/site")); err != nil {
		t.Fatal(err)
	}
	segments := func(page string) int {
		_, files := compile(t, src)
		html := string(fileMap(files)[page])
		i := strings.Index(html, `class="picture-svg picture-wheel`)
		if i < 0 {
			return 0
		}
		return strings.Count(html[i:i+strings.Index(html[i:], "</svg>")], "<a href=")
	}
	for _, page := range []string{"spaken/index.html", "index.html", "spaken/reflectie/index.html"} {
		if got := segments(page); got != 1 {
			t.Errorf("%s: wheel of one spoke has %d segments", page, got)
		}
	}
	spoke := "---\ntitle: Transfer\nkind: spaak\nnumber: 7\nsummary: Toepassen.\nnot: Geen cursus.\nsupport: L&D.\nsuggestions:\n  - Plan een terugkomdag.\n---\nTekst.\n"
	if err := os.WriteFile(filepath.Join(src, "content/spaken/transfer.md"), []byte(spoke), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, page := range []string{"spaken/index.html", "index.html", "spaken/reflectie/index.html", "spaken/transfer/index.html"} {
		if got := segments(page); got != 2 {
			t.Errorf("%s: after adding a spoke the wheel has %d segments, want 2", page, got)
		}
	}
}

// TestZelfscanByKeyboard answers with the keyboard alone: Tab to a radio
// group, arrow keys to choose, as a reader without a mouse does.
func TestZelfscanByKeyboard(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs Chromium")
	}
	dir, _ := buildZelfscan(t)
	ctx := browsertest.New(t)
	do(t, ctx, "open", chromedp.Navigate("file://"+filepath.ToSlash(dir)+"/zelfscan/index.html"),
		chromedp.Focus(chromedp.CSS(radio("dimensies/gedeelde-visie#1", 0))),
		// Focus does not choose; Space does, and the arrow keys move the choice.
		chromedp.KeyEvent(" "), chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowRight),
		// Tab leaves the group for the next question.
		chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(" "))
	if got := eval[string](t, ctx, checkedJS); got != "dimensies/gedeelde-visie#1=2 dimensies/gedeelde-visie#2=0" {
		t.Errorf("answered by keyboard: %q", got)
	}
	if got := eval[string](t, ctx, rankingJS); !strings.HasPrefix(got, "dimensies/gedeelde-visie* ") {
		t.Errorf("ranking after keyboard answers: %q", got)
	}
}
