// Package scaffold writes new content files from templates, for
// `handbook new`: a draft role (Role), its front matter laid out with
// placeholder text to replace.
package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"text/template"
)

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ValidID reports whether id is lower-case kebab-case.
func ValidID(id string) bool { return idPattern.MatchString(id) }

// Role writes content/roles/<id>.md under source and returns its path. It
// never overwrites a file.
func Role(source, id string) (string, error) {
	if !ValidID(id) {
		return "", fmt.Errorf("role id %q is not valid (use lower-case words joined by \"-\", e.g. platform-engineer)", id)
	}
	p := filepath.Join(source, "content", "roles", id+".md")
	var buf bytes.Buffer
	if err := roleTemplate.Execute(&buf, map[string]string{"ID": id, "Title": TitleOf(id)}); err != nil {
		return "", err
	}
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
	if _, err := f.Write(buf.Bytes()); err != nil {
		f.Close()
		return "", err
	}
	return p, f.Close()
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
track: individual-contributor   # individual-contributor | management | adjacent
level: 3                        # 1 (entry) to 6 on the common engineering scale
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
