// Command bench measures handbook builds on synthetic corpora (package
// corpus) and prints one table: `make bench` runs it for 1,000 and 10,000
// pages, `make bench-large` for 10,000 and 100,000.
//
// For each size it writes a corpus to a temporary folder, then measures,
// each in a fresh child process (this program run again), so that peak
// memory is the build's own:
//
//	build      `handbook build` of the corpus to disk (generator.Build):
//	           wall time, pages per second, peak RSS (rusage maxrss)
//	floor      goldmark alone, with the Markdown extensions handbook uses
//	           (GFM, footnotes, definition lists, typographer, chroma
//	           highlighting with classes, heading ids), converting the same
//	           Markdown bodies on all CPUs; reading and splitting the files
//	           is not timed
//	edit       rebuild latency after one page edit: the time from writing
//	           the file to having the whole site in memory again with the
//	           incremental builder of `handbook serve` (generator.Builder),
//	           p50 and p95 over several edits of one ordinary page
//	search     bytes of the search index a browser downloads for its first
//	           query (manifest, dictionary and postings shards, result
//	           sections)
//	query      `handbook search` of the corpus (Project.Search with a
//	           cache folder, and one query): once without a cached index
//	           (a build in memory), then -runs times with the index the
//	           first left in the cache; wall time of the process and peak RSS
//	hugo       Debian's hugo on the same content with a minimal layout, when
//	           hugo is installed
//
// Build, floor and hugo run -runs times and the fastest run counts, which
// is the least disturbed by other work on the machine; peak RSS is the
// largest of the runs. Ratios compare figures of the same run of bench.
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"

	"github.com/handbook-dev/handbook/generator"
	"github.com/handbook-dev/handbook/generator/content"
	"github.com/handbook-dev/handbook/generator/search"
	"github.com/handbook-dev/handbook/internal/corpus"
	"github.com/handbook-dev/handbook/internal/parallel"
)

// SearchQuery is the first query of the search measurement: words every
// corpus uses.
const SearchQuery = "error budget runbook"

