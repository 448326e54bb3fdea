//go:build !linux

package publish

// exchange has no one-step form outside Linux: the old output is renamed
// aside first (see Writer.swap).
func exchange(a, b string) error { return errNoExchange }

func mountID(p string) (uint64, error) { return devID(p) }
