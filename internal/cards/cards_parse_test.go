package cards

import (
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestParseFlags(t *testing.T) {
	lengths := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"3mm", 3, true}, {"3", 3, true}, {"0", 0, true}, {"0.125in", 3.175, true},
		{"1cm", 10, true}, {" 2 mm ", 2, true}, {"-1mm", 0, false}, {"3px", 0, false}, {"50mm", 0, false}, {"", 0, false},
	}
	for _, c := range lengths {
		got, err := ParseLength(c.in)
		if (err == nil) != c.ok || c.ok && (got < c.want-1e-9 || got > c.want+1e-9) {
			t.Errorf("ParseLength(%q) = %v, %v; want %v ok=%v", c.in, got, err, c.want, c.ok)
		}
	}
	if s, err := ParseSize("Poker"); err != nil || s.W != 63.5 || s.H != 88.9 {
		t.Errorf("ParseSize(Poker) = %v, %v", s, err)
	}
	if _, err := ParseSize("b7"); err == nil {
		t.Error("ParseSize accepted b7")
	}
	if k, err := ParseKinds([]string{"spaak", " Dimensie", "spaak"}); err != nil || len(k) != 2 {
		t.Errorf("ParseKinds = %v, %v; want [spaak dimensie]", k, err)
	}
	if _, err := ParseKinds([]string{"artikel"}); err == nil {
		t.Error("ParseKinds accepted artikel, which is not a card")
	}
	if _, err := ParseFormat("letter"); err == nil {
		t.Error("ParseFormat accepted letter")
	}
}

func TestGeometry(t *testing.T) {
	o := Default()
	g := o.Geometry()
	if g.PageW != 111 || g.PageH != 154 || g.Margin != 3 || g.Frame != 0 || g.Safe != Safe {
		t.Errorf("A6 deck with 3 mm bleed: %+v; want a 111 x 154 mm page, 3 mm margin, no frame", g)
	}
	o.Marks = true
	if g := o.Geometry(); g.Margin != MarkOffset+MarkLength || g.PageW != 105+2*g.Margin {
		t.Errorf("with marks the page must hold the marks outside the bleed: %+v", g)
	}
	if n := len(o.Geometry().cropMarks(o.Size)); n != 8 {
		t.Errorf("%d crop marks, want 8 (two per corner)", n)
	}
}

// An office printer cannot print the outer 4-5 mm of a sheet: on A4 the
// cards' art and text keep SheetMargin from the edge, and the cut lines run
// only over white paper.
func TestA4Sheets(t *testing.T) {
	for _, c := range []struct {
		size       Size
		cols, rows int
		frame      bool
	}{
		{Sizes[0], 2, 2, true},  // a6 fills the sheet's width: a white frame inside each card
		{Sizes[2], 3, 3, false}, // poker: 9 a sheet, with gutters and margins
	} {
		t.Run(c.size.Name, func(t *testing.T) {
			o := Default()
			o.Format, o.Size = FormatA4, c.size
			if err := o.Validate(); err != nil {
				t.Fatal(err)
			}
			g := o.Geometry()
			if g.Cols != c.cols || g.Rows != c.rows || (g.Frame > 0) != c.frame {
				t.Fatalf("%+v: want %d x %d cards, frame %v", g, c.cols, c.rows, c.frame)
			}
			var arts []Rect
			for r := range g.Rows {
				for col := range g.Cols {
					x, y := g.Slot(col, r, c.size)
					if x < -1e-9 || y < -1e-9 || x+c.size.W > A4.W+1e-9 || y+c.size.H > A4.H+1e-9 {
						t.Errorf("card %d,%d at %.2f,%.2f runs off the sheet", col, r, x, y)
					}
					a := g.Art(col, r, c.size)
					if a.X < SheetMargin-1e-9 || a.Y < SheetMargin-1e-9 || a.X+a.W > A4.W-SheetMargin+1e-9 || a.Y+a.H > A4.H-SheetMargin+1e-9 {
						t.Errorf("card %d,%d has art %+v within %g mm of the paper's edge", col, r, a, SheetMargin)
					}
					arts = append(arts, a)
				}
			}
			lines := g.CutLines(c.size)
			if len(lines) == 0 {
				t.Fatal("no cut marks")
			}
			for _, l := range lines {
				if l.X < SheetMargin-1e-9 || l.Y < SheetMargin-1e-9 || l.X+l.W > A4.W-SheetMargin+1e-9 || l.Y+l.H > A4.H-SheetMargin+1e-9 {
					t.Errorf("cut mark %+v within %g mm of the paper's edge", l, SheetMargin)
				}
				for _, a := range arts {
					if l.X < a.X+a.W && a.X < l.X+l.W && l.Y < a.Y+a.H && a.Y < l.Y+l.H {
						t.Errorf("cut mark %+v lies on a card's art %+v", l, a)
					}
				}
			}
			// Every edge between cards has a mark along it.
			for col := 1; col < g.Cols; col++ {
				x, _ := g.Slot(col, 0, c.size)
				if !slices.ContainsFunc(lines, func(l Rect) bool { return math.Abs(l.X+l.W/2-x) < 1e-6 && l.H > l.W }) {
					t.Errorf("no cut mark along x = %.2f", x)
				}
			}
		})
	}
	o := Default()
	o.Format, o.Size = FormatA4, Sizes[1]
	if err := o.Validate(); err == nil {
		t.Error("a5 cards on an A4 sheet were accepted: only one fits")
	}
}

