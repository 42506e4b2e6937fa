package anchors

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

type fakeSite struct {
	anchors       map[string]map[string]bool
	anchorAliases map[string]map[string]string
	pageAliases   map[string]string
}

func (f fakeSite) Anchors(url string) (map[string]bool, bool) { a, ok := f.anchors[url]; return a, ok }
func (f fakeSite) AnchorAlias(url, a string) (string, bool) {
	to, ok := f.anchorAliases[url][a]
	return to, ok
}
func (f fakeSite) PageAlias(url string) (string, bool) { to, ok := f.pageAliases[url]; return to, ok }
func (f fakeSite) SourceOf(url string) string {
	if _, ok := f.anchors[url]; ok {
		return "content" + strings.TrimSuffix(url, "/") + ".md"
	}
	return ""
}

func TestCheck(t *testing.T) {
	m, err := Parse([]byte(header + "/roles/senior/#goals\n/roles/senior/#old-item\n/roles/senior/#gone\n/roles/old-staff/#rights\n/roles/removed/#x\n"))
	if err != nil {
		t.Fatal(err)
	}
	s := fakeSite{
		anchors: map[string]map[string]bool{
			"/roles/senior/": {"goals": true, "new-item": true},
			"/roles/staff/":  {"rights": true},
		},
		anchorAliases: map[string]map[string]string{"/roles/senior/": {"old-item": "new-item"}},
		pageAliases:   map[string]string{"/roles/old-staff/": "/roles/staff/"},
	}
	var got []string
	for _, e := range m.Check(s) {
		got = append(got, e.Error())
	}
	want := []string{
		"anchors.lock:6:1: published anchor /roles/senior/#gone is gone (add `anchor_aliases: {gone: <new-id>}` to content/roles/senior.md so old links land on the right item)",
		"anchors.lock:8:1: published anchor /roles/removed/#x is gone (the page is gone: add its old URL to the aliases of the page that replaced it)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if to, ok := Resolve(s, "/roles/old-staff/", "rights"); !ok || to != "/roles/staff/#rights" {
		t.Errorf("moved page anchor resolves to %q, %v", to, ok)
	}
}

func TestAliasCycleEnds(t *testing.T) {
	s := fakeSite{
		anchors:       map[string]map[string]bool{"/a/": {}},
		anchorAliases: map[string]map[string]string{"/a/": {"x": "y", "y": "x"}},
	}
	if _, ok := Resolve(s, "/a/", "x"); ok {
		t.Error("cycle resolved")
	}
}

func TestUpdate(t *testing.T) {
	m, _ := Parse([]byte("/a/#one\n"))
	out, added := m.Update(map[string][]string{"/a/": {"one", "two"}, "/b/": {"x"}})
	if added != 2 {
		t.Errorf("added = %d", added)
	}
	want := header + "/a/#one\n/a/#two\n/b/#x\n"
	if diff := cmp.Diff(want, string(out)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// Entries are never dropped, even when the page no longer has them.
	m2, _ := Parse(out)
	out2, added2 := m2.Update(map[string][]string{})
	if added2 != 0 || string(out2) != string(out) {
		t.Error("update dropped or changed entries")
	}
}

func TestParseErrors(t *testing.T) {
	_, err := Parse([]byte("/a/#ok\nno-hash\n/b/#\n"))
	if err == nil {
		t.Fatal("no error")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "anchors.lock:2:1: malformed entry") || !strings.HasPrefix(lines[1], "anchors.lock:3:1:") {
		t.Errorf("errors = %q", lines)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(header + "/a/#b\n"))
	f.Add([]byte("#\n/\n/#\nx#y"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Parse(data)
		if err != nil {
			return
		}
		out, _ := m.Update(nil)
		m2, err := Parse(out)
		if err != nil {
			t.Fatalf("manifest written by Update does not parse: %v", err)
		}
		if len(m2.Entries) > len(m.Entries) {
			t.Fatal("entries multiplied")
		}
	})
}
