// Package searchtest makes synthetic handbooks for the search benchmarks:
// as many pages as asked, written from the sentences of a real one.
//
// Real text gives the index a real distribution of words; on its own it
// would repeat the same few thousand, while a large handbook keeps meeting
// new ones (names, tools, jargon: Heaps' law). So every eighth word is
// replaced by a rare made-up word, drawn from a long Zipf-distributed list,
// which grows the vocabulary the way a real corpus of that size does.
package searchtest

import (
	"fmt"
	"html"
	"math/rand/v2"
	"strings"

	"github.com/handbook-dev/handbook/generator/search"
)

// Corpus returns n pages written from the sentences of texts (the
// sections of a real handbook), the same pages for the same seed.
func Corpus(texts []string, n int, seed uint64) []search.Page {
	var sentences [][]string
	for _, t := range texts {
		for _, s := range strings.SplitAfter(t, ". ") {
			if ws := strings.Fields(s); len(ws) >= 4 {
				sentences = append(sentences, ws)
			}
		}
	}
	if len(sentences) == 0 {
		sentences = [][]string{strings.Fields("the team owns the service and its reliability in production.")}
	}
	g := &gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), sentences: sentences}
	g.rare = rand.NewZipf(g.r, 1.1, 8, 400_000)
	kinds := []string{"role", "skill", "guide", "page"}
	tracks := []string{"Individual contributor", "Management", "Adjacent paths"}
	pages := make([]search.Page, n)
	for i := range pages {
		title := g.phrase(2, 4)
		var b strings.Builder
		b.WriteString("<main><h1>" + html.EscapeString(title) + "</h1>\n<p>" + html.EscapeString(g.paragraph(2)) + "</p>\n")
		for k, secs := 0, 6+g.r.IntN(9); k < secs; k++ {
			level := "h2"
			if k > 0 && g.r.IntN(3) == 0 {
				level = "h3"
			}
			fmt.Fprintf(&b, "<%s id=\"s%d\">%s</%s>\n<p>%s</p>\n", level, k, html.EscapeString(g.phrase(1, 4)), level,
				html.EscapeString(g.paragraph(2+g.r.IntN(5))))
		}
		b.WriteString("</main>")
		p := search.Page{URL: fmt.Sprintf("/p/%d/", i), Title: title, HTML: []byte(b.String()), Kind: kinds[g.r.IntN(len(kinds))]}
		switch p.Kind {
		case "role":
			p.Track, p.Level = tracks[g.r.IntN(len(tracks))], fmt.Sprint(1+g.r.IntN(6))
			// Like a role page: decision rights, then where the role
			// comes from and where it leads (with the h3s under them).
			p.Topics = map[string]string{"s2": search.TopicDecide, "s4": search.TopicPath, "s5": search.TopicNext}
		case "guide":
			p.Topics = map[string]string{"": search.TopicHowTo}
		}
		pages[i] = p
	}
	return pages
}

type gen struct {
	r         *rand.Rand
	rare      *rand.Zipf
	sentences [][]string
}

// word is a rare made-up word one time in eight, else a word of the text.
func (g *gen) word(w string) string {
	if g.r.IntN(8) == 0 {
		return pseudoWord(g.rare.Uint64())
	}
	return w
}

// phrase is a heading or title: min to max words.
func (g *gen) phrase(min, max int) string {
	ws := make([]string, min+g.r.IntN(max-min+1))
	for i := range ws {
		s := g.sentences[g.r.IntN(len(g.sentences))]
		ws[i] = g.word(strings.Trim(s[g.r.IntN(len(s))], ".,;:()"))
	}
	return strings.Join(ws, " ")
}

// paragraph strings n sentences together.
func (g *gen) paragraph(n int) string {
	var ws []string
	for range n {
		for _, w := range g.sentences[g.r.IntN(len(g.sentences))] {
			ws = append(ws, g.word(w))
		}
	}
	return strings.Join(ws, " ")
}

var syllables = strings.Fields("ka lo mi re tu sa ne vo pi da ru ze ko fa li to gu be ni sho ran vel dor kin tas mel por")

// pseudoWord is the made-up word of rank k: distinct for every k.
func pseudoWord(k uint64) string {
	var b strings.Builder
	for {
		b.WriteString(syllables[k%uint64(len(syllables))])
		k /= uint64(len(syllables))
		if k == 0 {
			break
		}
	}
	return b.String()
}
