package render

import (
	"reflect"
	"sort"
	"testing"

	"github.com/handbook-dev/handbook/generator/site"
)

// TestKeysCoverData fails when what a layout receives grows a field that
// the render keys (keys.go) were not taught about: a page showing it would
// stay stale in serve --watch. Each field says where its key covers it;
// add the new field there first, then here.
func TestKeysCoverData(t *testing.T) {
	covered := map[reflect.Type]map[string]string{
		reflect.TypeOf(Data{}): {
			"Site": "SiteData below", "Page": "site.Page below", "Content": "Input.Body",
			"Description": "summary (card)", "TOC": "Input.Body headings, Career",
			"Backlinks": "Input.Backlinks", "Career": "careerKey", "Intro": "Input.Body",
			"Rest": "Input.Body", "Params": "summary (card: front matter)", "root": "URL in summary",
		},
		reflect.TypeOf(SiteData{}): {
			"Title": "globalKey", "BaseURL": "globalKey", "Language": "globalKey",
			"Params": "handbook.yaml: a change rebuilds all", "Home": "globalKey (home children)",
			"Sections": "globalKey", "Glossary": "the glossary page's file (FileSum)",
			"Tracks": "globalKey", "History": "hashHistory", "CustomCSS": "globalKey",
		},
		reflect.TypeOf(Input{}): {
			"Body": "BodySum and headings", "Backlinks": "Page", "Career": "careerKey",
			"Bodies": "print roles' BodySum and headings",
		},
		reflect.TypeOf(Career{}): {
			"Model": "careerKey", "Role": "careerKey", "Skill": "careerKey", "Axis": "careerKey",
			"Comparison": "careerKey", "Print": "careerKey and print roles' bodies",
		},
		reflect.TypeOf(site.Page{}): {
			"Kind": "summary", "Layout": "Page", "Source": "FileSum", "Section": "Page",
			"URL": "summary", "Title": "summary", "Description": "summary (card)", "Weight": "Page",
			"Draft": "FileSum (front matter)", "Unlisted": "careerKey (comparisons)",
			"Parent": "Page (ancestors)", "Children": "Page (cards)", "Prev": "Page", "Next": "Page",
			"Anchors": "Page",
		},
		reflect.TypeOf(History{}): {
			"Pages": "hashHistory", "Changelogs": "hashHistory", "Feed": "globalKey",
			"Edition": "hashHistory: never reused", "Editions": "hashHistory: never reused",
			"Diffs": "hashHistory: never reused",
		},
	}
	for typ, fields := range covered {
		var missing []string
		for i := range typ.NumField() {
			if _, ok := fields[typ.Field(i).Name]; !ok {
				missing = append(missing, typ.Field(i).Name)
			}
		}
		sort.Strings(missing)
		if len(missing) > 0 {
			t.Errorf("%s has fields the render keys do not cover: %v (cover them in keys.go, then list them here)", typ, missing)
		}
		for name := range fields {
			if _, ok := typ.FieldByName(name); !ok {
				t.Errorf("%s.%s is listed as covered but is no field", typ, name)
			}
		}
	}
}
