package cards

import (
	"os"
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
	if g.PageW != 111 || g.PageH != 154 || g.Margin != 3 {
		t.Errorf("A6 deck with 3 mm bleed: page %v x %v margin %v; want 111 x 154, 3", g.PageW, g.PageH, g.Margin)
	}
	o.Marks = true
	if g := o.Geometry(); g.Margin != MarkOffset+MarkLength || g.PageW != 105+2*g.Margin {
		t.Errorf("with marks the page must hold the marks outside the bleed: %+v", g)
	}
	if n := len(o.Geometry().cropMarks(o.Size)); n != 8 {
		t.Errorf("%d crop marks, want 8 (two per corner)", n)
	}
	o.Format = FormatA4
	g = o.Geometry()
	if g.PageW != 210 || g.PageH != 297 || g.X0 != 0 || g.X0+2*o.Size.W+g.GapX > 210 || g.Y0+2*o.Size.H+g.GapY > 297 {
		t.Errorf("four A6 cards do not fit the A4 sheet: %+v", g)
	}
	if err := o.Validate(); err != nil {
		t.Errorf("a6 on A4: %v", err)
	}
	o.Size = Sizes[1]
	if err := o.Validate(); err == nil {
		t.Error("four a5 cards on an A4 sheet were accepted")
	}
	o.Size = Sizes[2]
	g = o.Geometry()
	if g.GapX <= 0 || g.X0 <= 0 {
		t.Errorf("poker cards on A4 need a gutter and a margin: %+v", g)
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