func main() {
	var (
		sizes = flag.String("sizes", "1000,10000", "corpus sizes in pages, comma-separated")
		runs  = flag.Int("runs", 3, "runs of each timed step; the fastest counts")
		edits = flag.Int("edits", 10, "page edits for the rebuild latency")
		dir   = flag.String("dir", "", "work folder (default: a temporary folder); each size's corpus and outputs are removed once measured")
		seed  = flag.Uint64("seed", 1, "corpus seed")
		child = flag.String("child", "", "internal: run one measurement (build, floor, edit) in this process")
		src   = flag.String("src", "", "internal: the site folder of -child")
		page  = flag.String("page", "", "internal: the page -child edit edits, relative to -src")
		dest  = flag.String("dest", "", "internal: the output folder of -child build")
	)
	flag.Parse()
	if *child != "" {
		if err := runChild(*child, *src, *dest, *page, *edits); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*sizes, *runs, *edits, *dir, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// figures are the results for one corpus size.
type figures struct {
	pages              int
	build, floor, hugo time.Duration
	// CPU time (user and system) of the same runs: less disturbed than
	// wall time by other work on the machine.
	buildCPU, floorCPU, hugoCPU time.Duration
	buildRSS, floorRSS          int64 // bytes
	hugoRSS                     int64
	built                       int // pages built
	editP50, editP95            time.Duration
	searchBytes, searchGzip     int
	searchFiles                 int
	searchErr                   string
	// handbook search: a fresh process without, then with, a current
	// cached index.
	queryCold, queryWarm       time.Duration
	queryColdRSS, queryWarmRSS int64
	err                        error // the measurement failed (out of memory, say)
}

func run(sizeList string, runs, edits int, dir string, seed uint64) error {
	var sizes []int
	for _, s := range strings.Split(sizeList, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < corpus.MinPages {
			return fmt.Errorf("bad size %q (at least %d pages)", s, corpus.MinPages)
		}
		sizes = append(sizes, n)
	}
	if dir == "" {
		tmp, err := os.MkdirTemp("", "handbook-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	hugo, _ := exec.LookPath("hugo")
	fmt.Printf("handbook bench: %s, %d CPUs (GOMAXPROCS %d), fastest of %d runs\n", runtime.GOARCH, runtime.NumCPU(), runtime.GOMAXPROCS(0), runs)
	var all []figures
	for i, n := range sizes {
		if i > 0 {
			// Let ext4 forget the files the previous size deleted (see
			// measure).
			time.Sleep(30 * time.Second)
		}
		f, err := measure(filepath.Join(dir, strconv.Itoa(n)), n, seed, runs, edits, hugo)
		if err != nil {
			// Say so in the table, and keep the sizes that worked.
			fmt.Fprintf(os.Stderr, "%d pages: %v\n", n, err)
			f.err = err
		}
		all = append(all, f)
		_ = os.RemoveAll(filepath.Join(dir, strconv.Itoa(n))) // a large corpus and its outputs take gigabytes
	}
	report(os.Stdout, all, hugo != "")
	return nil
}

func measure(dir string, n int, seed uint64, runs, edits int, hugo string) (figures, error) {
	f := figures{pages: n}
	site := filepath.Join(dir, "site")
	_ = os.RemoveAll(dir)
	fmt.Fprintf(os.Stderr, "%d pages: writing the corpus\n", n)
	c := corpus.New(corpus.Options{Pages: n, Seed: seed})
	if err := c.Write(context.Background(), site); err != nil {
		return f, err
	}
	// Each run writes into a folder of its own, deleted with the rest of
	// this size's files once it is measured: on ext4, creating files within
	// 30 s of deleting many others is several times slower (inode
	// allocation skips the recently deleted ones), which would make a run
	// pay for the one before.
	public := ""
	for i := range runs {
		// Floor and build alternate, so that a slow spell of the machine
		// hits both.
		fmt.Fprintf(os.Stderr, "%d pages: floor and build, run %d of %d\n", n, i+1, runs)
		var fr childResult
		rss, err := child(&fr, "floor", site)
		if err != nil {
			return f, err
		}
		f.floor = fastest(f.floor, fr.Duration)
		f.floorCPU = fastest(f.floorCPU, fr.CPU)
		f.floorRSS = max(f.floorRSS, rss)
		public = filepath.Join(dir, fmt.Sprintf("public-%d", i))
		var br childResult
		start := time.Now()
		rss, err = child(&br, "build", site, "-dest", public)
		if err != nil {
			return f, err
		}
		f.build = fastest(f.build, time.Since(start))
		f.buildCPU = fastest(f.buildCPU, br.CPU)
		f.buildRSS = max(f.buildRSS, rss)
		f.built = br.Pages
	}
	f.searchBytes, f.searchGzip, f.searchFiles, f.searchErr = searchBytes(filepath.Join(public, generator.SearchDir))
	if err := measureQuery(&f, site, filepath.Join(dir, "search-cache"), runs); err != nil {
		return f, err
	}
	if edits > 0 {
		fmt.Fprintf(os.Stderr, "%d pages: %d edits\n", n, edits)
		var er childResult
		args := []string{"-edits", strconv.Itoa(edits), "-page", c.Path(c.Leaf())}
		if _, err := child(&er, "edit", site, args...); err != nil {
			return f, err
		}
		f.editP50, f.editP95 = percentile(er.Edits, 50), percentile(er.Edits, 95)
	}
	if hugo != "" {
		hsite := filepath.Join(dir, "hugo")
		if err := hugoSite(hsite, filepath.Join(site, "content")); err != nil {
			return f, err
		}
		for i := range runs {
			fmt.Fprintf(os.Stderr, "%d pages: hugo, run %d of %d\n", n, i+1, runs)
			out := filepath.Join(dir, fmt.Sprintf("hugo-public-%d", i))
			cmd := exec.Command(hugo, "--quiet", "--source", hsite, "--destination", out)
			cmd.Stderr = os.Stderr
			start := time.Now()
			if err := runGuarded(cmd); err != nil {
				return f, fmt.Errorf("hugo: %w", err)
			}
			f.hugo = fastest(f.hugo, time.Since(start))
			f.hugoCPU = fastest(f.hugoCPU, cpuTime(cmd.ProcessState))
			f.hugoRSS = max(f.hugoRSS, maxRSS(cmd.ProcessState))
		}
	}
	return f, nil
}

// measureQuery times `handbook search` in fresh processes: the first
// finds no cached index and builds; the others open the one it left.
func measureQuery(f *figures, site, cache string, runs int) error {
	fmt.Fprintf(os.Stderr, "%d pages: handbook search, without and with a cached index\n", f.pages)
	for i := range runs + 1 {
		var res childResult
		start := time.Now()
		rss, err := child(&res, "query", site, "-dest", cache)
		if err != nil {
			return err
		}
		if i == 0 {
			f.queryCold, f.queryColdRSS = time.Since(start), rss
			continue
		}
		f.queryWarm = fastest(f.queryWarm, time.Since(start))
		f.queryWarmRSS = max(f.queryWarmRSS, rss)
	}
	return nil
}

func fastest(a, b time.Duration) time.Duration {
	if a == 0 || b < a {
		return b
	}
	return a
}

// childResult is what a child process reports on stdout, as JSON.
type childResult struct {
	Duration time.Duration
	CPU      time.Duration // of the measured work only for floor; of the process for build
	Pages    int
	Edits    []time.Duration
}

// child runs this program with -child what and decodes its result; it
// returns the child's peak RSS in bytes.
func child(res *childResult, what, site string, args ...string) (int64, error) {
	exe, err := os.Executable()
	if err != nil {
		return 0, err
	}
	cmd := exec.Command(exe, append([]string{"-child", what, "-src", site}, args...)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, os.Stderr
	if err := runGuarded(cmd); err != nil {
		return 0, fmt.Errorf("%s: %w", what, err)
	}
	if err := json.Unmarshal(out.Bytes(), res); err != nil {
		return 0, fmt.Errorf("%s: %w: %q", what, err, out.String())
	}
	if res.CPU == 0 {
		res.CPU = cpuTime(cmd.ProcessState)
	}
	return maxRSS(cmd.ProcessState), nil
}

// cpuTime is the user and system time of a finished process.
func cpuTime(ps *os.ProcessState) time.Duration { return ps.UserTime() + ps.SystemTime() }

// selfCPU is the user and system time of this process so far.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// MinAvailable is the memory the machine must keep free while a measured
// process runs: below it, the process is stopped and the run fails, rather
// than letting the kernel pick something to kill on a shared machine.
const MinAvailable = 1 << 30

// runGuarded runs cmd, stopping it if the machine runs short of memory.
func runGuarded(cmd *exec.Cmd) error {
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case err := <-done:
			return err
		case <-tick.C:
			if avail, ok := memAvailable(); ok && avail < MinAvailable {
				rss, _ := procRSS(cmd.Process.Pid)
				_ = cmd.Process.Kill()
				<-done
				return fmt.Errorf("stopped at %d MB resident: the machine had %d MB left (MinAvailable is %d MB)",
					rss>>20, avail>>20, MinAvailable>>20)
			}
		}
	}
}

// memAvailable reads MemAvailable from /proc/meminfo, in bytes.
func memAvailable() (int64, bool) {
	return procField("/proc/meminfo", "MemAvailable:")
}

// procRSS reads a process's resident set size, in bytes.
func procRSS(pid int) (int64, bool) {
	return procField(fmt.Sprintf("/proc/%d/status", pid), "VmRSS:")
}

// procField reads a "Key: N kB" line of a /proc file.
func procField(file, key string) (int64, bool) {
	data, err := os.ReadFile(file)
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, key); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10, err == nil
		}
	}
	return 0, false
}

