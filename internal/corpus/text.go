package corpus

import (
	"math/rand/v2"
	"strings"
)

// The vocabulary of the generated prose. Sentences are built from these
// parts, so the text reads like a handbook (and mentions glossary terms)
// without any two pages being the same.
var (
	subjects = []string{
		"The team", "A senior engineer", "The on-call engineer", "The tech lead",
		"Every reviewer", "The engineering manager", "The service owner",
		"A new hire", "The product manager", "The platform group",
		"Each squad", "The incident commander", "A staff engineer",
		"The hiring panel", "The architecture forum", "Whoever owns the change",
	}
	verbs = []string{
		"reviews", "owns", "documents", "measures", "plans", "automates",
		"escalates", "tracks", "questions", "simplifies", "writes down",
		"agrees on", "shares", "tests", "rehearses", "retires", "revisits",
	}
	objects = []string{
		"the deployment pipeline", "the error budget", "each postmortem",
		"the runbook", "every canary release", "feature flags", "the SLOs",
		"the on-call rotation", "the blast radius of a change", "the RFC",
		"an ADR for the decision", "the golden path", "service ownership",
		"the MTTR trend", "the DORA metrics", "toil on the team",
		"the promotion packet", "interview feedback", "the migration plan",
		"technical debt", "the API contract", "the data model",
		"calibration notes", "the quarterly roadmap", "capacity estimates",
		"the dependency graph", "load test results", "the threat model",
	}
	qualifiers = []string{
		"before each release", "every quarter", "with the product manager",
		"so that the on-call load stays predictable", "in the weekly review",
		"before anyone asks", "when the risk is high", "in plain language",
		"with data rather than opinion", "at the start of each project",
		"so the next person can follow it", "without waiting for approval",
		"within agreed guardrails", "after every incident", "as a team",
		"in small, reversible steps", "with a clear owner and a date",
	}
	openers = []string{
		"In practice,", "Most of the time,", "As a rule,", "When in doubt,",
		"On a healthy team,", "Over a quarter,", "Early in a project,",
		"After an incident,", "During planning,", "Before a promotion case,",
	}

	// headingPool holds section titles for ordinary pages: letters and
	// spaces only, so the anchor is the lower-cased words joined by "-".
	headingPool = []string{
		"Why this matters", "What good looks like", "How we work",
		"Before you start", "Step by step", "Common mistakes",
		"Checklist", "Examples", "Roles and responsibilities",
		"Decision rights", "Tools we use", "Measuring progress",
		"Escalation", "Review cadence", "Working agreements",
		"Onboarding notes", "Risks", "Open questions", "Further reading",
		"Background", "Scope", "Ownership", "Metrics", "Rollout plan",
		"Communication", "Security considerations", "Costs",
		"Support model", "Handover", "Exit criteria", "Glossary notes",
		"Worked example", "Anti patterns", "Templates", "History",
	}
	subheadingPool = []string{
		"For individual contributors", "For managers", "For new joiners",
		"In small teams", "In large organisations", "During incidents",
		"During planning", "When things go wrong", "Quick reference",
		"Details", "Edge cases", "Signals to watch",
	}

	// titleWords make page titles: "Running effective design reviews".
	titleVerbs = []string{
		"Running", "Writing", "Reviewing", "Planning", "Measuring", "Improving",
		"Scaling", "Documenting", "Retiring", "Owning", "Choosing", "Leading",
		"Testing", "Operating", "Securing", "Hiring for", "Onboarding to",
	}
	titleAdjectives = []string{
		"effective", "safe", "lightweight", "fair", "reliable", "calm",
		"cross-team", "incremental", "blameless", "observable", "repeatable",
	}
	titleNouns = []string{
		"design reviews", "incident reviews", "on-call handovers", "migrations",
		"release trains", "promotion cases", "architecture decisions",
		"service ownership", "API changes", "capacity plans", "interview loops",
		"postmortems", "runbooks", "error budgets", "data pipelines",
		"feature flags", "team charters", "roadmaps", "dependency upgrades",
		"code reviews", "canary releases", "access reviews", "cost reports",
	}

	// Folder names of the generated sections.
	topSections = []struct{ dir, title, kind string }{
		{"guides", "Guides", "guide"},
		{"practices", "Engineering practices", "practice"},
		{"processes", "Processes", "process"},
		{"teams", "Teams", "team"},
		{"archive", "Archived ladders", "archive"},
	}
	areaNames = []string{
		"delivery", "reliability", "security", "data", "frontend", "platform",
		"people", "hiring",
	}
	topicNames = []string{
		"basics", "reviews", "operations", "planning", "quality", "tooling",
		"growth", "governance", "migrations", "metrics",
	}

	codeBlocks = []struct{ lang, body string }{
		{"yaml", "slo:\n  service: checkout\n  objective: 99.9\n  window: 28d\nalerts:\n  - burn_rate: 14.4\n    for: 5m\n"},
		{"go", "func (s *Server) Shutdown(ctx context.Context) error {\n\ts.mu.Lock()\n\tdefer s.mu.Unlock()\n\treturn s.http.Shutdown(ctx)\n}\n"},
		{"bash", "#!/bin/sh\nset -eu\nkubectl rollout status deploy/checkout --timeout=5m\n./scripts/smoke-test.sh \"$ENV\"\n"},
		{"sql", "SELECT team, percentile_cont(0.5) WITHIN GROUP (ORDER BY lead_time)\nFROM deployments\nWHERE deployed_at > now() - interval '30 days'\nGROUP BY team;\n"},
		{"json", "{\n  \"owner\": \"team-payments\",\n  \"tier\": 1,\n  \"runbook\": \"https://runbooks.example.com/payments\"\n}\n"},
		{"python", "def error_budget(slo: float, total: int) -> int:\n    \"\"\"Requests that may fail in the window.\"\"\"\n    return int(total * (1 - slo / 100))\n"},
	}
)

