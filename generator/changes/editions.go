package changes

// Frozen editions. Each edition in handbook.yaml names a git tag; its
// build reads the tag's handbook.yaml, anchors.lock, content/ and themes/
// into memory and builds them (Inputs.BuildEdition) with the base URL
// <base>/editions/<name>/, so a deep link into an edition works as long as
// the site is published, whatever the current handbook becomes. Internal
// links are relative, so the nested site works as it is. Every page of an
// edition carries a banner naming it and linking to the same page in the
// current handbook (following its aliases), or to the current home page
// when the page is gone. An edition build never builds editions.
//
// Beside the editions, the current handbook gets /editions/, listing them,
// and /editions/<a>/compare/<b>/ for every other edition b and for
// b = "current": what changed in the career model, role by role
// (career.Diff).

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/handbook-dev/handbook/generator/anchors"
	"github.com/handbook-dev/handbook/generator/career"
	"github.com/handbook-dev/handbook/generator/config"
	"github.com/handbook-dev/handbook/generator/diag"
	"github.com/handbook-dev/handbook/generator/render"
	"github.com/handbook-dev/handbook/generator/site"
)

// EditionsURL is the page listing the editions; edition <name> lives at
// EditionsURL + <name> + "/".
const EditionsURL = "/editions/"

// Edition is the edition a build makes.
type Edition struct {
	Name, Tag, Hash string
	date            time.Time
	// current maps a URL to the same page in the current handbook.
	current func(url string) (string, bool)
	// model is the edition's career model, set by its build.
	model *career.Model
}

func (e *Edition) banner() *render.EditionBanner {
	return &render.EditionBanner{Name: e.Name, Tag: e.Tag, Date: e.date, Current: e.current}
}

// addEditions builds every edition of the configuration, keeps their files
// under editions/<name>/, and adds the editions page and the comparison
// pages to s.
func (h *Set) addEditions(ctx context.Context, in Inputs) error {
	cfg, s, model, repo := in.Config, in.Site, in.Model, in.Repo
	var errs diag.List
	eds := make([]*Edition, len(cfg.Editions))
	for i, e := range cfg.Editions {
		hash, err := repo.Resolve(ctx, e.Tag)
		if err != nil {
			errs.Add(diag.Errorf(config.FileName, e.Line, e.Col, "edition %s: tag %q does not exist", e.Name, e.Tag).
				WithHint("create it with `git tag %s <commit>`, or fetch the tags with `git fetch --tags`", e.Tag))
			continue
		}
		for _, p := range s.Pages {
			if strings.HasPrefix(p.URL, EditionsURL+e.Name+"/") {
				errs.Add(diag.Errorf(describePage(p), 1, 1, "the URL %s is inside edition %s", p.URL, e.Name).
					WithHint("move the page out of %s, or rename the edition", EditionsURL))
			}
		}
		eds[i] = &Edition{Name: e.Name, Tag: e.Tag, Hash: hash, current: currentPage(s)}
	}
	if err := errs.Err(); err != nil {
		return err
	}

	for _, eb := range eds {
		date, err := repo.Date(ctx, eb.Hash)
		if err != nil {
			return editionError(eb, err)
		}
		eb.date = date
		fsys, err := repo.Tree(ctx, eb.Hash, config.FileName, anchors.FileName, site.ContentDir, "themes")
		if err != nil {
			return editionError(eb, err)
		}
		root := EditionsURL + eb.Name + "/"
		files, err := in.BuildEdition(ctx, fsys, cfg.AbsURL(root), eb)
		if err != nil {
			return editionError(eb, err)
		}
		for name, data := range files {
			if name == "robots.txt" { // only meaningful at the root of a host
				continue
			}
			h.files["editions/"+eb.Name+"/"+name] = data
			h.Paths = append(h.Paths, root+name)
			if dir, ok := strings.CutSuffix(name, "index.html"); ok {
				h.Paths = append(h.Paths, root+dir)
			}
		}
	}

	sec := s.Lookup(EditionsURL)
	if sec == nil {
		sec = &site.Page{Kind: site.KindSection, URL: EditionsURL, Section: "editions", Weight: 95, Title: "Editions",
			Description: "Frozen editions of the handbook: what it said at each review cycle, and what changed since."}
		s.Add(sec, s.Home)
	}
	sec.Layout = "editions"
	versions := map[string]render.Version{config.CurrentEdition: {Name: config.CurrentEdition, Title: "the current handbook", Root: "/"}}
	models := map[string]*career.Model{config.CurrentEdition: model}
	for _, eb := range eds {
		versions[eb.Name] = render.Version{Name: eb.Name, Title: "edition " + eb.Name, Root: EditionsURL + eb.Name + "/"}
		models[eb.Name] = eb.model
	}
	h.View.Diffs = map[string]*render.EditionDiff{}
	for _, a := range eds {
		info := &render.EditionInfo{Name: a.Name, Tag: a.Tag, Date: a.date, URL: versions[a.Name].Root}
		others := []string{config.CurrentEdition}
		for _, b := range eds {
			if b != a {
				others = append(others, b.Name)
			}
		}
		for _, b := range others {
			from, to := versions[a.Name], versions[b]
			u := from.Root + "compare/" + b + "/"
			if _, taken := h.files[strings.TrimPrefix(u, "/")+"index.html"]; taken {
				errs.Add(diag.Errorf(config.FileName, 1, 1, "edition %s publishes a page at %s, where its comparison with %s goes", a.Name, u, b).
					WithHint("rename edition %s", b))
				continue
			}
			p := &site.Page{Kind: site.KindPage, Layout: "edition-diff", URL: u, Section: "editions",
				Title:       "Edition " + a.Name + " → " + strings.ToUpper(to.Title[:1]) + to.Title[1:],
				Description: "What changed from " + from.Title + " to " + to.Title + ", role by role."}
			if !s.Add(p, sec) {
				continue
			}
			h.View.Diffs[u] = &render.EditionDiff{From: from, To: to, Diff: career.Diff(models[a.Name], models[b])}
			info.Compares = append(info.Compares, render.EditionLink{Name: strings.TrimPrefix(to.Title, "edition "), URL: u})
		}
		h.View.Editions = append(h.View.Editions, info)
	}
	s.Sort()
	return errs.Err()
}

// currentPage maps a page URL of an edition to the same page of the
// current handbook s: the page at that URL, or the page that moved there
// from it (an alias).
func currentPage(s *site.Site) func(string) (string, bool) {
	return func(u string) (string, bool) {
		if s.Lookup(u) != nil {
			return u, true
		}
		if p := s.Aliases[u]; p != nil {
			return p.URL, true
		}
		return "", false
	}
}

// editionError names the edition in every line of err. A line without a
// hint of its own gets one: the file is the tag's, not the work tree's.
func editionError(eb *Edition, err error) error {
	var out diag.List
	for _, e := range diag.Flatten(err) {
		c := *e
		if c.File == "" {
			c.File = "edition " + eb.Name
		} else {
			c.File = "edition " + eb.Name + ": " + c.File
			where := fmt.Sprintf("this is the file as tag %s has it: point the edition at a tag whose content builds, or remove it from %s", eb.Tag, config.FileName)
			if c.Hint == "" {
				c.Hint = where
			} else {
				c.Hint += "; " + where
			}
		}
		out = append(out, &c)
	}
	return out
}
