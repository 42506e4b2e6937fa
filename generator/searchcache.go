package generator

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/handbook-dev/handbook/generator/config"
	"github.com/handbook-dev/handbook/generator/content"
	"github.com/handbook-dev/handbook/generator/search"
	"github.com/handbook-dev/handbook/generator/site"
	"github.com/handbook-dev/handbook/generator/source"
	"github.com/handbook-dev/handbook/internal/parallel"
)

// searchCache keeps the search index of the last in-memory build that
// Search made, so that the next query on unchanged sources opens it
// instead of building the site again. The index lives in dir/<sum>/,
// where sum hashes every input of the build (inputsSum); a query on
// changed sources finds no folder of its sum, builds, and replaces the
// old folder with its own.
type searchCache struct{ dir string }

// open opens the index of sum; ok is false when there is none (or it
// cannot be read, which is no worse than no cache).
func (c searchCache) open(sum string) (*search.Searcher, bool) {
	dir := filepath.Join(c.dir, sum)
	s, err := search.Open(func(name string) ([]byte, error) {
		return os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	})
	return s, err == nil
}

// store writes the index files of sum and removes the other sums'. It
// writes into a temporary folder renamed into place, so that a query
// running at the same time never sees half an index.
func (c searchCache) store(sum string, files map[string][]byte) error {
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(c.dir, ".tmp-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	for name, data := range files {
		p := filepath.Join(tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, filepath.Join(c.dir, sum)); err != nil {
		// Another query may have stored the same sum first: its index
		// is as good.
		if _, serr := os.Stat(filepath.Join(c.dir, sum, "manifest.json")); serr != nil {
			return err
		}
	}
	old, err := os.ReadDir(c.dir)
	if err != nil {
		return err
	}
	for _, e := range old {
		if e.Name() != sum && e.Name() != statsFile && !strings.HasPrefix(e.Name(), ".tmp-") {
			os.RemoveAll(filepath.Join(c.dir, e.Name()))
		}
	}
	return nil
}

// inputsSum hashes what a build of the project reads and what decides
// how: the program itself (its size and time: a new binary may index
// differently), the options, handbook.yaml, every file of content/ that a
// build reads (content.Walk's rules), the site's themes/ folder, and the
// commit checked out (page history). Two equal sums build equal indexes.
// It also returns the configuration it read, for the base URL of a
// search answered from the cache.
//
// stats, when not nil, spares reading the files whose status is the one
// it recorded (fileStats), and is updated with this run's files.
func (p *Project) inputsSum(ctx context.Context, stats *fileStats) (string, *config.Config, error) {
	start := time.Now()
	h := sha256.New()
	field := func(ss ...string) {
		for _, s := range ss {
			fmt.Fprintf(h, "%d:%s", len(s), s)
		}
	}
	field("handbook search cache", strconv.Itoa(search.Version))
	if exe, err := os.Executable(); err == nil {
		if fi, err := os.Stat(exe); err == nil {
			field(exe, strconv.FormatInt(fi.Size(), 10), fi.ModTime().UTC().String())
		}
	}
	field(p.opts.BaseURL, strconv.FormatBool(p.opts.Drafts), strconv.FormatBool(p.opts.Strict))
	// History adds sections to some pages (the home page's "What changed").
	if repo, _ := p.history(ctx); repo != nil {
		head, _ := repo.Resolve(ctx, "HEAD") // "" before the first commit
		field("HEAD", head)
	}
	names := []string{config.FileName}
	direct := []bool{true} // reached through no link: at p.dir/name
	cfg, err := config.Load(p.fsys)
	if err != nil {
		return "", nil, err
	}
	ignore, err := ignoreList(cfg)
	if err != nil {
		return "", nil, err
	}
	content.Walk(p.fsys, site.ContentDir, "", ignore, func(e content.Entry) {
		names = append(names, path.Join(site.ContentDir, e.Path))
		direct = append(direct, !e.Link && e.Err == nil)
	})
	err = fs.WalkDir(p.fsys, ThemesDir, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && name == ThemesDir {
				return nil
			}
			return err
		}
		if !d.IsDir() {
			names = append(names, name)
			direct = append(direct, !source.IsLink(d))
		}
		return nil
	})
	if err != nil {
		return "", nil, err
	}
	// Reading the files is most of the work. A file whose status is the
	// one recorded with its sum last time is not read again (stats); the
	// others are read on all CPUs, and the files' sums are hashed in order.
	sums := make([][sha256.Size]byte, len(names))
	missing := make([]bool, len(names))
	keys := make([]string, len(names))
	err = parallel.For(ctx, len(names), func(_ context.Context, i int) error {
		var data []byte
		var err error
		if direct[i] && p.dir != "" {
			real := filepath.Join(p.dir, filepath.FromSlash(names[i]))
			if keys[i] = statKey(real); keys[i] != "" {
				if sum, ok := stats.known(names[i], keys[i]); ok {
					sums[i] = sum
					return nil
				}
			}
			data, err = os.ReadFile(real)
		} else {
			data, err = fs.ReadFile(p.fsys, names[i])
		}
		switch {
		case errors.Is(err, fs.ErrNotExist):
			missing[i] = true
			keys[i] = ""
			return nil
		case err != nil:
			return err
		}
		sums[i] = sha256.Sum256(data)
		return nil
	})
	if err != nil {
		return "", nil, err
	}
	for i, name := range names {
		field(name, strconv.FormatBool(missing[i]))
		h.Write(sums[i][:])
	}
	stats.update(names, keys, sums, start)
	return hex.EncodeToString(h.Sum(nil)[:16]), cfg, nil
}
