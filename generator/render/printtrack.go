package render

import (
	"github.com/handbook-dev/handbook/generator/markdown"
	"html/template"
	"regexp"
	"strconv"

	"github.com/handbook-dev/handbook/generator/career"
	"github.com/handbook-dev/handbook/generator/site"
)

// TrackPrintURL is where the printable document of the track with key is
// published: "/print/individual-contributor/". It sits two levels deep, as
// role pages do, so the relative links of the role summaries it gathers
// resolve the same way.
func TrackPrintURL(key string) string { return "/print/" + key + "/" }

// TrackPrint is one track's roles gathered into a single document that
// prints as a review packet (the "print-track" layout).
type TrackPrint struct {
	Track career.Track
	Roles []PrintedRole
}

// PrintedRole is one role of a TrackPrint with its page.
type PrintedRole struct {
	Role *career.Role
	Page *site.Page // nil when the role has no page
	// Body is the page's converted Markdown, set when the track renders.
	Body *markdown.Doc
}

// Summary returns the role's introduction (its summary and mission) ready
// to sit inside the track document: headings one level down, below the
// role's own heading, and element ids prefixed with the role id so that the
// roles of one document never share an id.
func (r PrintedRole) Summary() template.HTML {
	if r.Body == nil {
		return ""
	}
	intro, _, _ := roleParts(r.Body, r.Role)
	return template.HTML(Embed(string(intro), r.Role.ID+"--", 1))
}

var (
	headingTag = regexp.MustCompile(`<(/?)h([1-6])\b`)
	idAttr     = regexp.MustCompile(` (id|href)="(#?)`)
)

// Embed prepares a page's rendered HTML for inclusion in another page:
// headings move down by shift levels (at most to h6), and ids and in-page
// links ("#x") get prefix. Other links are left as they are.
func Embed(html, prefix string, shift int) string {
	html = headingTag.ReplaceAllStringFunc(html, func(m string) string {
		sub := headingTag.FindStringSubmatch(m)
		n, _ := strconv.Atoi(sub[2])
		return "<" + sub[1] + "h" + strconv.Itoa(min(n+shift, 6))
	})
	return idAttr.ReplaceAllStringFunc(html, func(m string) string {
		sub := idAttr.FindStringSubmatch(m)
		if sub[1] == "href" && sub[2] == "" {
			return m // a link to another page
		}
		return " " + sub[1] + `="` + sub[2] + prefix
	})
}
