// Package search builds the handbook's full-text index and answers queries
// from it, in the terminal (handbook search) and, through a port of the
// same code in the theme's search.js, in the browser.
//
// # Documents
//
// A document is a section of a page: the text from one h2 or h3 heading
// with an id to the next (ExtractSections), so a result links to the
// heading that answers the query, not to the top of a long page. Role items
// (<li id=...>) belong to the section they are listed in; an element
// marked data-search-heading (a glossary term, an area of a role's
// authority) is a section of its own. Each section is indexed under three
// fields: the page title, its own heading and its text.
//
// # Terms
//
// Text is split into words (letters, digits and marks), lower-cased and
// stripped of accents; a hyphenated word also gives its joined form
// ("on-call" → "oncall"); stop words are dropped, but for titles and
// headings, where they are indexed apart (stopTerm); every English word is
// reduced to its base (Base): its Porter2 stem (Stem), with the endings
// Porter2 leaves apart joined, so that "decide" and "decision" meet.
// Chinese, Japanese and Korean text, which has no spaces, is indexed as
// overlapping character pairs.
//
// # Queries
//
// A query is split the same way (ParseQuery). Its stop words are left out
// unless it holds nothing else or quotes them. A question (Question, the
// rules of ask.go) also names the topic of the sections that answer it:
// "who approves…" the decision rights (TopicDecide), "become…", "path
// to…" the roles a role is reached from (TopicPath), "next step…" those it
// leads to (TopicNext), "how do I…" the guides (TopicHowTo); a page names
// the topics of its sections (Page.Topics).
//
// # Files
//
// Index writes the index as static JSON files, split so that a query
// downloads only what it needs:
//
//	manifest.json     counts, dictionary shard keys, stop words, filters,
//	                  boosts, the question rules, the topics' weights
//	d/<key>.json      the dictionary of the terms starting with <key>: a
//	                  line for each stem with its weight (idf) and the
//	                  words it stands for
//	p/<key>-<n>.json  the postings of a run of those stems: the sections
//	                  holding each stem (heading size, text weight), as a
//	                  string of digits and letters, and the pages whose
//	                  title holds it
//	e/<key>.json      the stems ending in <key>, for typos in a word's
//	                  first letters (e/_.json: all of them, in a small index)
//	topics.json       the sections of each topic
//	s/<n>.json        what a result shows of sections n×chunk on (chunk is
//	                  in the manifest): URL, page title, heading, text
//
// A dictionary shard covers the terms of one first letter, or of two or
// three first letters when one letter would make it larger than
// DictShardBytes; a shard of stems by their ends, of their last letters
// likewise. docs/search.md describes the fields.
//
// # Ranking
//
// Every query word is matched against the dictionary: its stem exactly;
// as a prefix while it is being typed (the last word, no space after it,
// three letters or more); and, when it has neither and five letters or
// more, with one typo (an insertion, deletion, substitution or swap): in
// the shard of its first letters, and among the stems that end in the
// same three letters as its stem, for a typo in its first letters. In a
// question about who decides, the verb also matches the other verbs of a
// decision ("approves" finds "decides"). Sections are ordered by how many
// query words they match (all words first; the topic a question asks for
// counts as one more word in its sections), then by score: the sum over
// words of the best match's kind (exact 10, prefix 6, fuzzy 4) × the
// term's idf × where it is, scaled by the page's boost; ties go to the
// earlier section. Where a word is: the page title (40 at the top of the
// page, 30 in its other sections), the section's heading (25) or its text
// (9 to 20 by count and section length, as BM25); the best of these fields
// counts eight times, the others once (fieldScore). A title or heading
// that the query matches exactly, every word matching it and no term of
// it left over ("Senior Software Engineer", the glossary's "Postmortem"),
// scores more: 40 more for the title at the top of the page, 25 more for
// the heading, shared by the titles (headings) the query matches exactly.
// All arithmetic is on integers, so search.js ranks exactly as Searcher
// does.
package search

