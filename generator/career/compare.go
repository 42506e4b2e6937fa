package career

// Comparison sets two roles side by side: what changes from From to To.
// From is the lower level (see the package doc).
type Comparison struct {
	From, To *Role
	URL      string // "/compare/<from>-vs-<to>/"
	// Curated is set for the comparisons of Model.Comparisons: neighbouring
	// levels and compare_with pairs. The other pairs of Model.Pairs are
	// reached only from a role page's "compare with" picker.
	Curated bool

	// Groups lists, for every responsibility group either role has, the
	// items of From and of To. Item ids differ between roles, so this
	// side-by-side view is the main comparison of responsibilities.
	Groups []GroupPair
	// Added are To's responsibilities whose id From does not have; Removed
	// are From's whose id To does not have. Key and Title name the group.
	Added, Removed []ItemChange
	// SkillChanges holds every skill either role has, in model order.
	SkillChanges []SkillChange
	// BehaviourChanges holds every axis either role has a behaviour for,
	// in axis order.
	BehaviourChanges []BehaviourChange
	// RightsGained are To's decision rights that From does not have, and
	// those that moved to a freer tier (FromKey names the tier in From).
	// Key and Title name the tier in To.
	RightsGained []ItemChange
}

// GroupPair is one responsibility group of both roles of a comparison.
type GroupPair struct {
	Key, Title string
	From, To   []Item
}

// ItemChange is an item of a comparison with the group or tier it sits in.
// FromKey and FromTitle are set only for a decision right that moved tiers.
type ItemChange struct {
	Item
	Key, Title         string
	FromKey, FromTitle string
}

// SkillChange is one skill across both roles of a comparison. From or To
// is nil when that role has no expectation for the skill.
type SkillChange struct {
	Skill    *Skill
	From, To *Expectation
	// Changed is set when the importance or the text differ, or only one
	// role has the skill.
	Changed bool
	// ImportanceUp and ImportanceDown compare importances, counting a
	// missing expectation as below Optional.
	ImportanceUp, ImportanceDown bool
}

// BehaviourChange is one behaviour axis across both roles of a comparison.
// From or To is nil when that role has no expectation on the axis.
type BehaviourChange struct {
	Axis     *Axis
	From, To *Behaviour
	// Changed is set when the text differs or only one role has the axis.
	Changed bool
}

// comparisons lists the comparisons of m: neighbouring levels of the ladder
// tracks first, then compare_with pairs, each pair once.
func comparisons(m *Model) []*Comparison {
	var out []*Comparison
	seen := map[[2]*Role]bool{}
	add := func(from, to *Role) {
		if from == to || seen[[2]*Role{from, to}] || seen[[2]*Role{to, from}] {
			return
		}
		seen[[2]*Role{from, to}] = true
		c := compare(from, to, m.Skills, m.Axes)
		c.Curated = true
		out = append(out, c)
	}
	for _, t := range m.Tracks {
		if t.Key == "adjacent" {
			continue
		}
		// Every role of a level is compared with every role of the level
		// below, then with the other roles of its own level (two
		// specialisations side by side).
		levels := t.Levels()
		for i, lv := range levels {
			for _, r := range lv {
				if i > 0 {
					for _, below := range levels[i-1] {
						add(below, r)
					}
				}
			}
			for j, a := range lv {
				for _, b := range lv[j+1:] {
					add(a, b)
				}
			}
		}
	}
	for _, r := range m.Roles {
		for _, id := range r.CompareWith {
			o := m.Role(id)
			if o.Level < r.Level {
				add(o, r)
			} else {
				add(r, o)
			}
		}
	}
	return out
}

// Pairs calls yield with the comparison of every two roles of the model:
// the curated one when the pair has one, otherwise one built for the
// pair, from the lower level to the higher (in model order when the
// levels are equal). There are n(n-1)/2 of them for n roles, so they are
// built one at a time as the caller asks, never kept in the model.
func (m *Model) Pairs(yield func(*Comparison) bool) {
	for i, a := range m.Roles {
		for _, b := range m.Roles[i+1:] {
			c := m.curated(a, b)
			if c == nil {
				from, to := pairOrder(a, b)
				c = compare(from, to, m.Skills, m.Axes)
			}
			if !yield(c) {
				return
			}
		}
	}
}

