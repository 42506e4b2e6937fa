// Package links resolves and checks the links between handbook pages.
//
// Authors link two ways:
//
//   - ordinary Markdown links to source files, relative to the linking file:
//     [Staff](../roles/staff-software-engineer.md#decision-rights);
//   - short references by page id: [[staff-software-engineer#decision-rights]],
//     optionally with a label: [[staff-software-engineer|the Staff page]].
//     Without a label the target page's title is used. An id is a
//     page's full id (its path, "departments/cloud/onboarding"), its
//     front-matter id, or its file name while only one page has it; a
//     file name several pages share is an error where it is used, listing
//     their full ids (Pages.Ambiguous). Only "[[" closed
//     by "]]" is one: in "[[1](https://x)]" the first "]" is single, and
//     the brackets are left to the other parsers. In a table the label's
//     "|" may be escaped ([[id\|label]]); package markdown keeps a plain
//     one inside its cell.
//
// Other relative links resolve against the linking file's folder, as on
// GitHub: a folder ("../team/", "../team", "./") is its section page (the
// folder path slugged, as package site makes URLs), any other path a file
// published there. One that names nothing there but resolves against the
// page's URL, as handbook read relative links before, still does.
// Root-relative links (/roles/x/ or, under a sub-path base URL,
// /handbook/roles/x/) are checked too. All of them are rewritten to the
// target's URL relative to the linking page, so the site works under any
// base path.
//
// With Extension.RawHTML, the href and src attributes of raw HTML are
// links and images like those written in Markdown: resolved, checked and
// rewritten (the node becomes a RewrittenHTML or RewrittenHTMLBlock), and
// the ids of its elements are anchors of the page (Doc.IDs). Attributes
// are read by a small scanner that follows the HTML tokenizer
// (htmlattr.go). External links (with a scheme) are never
// fetched; they get rel="noopener". A link to a missing page or anchor is
// an error with the nearest existing one as a hint (package suggest).
//
// The extension records every internal link with its position; anchors are
// checked once all pages are converted (Check), because a link may point at
// a heading of a page converted later. Backlinks groups the recorded links
// by target page.
//
// Relative and Root are the site's one way of making a URL relative:
// Relative gives the shortest link between two pages (the one written into
// converted Markdown), Root the way up to the site root that templates put
// before every site path.
package links

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/internal/plaintext"
	"github.com/handbook-dev/handbook/internal/slug"
)

// Pages tells the extension which pages exist.
type Pages interface {
	// FileURL returns the URL of the page built from a content file
	// (slash path relative to content/).
	FileURL(file string) (string, bool)
	// IDURL returns the URL and title of the page with the given id.
	IDURL(id string) (url, title string, ok bool)
	// Ambiguous returns the full ids of the pages a short reference by
	// id may mean when it names more than one (pages that share a file
	// name), and nil when it names one or none.
	Ambiguous(id string) []string
	// Exists reports whether a page or file is published at a site path
	// ("/roles/x/", "/img/a.png").
	Exists(sitePath string) bool
	// Suggest returns the nearest existing file, id or path to a bad one.
	Suggest(kind Kind, bad string) string
}

// Kind says how a link names its target.
type Kind int

// Link kinds.
const (
	KindFile Kind = iota // a content file path
	KindID               // a page id
	KindURL              // a site path
)

// Link is an internal link found in a page.
type Link struct {
	File      string // content file holding the link, as shown in errors
	Line, Col int
	Dest      string // as written
	URL       string // target page URL ("/roles/x/")
	Anchor    string // without "#"; "" for none
	// From is the linking page's URL; Section and SectionID name the
	// heading the link sits under ("" before the first heading).
	From, Section, SectionID string
}

// Doc is the per-document state of one conversion.
type Doc struct {
	File     string // "content/roles/x.md", for errors
	Path     string // "roles/x.md", relative to content/
	URL      string // the page's URL
	BasePath string // the base URL's path, "/" or "/handbook/"
	// Src is the Markdown body and LineOffset the file line before it.
	Src        []byte
	LineOffset int

	// Pages, when set, answers this document's questions instead of the
	// extension's Pages: an incremental build records through it which
	// pages each document depends on.
	Pages Pages

	Links  []Link
	Errors diag.List
	// IDs are the element ids of the page's raw HTML (id, and name on
	// <a>), anchors of the page like its headings' ids; only recorded
	// when raw HTML is let through (Extension.RawHTML).
	IDs []string

	section, sectionID string      // the heading being walked
	lines              *diag.Lines // Src's line index, built on first use
	unclosedLine       int         // end of the last line reported with an unclosed "[["
}

