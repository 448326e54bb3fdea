package site

import (
	"reflect"
	"testing"

	"github.com/handboek/handboek/internal/content"
)

// A field added to the front matter must reach templates: NewPage copies
// every field of content.FrontMatter, and the place of the page, into Page.
func TestPageCopiesEveryContentField(t *testing.T) {
	// Fields that stay on Source only: the file's bytes and positions, and
	// the related keys (Page.Related holds the pages, both ways).
	sourceOnly := map[string]bool{"FrontMatter": true, "Source": true, "BodyOffset": true, "BodyLine": true, "Meta": true, "Related": true}
	cp := &content.Page{}
	fill(reflect.ValueOf(cp).Elem())
	p := NewPage(cp)
	pv := reflect.ValueOf(p).Elem()
	check := func(v reflect.Value) {
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if sourceOnly[f.Name] || !f.IsExported() {
				continue
			}
			got := pv.FieldByName(f.Name)
			if !got.IsValid() {
				t.Errorf("site.Page has no field %s", f.Name)
				continue
			}
			if !reflect.DeepEqual(got.Interface(), v.Field(i).Interface()) {
				t.Errorf("NewPage: %s = %v, want %v", f.Name, got.Interface(), v.Field(i).Interface())
			}
		}
	}
	check(reflect.ValueOf(cp.FrontMatter))
	check(reflect.ValueOf(*cp))
	if p.Source != cp {
		t.Error("NewPage does not keep the loaded page as Source")
	}
}

// fill gives every field a value that is not its zero value.
func fill(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("x" + v.Type().Name())
	case reflect.Int:
		v.SetInt(7)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		fill(s.Index(0))
		v.Set(s)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i))
			}
		}
	}
}
