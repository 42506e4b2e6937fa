package render

import (
	"bytes"
	"github.com/handbook-dev/handbook/generator/site"
	"html/template"
	"strconv"

	"github.com/handbook-dev/handbook/generator/career"
	"github.com/handbook-dev/handbook/generator/markdown"
)

// Career is the domain data a page of the career model renders: at most one
// of Role, Skill, Axis, Comparison and Print is set; matrix pages (skills
// and behaviours) and the home page use the model itself.
type Career struct {
	Model      *career.Model
	Role       *career.Role
	Skill      *career.Skill
	Axis       *career.Axis
	Comparison *career.Comparison
	// Print is the track a "print this track" page gathers.
	Print *TrackPrint
}

// withBodies returns c with the bodies of its printed roles.
func (c *Career) withBodies(bodies func(*site.Page) *markdown.Doc) *Career {
	tp := *c.Print
	tp.Roles = make([]PrintedRole, len(c.Print.Roles))
	for i, r := range c.Print.Roles {
		if r.Page != nil {
			r.Body = bodies(r.Page)
		}
		tp.Roles[i] = r
	}
	cc := *c
	cc.Print = &tp
	return &cc
}

// CompareHeadings are the sections of a comparison page, for its table of
// contents and its anchors.
func CompareHeadings(c *career.Comparison) []markdown.Heading {
	hs := []markdown.Heading{{Level: 2, ID: "responsibilities", Text: "Responsibilities"}}
	if len(c.BehaviourChanges) > 0 {
		hs = append(hs, markdown.Heading{Level: 2, ID: career.AnchorBehaviours, Text: "Behaviours"})
	}
	return append(hs, markdown.Heading{Level: 2, ID: "skills", Text: "Skills"}, markdown.Heading{Level: 2, ID: "decision-rights", Text: "Decision rights gained"})
}

// roleParts splits a role page's Markdown body into the introduction (the
// role summary and mission, shown first) and the rest (shown after the
// structured sections), and builds the table of contents of the whole page.
func roleParts(body *markdown.Doc, r *career.Role) (intro, rest template.HTML, toc []markdown.Heading) {
	split := -1
	var introHs, restHs []markdown.Heading
	for _, h := range body.Headings {
		if split < 0 && h.Level == 2 && h.ID != "role-summary" && h.ID != "mission" {
			if i := bytes.Index(body.HTML, []byte(`<h2 id="`+h.ID+`"`)); i >= 0 {
				split = i
			}
		}
		if split < 0 {
			introHs = append(introHs, h)
		} else {
			restHs = append(restHs, h)
		}
	}
	if split < 0 {
		split = len(body.HTML)
	}
	intro, rest = template.HTML(body.HTML[:split]), template.HTML(body.HTML[split:])
	toc = append(toc, introHs...)
	if len(r.Behaviours) > 0 {
		toc = append(toc, markdown.Heading{Level: 2, ID: career.AnchorBehaviours, Text: "Behaviours"})
	}
	toc = append(toc,
		markdown.Heading{Level: 2, ID: career.AnchorResponsibilities, Text: "Responsibilities"},
		markdown.Heading{Level: 2, ID: career.AnchorSkills, Text: "Skills"},
		markdown.Heading{Level: 2, ID: career.AnchorDecisionRights, Text: "Decision rights"},
	)
	if len(r.KPIs) > 0 {
		toc = append(toc, markdown.Heading{Level: 2, ID: career.AnchorKPIs, Text: "KPIs"})
	}
	toc = append(toc,
		markdown.Heading{Level: 2, ID: career.AnchorPaths, Text: "Career paths"},
		markdown.Heading{Level: 2, ID: career.AnchorAI, Text: "AI impact"},
	)
	toc = append(toc, restHs...)
	return intro, rest, toc
}

// importanceRank orders importances for badges and comparisons.
func importanceRank(s string) int {
	switch s {
	case career.Critical:
		return 3
	case career.Important:
		return 2
	case career.Optional:
		return 1
	}
	return 0
}

// careerFuncs are the template functions of the career layouts.
func careerFuncs() template.FuncMap {
	return template.FuncMap{
		"itemAnchor":      career.ItemAnchor,
		"skillAnchor":     career.SkillAnchor,
		"kpiAnchor":       career.KPIAnchor,
		"behaviourAnchor": career.BehaviourAnchor,
		"groupAnchor":     career.GroupAnchor,
		"importanceClass": func(s string) string {
			switch importanceRank(s) {
			case 3:
				return "imp-critical"
			case 2:
				return "imp-important"
			case 1:
				return "imp-optional"
			}
			return "imp-none"
		},
		"matrix": func(m *career.Model) MatrixView {
			roles, rows := m.Matrix()
			return MatrixView{Roles: roles, Rows: rows}
		},
		// isLast reports whether i is the index of the last of rs, to
		// join a list as "a, b or c".
		"isLast": func(i int, rs []*career.Role) bool { return i == len(rs)-1 },
		// levelLabel names a role's level: its level name, or its title.
		"levelLabel": func(r *career.Role) string {
			if r.LevelName != "" {
				return r.LevelName
			}
			return r.Title
		},
		// levelSpan is a role's level, or the range of levels it is held
		// at ("3–4").
		"levelSpan": func(r *career.Role) string {
			lo, hi := r.LevelRange()
			if lo == hi {
				return strconv.Itoa(lo)
			}
			return strconv.Itoa(lo) + "–" + strconv.Itoa(hi)
		},
		"roleURL":  func(id string) string { return "/roles/" + id + "/" },
		"skillURL": func(id string) string { return "/skills/" + id + "/" },
		"axisURL":  func(id string) string { return "/behaviours/" + id + "/" },
		// trackPrintURL is the printable document of a track.
		"trackPrintURL": TrackPrintURL,
	}
}

// MatrixView is the ladder-wide skill matrix for the matrix layout.
type MatrixView struct {
	Roles []*career.Role
	Rows  []career.MatrixRow
}
