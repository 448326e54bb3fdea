package wheel

import (
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func items(n int) []Item {
	out := make([]Item, n)
	for i := range out {
		out[i] = Item{Number: i + 1, Title: "Kaart " + strings.Repeat("x", i), Href: "../k" + string(rune('a'+i)) + "/", Label: "Spaak"}
	}
	return out
}

func TestSegmentsCoverTheCircle(t *testing.T) {
	for _, tc := range []struct {
		n         int
		firstFrom float64
		step      float64
	}{
		{1, -180, 360},
		{2, -90, 180},
		{8, -22.5, 45},
		{10, -18, 36},
		{11, -360.0 / 22, 360.0 / 11},
	} {
		segs := Segments(tc.n)
		if len(segs) != tc.n {
			t.Fatalf("Segments(%d) gave %d segments", tc.n, len(segs))
		}
		if segs[0].Mid != 0 || math.Abs(segs[0].Start-tc.firstFrom) > 1e-9 {
			t.Errorf("Segments(%d)[0] = %+v, want centred at the top from %v", tc.n, segs[0], tc.firstFrom)
		}
		total := 0.0
		for i, s := range segs {
			total += s.End - s.Start
			if math.Abs(s.End-s.Start-tc.step) > 1e-9 {
				t.Errorf("Segments(%d)[%d] spans %v°, want %v°", tc.n, i, s.End-s.Start, tc.step)
			}
			if i > 0 && math.Abs(s.Start-segs[i-1].End) > 1e-9 {
				t.Errorf("Segments(%d)[%d] starts at %v, previous ends at %v", tc.n, i, s.Start, segs[i-1].End)
			}
		}
		if math.Abs(total-360) > 1e-9 {
			t.Errorf("Segments(%d) cover %v°, want 360°", tc.n, total)
		}
	}
}

// Adding a card adds a segment: one link, one shape and one number per item.
func TestOneSegmentPerItem(t *testing.T) {
	for _, n := range []int{1, 3, 8, 10, 11, 24} {
		for name, draw := range map[string]func([]Item, Options) string{
			"wheel":       func(it []Item, o Options) string { return string(Wheel(it, o)) },
			"small wheel": func(it []Item, o Options) string { o.Small = true; return string(Wheel(it, o)) },
			"tiles":       func(it []Item, o Options) string { return string(Tiles(it, o)) },
			"small tiles": func(it []Item, o Options) string { o.Small = true; return string(Tiles(it, o)) },
		} {
			svg := draw(items(n), Options{ID: "p", Title: "T", Desc: "D", Kind: "spaak"})
			for _, part := range []string{"<a href=", `class="seg-shape"`, `class="seg-number"`} {
				if got := strings.Count(svg, part); got != n {
					t.Errorf("%s of %d items has %d × %s, want %d", name, n, got, part, n)
				}
			}
		}
	}
	if Wheel(nil, Options{}) != "" || Tiles(nil, Options{}) != "" {
		t.Error("no items should draw no picture")
	}
}

func TestTilesGridSize(t *testing.T) {
	for _, tc := range []struct{ n, cols int }{{1, 1}, {3, 3}, {4, 4}, {8, 4}, {9, 4}} {
		if got := Columns(tc.n); got != tc.cols {
			t.Errorf("Columns(%d) = %d, want %d", tc.n, got, tc.cols)
		}
	}
	// A lone tile is drawn in the room of two, at the size of a pair's.
	if svg := string(Tiles(items(1), Options{ID: "d"})); !strings.Contains(svg, `viewBox="-2 -2 358 116"`) {
		t.Errorf("1 tile is not drawn in the room of two: %.200s", svg)
	}
	// Eight tiles: 4 × 172 + 3 × 10 wide, 2 × 112 + 10 high, plus the stroke margin.
	if svg := string(Tiles(items(8), Options{ID: "d"})); !strings.Contains(svg, `viewBox="-2 -2 722 238"`) {
		t.Errorf("8 tiles are not a 4×2 grid: %.200s", svg)
	}
}

func TestWrap(t *testing.T) {
	for _, tc := range []struct {
		in    string
		width int
		want  []string
	}{
		{"", 10, nil},
		{"Leerbehoeften in beeld", 18, []string{"Leerbehoeften in", "beeld"}},
		{"Leidinggevende en ondersteuning", 18, []string{"Leidinggevende en", "ondersteuning"}},
		{"Eenheelerglangwoord kort", 5, []string{"Eenheelerglangwoord", "kort"}},
		{"Één  twee", 8, []string{"Één twee"}},
	} {
		got := Wrap(tc.in, tc.width)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("Wrap(%q, %d) = %q, want %q", tc.in, tc.width, got, tc.want)
		}
	}
}

// A wheel of one card is a whole ring: both circles drawn as two half arcs,
// the inner one the other way round.
func TestOneSegmentIsAWholeRing(t *testing.T) {
	got := sectorPath(62, 140, Segments(1)[0])
	want := "M0 -140A140 140 0 1 1 0 140A140 140 0 1 1 0 -140M0 -62A62 62 0 1 0 0 62A62 62 0 1 0 0 -62Z"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestTextIsEscaped(t *testing.T) {
	evil := []Item{{Number: 1, Title: `<script>alert(1)</script> & "x"`, Href: `"><x`, Label: `<b>`, Current: true}}
	for _, svg := range []string{
		string(Wheel(evil, Options{ID: `"i`, Title: "<t>", Desc: "<d>"})),
		string(Tiles(evil, Options{ID: "i", Title: "<t>", Desc: "<d>"})),
	} {
		for _, bad := range []string{"<script", "<b>", "<t>", "<d>", `""><x`} {
			if strings.Contains(svg, bad) {
				t.Errorf("unescaped %q in %s", bad, svg)
			}
		}
		if !strings.Contains(svg, `aria-current="page"`) {
			t.Errorf("current item not marked: %s", svg)
		}
	}
}

// TestGolden pins the exact SVG of a small fixture; run with -update after
// an intended change and look at the files in a browser.
func TestGolden(t *testing.T) {
	fixture := []Item{
		{Number: 1, Title: "Strategie en visie", Href: "../strategie/", Label: "Spaak 1: Strategie en visie"},
		{Number: 2, Title: "Leerbehoeften in beeld", Href: "../leerbehoeften/", Label: "Spaak 2: Leerbehoeften in beeld", Current: true},
		{Number: 3, Title: "Leidinggevende en ondersteuning", Href: "../leidinggevende/", Label: "Spaak 3: Leidinggevende en ondersteuning"},
	}
	opts := Options{ID: "pic", Title: "Drie spaken", Desc: "Elk segment opent een kaart.", Kind: "spaak"}
	small := opts
	small.Small = true
	for name, svg := range map[string]string{
		"wheel.svg":       string(Wheel(fixture, opts)),
		"wheel-small.svg": string(Wheel(fixture, small)),
		"tiles.svg":       string(Tiles(fixture, opts)),
		"tiles-small.svg": string(Tiles(fixture, small)),
	} {
		path := filepath.Join("testdata", name)
		if *update {
			if err := os.WriteFile(path, []byte(svg+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if svg+"\n" != string(want) {
			t.Errorf("%s differs from %s; run go test ./internal/wheel -update and review the diff", name, path)
		}
	}
}