// maxRSS is a finished process's peak resident set in bytes (Linux
// reports rusage maxrss in KiB).
func maxRSS(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return int64(ru.Maxrss) * 1024
	}
	return 0
}

func runChild(what, site, dest, page string, edits int) error {
	var res childResult
	switch what {
	case "build":
		st, err := generator.Open(context.Background(), site, generator.Options{Destination: dest}).Build(context.Background())
		if err != nil {
			return err
		}
		res.Duration, res.Pages = st.Duration, st.Pages
	case "floor":
		d, cpu, err := floor(site)
		if err != nil {
			return err
		}
		res.Duration, res.CPU = d, cpu
	case "query":
		ctx := context.Background()
		s, _, err := generator.Open(ctx, site, generator.Options{SearchCache: dest}).Search(ctx)
		if err != nil {
			return err
		}
		found, err := s.Search(SearchQuery, search.Options{})
		if err != nil {
			return err
		}
		if len(found) == 0 {
			return fmt.Errorf("no results for %q", SearchQuery)
		}
		res.Pages = len(found)
	case "edit":
		ds, err := editLatency(site, page, edits)
		if err != nil {
			return err
		}
		res.Edits = ds
	default:
		return fmt.Errorf("unknown -child %q", what)
	}
	return json.NewEncoder(os.Stdout).Encode(res)
}