// PairURL returns the URL of the comparison of roles a and b, which Pairs
// builds; "" when a is b.
func (m *Model) PairURL(a, b *Role) string {
	if a == b {
		return ""
	}
	if c := m.curated(a, b); c != nil {
		return c.URL
	}
	from, to := pairOrder(a, b)
	return compareURL(from, to)
}

// curated returns the curated comparison of a and b in either order, or nil.
func (m *Model) curated(a, b *Role) *Comparison {
	if c := m.byPair[[2]*Role{a, b}]; c != nil {
		return c
	}
	return m.byPair[[2]*Role{b, a}]
}

// pairOrder orders two roles a reader compares: the lower level first,
// model order when the levels are equal.
func pairOrder(a, b *Role) (from, to *Role) {
	if b.Level < a.Level || b.Level == a.Level && roleLess(b, a) {
		return b, a
	}
	return a, b
}

func compareURL(from, to *Role) string { return "/compare/" + from.ID + "-vs-" + to.ID + "/" }

// compare builds the comparison from one role to another.
func compare(from, to *Role, skills []*Skill, axes []*Axis) *Comparison {
	c := &Comparison{From: from, To: to, URL: compareURL(from, to)}

	fromGroups, toGroups := groupItems(from), groupItems(to)
	fromIDs, toIDs := map[string]bool{}, map[string]bool{}
	for _, g := range from.Responsibilities {
		for _, it := range g.Items {
			fromIDs[it.ID] = true
		}
	}
	for _, g := range to.Responsibilities {
		for _, it := range g.Items {
			toIDs[it.ID] = true
		}
	}
	for _, k := range groupKeys {
		f, t := fromGroups[k.key], toGroups[k.key]
		if len(f)+len(t) == 0 {
			continue
		}
		c.Groups = append(c.Groups, GroupPair{Key: k.key, Title: k.title, From: f, To: t})
		for _, it := range t {
			if !fromIDs[it.ID] {
				c.Added = append(c.Added, ItemChange{Item: it, Key: k.key, Title: k.title})
			}
		}
		for _, it := range f {
			if !toIDs[it.ID] {
				c.Removed = append(c.Removed, ItemChange{Item: it, Key: k.key, Title: k.title})
			}
		}
	}

	for _, s := range skills {
		fe, inFrom := s.Levels[from.ID]
		te, inTo := s.Levels[to.ID]
		if !inFrom && !inTo {
			continue
		}
		sc := SkillChange{Skill: s, Changed: inFrom != inTo || fe != te}
		if inFrom {
			sc.From = &fe
		}
		if inTo {
			sc.To = &te
		}
		fr, tr := importanceRank(fe.Importance), importanceRank(te.Importance)
		sc.ImportanceUp, sc.ImportanceDown = tr > fr, tr < fr
		c.SkillChanges = append(c.SkillChanges, sc)
	}

	for _, a := range axes {
		fb, inFrom := from.Behaviour(a.ID)
		tb, inTo := to.Behaviour(a.ID)
		if !inFrom && !inTo {
			continue
		}
		bc := BehaviourChange{Axis: a, Changed: inFrom != inTo || fb.Text != tb.Text}
		if inFrom {
			bc.From = &fb
		}
		if inTo {
			bc.To = &tb
		}
		c.BehaviourChanges = append(c.BehaviourChanges, bc)
	}

	fromTier := map[string]string{}
	for _, t := range from.DecisionRights {
		for _, it := range t.Items {
			fromTier[it.ID] = t.Key
		}
	}
	for _, t := range to.DecisionRights {
		for _, it := range t.Items {
			ft, had := fromTier[it.ID]
			switch {
			case !had:
				c.RightsGained = append(c.RightsGained, ItemChange{Item: it, Key: t.Key, Title: t.Title})
			case rank(tierKeys, t.Key) < rank(tierKeys, ft):
				c.RightsGained = append(c.RightsGained, ItemChange{Item: it, Key: t.Key, Title: t.Title,
					FromKey: ft, FromTitle: title(tierKeys, ft)})
			}
		}
	}
	return c
}

func groupItems(r *Role) map[string][]Item {
	m := map[string][]Item{}
	for _, g := range r.Responsibilities {
		m[g.Key] = g.Items
	}
	return m
}
