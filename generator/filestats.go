package generator

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// fileStats remembers the sum of each file that inputsSum read, with the
// file's status then (statKey: size, times, inode), as git's index does:
// a file whose status is unchanged is not read again. A file changed
// within racyWindow of the reading is not remembered, as a change in the
// same tick of the file system's clock would not change its times.
type fileStats struct {
	m       map[string]statEntry
	changed bool
	// racy is how recent a change is too recent to trust: racyWindow,
	// less in tests that trust what they just wrote.
	racy time.Duration
}

type statEntry struct {
	key string
	sum [sha256.Size]byte
}

const racyWindow = 2 * time.Second

// statsFile is the name of the stats in a search cache folder.
const statsFile = "files"

// loadStats reads the stats kept in dir; empty when there are none or
// they are damaged.
func loadStats(dir string) *fileStats {
	s := &fileStats{m: map[string]statEntry{}, racy: racyWindow}
	data, err := os.ReadFile(filepath.Join(dir, statsFile))
	if err != nil {
		return s
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		sum, rest, ok1 := strings.Cut(sc.Text(), " ")
		key, name, ok2 := strings.Cut(rest, " ")
		var e statEntry
		if n, err := hex.Decode(e.sum[:], []byte(sum)); !ok1 || !ok2 || err != nil || n != sha256.Size {
			return &fileStats{m: map[string]statEntry{}, changed: true, racy: racyWindow} // damaged: start again
		}
		e.key = key
		s.m[name] = e
	}
	return s
}

// known returns the sum recorded for name when its status is still key.
func (s *fileStats) known(name, key string) ([sha256.Size]byte, bool) {
	if s == nil {
		return [sha256.Size]byte{}, false
	}
	e, ok := s.m[name]
	return e.sum, ok && e.key == key
}

// update replaces the stats with the files just summed: names, their
// status keys ("" for none: not remembered) and sums. Entries whose key
// says they changed after start less the racy window are left out.
func (s *fileStats) update(names, keys []string, sums [][sha256.Size]byte, start time.Time) {
	if s == nil {
		return
	}
	m := make(map[string]statEntry, len(names))
	for i, name := range names {
		if keys[i] == "" || strings.ContainsAny(name, "\n\r") || !statBefore(keys[i], start.Add(-s.racy)) {
			continue
		}
		e := statEntry{key: keys[i], sum: sums[i]}
		if old, ok := s.m[name]; !ok || old != e {
			s.changed = true
		}
		m[name] = e
	}
	if len(m) != len(s.m) {
		s.changed = true
	}
	s.m = m
}

// save writes the stats into dir when they changed, through a temporary
// file renamed into place.
func (s *fileStats) save(dir string) error {
	if s == nil || !s.changed {
		return nil
	}
	var b bytes.Buffer
	for name, e := range s.m {
		b.WriteString(hex.EncodeToString(e.sum[:]))
		b.WriteByte(' ')
		b.WriteString(e.key)
		b.WriteByte(' ')
		b.WriteString(name)
		b.WriteByte('\n')
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".tmp-files-")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(b.Bytes()); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), filepath.Join(dir, statsFile))
}
