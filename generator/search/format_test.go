package search

import (
	"slices"
	"strings"
	"testing"
)

// The dictionary lines and the strings of sections read back as written.
func TestFormatRoundTrip(t *testing.T) {
	for _, c := range []struct {
		stem  string
		idf   int
		words string
		line  string
	}{
		{"mentor", 31, "mentoring mentors mentorship", "mentor 31 ing s ship"},
		{"happi", 40, "happy happiness", "happi 40 1y ness"},
		{"make", 18, "makes making", "make 18 s 1ing"},
		{"same", 20, "", "same 20"},
		{"résumé", 7, "résum2 résumés", "résumé 7 1.2 s"},
		{"ab", 3, "x9", "ab 3 2x9"},
		{"ab", 3, "a12", "ab 3 1.12"},
		{"ab", 3, "ab9", "ab 3 0.9"},
	} {
		line := string(appendDictTerm(nil, c.stem, c.idf, c.words))
		if line != c.line {
			t.Errorf("appendDictTerm(%q, %d, %q) = %q, want %q", c.stem, c.idf, c.words, line, c.line)
		}
		stem, idf, words := parseDictTerm(line)
		want := strings.Fields(c.words)
		if stem != c.stem || idf != c.idf || !slices.Equal(words, want) && (len(words) > 0 || len(want) > 0) {
			t.Errorf("parseDictTerm(%q) = %q, %d, %q", line, stem, idf, words)
		}
	}

	ids := []int32{0, 1, 2, 5, 105, 106, 2106}
	vals := []uint8{3, 0, 12, 16 + 4, 15*16 + 12, 2 * 16, 1}
	var b []byte
	prev := int32(0)
	for i, id := range ids {
		b = appendSection(b, id-prev, vals[i])
		prev = id
	}
	if want := "0dam3Ae100OmBa2000b"; string(b) != want {
		t.Errorf("sections %q, want %q", b, want)
	}
	var gotIDs []int32
	var gotVals []uint8
	parseSections(string(b), func(id, v int) {
		gotIDs = append(gotIDs, int32(id))
		gotVals = append(gotVals, uint8(v))
	})
	if !slices.Equal(gotIDs, ids) || !slices.Equal(gotVals, vals) {
		t.Errorf("parseSections: %v %v, want %v %v", gotIDs, gotVals, ids, vals)
	}
}

// The shards of stems by their ends read back as written, each stem as
// the number of last letters it shares with the one before and the rest.
func TestEndsRoundTrip(t *testing.T) {
	for _, c := range []struct {
		stems []string
		want  string
	}{
		{[]string{"data", "beta", "meta"}, "0data2be3m"},
		{[]string{"mentor", "rotor"}, "0mentor3ro"},
		{[]string{"señor", "mentor"}, "0señor2ment"},
		{[]string{"same", "same"}, "0same4"},
		{nil, ""},
	} {
		got := string(appendEnds(nil, c.stems))
		if got != c.want {
			t.Errorf("appendEnds(%q) = %q, want %q", c.stems, got, c.want)
		}
		if back := parseEnds(got); !slices.Equal(back, c.stems) {
			t.Errorf("parseEnds(%q) = %q, want %q", got, back, c.stems)
		}
	}
}