// headingText is the plain text of a heading.
func headingText(h *ast.Heading, src []byte) string {
	return plaintext.Of(h, src)
}

var docKey = parser.NewContextKey()

// NewContext returns a parser context carrying d.
func NewContext(d *Doc) parser.Context {
	pc := parser.NewContext()
	pc.Set(docKey, d)
	return pc
}

func docOf(pc parser.Context) *Doc {
	d, _ := pc.Get(docKey).(*Doc)
	return d
}

// Position converts a byte offset in d.Src to a file line and column.
func (d *Doc) Position(offset int) (line, col int) {
	if d.lines == nil {
		d.lines = diag.NewLines(d.Src, d.LineOffset+1)
	}
	return d.lines.Position(offset)
}

// maxErrors bounds the errors a Doc keeps: past it they are only counted,
// in one summary (diag.Error.More), so a page of 100,000 broken links costs
// no more memory than one of 1,000. The build prints diag.MaxPerFile of
// them anyway.
const maxErrors = 1000

func (d *Doc) errorf(offset int, hint, format string, args ...any) {
	if len(d.Errors) >= maxErrors {
		if last := d.Errors[len(d.Errors)-1]; last.More > 0 {
			last.More++
		} else {
			d.Errors.Add(&diag.Error{File: d.File, More: 1})
		}
		return
	}
	line, col := d.Position(offset)
	e := diag.Errorf(d.File, line, col, format, args...)
	if hint != "" {
		e.Hint = hint
	}
	d.Errors.Add(e)
}

// Extension registers the short-reference parser and the link rewriter.
type Extension struct {
	Pages Pages
	// RawHTML checks and rewrites links inside raw HTML and records its
	// ids; set it when raw HTML is passed through (otherwise it is shown
	// as text and its links are inert).
	RawHTML bool
}

// Extend implements goldmark.Extender.
func (e Extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithInlineParsers(util.Prioritized(shortRefParser{}, 199)),
		parser.WithASTTransformers(util.Prioritized(rewriter{pages: e.Pages, rawHTML: e.RawHTML}, 100)),
	)
	if e.RawHTML {
		// Raw HTML keeps its nodes until the other transformers ran: the
		// glossary's (150) reads them to leave the text of <a>…</a>
		// alone.
		m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(rawHTMLReplacer{}, 1000)))
		m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(rewrittenHTMLRenderer{}, 100)))
	}
}

// shortRef is the destination prefix a short reference parses into.
const shortRef = "\x00id:"

type shortRefParser struct{}

func (shortRefParser) Trigger() []byte { return []byte{'['} }

func (shortRefParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if !bytes.HasPrefix(line, []byte("[[")) {
		return nil
	}
	d := docOf(pc)
	end := closeOf(pc, line, seg)
	if end >= 2 && (end+1 == len(line) || line[end+1] != ']') && bytes.IndexByte(line[2:end], '[') < 0 {
		// "[[1](https://x)]", "[[a] b]": brackets around a link or
		// text, not a short reference. Left to the other parsers.
		return nil
	}
	if end >= 0 && (end+1 == len(line) || line[end+1] != ']') {
		end = -1 // "[[a [b] c": no "]]" closes the first "[["
	}
	if end < 0 {
		// One error per line: every later "[[" of the line is unclosed
		// too, and 100,000 "[" are one mistake, not 99,999.
		if d != nil && d.unclosedLine != seg.Stop {
			d.unclosedLine = seg.Stop
			d.errorf(seg.Start, `close it with "]]", as in [[senior-software-engineer#decision-rights]]`, "unclosed short reference %q", string(line[:min(len(line), 40)]))
		}
		return nil
	}
	inner := string(line[2:end])
	target, label, _ := strings.Cut(inner, "|")
	// [[id\|label]]: the pipe escaped, as a table cell wants it on GitHub.
	target = strings.TrimSpace(strings.TrimSuffix(target, "\\"))
	id, anchor, hasAnchor := strings.Cut(target, "#")
	if id == "" || strings.ContainsAny(id, " \t[]") || (hasAnchor && anchor == "") {
		if d != nil {
			d.errorf(seg.Start, "write [[page-id]] or [[page-id#anchor]]", "malformed short reference %q", "[["+inner+"]]")
		}
		block.Advance(end + 2)
		return ast.NewString([]byte("[[" + inner + "]]"))
	}
	link := ast.NewLink()
	link.Destination = []byte(shortRef + target)
	label = strings.TrimSpace(label)
	if label != "" {
		link.AppendChild(link, ast.NewString([]byte(label)))
	}
	link.SetAttributeString("data-offset", seg.Start)
	block.Advance(end + 2)
	return link
}

