// Package scaffold writes new content files from templates, for
// `handbook new`: a draft role (Role), its front matter laid out with
// placeholder text to replace.
//
// A role starts either from the generic template (every section of the
// content model, at the track and level asked for) or, with
// RoleOptions.From, from the structure of the role it grows from: the
// same track, the next level, that role's groups, tiers, lists, KPIs,
// behaviour axes and body headings as an outline, with that role's text
// in comments beside prompts the author replaces, and its skill rows as a
// comment to copy into the skill files. Either way the draft is valid as
// written: it builds with --drafts.
package scaffold

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"text/template"

	"github.com/handbook-dev/handbook/generator/career"
	"github.com/handbook-dev/handbook/generator/config"
	"github.com/handbook-dev/handbook/generator/content"
	"github.com/handbook-dev/handbook/generator/source"
	"github.com/handbook-dev/handbook/internal/suggest"
)

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ValidID reports whether id is lower-case kebab-case.
func ValidID(id string) bool { return idPattern.MatchString(id) }

// RoleOptions says where a new role sits on the ladder. The zero value
// writes the generic template at level 3 of the individual-contributor
// track.
type RoleOptions struct {
	// Track is the role's track; "" for the default: From's track, or
	// individual-contributor.
	Track string
	// Level is the role's level; 0 for the default: the level above
	// From's, or 3.
	Level int
	// From is the id of the role the new one grows from: its structure
	// is the outline of the draft. "" for the generic template.
	From string
}

// Default track and level of a role written without From.
const (
	defaultTrack = "individual-contributor"
	defaultLevel = 3
)

// Role writes content/roles/<id>.md under source and returns its path. It
// never overwrites a file. Bad options are one-line errors naming the
// flag (--track, --level, --from) that the `new role` command takes.
func Role(source, id string, opts RoleOptions) (string, error) {
	if !ValidID(id) {
		return "", fmt.Errorf("role id %q is not valid (use lower-case words joined by \"-\", e.g. platform-engineer)", id)
	}
	if err := opts.check(); err != nil {
		return "", err
	}
	var data []byte
	if opts.From == "" {
		var buf bytes.Buffer
		track, level := cmp.Or(opts.Track, defaultTrack), cmp.Or(opts.Level, defaultLevel)
		if err := roleTemplate.Execute(&buf, map[string]any{"ID": id, "Title": TitleOf(id), "Track": track, "Level": level}); err != nil {
			return "", err
		}
		data = buf.Bytes()
	} else {
		m, files, err := ladder(source)
		if err != nil {
			return "", err
		}
		if r := m.Role(id); r != nil {
			return "", fmt.Errorf("role id %q is already used by %s (choose another id)", id, r.File)
		}
		from := m.Role(opts.From)
		if from == nil {
			return "", unknownRole(m, opts.From)
		}
		if data, err = grownFrom(m, files[from.File], from, id, opts); err != nil {
			return "", err
		}
	}
	p := filepath.Join(source, "content", "roles", id+".md")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return "", err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return "", fmt.Errorf("%s already exists (choose another id or edit that file)", p)
	}
	if err != nil {
		return "", err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return "", err
	}
	return p, f.Close()
}

// check reports a track or a level the content model does not have.
func (o RoleOptions) check() error {
	tracks := career.TrackKeys()
	if o.Track != "" && !slices.Contains(tracks, o.Track) {
		hint := "use " + strings.Join(tracks[:len(tracks)-1], ", ") + " or " + tracks[len(tracks)-1]
		if s := suggest.Nearest(o.Track, tracks); s != "" {
			hint = fmt.Sprintf("did you mean %q?", s)
		}
		return fmt.Errorf("--track %q is not a track (%s)", o.Track, hint)
	}
	if o.Level != 0 {
		if err := CheckLevel(o.Level); err != nil {
			return err
		}
	}
	if o.From != "" && !ValidID(o.From) {
		return fmt.Errorf("--from %q is not a role id (role ids are the file names under content/roles/, e.g. senior-software-engineer)", o.From)
	}
	return nil
}

// CheckLevel reports a --level the ladder does not have.
func CheckLevel(level int) error {
	if level < career.LowestLevel || level > career.HighestLevel {
		return fmt.Errorf("--level %d is outside %d..%d (levels run from %d, entry, to %d)",
			level, career.LowestLevel, career.HighestLevel, career.LowestLevel, career.HighestLevel)
	}
	return nil
}

