package search

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// The kinds of page a search can be narrowed to (Options.Kind, Page.Kind).
const (
	KindRole       = "role"
	KindSkill      = "skill"
	KindGuide      = "guide"
	KindGlossary   = "glossary"
	KindComparison = "comparison"
	KindPage       = "page"
)

// Kinds lists every kind of page, in the order help texts list them.
var Kinds = []string{KindRole, KindSkill, KindGuide, KindGlossary, KindComparison, KindPage}

// Limits of Options.Limit: 0 means DefaultLimit.
const (
	DefaultLimit = 10
	MaxLimit     = 100
)

// OptionError is an Options field that no search can satisfy: a kind that
// does not exist, a track or level no role has, a limit out of range. Valid
// lists the values it may take.
type OptionError struct {
	Field string // "kind", "track", "level" or "limit"
	Value string
	Msg   string // what is wrong with Value
	Valid string // the values it may take
}

func (e *OptionError) Error() string {
	return fmt.Sprintf("%s %s: %s (want %s)", e.Field, e.Value, e.Msg, e.Valid)
}

// Check reports a Kind or Limit no search can satisfy, before any index is
// read: a kind not in Kinds, a limit below 0 or above MaxLimit.
func (o Options) Check() error {
	if o.Kind != "" && !slices.Contains(Kinds, o.Kind) {
		return &OptionError{Field: "kind", Value: strconv.Quote(o.Kind), Msg: "is not a kind of page",
			Valid: "one of " + strings.Join(Kinds, ", ")}
	}
	if o.Limit < 0 || o.Limit > MaxLimit {
		return &OptionError{Field: "limit", Value: strconv.Itoa(o.Limit), Msg: "is out of range",
			Valid: fmt.Sprintf("1 to %d, or 0 for the default of %d", MaxLimit, DefaultLimit)}
	}
	return nil
}

// Validate reports an option no search of this index can satisfy: those of
// Check, and a Track or Level that no indexed role has. Levels are whole
// numbers; tracks are written as their titles ("Individual contributor").
func (s *Searcher) Validate(o Options) error {
	if err := o.Check(); err != nil {
		return err
	}
	values := s.Filters()
	if o.Track != "" && !slices.Contains(values["track"], o.Track) {
		e := &OptionError{Field: "track", Value: strconv.Quote(o.Track), Msg: "is not a track", Valid: oneOf(values["track"], true)}
		for _, t := range values["track"] {
			if strings.EqualFold(t, o.Track) || strings.EqualFold(strings.ReplaceAll(t, " ", "-"), o.Track) {
				e.Valid = fmt.Sprintf("its title, %q", t)
			}
		}
		return e
	}
	if o.Level != "" && !slices.Contains(values["level"], o.Level) {
		levels := slices.Clone(values["level"])
		slices.SortFunc(levels, func(a, b string) int {
			x, _ := strconv.Atoi(a)
			y, _ := strconv.Atoi(b)
			return x - y
		})
		msg := "is not a level"
		if _, err := strconv.Atoi(o.Level); err == nil {
			msg = "is a level no role has"
		}
		return &OptionError{Field: "level", Value: strconv.Quote(o.Level), Msg: msg, Valid: oneOf(levels, false)}
	}
	return nil
}

// oneOf lists valid values for a message.
func oneOf(vs []string, quote bool) string {
	if len(vs) == 0 {
		return "none: the handbook has no roles"
	}
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v
		if quote {
			out[i] = strconv.Quote(v)
		}
	}
	return "one of " + strings.Join(out, ", ")
}
