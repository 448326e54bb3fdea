package site

import (
	"testing"
	"testing/fstest"

	"github.com/handboek/handboek/internal/sitefs"
)

func TestShowsBodiesElsewhere(t *testing.T) {
	for _, tc := range []struct {
		tpl  string
		want bool
	}{
		{`{{ .Page.Content }}{{ range $.Page.TOC }}{{ .ID }}{{ end }}{{ .Page.ReadingMinutes }}`, false},
		{`{{ range .Page.Children }}{{ .Title }} {{ .Summary }}{{ end }}`, false},
		{`{{ range .Page.Children }}{{ .ReadingMinutes }}{{ end }}`, true},
		{`{{ with .Page.Parent }}{{ .Content }}{{ end }}`, true},
		{`{{ $p := .Page }}{{ $p.Content }}`, true},
		{`{{ (index .Page.Related 0).Words }}`, true},
	} {
		th := &Theme{layers: []sitefs.Layer{
			{FS: fstest.MapFS{"layouts/x.html": {Data: []byte(tc.tpl)}}},
			// A lower layer's file of the same path is overridden, so not read.
			{FS: fstest.MapFS{"layouts/x.html": {Data: []byte(`{{ range .Pages }}{{ .Content }}{{ end }}`)}}},
		}}
		if got := th.ShowsBodiesElsewhere(); got != tc.want {
			t.Errorf("%s: ShowsBodiesElsewhere = %v, want %v", tc.tpl, got, tc.want)
		}
	}
}