// Page is a rendered page to index.
type Page struct {
	URL   string // "/roles/senior-software-engineer/"
	Title string
	HTML  []byte // the rendered page; see ExtractSections
	// Kind, Track and Level are what results can be filtered by ("role",
	// "Individual contributor", "3"); empty when they do not apply.
	Kind, Track, Level string
	// Boost scales the scores of the page's sections, in percent; 0 means
	// 100. Pages that repeat others (comparisons) rank lower with less.
	Boost int
	// HeadingsOnly indexes the page's title and headings but only the text
	// at the top of the page, for pages whose text repeats other pages.
	HeadingsOnly bool
	// Topics names the kind of question sections answer (TopicDecide,
	// TopicPath, TopicHowTo), by the anchor of their heading: an h3 without
	// one of its own takes its h2's, a section without either the page's,
	// under "". A question asking for a topic ranks its sections first.
	Topics map[string]string
	// Data is text the page holds outside its HTML, such as the text of
	// its front-matter data (site.Page.Params): it is indexed as one more
	// section of the page, at its top, scored at DataBoost percent of the
	// page's boost, so that it finds the page below pages whose own text
	// has the words. At most MaxDataRunes of it are indexed.
	Data string
}

// The weight and the size of Page.Data.
const (
	DataBoost    = 60
	MaxDataRunes = 2000
)

// Sizes of the index files.
const (
	// ChunkSize is the number of sections per s/<n>.json file. A small
	// index is mostly read whole, and larger files compress better (128
	// rather than 32 sections a file takes the handbook's result files
	// from 78 to 64 KB gzipped); a large
	// one is read a result at a time, so its files are smaller: from
	// LargeIndex sections on, a file holds SmallChunkSize. 16 rather than
	// 8 halves the files a build writes (8,400 to 4,200 at 10,000 pages,
	// each a file creation in one folder), for 11 KB more on the largest
	// first query (63 to 74 KB gzipped, BenchmarkFirstQuery10k;
	// docs/performance.md).
	ChunkSize      = 128
	SmallChunkSize = 16
	LargeIndex     = 4096
	// DictShardBytes is the size above which a dictionary shard is split
	// by one more letter.
	DictShardBytes = 48 << 10
	// PostShardBytes is the size at which a postings file is closed, as
	// estimated from its counts (8 bytes a section, 12 a title; the
	// string of sections is about a third of that): about 2,000 postings,
	// so that a query reading a frequent term's file reads little else.
	PostShardBytes = 16 << 10
	// MaxPostings bounds the sections listed for one term: a term found in
	// more keeps the sections where it weighs most (heading, then count).
	MaxPostings = 2000
	// MaxTextRunes bounds the text kept for a section's snippet: the
	// snippet shows 180 of them around the first match. Text is most of
	// the index; 300 rather than 400 keeps the handbook's whole index
	// within its budget, and a match further in shows the section's start.
	MaxTextRunes = 300
)

// Scoring weights; search.js holds the same numbers.
const (
	weightExact  = 10
	weightPrefix = 6
	weightFuzzy  = 4

	scoreTitleTop = 40 // the page title, in the section at the top of the page
	scoreTitle    = 30 // the page title, in its other sections
	scoreHeading  = 25
	// The bonus of a title or heading that the query matches exactly
	// ("Senior Software Engineer", the glossary's "Postmortem"), shared
	// by the titles or headings it matches exactly.
	scoreTitleExact   = 40
	scoreHeadingExact = 25
	fieldTie          = 8 // see fieldScore

	maxPrefixTerms  = 8 // dictionary terms a word being typed expands to
	maxFuzzyTerms   = 4
	maxPrefixShards = 2 // dictionary shards a short prefix may read
	minPrefixRunes  = 3 // a shorter word being typed matches only exactly (CJK: 1)
	minFuzzyRunes   = 5

	// The score of the question's topic (Question) in a section that has
	// it: a word found in its heading, of the topic's weight.
	scoreTopic = scoreHeading
)

// fieldScore is the score of a word in a section from the scores of the
// fields that hold it (0 where a field does not): the best of them counts
// fieldTie times, the others once each, so a word is worth what its best
// field is worth and the other fields only break ties. Added up, the
// fields would let a section whose text repeats the words of its heading
// outrank a section with the same heading on the page whose title holds
// the query's other word ("decision rights staff").
func fieldScore(title, heading, text int) int {
	best := max(title, heading, text)
	return fieldTie*best + title + heading + text - best
}

// scoreText is the score of a term of weight w (textWeight, 1 to 12) in a
// section's text; 0 when it is not in the text.
func scoreText(w int) int {
	if w <= 0 {
		return 0
	}
	return 8 + w
}
