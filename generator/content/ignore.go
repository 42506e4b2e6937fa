package content

import (
	"fmt"
	"path"
	"slices"
	"strings"
)

// DefaultIgnore lists the files of a content folder that are neither pages
// nor published, whatever handbook.yaml says, unless its ignore list
// takes one back with "!" ("!*.scss"): the files a repository keeps
// beside its Markdown for its tools (owners of each folder for code
// review) and the sources of what a page shows (stylesheets before they
// are compiled, drawings before they are exported as images). Hidden
// files and editors' scratch files are ignored anyway (Ignored).
var DefaultIgnore = []string{
	"CODEOWNERS", "CODENOTIFY", "OWNERS", "OWNERS_ALIASES",
	"*.scss", "*.sass", "*.less",
	"*.excalidraw", "*.drawio",
}

// Ignore is a compiled ignore list: glob patterns matched against paths
// under the content folder, as .gitignore matches them:
//
//   - a pattern without a slash matches a name at any depth ("*.scss",
//     "CODEOWNERS", "drafts");
//   - a pattern with a slash is anchored to the content folder
//     ("team/notes.txt", "/todo.md"); "**" matches any number of folders
//     ("**/old/*.md"), a trailing "/**" everything inside a folder
//     ("drafts/**");
//   - a trailing slash matches folders only ("drafts/");
//   - "*", "?" and "[a-z]" match within a name (path.Match);
//   - "!" takes back what an earlier pattern ignored ("!keep.scss");
//     the last pattern that matches decides. As in git, a file inside an
//     ignored folder cannot be taken back.
//
// A nil *Ignore is DefaultIgnore alone.
type Ignore struct {
	rules []ignoreRule
	src   []string // the patterns, for Equal
}

type ignoreRule struct {
	segs     []string // the pattern split at "/"
	anchored bool     // matched against the whole path, else the name
	dirOnly  bool
	negate   bool
}

// NewIgnore compiles DefaultIgnore followed by patterns (handbook.yaml's
// ignore list). A bad pattern gives an *IgnoreError.
func NewIgnore(patterns []string) (*Ignore, error) {
	all := append(slices.Clip(DefaultIgnore), patterns...)
	ig := &Ignore{src: all}
	for i, p := range all {
		r, err := compileIgnore(p)
		if err != nil {
			return nil, &IgnoreError{Index: i - len(DefaultIgnore), Pattern: p, Why: err.Error()}
		}
		ig.rules = append(ig.rules, r)
	}
	return ig, nil
}

// IgnoreError is a bad pattern of an ignore list.
type IgnoreError struct {
	Index   int // in the patterns given to NewIgnore
	Pattern string
	Why     string
}

func (e *IgnoreError) Error() string {
	return fmt.Sprintf("ignore pattern %q: %s", e.Pattern, e.Why)
}

func compileIgnore(p string) (ignoreRule, error) {
	var r ignoreRule
	if p = strings.TrimSpace(p); p == "" {
		return r, fmt.Errorf("an empty pattern")
	}
	if strings.HasPrefix(p, "!") {
		r.negate, p = true, p[1:]
	}
	if strings.HasSuffix(p, "/") {
		r.dirOnly, p = true, strings.TrimRight(p, "/")
	}
	r.anchored = strings.Contains(p, "/")
	p = strings.TrimPrefix(p, "/")
	if p == "" || strings.Contains(p, "\\") {
		return r, fmt.Errorf("not a path pattern (write slash paths under content/, such as drafts/** or *.scss)")
	}
	r.segs = strings.Split(p, "/")
	for _, s := range r.segs {
		if s == "." || s == ".." || s == "" {
			return r, fmt.Errorf("%q is not a name (write paths under content/ without . or .. or //)", s)
		}
		if s == "**" {
			continue
		}
		if _, err := path.Match(s, ""); err != nil {
			return r, fmt.Errorf("%v (a [ without its ]?)", err)
		}
	}
	return r, nil
}

// Match reports whether the path rel (slash-separated, relative to the
// content folder) is ignored by the list; dir says it is a folder. It
// does not look at the folders above rel: Walk skips an ignored folder
// whole.
func (ig *Ignore) Match(rel string, dir bool) bool {
	if ig == nil {
		ig = defaultIgnore
	}
	ignored := false
	segs := strings.Split(rel, "/")
	for _, r := range ig.rules {
		if r.dirOnly && !dir || ignored != r.negate {
			continue // cannot change the answer
		}
		var ok bool
		if r.anchored {
			ok = matchSegs(r.segs, segs)
		} else {
			ok = matchSegs(r.segs, segs[len(segs)-1:])
		}
		if ok {
			ignored = !r.negate
		}
	}
	return ignored
}

// MatchPath reports whether rel or a folder above it is ignored: what
// Walk would skip.
func (ig *Ignore) MatchPath(rel string) bool {
	for i := 0; i < len(rel); i++ {
		if rel[i] == '/' && ig.Match(rel[:i], true) {
			return true
		}
	}
	return ig.Match(rel, false)
}

// Equal reports whether two lists ignore the same files (same patterns).
func (ig *Ignore) Equal(other *Ignore) bool {
	if ig == nil {
		ig = defaultIgnore
	}
	if other == nil {
		other = defaultIgnore
	}
	return slices.Equal(ig.src, other.src)
}

var defaultIgnore = func() *Ignore {
	ig, err := NewIgnore(nil)
	if err != nil {
		panic(err) // DefaultIgnore is wrong
	}
	return ig
}()

// matchSegs matches pattern segments against path segments; "**" matches
// any number of them, none included, except at the end, where it matches
// at least one (everything inside the folder, not the folder).
func matchSegs(pat, segs []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			if len(pat) == 1 {
				return len(segs) > 0
			}
			for i := 0; i <= len(segs); i++ {
				if matchSegs(pat[1:], segs[i:]) {
					return true
				}
			}
			return false
		}
		if len(segs) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], segs[0]); !ok {
			return false
		}
		pat, segs = pat[1:], segs[1:]
	}
	return len(segs) == 0
}
