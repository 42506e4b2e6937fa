package glossary

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/handbook-dev/handbook/generator/content"
)

func parse(t *testing.T, src string) *content.File {
	t.Helper()
	f, err := content.Parse("content/glossary.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestLoad(t *testing.T) {
	f := parse(t, `---
title: Glossary
description: Terms.
terms:
  - id: slo
    term: " SLO "
    aliases: [SLOs, service level objective]
    definition: A target.
  - id: toil
    term: Toil
    aliases:
    definition: >
      Manual work.
---
`)
	g, err := Load(f, f.Name, "/glossary/")
	if err != nil {
		t.Fatal(err)
	}
	want := &Glossary{URL: "/glossary/", Terms: []Term{
		{ID: "slo", Term: "SLO", Aliases: []string{"SLOs", "service level objective"}, Definition: "A target.", Line: 5},
		{ID: "toil", Term: "Toil", Definition: "Manual work.", Line: 9},
	}}
	if diff := cmp.Diff(want, g); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{name: "missing id", src: `---
terms:
  - term: Error budget
    definition: x
---
`, want: []string{`content/glossary.md:3:5: glossary entry "Error budget" has no id (add "id: error-budget")`}},
		{name: "missing term", src: `---
terms:
  - id: slo
    definition: x
---
`, want: []string{`content/glossary.md:3:5: glossary entry "slo" has no term (add "term:" with the name readers see)`}},
		{name: "missing definition", src: `---
terms:
  - id: slo
    term: SLO
    definition: ""
---
`, want: []string{`content/glossary.md:3:5: glossary entry "slo" has no definition (add "definition:" with one or two sentences)`}},
		{name: "id not kebab-case", src: `---
terms:
  - id: Error_Budget
    term: Error budget
    definition: x
---
`, want: []string{`content/glossary.md:3:9: id "Error_Budget" is not kebab-case (write it as "error-budget")`}},
		{name: "duplicate id", src: `---
terms:
  - id: slo
    term: SLO
    definition: x
  - id: slo
    term: Service level objective
    definition: x
---
`, want: []string{`content/glossary.md:6:9: duplicate id "slo" (the first is on line 3; ids must be unique)`}},
		{name: "term used twice", src: `---
terms:
  - id: error
    term: Error
    definition: x
  - id: error-2
    term: error
    definition: x
---
`, want: []string{`content/glossary.md:7:11: term "error" is already a name of "error" (a name belongs to one term only; see line 3)`}},
		{name: "alias used by another term", src: `---
terms:
  - id: slo
    term: SLO
    aliases: [SLOs]
    definition: x
  - id: sli
    term: SLI
    aliases: [SLIs, slos]
    definition: x
---
`, want: []string{`content/glossary.md:9:21: alias "slos" is already a name of "slo" (a name belongs to one term only; see line 3)`}},
		{name: "alias is another term's term", src: `---
terms:
  - id: runbook
    term: Runbook
    definition: x
  - id: playbook
    term: Playbook
    aliases: [runbook]
    definition: x
---
`, want: []string{`content/glossary.md:8:15: alias "runbook" is already a name of "runbook" (a name belongs to one term only; see line 3)`}},
		{name: "unknown key", src: `---
terms:
  - id: slo
    term: SLO
    defintion: x
---
`, want: []string{
			`content/glossary.md:3:5: glossary entry "slo" has no definition (add "definition:" with one or two sentences)`,
			`content/glossary.md:5:5: unknown key "defintion" in glossary entry (did you mean "definition"?)`,
		}},
		{name: "duplicate key", src: `---
terms:
  - id: slo
    term: SLO
    term: SLI
    definition: x
---
`, want: []string{`content/glossary.md:5:5: duplicate key "term" in glossary entry`}},
		{name: "aliases not a list", src: `---
terms:
  - id: slo
    term: SLO
    aliases: SLOs
    definition: x
---
`, want: []string{`content/glossary.md:5:14: aliases must be a list (write aliases: [first, second])`}},
		{name: "empty alias", src: `---
terms:
  - id: slo
    term: SLO
    aliases: [SLOs, ""]
    definition: x
---
`, want: []string{`content/glossary.md:5:21: empty alias (remove it)`}},
		{name: "name not starting a word", src: `---
terms:
  - id: dotnet
    term: .NET
    definition: x
---
`, want: []string{`content/glossary.md:4:11: term ".NET" does not start with a letter or digit (glossary links match whole words)`}},
		{name: "term not text", src: `---
terms:
  - id: slo
    term: [SLO]
    definition: x
---
`, want: []string{
			`content/glossary.md:3:5: glossary entry "slo" has no term (add "term:" with the name readers see)`,
			`content/glossary.md:4:11: term must be text (write it on one line, quoted if it holds a colon)`,
		}},
		{name: "entry not a mapping", src: `---
terms:
  - slo
---
`, want: []string{`content/glossary.md:3:5: glossary entry 1 must be a mapping of keys to values (write it as "- id: ..." followed by term, aliases and definition)`}},
		{name: "terms not a list", src: `---
terms: slo
---
`, want: []string{`content/glossary.md:2:8: "terms" must be a list of entries (start each entry with "- id: ...")`}},
		{name: "no terms", src: `---
title: Glossary
---
`, want: []string{`content/glossary.md:2:1: the glossary page has no "terms" (list the terms under "terms:")`}},
		{name: "no front matter", src: "# Glossary\n",
			want: []string{`content/glossary.md:1: the glossary page has no front matter (list the terms under "terms:")`}},
		{name: "several errors at once", src: `---
terms:
  - id: A
    term: A
    definition: x
  - term: B
---
`, want: []string{
			`content/glossary.md:3:9: id "A" is not kebab-case (write it as "a")`,
			`content/glossary.md:6:5: glossary entry "B" has no id (add "id: b")`,
			`content/glossary.md:6:5: glossary entry "B" has no definition (add "definition:" with one or two sentences)`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := parse(t, tt.src)
			_, err := Load(f, f.Name, "/glossary/")
			if err == nil {
				t.Fatal("no error")
			}
			if diff := cmp.Diff(tt.want, strings.Split(err.Error(), "\n")); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

// TestLoadHandbook loads the handbook's own glossary.
func TestLoadHandbook(t *testing.T) {
	data, err := os.ReadFile("../../content/glossary.md")
	if err != nil {
		t.Fatal(err)
	}
	f, err := content.Parse("content/glossary.md", data)
	if err != nil {
		t.Fatal(err)
	}
	g, err := Load(f, f.Name, "/glossary/")
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Terms) < 25 {
		t.Errorf("%d terms, want at least 25", len(g.Terms))
	}
	// Every name can be matched: each links its own term on a page.
	for _, term := range g.Terms {
		for _, n := range append([]string{term.Term}, term.Aliases...) {
			d := &Doc{URL: "/roles/x/"}
			render(t, g, d, "About "+n+".")
			if diff := cmp.Diff([]string{term.ID}, d.Linked); diff != "" {
				t.Errorf("%q (-want +got):\n%s", n, diff)
			}
		}
	}
}

func TestAnchor(t *testing.T) {
	if got := Anchor("error-budget"); got != "term-error-budget" {
		t.Errorf("Anchor = %q", got)
	}
}

func TestEnabled(t *testing.T) {
	tests := []struct {
		name, src string
		want      bool
		wantErr   string
	}{
		{name: "no front matter", src: "x", want: true},
		{name: "absent", src: "---\ntitle: T\n---\n", want: true},
		{name: "on", src: "---\nglossary: true\n---\n", want: true},
		{name: "off", src: "---\ntitle: T\nglossary: false\n---\n", want: false},
		{name: "not a bool", src: "---\ntitle: T\nglossary: off-ish\n---\n", want: true,
			wantErr: `content/p.md:3:11: glossary must be true or false (write "glossary: false" to turn glossary links off on this page)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := content.Parse("content/p.md", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			got, err := Enabled(f, f.Name)
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if diff := cmp.Diff(tt.wantErr, gotErr); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
			if got != tt.want {
				t.Errorf("Enabled = %v, want %v", got, tt.want)
			}
		})
	}
}
