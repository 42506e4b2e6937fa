package generator

// Every problem in one run. A stage that meets a problem in some of its
// inputs records it (build.problem) and goes on with the rest, so that
// `handbook check` reports the front matter, the site and career models,
// the links and the anchors of a handbook at once, not one stage at a
// time. The build still fails, at its end (build.fail), with every problem
// found, sorted, one line each, each said once.
//
// Going on must not make problems up. What a stage keeps of a bad input is
// chosen so that the stages after it see nothing missing:
//
//   - a content file with problems is kept with what could be read of it
//     (content.File.Incomplete): its page exists, so links to it resolve;
//   - a file the site model rejects for a bad alias is modelled again
//     without its aliases (two files with one URL stop the build there:
//     links to either could not be checked);
//   - when the career model cannot be built (a role, skill or behaviour
//     file with problems, or the model's own), the handbook is built
//     without it, its pages as ordinary pages;
//   - a page that fails to convert has no body.
//
// The anchors of such pages are not known (a role page without the career
// model lacks its generated sections), so links into them are checked for
// the page only, and anchors.lock entries on them are not checked
// (build.unsure): fixing the reported problem brings those checks back.

import (
	"context"
	"errors"
	"path"
	"sync"

	"github.com/handbook-dev/handbook/generator/career"
	"github.com/handbook-dev/handbook/generator/content"
	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/render"
	"github.com/handbook-dev/handbook/generator/site"
)

// problem records err, when it holds any problem, for the end of the
// build.
func (b *build) problem(err error) {
	var l diag.List
	var e *diag.Error
	switch {
	case err == nil:
	case errors.As(err, &l):
		b.problems = append(b.problems, l...)
	case errors.As(err, &e):
		b.problems = append(b.problems, e)
	default:
		b.others = append(b.others, err)
	}
}

// fail is the error the build fails with: every problem recorded and err,
// the one that stopped it (nil when none), or nil when there are none. A
// cancelled build fails with the context's error alone.
func (b *build) fail(ctx context.Context, err error) error {
	if ctx.Err() != nil && err != nil {
		return err
	}
	if len(b.problems) == 0 && len(b.others) == 0 {
		return err // as it came: no list to merge it into
	}
	b.problem(err)
	var errs []error
	if list := unique(b.problems); len(list) > 0 {
		errs = append(errs, list.Err())
	}
	seen := map[string]bool{}
	for _, e := range b.others {
		if !seen[e.Error()] {
			seen[e.Error()] = true
			errs = append(errs, e)
		}
	}
	if len(errs) == 1 {
		return errs[0]
	}
	return errors.Join(errs...)
}

// unique is l without the problems it repeats (two stages may report the
// same one), each kept where it first is.
func unique(l diag.List) diag.List {
	seen := make(map[string]bool, len(l))
	out := make(diag.List, 0, len(l))
	for _, e := range l {
		if k := e.Error(); !seen[k] {
			seen[k] = true
			out = append(out, e)
		}
	}
	return out
}

// collected collects what the calls of a parallel stage could not do.
type collected struct {
	mu   sync.Mutex
	list diag.List
	rest []error
}

func (p *collected) add(err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	var l diag.List
	var e *diag.Error
	switch {
	case errors.As(err, &l):
		p.list = append(p.list, l...)
	case errors.As(err, &e):
		p.list = append(p.list, e)
	default:
		p.rest = append(p.rest, err)
	}
}

// err is every problem added, or nil.
func (p *collected) err() error {
	var errs []error
	if len(p.list) > 0 {
		errs = append(errs, p.list)
	}
	return errors.Join(append(errs, p.rest...)...)
}

// markUnsure notes that the anchors of p are not known.
func (b *build) markUnsure(p *site.Page) {
	if b.unsure == nil {
		b.unsure = map[*site.Page]bool{}
	}
	b.unsure[p] = true
}

// newSite builds the site model of the content. When it rejects files
// for their aliases, the problems are recorded and the model is built
// again with those files without aliases. Two files with one URL stop the
// build at this stage: a link to either file would be checked against a
// page made of the other.
func (b *build) newSite() (*site.Site, error) {
	opts := site.Options{Drafts: b.opts.Drafts, ContentDir: site.ContentDir}
	s, err := site.New(b.tree.Files, opts)
	if err == nil {
		return s, nil
	}
	named := map[string]bool{}
	for _, e := range diag.Flatten(err) {
		if e.File == "" {
			return nil, err // not about a file
		}
		named[e.File] = true
	}
	files := make([]*content.File, 0, len(b.tree.Files))
	for _, f := range b.tree.Files {
		if named[path.Join(site.ContentDir, f.Path)] && len(f.Front.Aliases) > 0 {
			c := *f
			c.Front.Aliases, c.Incomplete = nil, true
			f = &c
		}
		files = append(files, f)
	}
	if s, again := site.New(files, opts); again == nil {
		b.problem(err)
		return s, nil
	}
	return nil, err
}

// careerPages builds the career model and its pages. When a role, skill
// or behaviour file has problems, the model would report problems that
// are not there (a role its file no longer names): the handbook is then
// checked without the model, as it is when the model has problems of its
// own; the pages it would have made are not there, and the anchors of the
// pages it would have laid out are unknown.
func (b *build) careerPages(s *site.Site) error {
	incomplete := false
	for _, p := range s.Pages {
		incomplete = incomplete || p.Source != nil && p.Source.Incomplete && career.Source(p.Source.Path)
	}
	if !incomplete {
		model, careers, err := render.CareerPages(s, career.Options{MissingParts: b.cfg.Career.MissingParts})
		if err == nil {
			b.model, b.careers = model, careers
			return nil
		}
		b.problem(err)
	}
	b.model, b.careers = &career.Model{}, map[*site.Page]*render.Career{}
	for _, p := range s.Pages {
		if p.Source != nil && career.Source(p.Source.Path) || p.Kind == site.KindHome || p.URL == "/behaviours/" {
			b.markUnsure(p)
		}
	}
	return nil
}
