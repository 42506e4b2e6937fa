package search

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestTerms(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Mentoring the mentors", []string{"mentor", "mentor"}},
		{"Résumé and RÉSUMÉS", []string{"resum", "resum"}},
		{"the engineer's view", []string{"engin", "view"}},
		{"on-call rotation", []string{"call", "oncal", "rotat"}},
		{"decision-making", []string{"decid", "make", "decisionmak"}},
		{"a-b-c-d-e", []string{"b", "c", "d", "e"}}, // too many parts to join
		{"p95 latency, 99.9% SLO", []string{"p95", "latenc", "99", "9", "slo"}},
		{"C++ and .NET", []string{"c", "net"}},
		{"-leading and trailing- hyphens", []string{"lead", "trail", "hyphen"}},
		{"数据工程师", []string{"数据", "据工", "工程", "程师"}},
		{"系统 设计", []string{"系统", "设计"}},
		{"学", []string{"学"}},
		{"サーバーの設計", []string{"サー", "ーバ", "バー", "ーの", "の設", "設計"}},
		{"SLOs和错误预算", []string{"slos", "和错", "错误", "误预", "预算"}},
		{"emoji 🚀 rocket", []string{"emoji", "rocket"}},
		{"<script>alert(1)</script>", []string{"scrib", "alert", "1", "scrib"}},
		{"Who decides? How to approve", []string{"decid", "approv"}},
		{"", nil},
	} {
		if diff := cmp.Diff(c.want, Terms(c.text)); diff != "" {
			t.Errorf("Terms(%q) (-want +got):\n%s", c.text, diff)
		}
	}
}

// TestTokenSpans: every token's span is in the text, and a plain word's
// span folds to the word.
func TestTokenSpans(t *testing.T) {
	text := "L'équipe on-call: ÉTÉ, naïve 数据工程 p95 engineer’s"
	tokens(text, func(tk token) {
		if tk.start < 0 || tk.end > len(text) || tk.start >= tk.end {
			t.Fatalf("token %+v: bad span in %q", tk, text)
		}
		if !tk.compound && !tk.cjk && fold(text[tk.start:tk.end]) != tk.word {
			t.Errorf("token %q spans %q", tk.word, text[tk.start:tk.end])
		}
	})
}

func TestParseQuery(t *testing.T) {
	type w = Word
	for _, c := range []struct {
		q    string
		want []Word
	}{
		{"", nil},
		{"   ", nil},
		// A query of stop words only keeps them: they are found in titles
		// and headings.
		{"the", []Word{{Text: "the", Stem: "'the", Prefix: true, Stop: true}}},
		{"the ", []Word{{Text: "the", Stem: "'the", Stop: true}}},
		{"how to ", []Word{{Text: "how", Stem: "'how", Stop: true}, {Text: "to", Stem: "'to", Stop: true}}},
		// Among other words they are dropped, but for the word being typed
		// and quoted words.
		{"mentoring for", []Word{{Text: "mentoring", Stem: "mentor"}, {Text: "for", Stem: "for", Prefix: true}}},
		{`"software engineer i"`, []Word{{Text: "software", Stem: "softwar"}, {Text: "engineer", Stem: "engin"},
			{Text: "i", Stem: "'i", Stop: true}}},
		{`“the who” band`, []Word{{Text: "the", Stem: "'the", Stop: true}, {Text: "who", Stem: "'who", Stop: true},
			{Text: "band", Stem: "band", Prefix: true}}},
		{"mentoring", []Word{{Text: "mentoring", Stem: "mentor", Prefix: true}}},
		{"mentoring ", []Word{{Text: "mentoring", Stem: "mentor"}}},
		{"decision rights of staff", []Word{{Text: "decision", Stem: "decid"}, {Text: "rights", Stem: "right"}, {Text: "staff", Stem: "staff", Prefix: true}}},
		{"On-Call", []Word{{Text: "oncall", Stem: "oncal", Prefix: true, Parts: []string{"on", "call"}}}},
		{"on-c", []Word{{Text: "onc", Stem: "onc", Prefix: true, Parts: []string{"on", "c"}}}},
		{"staff staff Staff", []Word{{Text: "staff", Stem: "staff"}}},
		{"résumé", []Word{{Text: "resume", Stem: "resum", Prefix: true}}},
		{"数据", []Word{{Text: "数据", Stem: "数据", Prefix: true, CJK: true}}},
		{"a.*b+?[c](d)|e^$\\", []Word{{Text: "b", Stem: "b"}, {Text: "c", Stem: "c"}, {Text: "d", Stem: "d"}, {Text: "e", Stem: "e"}}},
		{"x\xffy", []Word{{Text: "x", Stem: "x"}, {Text: "y", Stem: "y", Prefix: true}}},
	} {
		if diff := cmp.Diff(c.want, ParseQuery(c.q)); diff != "" {
			t.Errorf("ParseQuery(%q) (-want +got):\n%s", c.q, diff)
		}
	}
}

