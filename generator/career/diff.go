package career

// Diff compares two versions of the whole model (two editions of the
// handbook, or an edition and the current handbook), role by role. Items
// are matched by id, never by wording: an item whose id is new was added,
// one whose id is gone was removed, and one whose id stayed was reworded
// when its text changed.

// ModelDiff is what changed from an older version of the model to a newer
// one.
type ModelDiff struct {
	// Roles holds every role of the newer version in model order, then the
	// roles only the older version has.
	Roles []*RoleDiff
}

// Changed returns the roles that were added, removed or changed.
func (d *ModelDiff) Changed() []*RoleDiff {
	var out []*RoleDiff
	for _, r := range d.Roles {
		if r.Status() != StatusUnchanged {
			out = append(out, r)
		}
	}
	return out
}

// Unchanged returns the roles that did not change.
func (d *ModelDiff) Unchanged() []*RoleDiff {
	var out []*RoleDiff
	for _, r := range d.Roles {
		if r.Status() == StatusUnchanged {
			out = append(out, r)
		}
	}
	return out
}

// Statuses of a role in a ModelDiff.
const (
	StatusAdded     = "added"
	StatusRemoved   = "removed"
	StatusChanged   = "changed"
	StatusUnchanged = "unchanged"
)

// RoleDiff is what changed in one role. Old is nil for a role added in the
// newer version, New nil for a role it removed.
type RoleDiff struct {
	ID       string
	Old, New *Role

	// Added and Removed are responsibilities by id; Key and Title name the
	// group.
	Added, Removed []ItemChange
	// Reworded are responsibilities whose id stayed and whose text or group
	// changed: Item is the new version, Old the old one.
	Reworded []ItemEdit
	// Skills are the skills whose importance or expectation for the role
	// changed, or that the role gained or lost; From is the older version.
	Skills []SkillChange
	// RightsMoved are decision rights whose id moved to another tier: Key
	// and Title name the new tier, FromKey and FromTitle the old one.
	RightsMoved []ItemChange
	// RightsAdded and RightsRemoved are decision rights by id.
	RightsAdded, RightsRemoved []ItemChange
	// Behaviours are the axes whose expectation for the role changed, or
	// that the role gained or lost (in the newer axis order, then the lost
	// ones); From is the older version.
	Behaviours []BehaviourChange
}

// ItemEdit is an item whose id stayed while its text or group changed.
type ItemEdit struct {
	ItemChange
	Old ItemChange
}

// Title is the role's newer title (its older one for a removed role).
func (d *RoleDiff) Title() string {
	if d.New != nil {
		return d.New.Title
	}
	return d.Old.Title
}

// Renamed reports a role whose title changed.
func (d *RoleDiff) Renamed() bool { return d.Old != nil && d.New != nil && d.Old.Title != d.New.Title }

// Moved reports a role that changed track or level.
func (d *RoleDiff) Moved() bool {
	return d.Old != nil && d.New != nil && (d.Old.Track != d.New.Track || d.Old.Level != d.New.Level)
}

// Status is StatusAdded, StatusRemoved, StatusChanged or StatusUnchanged.
func (d *RoleDiff) Status() string {
	switch {
	case d.Old == nil:
		return StatusAdded
	case d.New == nil:
		return StatusRemoved
	case len(d.Added)+len(d.Removed)+len(d.Reworded)+len(d.Skills)+
		len(d.RightsMoved)+len(d.RightsAdded)+len(d.RightsRemoved)+len(d.Behaviours) > 0, d.Renamed(), d.Moved():
		return StatusChanged
	}
	return StatusUnchanged
}

// Diff compares an older version of the model with a newer one.
func Diff(older, newer *Model) *ModelDiff {
	d := &ModelDiff{}
	for _, r := range newer.Roles {
		d.Roles = append(d.Roles, diffRole(older.Role(r.ID), r, older, newer))
	}
	for _, r := range older.Roles {
		if newer.Role(r.ID) == nil {
			d.Roles = append(d.Roles, diffRole(r, nil, older, newer))
		}
	}
	return d
}

