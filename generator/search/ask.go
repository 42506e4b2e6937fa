package search

import "slices"

// Topics of sections: what kind of question a section answers. A page
// names the topics of its sections (Page.Topics); a query asked as a
// question (askRules) prefers the sections of its topic.
const (
	// TopicDecide: who decides, approves or owns something (a role's
	// decision rights).
	TopicDecide = "decide"
	// TopicPath: how to become something, or move into it (the roles a
	// role is reached from, its adjacent moves, comparisons of two roles).
	TopicPath = "path"
	// TopicNext: what comes after something (the roles a role leads to).
	TopicNext = "next"
	// TopicHowTo: how to do something (guides).
	TopicHowTo = "howto"
)

// askRule recognises a question in a query: a cue word, and when Next is
// set, one of the Next words after it (right after it when Adjacent).
// Words are written as their terms (Base), stop words as they are. Drop
// leaves the cue and its Next word out of the words searched: "become"
// and "path to" say what the question asks for, not about what. Same
// lists terms that a query word among Next also matches (Word.Also): to
// "who approves", a section saying who decides answers too.
type askRule struct {
	Topic    string   `json:"topic"`
	Cue      []string `json:"cue"`
	Next     []string `json:"next,omitempty"`
	Adjacent bool     `json:"adjacent,omitempty"`
	Drop     bool     `json:"drop,omitempty"`
	Same     []string `json:"same,omitempty"`
}

// askRules are tried in order; the first that matches gives the query's
// topic. They are English and know no organisation's role names, so they
// fit any handbook; they are published in the manifest for search.js.
var askRules = func() []askRule {
	terms := func(words ...string) []string {
		var out []string
		for _, w := range words {
			if !stopWords[w] {
				w = Base(w)
			}
			if !slices.Contains(out, w) {
				out = append(out, w)
			}
		}
		return out
	}
	decide := terms("decide", "approve", "own", "sign", "allow", "permit", "veto", "choose", "authorise", "authorize", "accountable")
	return []askRule{
		// "become a tech lead", "how do I become staff"
		{Topic: TopicPath, Cue: terms("become", "became"), Drop: true},
		// "path to staff", "move into management", "get to senior"
		{Topic: TopicPath, Cue: terms("path", "move", "switch", "transition", "progress", "promoted", "get"),
			Next: terms("to", "into", "toward", "towards"), Adjacent: true, Drop: true},
		// "next step after senior"
		{Topic: TopicNext, Cue: terms("next"), Next: terms("step", "steps", "role", "level", "move"), Adjacent: true, Drop: true},
		// "who approves architecture changes", "who owns the budget"
		{Topic: TopicDecide, Cue: terms("who", "whom", "whose"), Next: decide, Same: terms("decide", "approve")},
		// "how do I run a postmortem", "how to write a promotion case"
		{Topic: TopicHowTo, Cue: terms("how"), Next: terms("to", "do", "does", "did", "can", "could", "should", "would", "i", "we", "you", "my"),
			Adjacent: true, Drop: true},
	}
}()

// askTopic returns the first rule that matches a query's tokens (quoted
// ones left out: a quote asks for its words), nil when none does, and
// which tokens it drops; drop is nil when it drops none.
func askTopic(toks []queryToken) (rule *askRule, drop []bool) {
	term := func(t queryToken) string {
		if t.cjk || t.compound || t.quoted {
			return ""
		}
		if stopWords[t.word] {
			return t.word
		}
		return Base(t.word)
	}
	for k := range askRules {
		r := &askRules[k]
		for i, t := range toks {
			if !slices.Contains(r.Cue, term(t)) {
				continue
			}
			next := -1
			for j := i + 1; j < len(toks) && len(r.Next) > 0; j++ {
				if slices.Contains(r.Next, term(toks[j])) {
					next = j
					break
				}
				if r.Adjacent {
					break
				}
			}
			if len(r.Next) > 0 && next < 0 {
				continue
			}
			if r.Drop {
				drop = make([]bool, len(toks))
				drop[i] = true
				if next >= 0 {
					drop[next] = true
				}
			}
			return r, drop
		}
	}
	return nil, nil
}
