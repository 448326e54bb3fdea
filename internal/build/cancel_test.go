package build

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/handboek/handboek/internal/corpus"
	"github.com/handboek/handboek/internal/diag"
	"github.com/handboek/handboek/internal/site"
)

// Cancelling a build (Ctrl-C) stops it where it is: the pages already
// running finish, no further page starts, no search index is made, and Run
// says why it stopped. Counting the files that still arrive, rather than
// timing the stop, keeps the test exact on a busy machine.
func TestCancelledBuildStartsNoFurtherPage(t *testing.T) {
	const pages, cancelAt = 1500, 25
	src := t.TempDir()
	if err := corpus.Site(src, pages, 3); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var written, afterCancel atomic.Int64
	var index, cancelled atomic.Bool
	sink := &diskSink{t: t, write: func(f site.File) {
		if strings.HasPrefix(f.Path, "search/") {
			index.Store(true)
		}
		// Files that arrive while cancel runs are not late: another
		// worker may hand one over before cancel returns.
		if cancelled.Load() {
			afterCancel.Add(1)
		}
		if written.Add(1) == cancelAt {
			cancel()
			cancelled.Store(true)
		}
	}}
	diags := &diag.List{}
	_, err := Run(ctx, Options{Source: src}, sink, diags)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run after cancelling = %v, want context.Canceled", err)
	}
	if diags.HasErrors() {
		t.Errorf("a cancelled build reports problems of its own:\n%s", diags.String())
	}
	// Each worker may finish the page it has when the context is
	// cancelled; none takes another.
	if n, most := afterCancel.Load(), int64(runtime.GOMAXPROCS(0)); n > most {
		t.Errorf("%d files arrived after cancelling, want at most %d (one per worker) of %d pages", n, most, pages)
	}
	if index.Load() {
		t.Error("a cancelled build wrote search index files")
	}
}

// A context cancelled before the build starts builds nothing.
func TestBuildCancelledBeforeItStartsWritesNothing(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	sink := &diskSink{t: t}
	_, err := Run(ctx, Options{Source: "testdata/site"}, sink, &diag.List{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run = %v, want context.Canceled", err)
	}
	if len(sink.files) != 0 {
		t.Errorf("a build cancelled before it started wrote %d files", len(sink.files))
	}
}