var closeKey = parser.NewContextKey()

// closeSearch remembers where the last search for "]" ended, so that a
// line of 100,000 "[[" is searched once, not once per "[[".
type closeSearch struct {
	lineEnd int // seg.Stop of the line searched
	from    int // source offset the search started at
	at      int // source offset of the "]" found; -1 for none up to lineEnd
}

// closeOf returns the index in line of the first "]", or -1, for the line
// and segment PeekLine returned: a short reference is closed by "]]" there.
// The parser moves forward through a line,
// so a search that found "]" at or after the current position, or none,
// answers every later question about the same line: the total work per
// line is linear.
func closeOf(pc parser.Context, line []byte, seg text.Segment) int {
	start := seg.Start - seg.Padding // source offset of line[0]
	c, _ := pc.Get(closeKey).(*closeSearch)
	if c != nil && c.lineEnd == seg.Stop && c.from <= start && (c.at < 0 || c.at >= start) {
		if c.at < 0 {
			return -1
		}
		return c.at - start
	}
	if c == nil {
		c = &closeSearch{}
		pc.Set(closeKey, c)
	}
	i := bytes.IndexByte(line, ']')
	c.lineEnd, c.from, c.at = seg.Stop, start, -1
	if i >= 0 {
		c.at = start + i
	}
	return i
}

type rewriter struct {
	pages   Pages
	rawHTML bool
}

func (r rewriter) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	d := docOf(pc)
	if d == nil {
		return
	}
	if d.Pages != nil {
		r.pages = d.Pages
	}
	src := reader.Source()
	var replace []rawHTMLEdit // raw HTML with its links rewritten
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch l := n.(type) {
		case *ast.Heading:
			d.section, d.sectionID = headingText(l, src), ""
			if v, ok := l.AttributeString("id"); ok {
				if b, ok := v.([]byte); ok {
					d.sectionID = string(b)
				}
			}
		case *ast.Link:
			r.link(d, l, offsetOf(l, d))
		case *ast.Image:
			r.image(d, l)
		case *ast.RawHTML, *ast.HTMLBlock:
			if !r.rawHTML {
				break
			}
			if b := r.rewriteRawHTML(d, segmentsOf(n), src); b != nil {
				replace = append(replace, rawHTMLEdit{n, rewritten(n, b)})
			}
		case *ast.AutoLink:
			if l.AutoLinkType == ast.AutoLinkURL {
				l.SetAttributeString("rel", []byte("noopener"))
			}
		}
		return ast.WalkContinue, nil
	})
	if len(replace) > 0 {
		pc.Set(rawHTMLKey, replace)
	}
}

// offsetOf finds the source offset of a link: its recorded offset, or the
// start of its first text, minus the opening bracket.
func offsetOf(l ast.Node, d *Doc) int {
	if v, ok := l.AttributeString("data-offset"); ok {
		l.RemoveAttributes()
		return v.(int)
	}
	for c := l.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start - 1
		}
	}
	for p := l.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

func (r rewriter) link(d *Doc, l *ast.Link, offset int) {
	dest := string(l.Destination)
	if strings.HasPrefix(dest, shortRef) {
		target := strings.TrimPrefix(dest, shortRef)
		id, anchor, _ := strings.Cut(target, "#")
		u, title, ok := r.pages.IDURL(id)
		if !ok {
			if full := r.pages.Ambiguous(id); len(full) > 0 {
				d.errorf(offset, fmt.Sprintf("write the full id of the page you mean, as in [[%s]]", full[0]),
					"short reference [[%s]] is ambiguous: %d pages are named %q (%s)", target, len(full), id, candidates(full))
			} else {
				d.errorf(offset, suggestion(r.pages.Suggest(KindID, id)), "short reference to unknown page id %q", id)
			}
			l.Destination = []byte("#")
			if l.FirstChild() == nil {
				l.AppendChild(l, ast.NewString([]byte(id)))
			}
			return
		}
		if l.FirstChild() == nil {
			l.AppendChild(l, ast.NewString([]byte(title)))
		}
		l.Destination = []byte(r.record(d, offset, "[["+target+"]]", u, anchor))
		return
	}
	out, external, ok := r.linkDest(d, dest, offset)
	switch {
	case external:
		if p, err := url.Parse(dest); err == nil && (p.Scheme == "http" || p.Scheme == "https" || strings.HasPrefix(dest, "//")) {
			l.SetAttributeString("rel", []byte("noopener"))
		}
	case !ok:
		if strings.HasSuffix(strings.ToLower(strings.SplitN(dest, "#", 2)[0]), ".md") {
			l.Destination = []byte("#")
		}
	default:
		l.Destination = []byte(out)
	}
}