// floor converts every Markdown body of the site with goldmark alone, on
// all CPUs, and returns how long the conversion took, in wall and CPU time.
func floor(site string) (time.Duration, time.Duration, error) {
	var bodies [][]byte
	root := filepath.Join(site, "content")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		f, err := content.Parse(p, data)
		if err != nil {
			return err
		}
		bodies = append(bodies, f.Body)
		return nil
	})
	if err != nil {
		return 0, 0, err
	}
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList, extension.Typographer,
			highlighting.NewHighlighting(
				highlighting.WithFormatOptions(chromahtml.WithClasses(true)),
				highlighting.WithGuessLanguage(false),
			)),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()),
	)
	start, cpu := time.Now(), selfCPU()
	err = parallel.For(context.Background(), len(bodies), func(_ context.Context, i int) error {
		var buf bytes.Buffer // kept, as a build keeps every page
		err := md.Convert(bodies[i], &buf)
		bodies[i] = buf.Bytes()
		return err
	})
	return time.Since(start), selfCPU() - cpu, err
}

// editLatency builds the site in memory once, as `handbook serve` does,
// then edits one page edits times, timing each from the write of the file
// to the rebuilt site.
func editLatency(site, page string, edits int) ([]time.Duration, error) {
	ctx := context.Background()
	b := generator.Open(ctx, site, generator.Options{}).Builder()
	if _, err := b.Build(ctx, nil); err != nil {
		return nil, err
	}
	file := filepath.Join(site, filepath.FromSlash(page))
	orig, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	defer os.WriteFile(file, orig, 0o644)
	var ds []time.Duration
	for i := range edits {
		start := time.Now()
		edited := append(slices.Clip(orig), fmt.Sprintf("\nEdit %d: the team revisits the runbook after every incident.\n", i)...)
		if err := os.WriteFile(file, edited, 0o644); err != nil {
			return nil, err
		}
		if _, err := b.Build(ctx, []string{page}); err != nil {
			return nil, err
		}
		ds = append(ds, time.Since(start))
	}
	return ds, nil
}

func percentile(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := (len(s)*p + 99) / 100
	return s[min(max(i-1, 0), len(s)-1)]
}

// searchBytes opens the built search index as a browser would and sums
// the files its first query downloads, as stored and gzipped (as a static
// host serves them).
func searchBytes(dir string) (raw, gz, files int, problem string) {
	if _, err := os.Stat(dir); err != nil {
		return 0, 0, 0, "n/a (search not built)"
	}
	s, err := search.Open(func(name string) ([]byte, error) {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		raw += len(data)
		gz += gzipSize(data)
		return data, err
	})
	if err != nil {
		return 0, 0, 0, "n/a (" + err.Error() + ")"
	}
	if _, err := s.Search(SearchQuery, search.Options{}); err != nil {
		return 0, 0, 0, "n/a (" + err.Error() + ")"
	}
	return raw, gz, len(s.Fetched()), ""
}