// ladder loads the career model of the handbook at source as its
// handbook.yaml says (career.missing_parts), drafts included (a draft may
// grow from a draft), and its files by name.
func ladder(dir string) (*career.Model, map[string]*content.File, error) {
	fsys := source.New(dir)
	cfg, err := config.Load(fsys)
	if err != nil {
		return nil, nil, fmt.Errorf("--from needs the handbook's roles, and handbook.yaml does not load: %v", firstLine(err))
	}
	tree, err := content.Load(fsys, "content")
	if err != nil {
		return nil, nil, fmt.Errorf("--from needs the handbook's roles, and content/ does not load: %v", firstLine(err))
	}
	m, err := career.LoadWith(tree.Files, career.Options{MissingParts: cfg.Career.MissingParts})
	if err != nil {
		return nil, nil, fmt.Errorf("--from needs the handbook's roles, and the ladder has problems (`handbook check --drafts` lists them): %v", firstLine(err))
	}
	files := map[string]*content.File{}
	for _, f := range tree.Files {
		files[f.Name] = f
	}
	return m, files, nil
}

// firstLine is the first problem of an error that lists several.
func firstLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}

func unknownRole(m *career.Model, id string) error {
	ids := make([]string, len(m.Roles))
	for i, r := range m.Roles {
		ids[i] = r.ID
	}
	if s := suggest.Nearest(id, ids); s != "" {
		return fmt.Errorf("--from %q: no role has this id (did you mean %q?)", id, s)
	}
	if len(ids) == 0 {
		return fmt.Errorf("--from %q: the handbook has no roles yet (write one without --from first)", id)
	}
	return fmt.Errorf("--from %q: no role has this id (role ids are the file names under content/roles/: %s)", id, strings.Join(ids, ", "))
}