// linkDest resolves the destination of a link written in the page and
// records the link: out is the target's URL relative to the page, to
// publish instead of dest. external is set for a URL with a scheme, left
// as it is; ok is false for a broken link, whose error is recorded.
func (r rewriter) linkDest(d *Doc, dest string, offset int) (out string, external, ok bool) {
	target, fragment, external, ok := r.resolve(d, dest, offset)
	if external || !ok {
		return "", external, false
	}
	return r.record(d, offset, dest, target, fragment), false, true
}

// resolve checks an internal link destination and returns the target page
// URL and fragment. external is set for links with a scheme; ok is false
// (and the error recorded) when the target is missing or outside the site.
func (r rewriter) resolve(d *Doc, dest string, offset int) (target, fragment string, external, ok bool) {
	if dest == "" {
		return "", "", false, false
	}
	p, err := url.Parse(dest)
	if err != nil {
		d.errorf(offset, "", "link %q is not a valid URL", dest)
		return "", "", false, false
	}
	if p.Scheme != "" || strings.HasPrefix(dest, "//") {
		return "", "", true, false
	}
	if p.Path == "" { // "#anchor" on the same page
		return d.URL, p.Fragment, false, true
	}
	switch {
	case strings.HasSuffix(strings.ToLower(p.Path), ".md"):
		file := p.Path
		if strings.HasPrefix(file, "/") {
			file = strings.TrimPrefix(file, "/")
		} else {
			file = path.Join(path.Dir(d.Path), file)
		}
		if file == ".." || strings.HasPrefix(file, "../") {
			d.errorf(offset, "link to a file inside content/", "link %q leaves the content folder", dest)
			return "", "", false, false
		}
		u, found := r.pages.FileURL(file)
		if !found {
			d.errorf(offset, suggestion(r.pages.Suggest(KindFile, file)), "link to missing page %q", dest)
			return "", "", false, false
		}
		target = u
	case strings.HasPrefix(p.Path, "/"):
		site := p.Path
		if d.BasePath != "/" && strings.HasPrefix(site, d.BasePath) {
			site = "/" + strings.TrimPrefix(site, d.BasePath)
		}
		target = r.sitePath(d, site, dest, offset)
	default:
		target = r.relative(d, p.Path, dest, offset)
	}
	return target, p.Fragment, false, target != ""
}

// relative resolves a relative path that names no Markdown file as GitHub
// does, against the folder of the linking file: a folder ("../team/",
// "../team", "./") is its section page, anything else a file published at
// its path. A path that names nothing there but a page when taken against
// the page's URL, as relative URLs were resolved before, still resolves,
// so that links written that way keep working. It returns "" when the
// target is missing or outside the site (the error recorded).
func (r rewriter) relative(d *Doc, rel, dest string, offset int) string {
	joined := path.Join(path.Dir(d.Path), rel)
	inside := joined != ".." && !strings.HasPrefix(joined, "../")
	var want string // the site path GitHub's reading names
	if inside {
		if joined == "." {
			joined = ""
		}
		dir := "/"
		if joined != "" {
			dir = "/" + slug.Path(joined) + "/"
		}
		last := path.Base(rel)
		if strings.HasSuffix(rel, "/") || last == "." || last == ".." {
			want = dir // a folder
			if r.pages.Exists(dir) {
				return dir
			}
		} else {
			want = "/" + joined // a file, or a folder written without "/"
			switch {
			case r.pages.Exists(want):
				return want
			case r.pages.Exists(dir):
				return dir
			}
		}
	}
	if old, ok := joinURL(d.URL, rel); ok {
		switch {
		case r.pages.Exists(old):
			return old
		case !strings.HasSuffix(old, "/") && r.pages.Exists(old+"/"):
			return old + "/"
		}
	}
	if !inside {
		d.errorf(offset, "", "link %q leaves the site", dest)
		return ""
	}
	d.errorf(offset, suggestion(r.pages.Suggest(KindURL, want)), "link to missing page %q", dest)
	return ""
}

