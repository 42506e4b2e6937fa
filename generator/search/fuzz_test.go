package search

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

var fuzzSeeds = []string{"", "on-call", "decision rights staff", "mentorign", "hiring scorec", "RÉSUMÉ naïve",
	"who approves architecture changes", "how do I become a tech lead", `"software engineer i"`, "“the who", "mnetor", "the",
	"数据工程师", "サーバーの設計", "a.*b+?[c](d)|e^$\\", "<script>alert(1)</script>", "🚀 rocket", "x\xffy",
	"a-b-c-d-e-f", "-on- -", "engineer's ’quotes’", "\u0301accent first", "on-c", "1:1 p95 99.9%"}

// FuzzParseQuery: any query parses without panic into at most
// MaxQueryWords valid, distinct, non-empty words, none of them a stop word
// unless it is the word being typed or kept as one (Stop: quoted, or the
// query holds nothing else), and a topic the rules know.
func FuzzParseQuery(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		words, topic := Question(q)
		if topic != "" && topic != TopicDecide && topic != TopicPath && topic != TopicNext && topic != TopicHowTo {
			t.Fatalf("topic %q", topic)
		}
		if len(words) > MaxQueryWords {
			t.Fatalf("%d words, more than %d", len(words), MaxQueryWords)
		}
		seen := map[string]bool{}
		for i, w := range words {
			if w.Text == "" || !utf8.ValidString(w.Text) || utf8.RuneCountInString(w.Text) > maxWordRunes {
				t.Fatalf("word %d: bad text %q", i, w.Text)
			}
			if seen[w.Text] {
				t.Fatalf("word %q twice", w.Text)
			}
			seen[w.Text] = true
			if stopWords[w.Text] && !w.Prefix && !w.Stop {
				t.Fatalf("stop word %q kept", w.Text)
			}
			if w.Stop != (w.Stem == stopTerm(w.Text)) {
				t.Fatalf("word %+v: a stop word kept is searched as its stopTerm", w)
			}
			if w.Prefix && i != len(words)-1 {
				t.Fatalf("word %d of %d is a prefix", i, len(words))
			}
		}
	})
}

// FuzzTokens: tokens never panic and stay inside the text.
func FuzzTokens(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		tokens(text, func(tk token) {
			if tk.start < 0 || tk.end > len(text) || tk.start >= tk.end || tk.word == "" {
				t.Fatalf("token %+v out of %q", tk, text)
			}
		})
		for _, term := range Terms(text) {
			if term == "" {
				t.Fatal("empty term")
			}
		}
		snip, hs := Snippet(text, map[string]bool{"a": true, Stem(strings.ToLower(text)): true})
		for _, h := range hs {
			if h[0] < 0 || h[1] > len(snip) || h[0] >= h[1] {
				t.Fatalf("highlight %v out of snippet %q", h, snip)
			}
		}
	})
}

// FuzzExtractSections: any bytes split into sections without panic, the
// page top first.
func FuzzExtractSections(f *testing.F) {
	for _, s := range []string{"<main><h1>T</h1><p>x</p><h2 id=a>A</h2><p>y</p></main>", "<h3 id='b' hidden>x</h3>",
		"<div id=t data-search-heading=RFC><dt>RFC</dt></div>", "<script>", "<!--", "</x></y>", "<a b='", "&amp;&#x41;&bogus;"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, page []byte) {
		secs := ExtractSections(page)
		if len(secs) == 0 || secs[0].Anchor != "" {
			t.Fatalf("sections %+v: want the page top first", secs)
		}
	})
}

// FuzzSearch: any query against a small index returns without error.
func FuzzSearch(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	files, err := Index([]Page{
		page("/a/", "On-call rotation", "## Pager\nThe pager alerts the engineer on call. 数据工程"),
		page("/b/", "Résumé", "## Decision rights\nDecides alone on rights and decisions.", role("IC", "3")),
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		s, err := OpenFiles(files)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Search(q, Options{Limit: 3}); err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
	})
}

// FuzzJSONString: appendJSONString writes a string as encoding/json does.
func FuzzJSONString(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Add("\u2028\u2029<>&\"\\\b\f\n\r\t\x01\x1f\x7f é\xc3")
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONString([]byte("x"), s); string(got) != "x"+string(want) {
			t.Fatalf("appendJSONString(%q) = %s, want %s", s, got[1:], want)
		}
	})
}

// FuzzClean: appendClean collapses white space as clean does.
func FuzzClean(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Add(" a\u00a0b\u2003 c\t\n\v\f\r\u0085 \xc2 \xff  d\u3000e ")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(appendClean([]byte("x"), []byte(s))), "x"+clean(s); got != want {
			t.Fatalf("appendClean(%q) = %q, want %q", s, got[1:], want[1:])
		}
	})
}

// FuzzTruncateText: truncateText cuts as a cut of the text's runes would.
func FuzzTruncateText(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, uint8(3))
	}
	f.Add(strings.Repeat("é", 10)+"\xff\xfe abc", uint8(11))
	f.Fuzz(func(t *testing.T, s string, n uint8) {
		want := s
		if utf8.RuneCountInString(s) > int(n) {
			cut := string([]rune(s)[:n])
			if i := strings.LastIndexByte(cut, ' '); i > len(cut)*3/4 {
				cut = cut[:i]
			}
			want = cut + "…"
		}
		if got := truncateText(s, int(n)); got != want {
			t.Fatalf("truncateText(%q, %d) = %q, want %q", s, n, got, want)
		}
	})
}
