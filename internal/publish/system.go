package publish

import (
	"errors"
	"os"
)

// system is how publishing changes the file system at the steps that can
// fail half-way. Tests replace parts of it to fail a rename or a removal,
// or to stop (and kill) a build at a step.
type system struct {
	rename    func(from, to string) error
	exchange  func(a, b string) error // errNoExchange where the kernel or file system has none
	removeAll func(string) error
	// at is called at each named step of a commit: "written" (the new
	// output is complete), "locked", "aside" (without an exchange: the old
	// output is renamed aside, the new one not yet in place), "swapped",
	// "carried" (kept files moved into the new output).
	at func(step string)
}

func realSystem() *system {
	return &system{rename: os.Rename, exchange: exchange, removeAll: os.RemoveAll}
}

func (s *system) step(name string) {
	if s.at != nil {
		s.at(name)
	}
}

// errNoExchange says that two paths cannot be swapped in one step here.
var errNoExchange = errors.New("no atomic exchange on this system")
