package generator

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"testing"
	"testing/fstest"
	"time"

	"github.com/handbook-dev/handbook/generator/config"
	"github.com/handbook-dev/handbook/generator/content"
	"github.com/handbook-dev/handbook/generator/history"
	"github.com/handbook-dev/handbook/generator/history/gittest"
	"github.com/handbook-dev/handbook/generator/site"
)

// Size of the synthetic repository of BenchmarkHistory: 10,000 pages, and
// as many commits again touching three pages each, on top of the commit
// that added them all (40,000 file changes in the log).
const (
	benchPages   = 10000
	benchCommits = 10000
	benchTouches = 3
)

// benchPage is the text of page i at revision rev.
func benchPage(i, rev int) string {
	return fmt.Sprintf("---\ntitle: Page %d\ndescription: A synthetic page.\n---\n## Section\n\nRevision %d of page %d, with a [link](../area-%02d/page-%05d.md).\n\n- one\n- two\n",
		i, rev, i, (i+1)%100, (i+1)%benchPages)
}

func benchPath(i int) string { return fmt.Sprintf("content/area-%02d/page-%05d.md", i%100, i) }

// benchRepo writes the synthetic repository with git fast-import (a
// commit per git run would take minutes) and returns its folder and the
// pages' last versions.
func benchRepo(b *testing.B) (string, fstest.MapFS) {
	b.Helper()
	dir := b.TempDir()
	if out, err := gitCmd(dir, "init", "-q", "-b", "main").CombinedOutput(); err != nil {
		b.Fatalf("git init: %v\n%s", err, out)
	}
	final := fstest.MapFS{"handbook.yaml": {Data: []byte("title: Bench\nrepo_url: https://example.com/org/handbook\n")}}
	rev := make([]int, benchPages)
	start := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
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
	file := func(path, data string) {
		fmt.Fprintf(w, "M 100644 inline %s\ndata %d\n%s\n", path, len(data), data)
	}
	commit := func(n int, msg string) {
		when := start.Add(time.Duration(n) * time.Hour).Unix()
		fmt.Fprintf(w, "commit refs/heads/main\ncommitter Ada Author <ada@example.com> %d +0000\ndata %d\n%s\n", when, len(msg), msg)
	}
	commit(0, "Add every page")
	file("handbook.yaml", string(final["handbook.yaml"].Data))
	for i := range benchPages {
		file(benchPath(i), benchPage(i, 0))
	}
	for n := 1; n <= benchCommits; n++ {
		commit(n, fmt.Sprintf("Revise pages, change %d", n))
		for k := range benchTouches {
			i := (n*7919 + k*104729) % benchPages
			rev[i]++
			file(benchPath(i), benchPage(i, rev[i]))
		}
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	in.Close()
	if err := imp.Wait(); err != nil {
		b.Fatalf("git fast-import: %v\n%s", err, stderr.String())
	}
	for i := range benchPages {
		final[benchPath(i)] = &fstest.MapFile{Data: []byte(benchPage(i, rev[i]))}
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
		tree, err := content.Load(final, ContentDir)
		if err != nil {
			b.Fatal(err)
		}
		s, err := site.Build(tree.Files, site.Options{ContentDir: ContentDir})
		if err != nil {
			b.Fatal(err)
		}
		return cfg, s
	}
	report := func(b *testing.B, start time.Time) {
		per := time.Since(start) / time.Duration(b.N)
		b.ReportMetric(float64(per.Microseconds())/1000, "ms/build")
		b.ReportMetric(float64(per.Nanoseconds())/benchPages, "ns/page")
	}

	b.Run("log", func(b *testing.B) {
		var commits int
		start := time.Now()
		for b.Loop() {
			repo, err := history.Open(ctx, dir)
			if err != nil {
				b.Fatal(err)
			}
			l, err := repo.Log(ctx, "HEAD", ContentDir)
			if err != nil {
				b.Fatal(err)
			}
			commits = len(l.Commits)
		}
		report(b, start)
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
			model, _, err := careerPages(s)
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			t := time.Now()
			h, err := historyPages(ctx, cfg, s, model, Options{Repo: repo})
			elapsed += time.Since(t)
			if err != nil {
				b.Fatal(err)
			}
			if len(h.view.Pages) < benchPages {
				b.Fatalf("%d pages with history", len(h.view.Pages))
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
			start := time.Now()
			for b.Loop() {
				if _, err := Generate(ctx, final, Options{Repo: repo}); err != nil {
					b.Fatal(err)
				}
			}
			report(b, start)
		})
	}
}

func gitCmd(dir string, args ...string) *exec.Cmd {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	cmd.Env = gittest.Env(time.Time{})
	return cmd
}