func TestTypeStepsKeepTheFloor(t *testing.T) {
	for _, s := range Sizes {
		steps := s.TypeSteps()
		if len(steps) == 0 || steps[0] != s.MaxType || steps[len(steps)-1] != BodyFloor {
			t.Errorf("%s: steps %v, want %g down to %g", s.Name, steps, s.MaxType, BodyFloor)
		}
		for i := 1; i < len(steps); i++ {
			if steps[i] >= steps[i-1] {
				t.Errorf("%s: steps %v are not largest first", s.Name, steps)
			}
		}
	}
}

func TestQRCodeIsOnePathWithAQuietZone(t *testing.T) {
	l, err := cardLink("https://kaarten.example.org/oefen/", "/dimensies/veilig/")
	if err != nil {
		t.Fatal(err)
	}
	if l.URL != "https://kaarten.example.org/oefen/dimensies/veilig/" || l.Short != "kaarten.example.org/oefen/dimensies/veilig" {
		t.Errorf("link %q, short %q", l.URL, l.Short)
	}
	if got := strings.Join(l.Parts, "|"); got != "kaarten.example.org/|oefen/|dimensies/|veilig" {
		t.Errorf("parts %q", got)
	}
	svg := string(l.QR)
	// Version 4 at level M holds this URL of 51 bytes: 33 modules, and 4
	// of quiet zone on each side.
	if l.Modules != 33+8 || !strings.Contains(svg, `viewBox="0 0 41 41"`) {
		t.Errorf("%d modules, svg %.80s", l.Modules, svg)
	}
	if strings.Count(svg, "<path") != 1 || strings.Contains(svg, "<image") {
		t.Errorf("want one vector path, got %.200s", svg)
	}
	// No dark module in the quiet zone: every run starts at 4 or more.
	for _, m := range regexp.MustCompile(`M(\d+) (\d+)h(\d+)`).FindAllStringSubmatch(svg, -1) {
		x, _ := strconv.Atoi(m[1])
		y, _ := strconv.Atoi(m[2])
		w, _ := strconv.Atoi(m[3])
		if x < 4 || y < 4 || x+w > l.Modules-4 || y >= l.Modules-4 {
			t.Fatalf("dark module run %v in the quiet zone", m[0])
		}
	}
}

func TestFontMustBeTrueType(t *testing.T) {
	for _, c := range []struct {
		head string
		ok   bool
	}{{"\x00\x01\x00\x00", true}, {"true", true}, {"OTTO", false}, {"wOF2", false}, {"", false}} {
		if got := isTrueType([]byte(c.head + "rest")); got != c.ok {
			t.Errorf("isTrueType(%q) = %v, want %v", c.head, got, c.ok)
		}
	}
	for _, f := range systemFonts {
		if data, err := os.ReadFile(f.Regular); err == nil && !isTrueType(data) {
			t.Errorf("%s is not TrueType", f.Regular)
		}
	}
}
