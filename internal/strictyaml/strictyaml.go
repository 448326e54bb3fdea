// Package strictyaml decodes YAML into Go structs and reports every unknown key,
// syntax error and type error with its line in the original file.
//
// Both handboek.yaml and page front matter go through it: an author who types
// "sumary:" must hear about it with a line number, not find the field silently
// empty. go.yaml.in/yaml/v3 is used for its node positions; goldmark-meta's
// yaml.v2 only reports lines relative to the front matter and drops key
// positions (see internal/render's package doc).
package strictyaml

import (
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/handboek/handboek/internal/diag"
)

// Doc is a decoded document that can still answer "on which line was this?".
type Doc struct {
	File       string
	LineOffset int
	// Invalid is set when the YAML could not be parsed at all; checks that
	// would only repeat that problem should be skipped.
	Invalid bool
	// keys are the keys with their positions: the top-level ones, and
	// those of nested mappings under their dotted path ("search.synonyms").
	// Only positions are kept, not the parsed node tree: a site holds one
	// Doc per page for its whole build, and the trees cost more memory than
	// the pages' text.
	keys []docKey
}

type docKey struct {
	name      string
	line, col int
	items     []itemPos // for a sequence value
}

// itemPos is where a sequence item is, and the items of a sequence item
// that is a sequence itself (a list of lists).
type itemPos struct {
	line, col int
	items     []itemPos
}

// Pos is the position of the document start (the first line of YAML).
func (d *Doc) Pos() diag.Pos { return diag.Pos{File: d.File, Line: d.LineOffset + 1} }

// KeyPos returns the position of a key, top-level ("title") or nested
// ("search.synonyms"), or the document start when the key is absent.
func (d *Doc) KeyPos(key string) diag.Pos {
	if k := d.lookup(key); k != nil {
		return diag.Pos{File: d.File, Line: d.LineOffset + k.line, Col: k.col}
	}
	return d.Pos()
}

// ItemPos returns the position of an item of the sequence at key (as
// KeyPos names it): ItemPos("menu", 2) is the third menu entry, and
// ItemPos("search.synonyms", 1, 0) the first item of the second list of
// synonyms. Where there is no such item, it returns the nearest position
// it has: the enclosing item, or the key.
func (d *Doc) ItemPos(key string, path ...int) diag.Pos {
	k := d.lookup(key)
	if k == nil {
		return d.KeyPos(key)
	}
	pos := diag.Pos{File: d.File, Line: d.LineOffset + k.line, Col: k.col}
	items := k.items
	for _, i := range path {
		if i < 0 || i >= len(items) {
			break
		}
		pos.Line, pos.Col = d.LineOffset+items[i].line, items[i].col
		items = items[i].items
	}
	return pos
}

// Empty reports whether the document has no keys at all (an empty file, or
// only comments).
func (d *Doc) Empty() bool { return len(d.keys) == 0 }

// Has reports whether a top-level key is present.
func (d *Doc) Has(key string) bool {
	return d.lookup(key) != nil
}

func (d *Doc) lookup(key string) *docKey {
	for i := range d.keys {
		if d.keys[i].name == key {
			return &d.keys[i]
		}
	}
	return nil
}

// index keeps the positions of a mapping node's keys and sequence items
// (and the items of a list of lists), and of the keys of mappings nested
// in it, by dotted name ("output.keep").
func (d *Doc) index(m *yaml.Node, prefix string) {
	if m.Kind != yaml.MappingNode {
		return
	}
	if d.keys == nil {
		d.keys = make([]docKey, 0, len(m.Content)/2)
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		dk := docKey{name: prefix + k.Value, line: k.Line, col: k.Column}
		if v.Kind == yaml.SequenceNode {
			dk.items = items(v)
		}
		d.keys = append(d.keys, dk)
		d.index(v, dk.name+".")
	}
}

// dropDuplicates reports every key that appears twice in one mapping, once,
// at the second one's line, and removes the second: decoding then sees one
// value, and an author hears about the duplicate only, not about fields it
// made go missing.
func dropDuplicates(n *yaml.Node, path string, doc *Doc, diags *diag.List) {
	switch n.Kind {
	case yaml.MappingNode:
		first := map[string]int{}
		kept := n.Content[:0]
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if line, dup := first[k.Value]; dup && k.Kind == yaml.ScalarNode {
				diags.Errorf(diag.Pos{File: doc.File, Line: doc.LineOffset + k.Line, Col: k.Column},
					"key %q appears twice (first on line %d); remove one of them", path+k.Value, doc.LineOffset+line)
				continue
			}
			first[k.Value] = k.Line
			dropDuplicates(v, path+k.Value+".", doc, diags)
			kept = append(kept, k, v)
		}
		n.Content = kept
	case yaml.SequenceNode:
		for _, item := range n.Content {
			dropDuplicates(item, path, doc, diags)
		}
	}
}

