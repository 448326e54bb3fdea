package pool

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
)

func TestEachRunsEveryItemOnce(t *testing.T) {
	for _, tc := range []struct{ workers, n int }{{1, 0}, {1, 5}, {4, 0}, {4, 1}, {4, 1000}, {0, 3}, {64, 10}} {
		seen := make([]atomic.Int32, tc.n)
		var mu sync.Mutex
		workers := map[int]bool{}
		err := Each(context.Background(), tc.workers, tc.n, func(w, i int) {
			seen[i].Add(1)
			mu.Lock()
			workers[w] = true
			mu.Unlock()
		})
		if err != nil {
			t.Errorf("%+v: %v", tc, err)
		}
		for i := range seen {
			if got := seen[i].Load(); got != 1 {
				t.Errorf("%+v: item %d ran %d times", tc, i, got)
			}
		}
		for w := range workers {
			if w < 0 || w >= max(1, min(tc.workers, tc.n)) {
				t.Errorf("%+v: worker %d out of range", tc, w)
			}
		}
	}
}

// Once the context is cancelled, no further item starts, and Each says why
// it stopped.
func TestEachStopsWhenCancelled(t *testing.T) {
	for _, workers := range []int{1, 2, 8} {
		ctx, cancel := context.WithCancel(context.Background())
		var ran, late atomic.Int32
		var cancelled atomic.Bool
		err := Each(ctx, workers, 10000, func(w, i int) {
			// Items that start while cancel runs are not late: another
			// worker may run several before cancel returns.
			if cancelled.Load() {
				late.Add(1)
			}
			if ran.Add(1) == 10 {
				cancel()
				cancelled.Store(true)
			}
		})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%d workers: err = %v, want context.Canceled", workers, err)
		}
		// A worker may have taken its item before it saw the cancel; none
		// takes another.
		if n := late.Load(); n > int32(workers) {
			t.Errorf("%d workers: %d items started after cancelling (of %d that ran)", workers, n, ran.Load())
		}
	}
}

// A context cancelled after the last item started does not fail the stage.
func TestEachFinishedIsNotCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	err := Each(ctx, 2, 3, func(w, i int) {
		if i == 2 {
			cancel()
		}
	})
	if err != nil {
		t.Errorf("err = %v, want nil: every item ran", err)
	}
}
