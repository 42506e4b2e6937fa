package makefile

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const root = "../.."

// TestMakefileCoversTests compares what the fuzz and golden targets of the
// Makefile name with the fuzz targets and -update flags of the _test.go
// files of the repository.
func TestMakefileCoversTests(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(root, "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	recipes := parseRecipes(string(data))
	fuzzTargets, updatePkgs := scanTests(t)

	var fuzzMake []string
	for _, line := range recipes["fuzz"] {
		if name, pkg := fuzzCommand(line); name != "" {
			fuzzMake = append(fuzzMake, pkg+" "+name)
		}
	}
	var goldenMake []string
	for _, line := range recipes["golden"] {
		if strings.Contains(line, " -update") {
			goldenMake = append(goldenMake, packages(line)...)
		}
	}
	tests := []struct {
		target     string
		make, code []string
		what       string
	}{
		{"fuzz", fuzzMake, fuzzTargets, "func Fuzz… in a _test.go file"},
		{"golden", goldenMake, updatePkgs, `flag.Bool("update", …) in a _test.go file`},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			if len(tt.code) == 0 {
				t.Fatalf("found no %s: the scan is broken", tt.what)
			}
			slices.Sort(tt.make)
			tt.make = slices.Compact(tt.make)
			if diff := cmp.Diff(tt.code, tt.make); diff != "" {
				t.Errorf("`make %s` does not run what the tests hold: add a line for each -, drop each + (-found in the code +in the Makefile):\n%s", tt.target, diff)
			}
		})
	}
}

// parseRecipes returns the recipe lines of each target of a Makefile, with
// "$$" read as "$".
func parseRecipes(makefile string) map[string][]string {
	out := map[string][]string{}
	target := ""
	for _, line := range strings.Split(makefile, "\n") {
		switch {
		case strings.HasPrefix(line, "\t"):
			if target != "" {
				out[target] = append(out[target], strings.ReplaceAll(strings.TrimSpace(line), "$$", "$"))
			}
		case strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "":
		default:
			target = ""
			if name, _, ok := strings.Cut(line, ":"); ok && !strings.ContainsAny(name, "=$ \t") {
				target = name
			}
		}
	}
	return out
}

var (
	fuzzFlag = regexp.MustCompile(`-fuzz\s+'?\^?(Fuzz\w+)\$?'?(\s|$)`)
	pkgArg   = regexp.MustCompile(`(^|\s)(\./[\w./-]*)`)
)

// fuzzCommand returns the fuzz target and the package of a `go test -fuzz`
// line, or "".
func fuzzCommand(line string) (name, pkg string) {
	m := fuzzFlag.FindStringSubmatch(line)
	pkgs := packages(line)
	if m == nil || len(pkgs) != 1 {
		return "", ""
	}
	return m[1], pkgs[0]
}

// packages returns the package arguments ("./x/y") of a go command line, in
// the form "x/y" ("." for the module root).
func packages(line string) []string {
	var out []string
	for _, m := range pkgArg.FindAllStringSubmatch(line, -1) {
		out = append(out, filepath.ToSlash(filepath.Clean(m[2])))
	}
	return out
}

// scanTests returns "pkg FuzzName" for every fuzz target of the
// repository and every package declaring an -update flag, sorted.
func scanTests(t *testing.T) (fuzz, update []string) {
	t.Helper()
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, filepath.Dir(p))
		if err != nil {
			return err
		}
		pkg := filepath.ToSlash(rel)
		for _, decl := range f.Decls {
			if fn, ok := decl.(*ast.FuncDecl); ok && fn.Recv == nil && strings.HasPrefix(fn.Name.Name, "Fuzz") {
				fuzz = append(fuzz, pkg+" "+fn.Name.Name)
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if isUpdateFlag(n) {
				update = append(update, pkg)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(fuzz)
	slices.Sort(update)
	return fuzz, slices.Compact(update)
}

// isUpdateFlag reports whether n is a call flag.Bool("update", …).
func isUpdateFlag(n ast.Node) bool {
	call, ok := n.(*ast.CallExpr)
	if !ok || len(call.Args) == 0 {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Bool" {
		return false
	}
	if x, ok := sel.X.(*ast.Ident); !ok || x.Name != "flag" {
		return false
	}
	lit, ok := call.Args[0].(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return false
	}
	s, err := strconv.Unquote(lit.Value)
	return err == nil && s == "update"
}