// glossaryTerms are the corpus glossary: names the prose above uses.
var glossaryTerms = []struct{ id, term, aliases, definition string }{
	{"error-budget", "Error budget", "[error budgets]", "The amount of unreliability an SLO allows over a period."},
	{"runbook", "Runbook", "[runbooks]", "Written steps to operate a service or handle a known alert."},
	{"postmortem", "Postmortem", "[postmortems]", "A blameless written review of an incident and what will change."},
	{"canary-release", "Canary release", "[canary releases]", "Releasing a change to a small share of traffic first."},
	{"feature-flag", "Feature flag", "[feature flags]", "A switch that turns behaviour on or off without a deploy."},
	{"slo", "SLO", "[SLOs]", "A service level objective: the target for an SLI over a window."},
	{"mttr", "MTTR", "[]", "Mean time to restore service after an incident."},
	{"on-call", "On-call", "[on-call rotation]", "Being the first responder for a service's alerts for a period."},
	{"blast-radius", "Blast radius", "[]", "How much a failure or a bad change can affect."},
	{"toil", "Toil", "[]", "Manual, repetitive operational work that scales with the service."},
	{"rfc", "RFC", "[RFCs]", "A written proposal circulated for comment before a decision."},
	{"adr", "ADR", "[ADRs]", "A short record of one architecture decision and its context."},
	{"golden-path", "Golden path", "[golden paths]", "The supported, paved way to build and run a service."},
	{"dora-metrics", "DORA metrics", "[DORA]", "Four delivery measures: deployment frequency, lead time, change failure rate, time to restore."},
	{"technical-debt", "Technical debt", "[tech debt]", "Shortcuts whose cost grows until they are paid down."},
	{"promotion-packet", "Promotion packet", "[promotion packets]", "The written case for a promotion with its evidence."},
	{"calibration", "Calibration", "[calibration notes]", "Comparing ratings across teams so levels mean the same everywhere."},
	{"threat-model", "Threat model", "[threat models]", "A structured look at how a system can be attacked."},
}

// sentence returns one sentence of handbook prose.
func sentence(r *rand.Rand) string {
	var b strings.Builder
	if r.IntN(3) == 0 {
		b.WriteString(pick(r, openers))
		b.WriteByte(' ')
		s := pick(r, subjects)
		b.WriteString(strings.ToLower(s[:1]) + s[1:])
	} else {
		b.WriteString(pick(r, subjects))
	}
	b.WriteByte(' ')
	b.WriteString(pick(r, verbs))
	b.WriteByte(' ')
	b.WriteString(pick(r, objects))
	b.WriteByte(' ')
	b.WriteString(pick(r, qualifiers))
	b.WriteByte('.')
	return b.String()
}

// paragraph returns n sentences wrapped at about 76 columns, as authors
// write Markdown.
func paragraph(r *rand.Rand, n int) string {
	words := make([]string, 0, n*12)
	for range n {
		words = append(words, strings.Fields(sentence(r))...)
	}
	return wrap(words)
}

func wrap(words []string) string {
	var b strings.Builder
	col := 0
	for i, w := range words {
		if i > 0 {
			if col+1+len(w) > 76 {
				b.WriteByte('\n')
				col = 0
			} else {
				b.WriteByte(' ')
				col++
			}
		}
		b.WriteString(w)
		col += len(w)
	}
	return b.String()
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// pickN returns n distinct elements of xs (all of them when n is larger).
func pickN[T any](r *rand.Rand, xs []T, n int) []T {
	idx := r.Perm(len(xs))
	if n > len(xs) {
		n = len(xs)
	}
	out := make([]T, n)
	for i := range n {
		out[i] = xs[idx[i]]
	}
	return out
}

// slug turns a title into an id: lower-case words joined by "-".
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(c)
			continue
		}
		dash = true
	}
	return b.String()
}

// headingID is the id goldmark gives a heading whose text is letters and
// spaces only.
func headingID(text string) string { return strings.ReplaceAll(strings.ToLower(text), " ", "-") }