func gzipSize(data []byte) int {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, _ = zw.Write(data)
	_ = zw.Close()
	return buf.Len()
}

// hugoSite lays out a hugo site over the corpus content with a minimal
// layout: a page shows its title and content, a list its pages' titles.
func hugoSite(dir, content string) error {
	files := map[string]string{
		"config.yaml": `baseURL: https://handbook.example.com/
title: Synthetic Engineering Handbook
contentDir: ` + content + `
disableKinds: [taxonomy, term, RSS]
markup:
  highlight:
    noClasses: false
    guessSyntax: false
`,
		"layouts/_default/baseof.html": `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title></head>
<body><main>{{ block "main" . }}{{ end }}</main></body></html>
`,
		"layouts/_default/single.html": `{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}
`,
		"layouts/_default/list.html": `{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
`,
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func report(w io.Writer, all []figures, hugo bool) {
	mb := func(b int64) string { return fmt.Sprintf("%.0f MB", float64(b)/(1<<20)) }
	secs := func(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }
	ms := func(d time.Duration) string { return fmt.Sprintf("%.0f ms", float64(d)/float64(time.Millisecond)) }
	fmt.Fprintln(w)
	var ok []figures
	for _, f := range all {
		if f.err != nil {
			fmt.Fprintf(w, "%d pages: %v\n", f.pages, f.err)
			continue
		}
		ok = append(ok, f)
		fmt.Fprintf(w, "%d pages (%d built)\n", f.pages, f.built)
		fmt.Fprintf(w, "  build                 %s (CPU %s), %.0f pages/s, peak RSS %s\n", secs(f.build), secs(f.buildCPU), float64(f.built)/f.build.Seconds(), mb(f.buildRSS))
		fmt.Fprintf(w, "  floor (goldmark)      %s (CPU %s), peak RSS %s\n", secs(f.floor), secs(f.floorCPU), mb(f.floorRSS))
		fmt.Fprintf(w, "  build / floor         %.2f (CPU %.2f)\n", f.build.Seconds()/f.floor.Seconds(), f.buildCPU.Seconds()/f.floorCPU.Seconds())
		if f.editP50 > 0 {
			fmt.Fprintf(w, "  rebuild after 1 edit  p50 %s, p95 %s (incremental, in memory)\n", ms(f.editP50), ms(f.editP95))
		}
		if f.searchErr != "" {
			fmt.Fprintf(w, "  search, first query   %s\n", f.searchErr)
		} else {
			fmt.Fprintf(w, "  search, first query   %d bytes (%d gzipped) in %d files, for %q\n", f.searchBytes, f.searchGzip, f.searchFiles, SearchQuery)
		}
		fmt.Fprintf(w, "  handbook search       %s, peak RSS %s with a current cached index; %s, %s without\n",
			ms(f.queryWarm), mb(f.queryWarmRSS), ms(f.queryCold), mb(f.queryColdRSS))
		if hugo {
			fmt.Fprintf(w, "  hugo                  %s (CPU %s), peak RSS %s\n", secs(f.hugo), secs(f.hugoCPU), mb(f.hugoRSS))
			fmt.Fprintf(w, "  handbook / hugo       %.2f (CPU %.2f)\n", f.build.Seconds()/f.hugo.Seconds(), f.buildCPU.Seconds()/f.hugoCPU.Seconds())
		} else {
			fmt.Fprintf(w, "  hugo                  n/a (not installed: apt-get install hugo)\n")
		}
	}
	if len(ok) > 1 {
		a, b := ok[0], ok[len(ok)-1]
		scale := float64(b.pages) / float64(a.pages)
		fmt.Fprintf(w, "growth %d → %d pages (×%.0f): time ×%.1f, peak RSS ×%.1f\n", a.pages, b.pages, scale,
			b.build.Seconds()/a.build.Seconds(), float64(b.buildRSS)/float64(a.buildRSS))
	}
}
