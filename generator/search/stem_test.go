package search

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// TestStemReference checks Stem against Snowball's own English output for
// the words of testdata/stem.txt.
func TestStemReference(t *testing.T) {
	pairs := readStemPairs(t)
	if len(pairs) < 3000 {
		t.Fatalf("testdata/stem.txt holds %d words, want the whole sample", len(pairs))
	}
	bad := 0
	for _, p := range pairs {
		if got := Stem(p[0]); got != p[1] {
			bad++
			if bad <= 20 {
				t.Errorf("Stem(%q) = %q, want %q", p[0], got, p[1])
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d words stem wrongly", bad, len(pairs))
	}
}

func readStemPairs(t *testing.T) [][2]string {
	t.Helper()
	f, err := os.Open("testdata/stem.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var pairs [][2]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		w, s, ok := strings.Cut(line, " ")
		if !ok {
			t.Fatalf("testdata/stem.txt: bad line %q", line)
		}
		pairs = append(pairs, [2]string{w, s})
	}
	return pairs
}

// TestStem covers the words of the handbook the issue names and the edges
// of the algorithm.
func TestStem(t *testing.T) {
	for _, c := range []struct{ word, want string }{
		{"mentoring", "mentor"}, {"mentor", "mentor"}, {"mentors", "mentor"}, {"mentored", "mentor"},
		{"incidents", "incid"}, {"incident", "incid"}, {"decisions", "decis"}, {"decision", "decis"},
		{"engineering", "engin"}, {"engineers", "engin"}, {"responsibilities", "respons"},
		{"generously", "generous"}, {"communication", "communic"}, {"skies", "sky"}, {"dying", "die"},
		{"news", "news"}, {"succeeding", "succeed"}, {"cried", "cri"}, {"ties", "tie"},
		{"hopping", "hop"}, {"hoping", "hope"}, {"yelling", "yell"}, {"sayings", "say"},
		// Not English words a-z: unchanged.
		{"a", "a"}, {"is", "is"}, {"k8s", "k8s"}, {"résumé", "résumé"}, {"数据", "数据"}, {"", ""},
	} {
		if got := Stem(c.word); got != c.want {
			t.Errorf("Stem(%q) = %q, want %q", c.word, got, c.want)
		}
	}
}

// TestBase: the verb and noun forms a question may use meet in one term;
// words whose pairs mean different things stay apart.
func TestBase(t *testing.T) {
	for _, group := range [][]string{
		{"approve", "approves", "approved", "approving", "approval"},
		{"lead", "leads", "leading"},
		{"become", "becoming", "becomes"},
		{"decide", "decides", "decided", "deciding", "decision", "decisions", "decisive"},
		{"permit", "permits", "permitted", "permission"},
		{"describe", "described", "description"},
		{"assume", "assumption"},
		{"reduce", "reduction"},
		{"receive", "reception"},
		{"solve", "solution"},
		{"conclude", "conclusion"},
		{"revise", "revision"},
	} {
		want := Base(group[0])
		for _, w := range group[1:] {
			if got := Base(w); got != want {
				t.Errorf("Base(%q) = %q, Base(%q) = %q: want one term", w, got, group[0], want)
			}
		}
	}
	for _, pair := range [][2]string{{"respond", "responsibility"}, {"intend", "intense"}, {"post", "posture"},
		{"lead", "leadership"}, {"bus", "bud"}, {"review", "revise"}} {
		if Base(pair[0]) == Base(pair[1]) {
			t.Errorf("Base(%q) = Base(%q) = %q: want them apart", pair[0], pair[1], Base(pair[0]))
		}
	}
	// Not English words a-z, and short stems: as Stem leaves them.
	for _, w := range []string{"k8s", "résumé", "数据", "'the", "is", "focus"} {
		if got, want := Base(w), conflate(Stem(w)); got != want || (w != "focus" && got != Stem(w)) {
			t.Errorf("Base(%q) = %q", w, got)
		}
	}
}
