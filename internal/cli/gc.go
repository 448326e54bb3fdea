package cli

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// Small-heap GC policy for one-shot builds.
//
// A handbook-sized build allocates a few times its live heap of 2-4 MB, so
// with Go's default (a collection each time the heap doubles, from 4 MB) it
// runs four or five collections, each with the fixed cost of a cycle: on
// the default handbook that was a quarter of the build's instructions. So
// while the live heap is handbook-sized the collector waits until the heap
// is five times it. Once a collection finds more than smallHeap live, the
// default comes back, early in the build of a larger site: its collections
// and peak memory stay what they were (16 MB here halved a 1,000-page
// build's collections and took its peak from 54 to 91 MB, and in one
// `make bench` run a 10,000-page build took 12.5x a 1,000-page one).
const (
	smallHeapGCPercent = 400
	smallHeap          = 4 << 20
)

// collectLessWhileSmall applies the policy unless GOGC is set: a user's
// setting wins.
func collectLessWhileSmall() {
	if os.Getenv("GOGC") != "" {
		return
	}
	startGCPercent()
	debug.SetGCPercent(smallHeapGCPercent)
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	// A finalizer runs after each collection that finds its object
	// unreachable; setting it again waits for the next one.
	var check func(*gcProbe)
	check = func(p *gcProbe) {
		metrics.Read(sample)
		if sample[0].Value.Kind() == metrics.KindUint64 && sample[0].Value.Uint64() > smallHeap {
			debug.SetGCPercent(startGCPercent())
			return
		}
		runtime.SetFinalizer(p, check)
	}
	runtime.SetFinalizer(&gcProbe{}, check)
}

// startGCPercent is the setting before the policy first applied: a second
// build in one process (the tests) must not take 400 for the default.
var startGCPercent = sync.OnceValue(func() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
})

// gcProbe is a heap object that only a finalizer refers to. It must not be
// zero-sized: those share one address and are never collected.
type gcProbe struct{ _ [16]byte }
