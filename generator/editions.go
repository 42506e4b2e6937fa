package generator

// Frozen editions. Each edition in handbook.yaml names a git tag; its
// build reads the tag's handbook.yaml, anchors.lock, content/ and themes/
// into memory and runs Generate on them with the base URL
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

// editionBuild is set on the Options of an edition's build.
type editionBuild struct {
	name, tag, hash string
	date            time.Time
	// current maps a URL to the same page in the current handbook.
	current func(url string) (string, bool)
	// model is the edition's career model, set by its build.
	model *career.Model
}

func (e *editionBuild) banner() *render.EditionBanner {
	return &render.EditionBanner{Name: e.name, Tag: e.tag, Date: e.date, Current: e.current}
}

// addEditions builds every edition of the configuration, keeps their files
// under editions/<name>/, and adds the editions page and the comparison
// pages to s.
func (h *historySet) addEditions(ctx context.Context, cfg *config.Config, s *site.Site, model *career.Model, opts Options) error {
	repo := opts.Repo
	var errs diag.List
	eds := make([]*editionBuild, len(cfg.Editions))
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
		eds[i] = &editionBuild{name: e.Name, tag: e.Tag, hash: hash, current: currentPage(s)}
	}
	if err := errs.Err(); err != nil {
		return err
	}

	for _, eb := range eds {
		date, err := repo.Date(ctx, eb.hash)
		if err != nil {
			return editionError(eb, err)
		}
		eb.date = date
		fsys, err := repo.Tree(ctx, eb.hash, config.FileName, anchors.FileName, ContentDir, "themes")
		if err != nil {
			return editionError(eb, err)
		}
		root := EditionsURL + eb.name + "/"
		res, err := Generate(ctx, fsys, Options{BaseURL: cfg.AbsURL(root), Repo: repo, edition: eb})
		if err != nil {
			return editionError(eb, err)
		}
		for name, data := range res.Files {
			if name == "robots.txt" { // only meaningful at the root of a host
				continue
			}
			h.files["editions/"+eb.name+"/"+name] = data
			h.paths = append(h.paths, root+name)
			if dir, ok := strings.CutSuffix(name, "index.html"); ok {
				h.paths = append(h.paths, root+dir)
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
		versions[eb.name] = render.Version{Name: eb.name, Title: "edition " + eb.name, Root: EditionsURL + eb.name + "/"}
		models[eb.name] = eb.model
	}
	h.view.Diffs = map[string]*render.EditionDiff{}
	for _, a := range eds {
		info := &render.EditionInfo{Name: a.name, Tag: a.tag, Date: a.date, URL: versions[a.name].Root}
		others := []string{config.CurrentEdition}
		for _, b := range eds {
			if b != a {
				others = append(others, b.name)
			}
		}
		for _, b := range others {
			from, to := versions[a.name], versions[b]
			u := from.Root + "compare/" + b + "/"
			if _, taken := h.files[strings.TrimPrefix(u, "/")+"index.html"]; taken {
				errs.Add(diag.Errorf(config.FileName, 1, 1, "edition %s publishes a page at %s, where its comparison with %s goes", a.name, u, b).
					WithHint("rename edition %s", b))
				continue
			}
			p := &site.Page{Kind: site.KindPage, Layout: "edition-diff", URL: u, Section: "editions",
				Title:       "Edition " + a.name + " → " + strings.ToUpper(to.Title[:1]) + to.Title[1:],
				Description: "What changed from " + from.Title + " to " + to.Title + ", role by role."}
			if !s.Add(p, sec) {
				continue
			}
			h.view.Diffs[u] = &render.EditionDiff{From: from, To: to, Diff: career.Diff(models[a.name], models[b])}
			info.Compares = append(info.Compares, render.EditionLink{Name: strings.TrimPrefix(to.Title, "edition "), URL: u})
		}
		h.view.Editions = append(h.view.Editions, info)
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
func editionError(eb *editionBuild, err error) error {
	var out diag.List
	for _, e := range diag.Flatten(err) {
		c := *e
		if c.File == "" {
			c.File = "edition " + eb.name
		} else {
			c.File = "edition " + eb.name + ": " + c.File
			where := fmt.Sprintf("this is the file as tag %s has it: point the edition at a tag whose content builds, or remove it from %s", eb.tag, config.FileName)
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
