package content

import (
	"bytes"
	"hash/maphash"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		front    Front
		body     string
		bodyLine int
		wantErr  string
	}{
		{name: "empty file", in: "", bodyLine: 1},
		{name: "no front matter", in: "# Hi\n", body: "# Hi\n", bodyLine: 1},
		{name: "front matter", in: "---\ntitle: T\nweight: 3\naliases: [/old/]\n---\n# Body\n",
			front: Front{Title: "T", Weight: 3, Aliases: []string{"/old/"}}, body: "# Body\n", bodyLine: 6},
		{name: "crlf", in: "---\r\ntitle: T\r\n---\r\nx", front: Front{Title: "T"}, body: "x", bodyLine: 4},
		{name: "empty front matter", in: "---\n---\nbody", body: "body", bodyLine: 3},
		{name: "bom", in: "\ufeff---\ntitle: B\n---\n", front: Front{Title: "B"}, bodyLine: 4},
		{name: "unclosed", in: "---\ntitle: T\n", wantErr: "p.md:1:1: front matter is not closed"},
		{name: "bad yaml", in: "---\ntitle: T\nweight: [1\n---\n", wantErr: `p.md:3:9: weight: a list opened with "[" is not closed`},
		{name: "bad yaml column", in: "---\ntitle: \"x\n---\n", wantErr: "p.md:"},
		{name: "wrong type", in: "---\nweight: heavy\n---\n", wantErr: "p.md:2"},
		{name: "not a mapping", in: "---\n- a\n---\n", wantErr: "p.md:2:1: front matter must be a mapping"},
		{name: "invalid utf8", in: "ok\nab\xffc", wantErr: "p.md:2:3: file is not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse("p.md", []byte(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.front, f.Front); diff != "" {
				t.Errorf("front (-want +got):\n%s", diff)
			}
			if string(f.Body) != tt.body || f.BodyLine != tt.bodyLine {
				t.Errorf("body = %q at %d, want %q at %d", f.Body, f.BodyLine, tt.body, tt.bodyLine)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	fsys := fstest.MapFS{
		"content/a.md":              {Data: []byte("# A")},
		"content/My Page.md":        {Data: []byte("")},
		"content/.hidden.md":        {Data: []byte("x")},
		"content/roles/.a.md.swp":   {Data: []byte("x")},
		"content/roles/b.md~":       {Data: []byte("x")},
		"content/roles/4913":        {Data: []byte("x")},
		"content/roles/x.md":        {Data: []byte("---\ntitle: X\n---\n")},
		"content/img/logo.png":      {Data: []byte("png")},
		"content/_drafts/ignore.md": {Data: []byte("x")},
		"content/roles/_index.md":   {Data: []byte("---\ntitle: Roles\n---\n")},
	}
	tree, err := Load(fsys, "content")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range tree.Files {
		got = append(got, f.Path)
	}
	want := []string{"My Page.md", "a.md", "roles/_index.md", "roles/x.md"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	if len(tree.Assets) != 1 || tree.Assets[0].Path != "img/logo.png" {
		t.Errorf("assets = %v", tree.Assets)
	}
}

func TestLoadReportsAllErrors(t *testing.T) {
	fsys := fstest.MapFS{
		"content/a.md": {Data: []byte("---\ntitle: [\n---\n")},
		"content/b.md": {Data: []byte("\xff")},
	}
	_, err := Load(fsys, "content")
	if err == nil {
		t.Fatal("no error")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "content/a.md:") || !strings.HasPrefix(lines[1], "content/b.md:1:1:") {
		t.Errorf("errors = %q", lines)
	}
}

// TestLoadKeepsWhatItCanRead: with its problems, Load returns the files
// it could read, each bad Markdown file as much of it as could be read,
// marked Incomplete; Reader.Load does the same, and forgets the problems
// once the file is fixed.
func TestLoadKeepsWhatItCanRead(t *testing.T) {
	type file struct {
		Path, ID, Title, Body string
		Draft, Incomplete     bool
	}
	fsys := fstest.MapFS{
		"content/good.md":      {Data: []byte("---\ntitle: Good\n---\nText.\n")},
		"content/yaml.md":      {Data: []byte("---\ntitle: [\n---\nBody.\n")},
		"content/weight.md":    {Data: []byte("---\ntitle: Heavy\nweight: heavy\n---\nBody.\n")},
		"content/unclosed.md":  {Data: []byte("---\ntitle: T\n")},
		"content/utf8.md":      {Data: []byte("caf\xe9\n")},
		"content/list.md":      {Data: []byte("---\n- a\n---\nBody.\n")},
		"content/partly.md":    {Data: []byte("---\nid: kept\ntitle: [oops\ndraft: true\naliases:\n- /old/\nweight: x\n---\nBody.\n")},
		"content/picture.png":  {Data: []byte("png")},
		"content/sub/index.md": {Data: []byte("Section.\n")},
	}
	want := []file{
		{Path: "good.md", Title: "Good", Body: "Text.\n"},
		{Path: "list.md", Body: "Body.\n", Incomplete: true},
		{Path: "partly.md", ID: "kept", Body: "Body.\n", Draft: true, Incomplete: true},
		{Path: "sub/index.md", Body: "Section.\n"},
		{Path: "unclosed.md", Incomplete: true},
		{Path: "utf8.md", Body: "caf\ufffd\n", Incomplete: true},
		{Path: "weight.md", Title: "Heavy", Body: "Body.\n", Incomplete: true},
		{Path: "yaml.md", Body: "Body.\n", Incomplete: true},
	}
	files := func(tr *Tree) []file {
		var out []file
		for _, f := range tr.Files {
			out = append(out, file{f.Path, f.Front.ID, f.Front.Title, string(f.Body), f.Front.Draft, f.Incomplete})
		}
		return out
	}
	tr, err := Load(fsys, "content")
	wantErrs := []string{
		`content/list.md:2:1: front matter must be a mapping of keys to values (write it as ` + "`key: value`" + ` lines)`,
		`content/partly.md:3:8: title: a list opened with "[" is not closed (end it with "]" and separate its items with ",")`,
		`content/partly.md:7:9: weight: cannot use "x" here, want a whole number (lower weights come first, e.g. ` + "`weight: 10`)",
		`content/unclosed.md:1:1: front matter is not closed (end it with a line holding only "---")`,
		"content/utf8.md:1:4: file is not valid UTF-8 (save it with UTF-8 encoding)",
		`content/weight.md:3:9: weight: cannot use "heavy" here, want a whole number (lower weights come first, e.g. ` + "`weight: 10`)",
		`content/yaml.md:2:8: title: a list opened with "[" is not closed (end it with "]" and separate its items with ",")`,
	}
	if err == nil {
		t.Fatal("no error")
	}
	if diff := cmp.Diff(wantErrs, strings.Split(err.Error(), "\n")); diff != "" {
		t.Errorf("Load's problems (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, files(tr)); diff != "" {
		t.Errorf("Load (-want +got):\n%s", diff)
	}
	r := NewReader(fsys, "content", maphash.MakeSeed())
	tr, rerr := r.Load()
	if rerr == nil || rerr.Error() != err.Error() {
		t.Errorf("Reader.Load: err = %v, want %v", rerr, err)
	}
	if diff := cmp.Diff(want, files(tr)); diff != "" {
		t.Errorf("Reader.Load (-want +got):\n%s", diff)
	}
	for _, name := range []string{"yaml.md", "weight.md", "unclosed.md", "utf8.md", "list.md", "partly.md"} {
		fsys["content/"+name] = &fstest.MapFile{Data: []byte("Fixed.\n")}
		r.Changed(name)
	}
	tr, err = r.Load()
	if err != nil {
		t.Fatalf("fixed: %v", err)
	}
	for _, f := range tr.Files {
		if f.Incomplete {
			t.Errorf("%s: still incomplete once fixed", f.Path)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"", "---\ntitle: x\n---\nbody", "---\n- a\n---", "---\n", "---\na: [\n---", "\xff",
		"---\nchanges:\n  - {date: 2026-01-02, note: x}\n---\n", "---\nchanges:\n  - date: 2026-13-40\n---\n",
		// Typos of known keys, custom keys, values of the wrong shape.
		"---\ndarft: true\nwieght: 5\ntitel: T\naliasses: [/a/]\ndescripton: d\n---\n",
		"---\nTitle: T\nanchor-aliases: {a: b}\nowner: me\ntags: [a, b]\n---\n",
		"---\nweight: [1]\ndraft: maybe\naliases: /x/\nanchor_aliases: [a]\nchanges: 3\n---\n",
		"---\nweight: 1.5\ntitle: {a: 1}\nowner: {a: 1, a: 2}\n---\n",
		// Odd YAML: tabs, stray colons, unclosed quotes and brackets,
		// anchors, merge keys, directives, non-scalar keys.
		"---\ntitle: a\n\tweight: 3\n---\n", "---\naliases:\n-\t/a/\n---\n", "---\nx:\n- a: 1\n\tb: 2\n---\n",
		"---\ntitle: Staff: a guide\n---\n", "---\ntitle: \"abc\ndraft: true\n---\n", "---\nx: {a: 1\n---\n",
		"---\nx: &a [1, *a]\n---\n", "---\nx: *nope\n---\n", "---\n<<: {title: a}\n---\n", "---\n%YAML 1.1\n---\n",
		"---\n[a]: 1\n? {b: 2}\n: 3\n---\n", "---\ntitle: \"a\\qb\"\n---\n", "---\ntitle: @x\n---\n",
		"---\na: &x 1\nb: &x 2\nc: *x\n---\n", "---\n\t\n---\n", "---\ntitle: |\n  a\n\tb\n---\n",
		// Tabs the YAML spec allows after "-" and where it does not.
		"---\naliases:\n  - \t/a/\n  -\t\"/b/\"\t# c\n---\n", "---\nx:\n-\t- a\n-\tk: v\n---\n", "---\nx: |\n  -\ta\n---\n"} {
		f.Add([]byte(s))
	}
	positioned := regexp.MustCompile(`^f\.md:\d+:\d+: `)
	f.Fuzz(func(t *testing.T, data []byte) {
		orig := bytes.Clone(data)
		file, err := Parse("f.md", data)
		if !bytes.Equal(orig, data) {
			t.Fatal("input changed")
		}
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				if !positioned.MatchString(line) {
					t.Fatalf("error without line and column: %q", line)
				}
			}
			return
		}
		if file.BodyLine < 1 {
			t.Fatalf("body line %d", file.BodyLine)
		}
		for _, e := range CheckParams(file) {
			if !positioned.MatchString(e.Error()) {
				t.Fatalf("error without line and column: %q", e)
			}
		}
	})
}
