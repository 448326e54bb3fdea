package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// The marker's text: what the folder is, then the files handboek wrote.
const (
	markerHead = "This folder is build output of handboek. Every build replaces it with a new one;\n" +
		"of the files handboek did not write, dotfiles, CNAME and those listed under\n" +
		"output.keep in handboek.yaml are kept, and any other stops the build.\n"
	filesLine = "handboek-files:"
	// markerWriting marks a temporary folder that was never swapped in.
	markerWriting = markerHead + "handboek-state: writing\n"
)

// manifest is the marker of an output made of paths (sorted).
func manifest(paths []string) []byte {
	var b bytes.Buffer
	b.WriteString(markerHead)
	b.WriteString(filesLine + "\n")
	b.WriteString(Marker + "\n")
	for _, p := range paths {
		if strings.ContainsAny(p, "\n\r") || strings.HasPrefix(p, `"`) {
			p = strconv.Quote(p)
		}
		b.WriteString(p)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// What a folder's marker says about who wrote its files.
const (
	noMarker = iota // no marker: nothing in it is handboek's
	legacy          // a marker without a list (older handboek): all but dotfiles were
	writing         // a build's temporary folder that was never swapped in
	listed          // the marker lists handboek's files
)

// outputFiles are the files of an output that handboek wrote.
type outputFiles struct {
	state int
	files map[string]bool
	dirs  map[string]bool // every folder holding one of files
}

func newOutput(paths []string) *outputFiles {
	o := &outputFiles{state: listed, files: make(map[string]bool, len(paths)+1), dirs: map[string]bool{}}
	o.files[Marker] = true
	for _, p := range paths {
		o.add(p)
	}
	return o
}

func (o *outputFiles) add(p string) {
	o.files[p] = true
	for d := path.Dir(p); d != "." && !o.dirs[d]; d = path.Dir(d) {
		o.dirs[d] = true
	}
}

// readMarker reads what dir's marker says; a missing one is noMarker.
func readMarker(dir string) (*outputFiles, error) {
	data, err := os.ReadFile(filepath.Join(dir, Marker))
	if errors.Is(err, fs.ErrNotExist) {
		return &outputFiles{state: noMarker, files: map[string]bool{}, dirs: map[string]bool{}}, nil
	}
	if err != nil {
		return nil, err
	}
	text := string(data)
	if strings.Contains(text, "\nhandboek-state: writing\n") {
		return &outputFiles{state: writing}, nil
	}
	_, list, ok := strings.Cut(text, "\n"+filesLine+"\n")
	if !ok {
		return &outputFiles{state: legacy}, nil
	}
	o := newOutput(nil)
	for _, line := range strings.Split(list, "\n") {
		if strings.HasPrefix(line, `"`) {
			if u, err := strconv.Unquote(line); err == nil {
				line = u
			}
		}
		if line != "" {
			o.add(line)
		}
	}
	return o, nil
}

// units are the parts of an output that handboek did not write: those it
// keeps (carry), and the others (lose).
type units struct {
	carry, lose []string
}

// findUnits walks dir against its marker. A folder that holds nothing of
// handboek's is one unit (.git), not all of its files.
func findUnits(dir string, keep []string) (units, error) {
	var u units
	old, err := readMarker(dir)
	if err != nil || old.state == writing {
		return u, err
	}
	var walk func(rel string) error
	walk = func(rel string) error {
		entries, err := os.ReadDir(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			return err
		}
		for _, e := range entries {
			p := path.Join(rel, e.Name())
			if p == Marker || old.state != legacy && old.files[p] {
				continue
			}
			if e.IsDir() && (old.dirs[p] || keepInside(keep, p) || old.state == legacy && !isDot(p)) {
				if err := walk(p); err != nil {
					return err
				}
				continue
			}
			switch {
			case kept(keep, p):
				u.carry = append(u.carry, p)
			case old.state == legacy:
				// An older handboek wrote it: the marker said the folder is
				// replaced on every build.
			default:
				if e.IsDir() {
					p += "/"
				}
				u.lose = append(u.lose, p)
			}
		}
		return nil
	}
	if err := walk(""); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return u, err
	}
	return u, nil
}

// planCarry lists what of the output in dest must be moved into the next
// one (nil: only checking what is there now). It refuses, with names, when
// the output holds files it would lose, or a kept one that the next output
// writes too.
func planCarry(dest, name string, next *outputFiles, keep []string) ([]string, error) {
	u, err := findUnits(dest, keep)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %v", name, err)
	}
	if len(u.lose) > 0 {
		return nil, &wouldLoseError{dest: name, files: u.lose}
	}
	if next != nil {
		for _, p := range u.carry {
			if clash := next.clash(p); clash != "" {
				return nil, fmt.Errorf("refusing to publish to %s: the build writes %s, but %s there was not written by handboek and is kept; remove or rename one of them", name, clash, p)
			}
		}
	}
	return u.carry, nil
}

// clash is the path of the output that a kept p would take the place of.
func (o *outputFiles) clash(p string) string {
	if o.files[p] || o.dirs[p] {
		return p
	}
	for d := path.Dir(p); d != "."; d = path.Dir(d) {
		if o.files[d] {
			return d
		}
	}
	return ""
}

// wouldLoseError refuses a destination that holds files a build would delete.
type wouldLoseError struct {
	dest  string
	files []string
}

func (e *wouldLoseError) Error() string {
	sort.Strings(e.files)
	const show = 5
	list := strings.Join(e.files[:min(show, len(e.files))], ", ")
	if len(e.files) > show {
		list += fmt.Sprintf(" (and %d more)", len(e.files)-show)
	}
	return fmt.Sprintf("refusing to publish to %s: it holds files that handboek did not write, and a build would delete them: %s. Move them away, or list them under output.keep in handboek.yaml to keep them in every build", e.dest, list)
}

// kept reports whether p, not written by handboek, stays in the output:
// dotfiles and dotfolders (.git, .nojekyll, .well-known/...), CNAME (GitHub
// Pages' custom domain), and what output.keep names.
func kept(keep []string, p string) bool {
	if isDot(p) || p == "CNAME" {
		return true
	}
	parts := strings.Split(p, "/")
	for _, k := range keep {
		if pat := patternParts(k); len(pat) <= len(parts) && matchParts(pat, parts[:len(pat)]) {
			return true
		}
	}
	return false
}

// keepInside reports whether output.keep names something inside folder p.
func keepInside(keep []string, p string) bool {
	parts := strings.Split(p, "/")
	for _, k := range keep {
		if pat := patternParts(k); len(pat) > len(parts) && matchParts(pat[:len(parts)], parts) {
			return true
		}
	}
	return false
}

func patternParts(k string) []string {
	return strings.Split(strings.Trim(strings.TrimPrefix(k, "./"), "/"), "/")
}

func matchParts(pat, parts []string) bool {
	for i := range pat {
		if ok, err := path.Match(pat[i], parts[i]); !ok || err != nil {
			return false
		}
	}
	return true
}

func isDot(p string) bool {
	for _, part := range strings.Split(p, "/") {
		if strings.HasPrefix(part, ".") {
			return true
		}
	}
	return false
}
