// Package pool is the build's one worker pool. Every stage that works item
// by item (content loading, Markdown, templates, the search index, writing
// files) hands its items to Each, so there is one way to size the workers,
// one way to spread the items over them, and one way to stop: when the
// build's context is cancelled (Ctrl-C), no further item starts.
//
// It is a few lines rather than golang.org/x/sync/errgroup: the stages
// record problems as diagnostics and carry on, so they have no error to
// return, and they keep a buffer per worker, which errgroup's goroutine per
// item has no place for. Items are handed out by an atomic counter, not a
// channel: a page's job is a few microseconds of work on a small site, and
// a channel's hand-over per item was a measurable part of it.
package pool

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// Workers is the number of workers for work that keeps a core busy: one
// per core (GOMAXPROCS).
func Workers() int { return runtime.GOMAXPROCS(0) }

// Each calls do(w, i) for every i in [0, n) on workers goroutines (at most
// n of them). w, from 0 to workers-1, names the worker that runs the item,
// so do can keep state per worker (a buffer) in a slice of that length.
// Items start in order of i, each on the next free worker. Once ctx is
// done, no further item starts: Each waits for the running ones and
// returns ctx.Err(). It returns nil when every item ran.
func Each(ctx context.Context, workers, n int, do func(w, i int)) error {
	workers = min(max(workers, 1), n)
	var next atomic.Int64
	run := func(w int) {
		for ctx.Err() == nil {
			i := int(next.Add(1) - 1)
			if i >= n {
				return
			}
			do(w, i)
		}
	}
	if workers <= 1 {
		// One worker runs in the caller: on one core (GOMAXPROCS=1) a
		// goroutine would only add a switch per stage.
		run(0)
		return ctxErr(ctx, int(next.Load()) < n)
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			run(w)
		}()
	}
	wg.Wait()
	return ctxErr(ctx, int(next.Load()) < n)
}

// ctxErr is ctx's error when items were left: a context cancelled after the
// last item started does not make a finished stage fail.
func ctxErr(ctx context.Context, left bool) error {
	if !left {
		return nil
	}
	return ctx.Err()
}
