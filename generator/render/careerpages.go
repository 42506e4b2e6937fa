package render

import (
	"path"

	"github.com/handbook-dev/handbook/generator/career"
	"github.com/handbook-dev/handbook/generator/content"
	"github.com/handbook-dev/handbook/generator/site"
)

// CareerPages loads the career model from the published pages, gives role,
// skill and behaviour axis pages their layouts and anchors (and the
// behaviours section the behaviours matrix, the home page the headings of
// its ladder and sections), and adds the generated pages:
// the skill matrix, the comparison pages (one for every pair of roles, the
// curated ones listed) and their section, and a printable document per
// track. It returns the career data of every page that shows
// some. opts says how the model is loaded (career.LoadWith).
func CareerPages(s *site.Site, opts career.Options) (*career.Model, map[*site.Page]*Career, error) {
	var files []*content.File
	for _, p := range s.Pages {
		if p.Source != nil {
			files = append(files, p.Source)
		}
	}
	model, err := career.LoadWith(files, opts)
	if err != nil {
		return nil, nil, err
	}
	data := map[*site.Page]*Career{}
	if len(model.Roles) == 0 && len(model.Skills) == 0 && len(model.Axes) == 0 {
		s.Home.Anchors = homeAnchors(s, model)
		return model, data, nil
	}
	rolePages := map[string]*site.Page{}
	for _, p := range s.Pages {
		if p.Source == nil || p.Kind != site.KindPage {
			continue
		}
		id := site.PageID(p)
		switch dir := path.Dir(p.Source.Path); {
		case dir == "roles" && model.Role(id) != nil:
			r := model.Role(id)
			p.Layout, p.Anchors = "role", r.Anchors()
			data[p] = &Career{Model: model, Role: r}
			rolePages[id] = p
		case dir == "skills" && model.Skill(id) != nil:
			sk := model.Skill(id)
			p.Layout, p.Anchors = "skill", sk.Anchors()
			data[p] = &Career{Model: model, Skill: sk}
		case dir == "behaviours" && model.Axis(id) != nil:
			a := model.Axis(id)
			p.Layout, p.Anchors = "behaviour", career.AxisAnchors(model.AxisRoles(id))
			data[p] = &Career{Model: model, Axis: a}
		}
	}
	if sec := s.Lookup("/behaviours/"); sec != nil && sec.Kind == site.KindSection && len(model.Axes) > 0 {
		// The section page of the axes is the behaviours matrix.
		sec.Layout, sec.Anchors = "behaviours", behaviourMatrixAnchors(model)
		data[sec] = &Career{Model: model}
	}
	data[s.Home] = &Career{Model: model}
	if skills := s.Lookup("/skills/"); skills != nil && len(model.Skills) > 0 {
		m := &site.Page{Kind: site.KindPage, Layout: "matrix", URL: "/skills/matrix/", Section: "skills", Weight: 1,
			Title:       "Skill matrix",
			Description: "Every skill at every level, side by side: the importance and the expectation for each role."}
		if s.Add(m, skills) {
			data[m] = &Career{Model: model}
		}
	}
	if len(model.Comparisons) > 0 {
		sec := s.Lookup("/compare/")
		if sec == nil {
			sec = &site.Page{Kind: site.KindSection, URL: "/compare/", Section: "compare", Weight: 35,
				Title:       "Level comparisons",
				Description: "What changes from one level to the next: responsibilities, skills and decision rights side by side."}
			s.Add(sec, s.Home)
		}
		// Every pair of roles gets a page, so a reader can compare any two
		// from a role page; only the curated ones are listed in the
		// section, navigation, sitemap and search. n roles give n(n-1)/2
		// pages, each built in time linear in its two roles.
		for c := range model.Pairs {
			p := &site.Page{Kind: site.KindPage, Layout: "compare", URL: c.URL, Section: "compare", Unlisted: !c.Curated,
				Title:       c.From.Title + " → " + c.To.Title,
				Description: "What changes from " + c.From.Title + " to " + c.To.Title + ": responsibilities, skills and decision rights."}
			for _, h := range CompareHeadings(c) {
				p.Anchors = append(p.Anchors, h.ID)
			}
			if s.Add(p, sec) {
				data[p] = &Career{Model: model, Comparison: c}
			}
		}
	}
	addTrackPrints(s, model, rolePages, data)
	s.Sort()
	s.Home.Anchors = homeAnchors(s, model)
	return model, data, nil
}

// homeAnchors lists the headings the home page shows besides its own
// Markdown: the ladder and one heading per track when there are roles,
// and one per top-level section but the roles (which the ladder shows).
// The changelog's section, added later when the handbook is kept in git,
// has a heading too but is not a published anchor: a build from a copy
// without git history would lose it.
func homeAnchors(s *site.Site, m *career.Model) []string {
	var as []string
	if len(m.Roles) > 0 {
		as = append(as, "ladder")
		for _, t := range m.Tracks {
			as = append(as, "track-"+t.Key)
		}
	}
	for _, c := range s.Home.Children {
		if c.Kind == site.KindSection && c.Section != "roles" {
			as = append(as, "sec-"+c.Section)
		}
	}
	return as
}

// behaviourMatrixAnchors lists the anchors of the behaviours matrix: one
// row per role that has behaviours.
func behaviourMatrixAnchors(m *career.Model) []string {
	as := []string{"axes", "matrix"}
	for _, row := range m.BehaviourMatrix() {
		as = append(as, "level-"+row.Role.ID)
	}
	return as
}

// addTrackPrints adds one printable document per track, gathering its roles
// for a review packet. The documents are not listed among the roles (they
// repeat them), but their breadcrumbs lead back to the roles section.
func addTrackPrints(s *site.Site, model *career.Model, rolePages map[string]*site.Page, data map[*site.Page]*Career) {
	for _, t := range model.Tracks {
		tp := &TrackPrint{Track: t}
		for _, r := range t.Roles {
			tp.Roles = append(tp.Roles, PrintedRole{Role: r, Page: rolePages[r.ID]})
		}
		p := &site.Page{Kind: site.KindPage, Layout: "print-track", URL: TrackPrintURL(t.Key), Section: "print",
			Title:       t.Title + " track, printable",
			Description: "Every role of the " + t.Title + " track in one document, level by level, ready to print for a review packet."}
		if s.Add(p, nil) {
			p.Parent = s.Lookup("/roles/")
			data[p] = &Career{Model: model, Print: tp}
		}
	}
}
