package career

// Anchors of a role page. They derive from the ids authors set in front
// matter, never from wording, so a deep link such as
// /roles/senior-software-engineer/#operational-own-production keeps working
// when the text is reworded or the list reordered.

// Section anchors of the structured parts of a role page.
const (
	AnchorResponsibilities = "responsibilities"
	AnchorSkills           = "skills"
	AnchorDecisionRights   = "decision-rights"
	AnchorAuthority        = "authority"
	AnchorKPIs             = "kpis"
	AnchorPaths            = "paths"
	// The three lists of the career paths section.
	AnchorPathsFrom     = "paths-comes-from"
	AnchorPathsTo       = "paths-leads-to"
	AnchorPathsAdjacent = "paths-adjacent"
	AnchorAI            = "ai-impact"
	AnchorBehaviours    = "behaviours"
	// AnchorAssess is the heading of the self-assessment panel.
	AnchorAssess = "assess_title"
)

// AIList is one list of a role's AI impact.
type AIList struct {
	Key, Title string
	Items      []Item
}

// AILists returns the non-empty AI impact lists in display order.
func (r *Role) AILists() []AIList {
	all := []AIList{
		{"automated", "Tasks that can be automated", r.AI.Automated},
		{"human-critical", "Tasks that stay human-critical", r.AI.HumanCritical},
		{"outlook", "How the role changes in the next 2–5 years", r.AI.Outlook},
		{"new-expectations", "New expectations", r.AI.NewExpectations},
	}
	var out []AIList
	for _, l := range all {
		if len(l.Items) > 0 {
			out = append(out, l)
		}
	}
	return out
}

// ItemAnchor is the anchor of an item in a group, tier or list:
// "operational-own-production", "alone-implementation-details",
// "ai-automated-boilerplate".
func ItemAnchor(list, id string) string { return list + "-" + id }

// SkillAnchor is the anchor of a skill's row in a role's matrix.
func SkillAnchor(id string) string { return "skill-" + id }

// BehaviourAnchor is the anchor of a behaviour on a role page:
// "behaviour-influence".
func BehaviourAnchor(axis string) string { return "behaviour-" + axis }

// KPIAnchor is the anchor of a KPI's row.
func KPIAnchor(id string) string { return "kpi-" + id }

// GroupAnchor is the anchor of a responsibility group, decision-right tier
// or AI list heading: "responsibilities-operational", "decides-alone".
func GroupAnchor(section, key string) string { return section + "-" + key }

// Anchors lists every anchor the structured parts of the role page publish.
func (r *Role) Anchors() []string {
	as := []string{AnchorAssess, AnchorResponsibilities, AnchorSkills, AnchorDecisionRights, AnchorPaths, AnchorAI}
	for _, l := range []struct {
		anchor string
		roles  []*Role
	}{{AnchorPathsFrom, r.FeedsFrom}, {AnchorPathsTo, r.LeadsTo}, {AnchorPathsAdjacent, r.Adjacent}} {
		if len(l.roles) > 0 {
			as = append(as, l.anchor)
		}
	}
	if len(r.Behaviours) > 0 {
		as = append(as, AnchorBehaviours)
		for _, b := range r.Behaviours {
			as = append(as, BehaviourAnchor(b.Axis.ID))
		}
	}
	for _, g := range r.Responsibilities {
		as = append(as, GroupAnchor(AnchorResponsibilities, g.Key))
		for _, it := range g.Items {
			as = append(as, ItemAnchor(g.Key, it.ID))
		}
	}
	for _, rs := range r.Skills {
		as = append(as, SkillAnchor(rs.Skill.ID))
	}
	for _, t := range r.DecisionRights {
		as = append(as, GroupAnchor(AnchorDecisionRights, t.Key))
		for _, it := range t.Items {
			as = append(as, ItemAnchor(t.Key, it.ID))
		}
	}
	if len(r.Authority) > 0 {
		as = append(as, AnchorAuthority)
		for _, a := range r.Authority {
			as = append(as, ItemAnchor("authority", a.Area))
		}
	}
	if len(r.KPIs) > 0 {
		as = append(as, AnchorKPIs)
		for _, k := range r.KPIs {
			as = append(as, KPIAnchor(k.ID))
		}
	}
	for _, l := range r.AILists() {
		as = append(as, GroupAnchor(AnchorAI, l.Key))
		for _, it := range l.Items {
			as = append(as, ItemAnchor("ai-"+l.Key, it.ID))
		}
	}
	return as
}

// Anchors lists the anchors of a skill page: one row per role.
func (s *Skill) Anchors() []string {
	as := []string{"levels"}
	for _, sr := range s.Roles {
		as = append(as, "level-"+sr.Role.ID)
	}
	return as
}

// AxisAnchors lists the anchors of behaviour axis page: "levels" and one
// "level-<role>" row per role of roles, the roles that have a behaviour on
// the axis (Model.AxisRoles).
func AxisAnchors(roles []AxisRole) []string {
	as := []string{"levels"}
	for _, ar := range roles {
		as = append(as, "level-"+ar.Role.ID)
	}
	return as
}
