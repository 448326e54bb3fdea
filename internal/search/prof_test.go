package search_test

import (
	"path/filepath"
	"testing"

	"github.com/handboek/handboek/internal/build"
	"github.com/handboek/handboek/internal/corpus"
	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/search"
)

func BenchmarkIndexStage(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "c")
	corpus.Site(dir, 1000, 1)
	var diags diag.List
	res := build.Compile(build.Options{Source: dir}, &diags)
	docs := search.Docs(res.Site)
	b.ResetTimer()
	for b.Loop() {
		search.BuildIndex(docs, search.Default())
	}
}