// TestQuestion: the topic a question asks for, and the words searched.
func TestQuestion(t *testing.T) {
	texts := func(ws []Word) []string {
		var out []string
		for _, w := range ws {
			out = append(out, w.Stem+strings.Join(w.Also, "|"))
		}
		return out
	}
	for _, c := range []struct {
		q     string
		topic string
		words []string // stems, and the terms also matched after them
	}{
		{"who approves architecture changes", TopicDecide, []string{"approvdecid", "architectur", "chang"}},
		{"Who decides on hiring?", TopicDecide, []string{"decidapprov", "hire"}},
		{"who owns the budget", TopicDecide, []string{"owndecid|approv", "budget"}},
		{"whose call is it ", "", []string{"call"}},
		{"become a tech lead", TopicPath, []string{"tech", "lead"}},
		{"how do I become staff", TopicPath, []string{"staff"}},
		{"path to staff", TopicPath, []string{"staff"}},
		{"moving into management", TopicPath, []string{"manag"}},
		{"next step after senior", TopicNext, []string{"after", "senior"}},
		{"career path", "", []string{"career", "path"}},
		{"how do I run a postmortem", TopicHowTo, []string{"run", "postmortem"}},
		{"how to write a promotion case", TopicHowTo, []string{"write", "promot", "case"}},
		{"how the role changes", "", []string{"role", "chang"}},
		// A question with nothing else keeps its words; a quoted one asks
		// for them, not for a topic.
		{"become", TopicPath, []string{"becom"}},
		{"how to", TopicHowTo, []string{"'how", "'to"}},
		{`"become a tech lead"`, "", []string{"becom", "'a", "tech", "lead"}},
		{"decision rights staff", "", []string{"decid", "right", "staff"}},
	} {
		words, topic := Question(c.q)
		if topic != c.topic {
			t.Errorf("Question(%q): topic %q, want %q", c.q, topic, c.topic)
		}
		if diff := cmp.Diff(c.words, texts(words)); diff != "" {
			t.Errorf("Question(%q) words (-want +got):\n%s", c.q, diff)
		}
	}
}

// TestParseQueryLimits: a huge query is cut, quickly.
func TestParseQueryLimits(t *testing.T) {
	long := strings.Repeat("abcdefghij ", 1000) // 11,000 characters
	start := time.Now()
	ws := ParseQuery(long)
	if d := time.Since(start); d > time.Second {
		t.Errorf("ParseQuery of %d characters took %v", len(long), d)
	}
	// 256 runes: the word, once, and the piece of it the cut left.
	if len(ws) != 2 || ws[0].Text != "abcdefghij" || ws[1].Text != "abc" || !ws[1].Prefix {
		t.Errorf("ParseQuery(repeated word) = %+v, want the word once and the cut piece", ws)
	}
	var many []string
	for i := range 50 {
		many = append(many, strings.Repeat(string(rune('a'+i%26)), 2+i/26))
	}
	if ws := ParseQuery(strings.Join(many, " ")); len(ws) != MaxQueryWords {
		t.Errorf("ParseQuery(50 words) kept %d words, want %d", len(ws), MaxQueryWords)
	}
	word := strings.Repeat("x", 300)
	if ws := ParseQuery(word); len(ws) != 1 || utf8.RuneCountInString(ws[0].Text) != maxWordRunes {
		t.Errorf("ParseQuery(300 x) = %+v, want one word cut to %d letters", ws, maxWordRunes)
	}
}

func TestWithinOneEdit(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"mentor", "mentor", true}, {"mentor", "mentro", true}, {"mentor", "mentr", true},
		{"mentor", "mentors", true}, {"mentor", "xentor", true}, {"incident", "incidnet", true},
		{"mentor", "mnetro", false}, {"mentor", "ment", false}, {"abc", "cba", false},
		{"数据", "数剧", true}, {"", "a", true}, {"", "ab", false},
	} {
		if got := withinOneEdit(c.a, c.b); got != c.want {
			t.Errorf("withinOneEdit(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
		if got := withinOneEdit(c.b, c.a); got != c.want {
			t.Errorf("withinOneEdit(%q, %q) = %v, want %v", c.b, c.a, got, c.want)
		}
	}
}
