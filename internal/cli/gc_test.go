package cli

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

func gogc() uint64 {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// The build collects less while its heap is small, returns to the default
// once a collection finds more than smallHeap live, and leaves a GOGC that
// the user set alone.
func TestCollectLessWhileSmall(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	t.Setenv("GOGC", "")
	collectLessWhileSmall()
	runtime.GC()
	if got := gogc(); got != smallHeapGCPercent {
		t.Fatalf("GOGC %d with a small heap, want %d", got, smallHeapGCPercent)
	}
	big := make([]byte, 2*smallHeap)
	for deadline := time.Now().Add(time.Minute); gogc() != 100; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("GOGC still %d with %d MB live", gogc(), len(big)>>20)
		}
		runtime.GC()
	}
	runtime.KeepAlive(big)

	t.Setenv("GOGC", "150")
	debug.SetGCPercent(150)
	collectLessWhileSmall()
	if got := gogc(); got != 150 {
		t.Errorf("GOGC %d, want the user's 150", got)
	}
}
