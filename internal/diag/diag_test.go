package diag

import "testing"

func TestDiagStringNamesSeverityButError(t *testing.T) {
	pos := Pos{File: "content/a.md", Line: 3}
	tests := []struct {
		sev  Severity
		want string
	}{
		{Error, "content/a.md:3: kapot"},
		{Warning, "content/a.md:3: warning: kapot"},
		{Note, "content/a.md:3: note: kapot"},
	}
	for _, tt := range tests {
		if got := (Diag{Pos: pos, Severity: tt.sev, Msg: "kapot"}).String(); got != tt.want {
			t.Errorf("%v: got %q, want %q", tt.sev, got, tt.want)
		}
	}
}

func TestNotesAreNoProblems(t *testing.T) {
	var l List
	l.Notef(Pos{File: "handboek.yaml"}, "no sitemap")
	if l.Problems() != 0 || l.HasErrors() || l.Len() != 1 {
		t.Fatalf("a note counted: problems %d, errors %v, len %d", l.Problems(), l.HasErrors(), l.Len())
	}
	l.Warnf(Pos{File: "a.md"}, "one-way")
	l.Errorf(Pos{File: "b.md"}, "broken")
	if l.Problems() != 2 || !l.HasErrors() {
		t.Fatalf("problems %d, errors %v; want 2, true", l.Problems(), l.HasErrors())
	}
}