// TitleOf turns an id into a title: "platform-engineer" → "Platform Engineer".
func TitleOf(id string) string {
	words := strings.Split(id, "-")
	for i, w := range words {
		if w != "" {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}

var roleTemplate = template.Must(template.New("role").Parse(`---
id: {{.ID}}
title: {{.Title}}
description: One sentence on what a {{.Title}} is for.
track: {{.Track}}   # individual-contributor | management | adjacent
level: {{.Level}}                        # 1 (entry) to 6 on the common engineering scale
level_name: {{.Title}}
weight: 100
draft: true                     # remove when the page is ready to publish
relations:
  leads_to: []                  # ids of roles this one usually leads to
  adjacent: []                  # ids of roles one can move to sideways
scope: One line on the reach of the role, how much direction it needs and what it owns.
# behaviours: one {text, example} per axis of content/behaviours/, by axis id:
#   impact: {text: One observable expectation., example: A situation that meets it.}
responsibilities:
  strategic:
    - id: direction
      text: What this role decides or shapes for the longer term.
      meets: One short example of meeting it.
      not_yet: One short example of not meeting it yet.
  operational:
    - id: operations
      text: What this role keeps running day to day.
  technical:
    - id: delivery
      text: What this role builds, and to what standard.
  cross-functional:
    - id: collaboration
      text: Whom this role works with, and on what.
  governance:
    - id: quality
      text: Which controls and quality practices this role upholds.
  leadership:
    - id: mentoring
      text: How this role grows other people.
decision_rights:
  alone:
    - id: own-work
      text: Decisions this role makes on its own.
  review:
    - id: team-review
      text: Decisions that need a team or design review.
  approval:
    - id: manager-approval
      text: Decisions that need a manager's or an executive's approval.
authority:
  budget: What this role can spend or propose.
  architecture: How far this role shapes architecture.
  vendor: What this role can choose or recommend.
  delivery: Which delivery outcomes this role owns.
  hiring: How this role takes part in hiring.
  compliance: What this role answers for in compliance.
kpis:
  - id: main-outcome
    metric: The outcome that shows the role is done well
    measures: What the number counts.
    why: Why it matters.
    target: An example target
    frequency: Monthly
ai_impact:
  automated:
    - id: drafting
      text: Work that tools can increasingly do.
  human_critical:
    - id: judgement
      text: Work that stays with people.
  outlook:
    - id: shift
      text: How the role changes over the next two to five years.
  new_expectations:
    - id: responsible-use
      text: New expectations that tools and automation bring.
---

## Role summary

Who this role is, what it owns and why the organisation needs it.

## Day to day

### Daily

### Weekly

### Monthly and quarterly

## Key deliverables

## Goals

### First 90 days

### First year

## Experience and qualifications

## Career path

What someone in this role does to reach the next level.

## Risks and anti-patterns
`))

// grownFrom writes the draft of role id that grows from role from, whose
// source file is f: from's structure as an outline, with from's text in
// comments and prompts to replace.
func grownFrom(m *career.Model, f *content.File, from *career.Role, id string, opts RoleOptions) ([]byte, error) {
	_, hi := from.LevelRange()
	track, level := cmp.Or(opts.Track, from.Track), opts.Level
	if level == 0 {
		if hi >= career.HighestLevel {
			return nil, fmt.Errorf("--from %s: it is at level %d, the highest, so there is no level above it (give --level)", from.ID, hi)
		}
		level = hi + 1
	}
	title := TitleOf(id)
	w := &outline{title: title, from: from.Title}
	switch {
	case track != from.Track || level > from.Level:
		w.relation = "beyond"
	case level == from.Level:
		w.relation = "beside"
	default:
		w.relation = "below"
	}

	w.line("---")
	w.line("id: " + id)
	w.line("title: " + yamlText(title))
	w.line("description: " + yamlText(fmt.Sprintf("One sentence on what a %s is for.", title)))
	w.line("track: " + track)
	w.line(fmt.Sprintf("level: %d", level))
	w.line("level_name: " + yamlText(title))
	w.line(fmt.Sprintf("weight: %d", from.Weight+1))
	w.line("draft: true                     # remove when the page is ready to publish")
	w.line("relations:")
	switch w.relation {
	case "beyond":
		w.line("  feeds_from: [" + from.ID + "]")
	case "beside":
		// A specialisation of from's level: reached from where from is,
		// and a sideways move from it.
		if len(from.FeedsFrom) > 0 {
			w.line("  feeds_from: [" + strings.Join(roleIDs(from.FeedsFrom), ", ") + "]")
		}
		w.line("  adjacent: [" + from.ID + "]")
	default:
		w.line("  leads_to: [" + from.ID + "]")
	}
	w.comment("", "The "+from.Title+"'s scope: "+from.Scope)
	w.line("scope: " + yamlText(fmt.Sprintf("One line on the reach of a %s: how much direction it needs and what it owns.", title)))

	if len(from.Behaviours) > 0 {
		w.line("behaviours:")
		for _, b := range from.Behaviours {
			w.line("  " + b.Axis.ID + ":")
			w.comment("    ", from.Title+": "+b.Text)
			w.line("    text: " + yamlText(fmt.Sprintf("One observable expectation of a %s on %s, %s the %s's above.", title, strings.ToLower(b.Axis.Title), w.relation, from.Title)))
			w.line("    example: " + yamlText("A situation that meets it."))
		}
	}

	w.line("responsibilities:")
	for _, g := range from.Responsibilities {
		w.line("  " + g.Key + ":")
		for _, it := range g.Items {
			w.comment("    ", from.Title+": "+it.Text)
			w.line("    - id: " + it.ID)
			w.line("      text: " + yamlText(fmt.Sprintf("What a %s is responsible for here, %s the %s's item above.", title, w.relation, from.Title)))
			if it.Meets != "" || it.NotYet != "" {
				w.line("      meets: " + yamlText("One short example of meeting it."))
				w.line("      not_yet: " + yamlText("One short example of not meeting it yet."))
			}
		}
	}

	// Decision rights: one prompt per tier from has, with from's rights
	// in comments. The ids are new: a right the level above holds is a
	// new right, or an old one in a freer tier (reuse its id then).
	w.line("decision_rights:")
	for _, t := range from.DecisionRights {
		w.line("  " + t.Key + ":")
		for _, it := range t.Items {
			w.comment("    ", from.Title+" ("+it.ID+"): "+it.Text)
		}
		w.line("    - id: new-" + t.Key)
		w.line("      text: " + yamlText(fmt.Sprintf("A decision a %s makes here that the %s does not (%s).", title, from.Title, strings.ToLower(t.Title))))
	}

	if len(from.Authority) > 0 {
		w.line("authority:")
		for _, a := range from.Authority {
			w.comment("  ", from.Title+": "+a.Text)
			w.line("  " + a.Area + ": " + yamlText(fmt.Sprintf("What a %s may do in %s, %s the %s.", title, strings.ToLower(a.Title), w.relation, from.Title)))
		}
	}

	if len(from.KPIs) > 0 {
		w.line("kpis:")
		for _, k := range from.KPIs {
			w.comment("  ", from.Title+": "+k.Metric+": "+k.Target)
			w.line("  - id: " + k.ID)
			w.line("    metric: " + yamlText(k.Metric))
			w.line("    measures: " + yamlText("What the number counts for a "+title+"."))
			w.line("    why: " + yamlText("Why it matters at this level."))
			w.line("    target: " + yamlText("An example target for a "+title))
			w.line("    frequency: " + yamlText(cmp.Or(k.Frequency, "Monthly")))
		}
	}

	w.line("ai_impact:")
	for _, l := range from.AILists() {
		w.line("  " + strings.ReplaceAll(l.Key, "-", "_") + ":")
		for _, it := range l.Items {
			w.comment("    ", from.Title+": "+it.Text)
			w.line("    - id: " + it.ID)
			w.line("      text: " + yamlText(fmt.Sprintf("%s, for a %s.", l.Title, title)))
		}
	}
	w.skills(m, from, id)
	w.line("---")
	w.body(f, from)
	return w.buf.Bytes(), nil
}

// outline writes a draft line by line.
type outline struct {
	buf         bytes.Buffer
	title, from string
	// relation says where the new role sits from the role it grows from:
	// "beyond" it (a level above, or another track), "beside" it (a
	// specialisation of its level) or "below" it.
	relation string
}

func (w *outline) line(s string) { w.buf.WriteString(s + "\n") }

// comment writes text as a YAML comment at indent, one line of it.
func (w *outline) comment(indent, text string) {
	text = strings.Join(strings.Fields(text), " ")
	if strings.HasSuffix(text, ": ") || text == "" {
		return
	}
	w.line(indent + "# " + text)
}

// skills writes from's row of the skill matrix as a comment: a role's
// skills are written in the skill files, which may not name a draft that
// a build without --drafts leaves out.
func (w *outline) skills(m *career.Model, from *career.Role, id string) {
	if len(from.Skills) == 0 {
		return
	}
	w.line("# Skills: a role's row of the skill matrix is written in the skill files.")
	w.line("# When the page is published, add this role under `levels:` of each skill")
	w.line("# it needs. The " + from.Title + "'s row, to start from:")
	for _, s := range from.Skills {
		w.line("#   " + s.Skill.File + " (" + s.Skill.Title + "): " + from.ID + " is " + s.Importance)
		w.line("#     " + id + ": {importance: " + s.Importance + ", expectation: " +
			yamlText(fmt.Sprintf("What a %s shows of %s.", w.title, s.Skill.Title)) + "}")
	}
}

// body writes the headings of from's Markdown body, each with a prompt,
// and the Role summary every role needs.
func (w *outline) body(f *content.File, from *career.Role) {
	var heads []string
	if f != nil {
		heads = headings(f.Body)
	}
	if !slices.ContainsFunc(heads, func(h string) bool { return strings.TrimRight(h, " #") == "## Role summary" }) {
		heads = append([]string{"## Role summary"}, heads...)
	}
	for _, h := range heads {
		w.line("")
		w.line(h)
		if strings.TrimRight(h, " #") == "## Role summary" {
			w.line("")
			w.line(fmt.Sprintf("Who a %s is, what they own and why the organisation needs the role.", w.title))
			continue
		}
		if strings.HasPrefix(h, "## ") {
			w.line("")
			w.line(fmt.Sprintf("This section of the %s's page, written for the %s.", w.from, w.title))
		}
	}
}

// headings returns the "## " and "### " heading lines of a Markdown body,
// outside fenced code.
func headings(body []byte) []string {
	var out []string
	fenced := false
	for _, line := range strings.Split(string(body), "\n") {
		l := strings.TrimSpace(line)
		if strings.HasPrefix(l, "```") || strings.HasPrefix(l, "~~~") {
			fenced = !fenced
			continue
		}
		if !fenced && (strings.HasPrefix(l, "## ") || strings.HasPrefix(l, "### ")) {
			out = append(out, l)
		}
	}
	return out
}

func roleIDs(rs []*career.Role) []string {
	ids := make([]string, len(rs))
	for i, r := range rs {
		ids[i] = r.ID
	}
	return ids
}

// plainText matches text that YAML reads as the same plain string.
var plainText = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9 ,.'()/–-]*$`)

// yamlText writes s as a YAML scalar: plain when it reads back the same,
// double-quoted (JSON's escapes are YAML's) otherwise.
func yamlText(s string) string {
	if plainText.MatchString(s) && !strings.HasSuffix(s, " ") {
		return s
	}
	b, _ := json.Marshal(s)
	return string(b)
}
