package generator

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/handbook-dev/handbook/generator/career"
	"github.com/handbook-dev/handbook/generator/changes"
	"github.com/handbook-dev/handbook/generator/render"

	"github.com/handbook-dev/handbook/generator/config"
	"github.com/handbook-dev/handbook/generator/content"
	"github.com/handbook-dev/handbook/generator/history"
	"github.com/handbook-dev/handbook/generator/history/gittest"
	"github.com/handbook-dev/handbook/generator/site"
	"github.com/handbook-dev/handbook/internal/corpus"
)

// The synthetic repository of BenchmarkHistory: a 10,000-page corpus
// (package corpus) added in one commit, then as many commits again
// touching three pages each (40,000 file changes in the log).
const (
	benchPages   = 10000
	benchCommits = 10000
	benchTouches = 3
)

// benchRepo writes the synthetic repository with git fast-import (a
// commit per git run would take minutes) and returns its folder and the
// site's last version.
func benchRepo(b *testing.B) (string, fstest.MapFS) {
	b.Helper()
	dir := b.TempDir()
	if out, err := gitCmd(dir, "init", "-q", "-b", "main").CombinedOutput(); err != nil {
		b.Fatalf("git init: %v\n%s", err, out)
	}
	final := corpus.New(corpus.Options{Pages: benchPages, Seed: 1}).FS()
	final["handbook.yaml"].Data = append(final["handbook.yaml"].Data, "\nrepo_url: https://example.com/org/handbook\n"...)
	var pages []string
	for name := range final {
		if strings.HasPrefix(name, site.ContentDir+"/") && strings.HasSuffix(name, ".md") {
			pages = append(pages, name)
		}
	}
	slices.Sort(pages)

	imp := gitCmd(dir, "fast-import", "--quiet")
	in, err := imp.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	var stderr bytes.Buffer
	imp.Stderr = &stderr
	if err := imp.Start(); err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(in, 1<<20)
	start := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
	commit := func(n int, msg string) {
		fmt.Fprintf(w, "commit refs/heads/main\ncommitter Ada Author <ada@example.com> %d +0000\ndata %d\n%s\n",
			start.Add(time.Duration(n)*time.Hour).Unix(), len(msg), msg)
	}
	file := func(name string, data []byte) {
		fmt.Fprintf(w, "M 100644 inline %s\ndata %d\n%s\n", name, len(data), data)
	}
	commit(0, "Add every page")
	for name, f := range final {
		file(name, f.Data)
	}
	for n := 1; n <= benchCommits; n++ {
		commit(n, fmt.Sprintf("Revise pages, change %d", n))
		for k := range benchTouches {
			name := pages[(n*7919+k*104729)%len(pages)]
			f := final[name]
			f.Data = fmt.Appendf(f.Data, "\nRevised in change %d.\n", n)
			file(name, f.Data)
		}
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	in.Close()
	if err := imp.Wait(); err != nil {
		b.Fatalf("git fast-import: %v\n%s", err, stderr.String())
	}
	return dir, final
}

// BenchmarkHistory measures the history step of a 10,000-page build:
// opening the repository, the one git log run and its parsing ("log"),
// then also giving every page its history and building the changelog
// ("pages"). "build" compares whole builds with and without history.
func BenchmarkHistory(b *testing.B) {
	ctx := context.Background()
	dir, final := benchRepo(b)
	siteOf := func(b *testing.B) (*config.Config, *site.Site) {
		cfg, err := config.Load(final)
		if err != nil {
			b.Fatal(err)
		}
		tree, err := content.Load(final, site.ContentDir)
		if err != nil {
			b.Fatal(err)
		}
		s, err := site.New(tree.Files, site.Options{ContentDir: site.ContentDir})
		if err != nil {
			b.Fatal(err)
		}
		return cfg, s
	}
	// report adds the wall time and the CPU time (of the benchmark and of
	// git) per build, in ms, and the wall time per page.
	report := func(b *testing.B, start time.Time, cpu0 time.Duration) {
		per := time.Since(start) / time.Duration(b.N)
		b.ReportMetric(float64(per.Microseconds())/1000, "ms/build")
		b.ReportMetric(float64(per.Nanoseconds())/benchPages, "ns/page")
		b.ReportMetric(float64((cpuTime()-cpu0)/time.Duration(b.N)/time.Microsecond)/1000, "cpu-ms/build")
	}

	b.Run("log", func(b *testing.B) {
		var commits int
		start, cpu0 := time.Now(), cpuTime()
		for b.Loop() {
			repo, err := history.Open(ctx, dir)
			if err != nil {
				b.Fatal(err)
			}
			l, err := repo.Log(ctx, "HEAD", site.ContentDir)
			if err != nil {
				b.Fatal(err)
			}
			commits = len(l.Commits)
		}
		report(b, start, cpu0)
		b.ReportMetric(float64(commits), "commits")
	})

	b.Run("pages", func(b *testing.B) {
		repo, err := history.Open(ctx, dir)
		if err != nil {
			b.Fatal(err)
		}
		var elapsed time.Duration
		for b.Loop() {
			b.StopTimer()
			cfg, s := siteOf(b) // a fresh model: the step adds pages to it
			model, _, err := render.CareerPages(s, career.Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			t := time.Now()
			h, err := changes.Pages(ctx, changes.Inputs{Config: cfg, Site: s, Model: model, Repo: repo,
				Log: func(ctx context.Context, rev string) (*history.Log, error) {
					return repo.Log(ctx, rev, site.ContentDir)
				}})
			elapsed += time.Since(t)
			if err != nil {
				b.Fatal(err)
			}
			if len(h.View.Pages) < len(s.Pages)/2 {
				b.Fatalf("%d pages with history", len(h.View.Pages))
			}
		}
		per := elapsed / time.Duration(b.N)
		b.ReportMetric(float64(per.Microseconds())/1000, "ms/build")
		b.ReportMetric(float64(per.Nanoseconds())/benchPages, "ns/page")
	})

	for _, withHistory := range []bool{false, true} {
		b.Run(fmt.Sprintf("build/history=%v", withHistory), func(b *testing.B) {
			var repo *history.Repo
			if withHistory {
				var err error
				if repo, err = history.Open(ctx, dir); err != nil {
					b.Fatal(err)
				}
			}
			start, cpu0 := time.Now(), cpuTime()
			for b.Loop() {
				// As Build does: git log runs while the content is read
				// and rendered.
				_, err := OpenFS(final, repo, Options{}).Generate(ctx)
				if err != nil {
					b.Fatal(err)
				}
			}
			report(b, start, cpu0)
		})
	}
}

func gitCmd(dir string, args ...string) *exec.Cmd {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	cmd.Env = gittest.Env(time.Time{})
	return cmd
}
