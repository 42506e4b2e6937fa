package links

import (
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/generator/markdown"
	"github.com/yuin/goldmark"
)

// TestShortRefsInTables: a short reference with a label works in a table
// cell, its "|" written plain or escaped as GitHub wants in tables; the
// row keeps every cell. Converted by the handbook's own converter, whose
// GFM tables split rows.
func TestShortRefsInTables(t *testing.T) {
	c := markdown.New(markdown.Options{Extensions: []goldmark.Extender{Extension{Pages: fakePages{}}}})
	tests := []struct {
		name, src string
		cells     []string // the body row's cells, in order
	}{
		{"label", "| Role | Next |\n|---|---|\n| [[senior|the Senior page]] | [[staff]] |\n",
			[]string{`<td><a href="../../roles/senior/">the Senior page</a></td>`, `<td><a href="../../roles/staff/">Staff Engineer</a></td>`}},
		{"label and anchor, no outer pipes", "a | b | c\n-|-|-\nx | [[staff#scope|scope]] | z\n",
			[]string{`<td>x</td>`, `<td><a href="../../roles/staff/#scope">scope</a></td>`, `<td>z</td>`}},
		{"escaped pipe", "| a | b |\n|---|---|\n| [[senior\\|Senior]] | y |\n",
			[]string{`<td><a href="../../roles/senior/">Senior</a></td>`, `<td>y</td>`}},
		{"two in a cell", "| a | b |\n|---|---|\n| [[senior|S]] or [[staff|T]] | y |\n",
			[]string{`<td><a href="../../roles/senior/">S</a> or <a href="../../roles/staff/">T</a></td>`, `<td>y</td>`}},
		{"aligned, short row", "| a | b | c |\n|:-|:-:|-:|\n| [[senior|S]] | y |\n",
			[]string{`<td style="text-align:left"><a href="../../roles/senior/">S</a></td>`, `<td style="text-align:center">y</td>`, `<td style="text-align:right"></td>`}},
		{"bracketed link is not a reference", "| a | b |\n|---|---|\n| [[1](https://x.org)] | y |\n",
			[]string{`<td>[<a href="https://x.org" rel="noopener">1</a>]</td>`, `<td>y</td>`}},
		{"escaped pipes in code", "| a | b |\n|---|---|\n| `x \\| y \\|` | [[senior|S]] |\n",
			[]string{"<td><code>x | y |</code></td>", `<td><a href="../../roles/senior/">S</a></td>`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Doc{File: "content/guides/jump.md", Path: "guides/jump.md", URL: "/guides/jump/", BasePath: "/", Src: []byte(tt.src), LineOffset: 3}
			node, err := c.Parse(d.Src, NewContext(d))
			if err != nil {
				t.Fatal(err)
			}
			out, err := c.Render(d.Src, node)
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Errors) > 0 {
				t.Errorf("errors: %v", d.Errors)
			}
			body := string(out)
			body = body[strings.Index(body, "<tbody>"):]
			var got []string
			for _, l := range strings.Split(body, "\n") {
				if strings.HasPrefix(l, "<td") {
					got = append(got, l)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.cells, "\n") {
				t.Errorf("cells:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.cells, "\n"))
			}
		})
	}
}