// sitePath checks a site path and returns the URL to link to ("" when
// missing; the error is recorded).
func (r rewriter) sitePath(d *Doc, site, dest string, offset int) string {
	if r.pages.Exists(site) {
		return site
	}
	if !strings.HasSuffix(site, "/") && r.pages.Exists(site+"/") {
		return site + "/"
	}
	d.errorf(offset, suggestion(r.pages.Suggest(KindURL, site)), "link to missing page %q", dest)
	return ""
}

// record records a link to target and returns the URL to publish: the
// target's relative to the page.
func (r rewriter) record(d *Doc, offset int, dest, target, anchor string) string {
	line, col := d.Position(offset)
	d.Links = append(d.Links, Link{File: d.File, Line: line, Col: col, Dest: dest, URL: target, Anchor: anchor,
		From: d.URL, Section: d.section, SectionID: d.sectionID})
	rel := Relative(d.URL, target)
	if anchor != "" {
		if target == d.URL {
			rel = ""
		}
		rel += "#" + anchor
	}
	return rel
}

// image checks and rewrites the source of an image on the site.
func (r rewriter) image(d *Doc, img *ast.Image) {
	if out, ok := r.assetDest(d, string(img.Destination), offsetOf(img, d), "image"); ok {
		img.Destination = []byte(out)
	}
}

// assetDest checks the source of an image or file (what names it in
// errors) and returns it relative to the page; ok is false when dest is
// left as it is: external, or missing (the error recorded).
func (r rewriter) assetDest(d *Doc, dest string, offset int, what string) (string, bool) {
	p, err := url.Parse(dest)
	if err != nil || p.Scheme != "" || strings.HasPrefix(dest, "//") || p.Path == "" {
		return "", false
	}
	site := p.Path
	if strings.HasPrefix(site, "/") {
		if d.BasePath != "/" && strings.HasPrefix(site, d.BasePath) {
			site = "/" + strings.TrimPrefix(site, d.BasePath)
		}
	} else {
		// Relative image paths are relative to the Markdown file's folder.
		joined, ok := joinURL("/"+path.Dir(d.Path)+"/", site)
		if !ok {
			d.errorf(offset, "", "%s %q leaves the site", what, dest)
			return "", false
		}
		site = joined
	}
	if !r.pages.Exists(site) {
		d.errorf(offset, suggestion(r.pages.Suggest(KindURL, site)), "%s %q not found", what, dest)
		return "", false
	}
	return Relative(d.URL, site), true
}

// joinURL resolves a relative path against a folder URL; ok is false when it
// climbs above the site root.
func joinURL(base, rel string) (string, bool) {
	j := path.Join(strings.TrimPrefix(base, "/"), rel)
	if j == ".." || strings.HasPrefix(j, "../") {
		return "", false
	}
	if j == "." {
		j = ""
	}
	out := "/" + j
	if strings.HasSuffix(rel, "/") && !strings.HasSuffix(out, "/") {
		out += "/"
	}
	return out, true
}

// candidates lists the full ids of an ambiguous short reference, the
// first few of many.
func candidates(full []string) string {
	const most = 5
	if len(full) <= most {
		return strings.Join(full, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(full[:most], ", "), len(full)-most)
}

func suggestion(s string) string {
	if s == "" {
		return ""
	}
	return "did you mean " + s + "?"
}

// Root returns the way up from the page at the site path from to the site
// root: "../../" from /roles/x/, "" from /. A path not ending in "/" is a
// file, and its folder counts: "../" from /roles/x.html, "" from /404.html.
// A page's link to the site path p is Root(from) + p without its leading
// "/": that is how templates link (render.Data.Rel), so that a link
// depends only on the depth of the page.
func Root(from string) string {
	return strings.Repeat("../", max(0, strings.Count(from[:strings.LastIndex(from, "/")+1], "/")-1))
}

// Relative returns the shortest relative link from the page at the site
// path from to the site path to (both start with "/"): the folders they
// share are left out ("../staff/" from /roles/senior/ to /roles/staff/),
// and the rest goes up with Root. A link to the page itself is "./".
func Relative(from, to string) string {
	if from == to {
		return "./"
	}
	// The longest common prefix ending in "/" of from's folder and of to.
	dir := from[:strings.LastIndex(from, "/")+1]
	i := 0
	for k := 0; k < len(dir) && k < len(to) && dir[k] == to[k]; k++ {
		if dir[k] == '/' {
			i = k + 1
		}
	}
	rel := Root(from[max(i-1, 0):]) + to[i:]
	if rel == "" {
		return "./"
	}
	return rel
}