func diffRole(old, cur *Role, older, newer *Model) *RoleDiff {
	d := &RoleDiff{Old: old, New: cur}
	if cur != nil {
		d.ID = cur.ID
	} else {
		d.ID = old.ID
	}
	if old == nil || cur == nil {
		return d
	}
	oldResp, newResp := indexItems(old.Responsibilities), indexItems(cur.Responsibilities)
	for _, g := range cur.Responsibilities {
		for _, it := range g.Items {
			now := ItemChange{Item: it, Key: g.Key, Title: g.Title}
			was, ok := oldResp[it.ID]
			switch {
			case !ok:
				d.Added = append(d.Added, now)
			case was.Text != it.Text || was.Key != g.Key:
				d.Reworded = append(d.Reworded, ItemEdit{ItemChange: now, Old: was})
			}
		}
	}
	for _, g := range old.Responsibilities {
		for _, it := range g.Items {
			if _, ok := newResp[it.ID]; !ok {
				d.Removed = append(d.Removed, ItemChange{Item: it, Key: g.Key, Title: g.Title})
			}
		}
	}

	oldRights, newRights := indexTiers(old.DecisionRights), indexTiers(cur.DecisionRights)
	for _, t := range cur.DecisionRights {
		for _, it := range t.Items {
			was, ok := oldRights[it.ID]
			switch {
			case !ok:
				d.RightsAdded = append(d.RightsAdded, ItemChange{Item: it, Key: t.Key, Title: t.Title})
			case was.Key != t.Key:
				d.RightsMoved = append(d.RightsMoved, ItemChange{Item: it, Key: t.Key, Title: t.Title, FromKey: was.Key, FromTitle: was.Title})
			}
		}
	}
	for _, t := range old.DecisionRights {
		for _, it := range t.Items {
			if _, ok := newRights[it.ID]; !ok {
				d.RightsRemoved = append(d.RightsRemoved, ItemChange{Item: it, Key: t.Key, Title: t.Title})
			}
		}
	}

	for _, nb := range cur.Behaviours {
		ob, had := old.Behaviour(nb.Axis.ID)
		if had && ob.Text == nb.Text {
			continue
		}
		bc := BehaviourChange{Axis: nb.Axis, To: &nb, Changed: true}
		if had {
			bc.From = &ob
		}
		d.Behaviours = append(d.Behaviours, bc)
	}
	for _, ob := range old.Behaviours {
		if _, has := cur.Behaviour(ob.Axis.ID); !has {
			d.Behaviours = append(d.Behaviours, BehaviourChange{Axis: ob.Axis, From: &ob, Changed: true})
		}
	}

	seen := map[string]bool{}
	skill := func(s *Skill) {
		if seen[s.ID] {
			return
		}
		seen[s.ID] = true
		var fe, te Expectation
		inOld, inNew := false, false
		if o := older.Skill(s.ID); o != nil {
			fe, inOld = o.Levels[old.ID]
		}
		if ns := newer.Skill(s.ID); ns != nil {
			te, inNew = ns.Levels[cur.ID]
		}
		if inOld == inNew && fe == te {
			return
		}
		sc := SkillChange{Skill: s, Changed: true}
		if inOld {
			sc.From = &fe
		}
		if inNew {
			sc.To = &te
		}
		fr, tr := importanceRank(fe.Importance), importanceRank(te.Importance)
		sc.ImportanceUp, sc.ImportanceDown = tr > fr, tr < fr
		d.Skills = append(d.Skills, sc)
	}
	for _, s := range newer.Skills {
		skill(s)
	}
	for _, s := range older.Skills {
		skill(s)
	}
	return d
}

// indexItems maps the id of every item of groups to the item and its group.
func indexItems(groups []Group) map[string]ItemChange {
	m := map[string]ItemChange{}
	for _, g := range groups {
		for _, it := range g.Items {
			m[it.ID] = ItemChange{Item: it, Key: g.Key, Title: g.Title}
		}
	}
	return m
}

func indexTiers(tiers []Tier) map[string]ItemChange {
	m := map[string]ItemChange{}
	for _, t := range tiers {
		for _, it := range t.Items {
			m[it.ID] = ItemChange{Item: it, Key: t.Key, Title: t.Title}
		}
	}
	return m
}