// items are the positions of a sequence's items, and of their items where
// they are sequences too.
func items(seq *yaml.Node) []itemPos {
	out := make([]itemPos, len(seq.Content))
	for j, n := range seq.Content {
		out[j] = itemPos{line: n.Line, col: n.Column}
		if n.Kind == yaml.SequenceNode {
			out[j].items = items(n)
		}
	}
	return out
}

var (
	lineRe      = regexp.MustCompile(`line (\d+): `)
	parserErrRe = regexp.MustCompile(`did not find expected (<document start>|node content|key|'-' indicator|',' or '\]'|',' or '\}')|found (duplicate|incompatible|undefined tag|unknown directive)`)
)

// Decode parses data into v (a pointer to a struct). file and lineOffset place
// the data in its file: line 1 of data is line lineOffset+1 of file. Every
// problem is recorded in diags; the returned Doc is usable even then.
func Decode(data []byte, v any, file string, lineOffset int, diags *diag.List) *Doc {
	doc := &Doc{File: file, LineOffset: lineOffset}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		reportYAMLError(err, doc, diags, "invalid YAML")
		doc.Invalid = true
		return doc
	}
	if len(root.Content) == 0 {
		return doc // empty document: every field keeps its zero value
	}
	top := root.Content[0]
	if top.Kind != yaml.MappingNode {
		diags.Errorf(diag.Pos{File: file, Line: lineOffset + top.Line}, "expected key: value pairs, found %s", kindName(top))
		doc.Invalid = true
		return doc
	}
	dropDuplicates(top, "", doc, diags)
	doc.index(top, "")
	checkKeys(top, reflect.TypeOf(v).Elem(), "", doc, diags)
	if err := top.Decode(v); err != nil {
		reportYAMLError(err, doc, diags, "")
	}
	return doc
}

func reportYAMLError(err error, doc *Doc, diags *diag.List, prefix string) {
	var msgs []string
	if te, ok := err.(*yaml.TypeError); ok {
		msgs = te.Errors
	} else {
		msgs = []string{err.Error()}
	}
	for _, m := range msgs {
		m = strings.TrimPrefix(m, "yaml: ")
		line := 0
		if loc := lineRe.FindStringSubmatchIndex(m); loc != nil {
			line, _ = strconv.Atoi(m[loc[2]:loc[3]])
			m = m[:loc[0]] + m[loc[1]:]
		}
		m = strings.ReplaceAll(m, "!!str", "text")
		m = strings.ReplaceAll(m, "!!int", "number")
		m = strings.ReplaceAll(m, "!!seq", "list")
		m = strings.ReplaceAll(m, "!!map", "mapping")
		if prefix != "" {
			m = prefix + ": " + m
		}
		pos := doc.Pos()
		if line > 0 {
			if _, isType := err.(*yaml.TypeError); !isType && parserErrRe.MatchString(m) {
				// yaml.v3 reports parser (not scanner) errors with a 0-based
				// line: decode.go (*parser).fail uses context_mark.line as is.
				line++
			}
			pos.Line = doc.LineOffset + line
		}
		diags.Errorf(pos, "%s", m)
	}
}

// checkKeys walks a mapping node against a struct type and reports keys the
// struct does not have, recursing into nested structs and slices of structs.
func checkKeys(n *yaml.Node, t reflect.Type, path string, doc *Doc, diags *diag.List) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case n.Kind == yaml.MappingNode && t.Kind() == reflect.Struct:
		fields := yamlFields(t)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			pos := diag.Pos{File: doc.File, Line: doc.LineOffset + k.Line, Col: k.Column}
			ft, ok := fields[k.Value]
			if !ok {
				diags.Errorf(pos, "unknown key %q (known keys: %s)", path+k.Value, strings.Join(sortedKeys(fields), ", "))
				continue
			}
			checkKeys(v, ft, path+k.Value+".", doc, diags)
		}
	case n.Kind == yaml.SequenceNode && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array):
		for _, item := range n.Content {
			checkKeys(item, t.Elem(), path, doc, diags)
		}
	case n.Kind == yaml.ScalarNode && n.ShortTag() == "!!float" && isInt(t):
		// yaml.v3 stores 7.9 in an int as 7, without a word.
		name := strings.TrimSuffix(path, ".")
		diags.Errorf(diag.Pos{File: doc.File, Line: doc.LineOffset + n.Line, Col: n.Column}, "%s must be a whole number, not %s", name, n.Value)
	}
}

func isInt(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return true
	}
	return false
}

func yamlFields(t reflect.Type) map[string]reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem() // an inlined *struct
	}
	out := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" {
			continue
		}
		// An inlined struct's keys are its parent's, even when the
		// embedded type is unexported: yaml decodes them all the same.
		if strings.Contains(opts, "inline") {
			for k, v := range yamlFields(f.Type) {
				out[k] = v
			}
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		out[name] = f.Type
	}
	return out
}

func sortedKeys(m map[string]reflect.Type) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("the value %q", n.Value)
	}
	return "something else"
}
