package watch

import (
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// poller is the Source that compares the files' size, mode and
// modification time on a timer.
type poller struct {
	root     string
	paths    []string
	interval time.Duration
	events   chan string
	errs     chan error
	done     chan struct{}
	wg       sync.WaitGroup
	once     sync.Once
}

type fileState struct {
	size int64
	mod  time.Time
	mode fs.FileMode
}

// Poll returns a Source that looks for changes under paths every interval.
// It works wherever files can be read, file events or not.
func Poll(root string, paths []string, interval time.Duration) (Source, error) {
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	p := &poller{root: root, paths: paths, interval: interval, events: make(chan string), errs: make(chan error, 16), done: make(chan struct{})}
	prev := p.scan()
	p.wg.Add(1)
	go p.run(prev)
	return p, nil
}

func (p *poller) Events() <-chan string { return p.events }
func (p *poller) Errors() <-chan error  { return p.errs }

func (p *poller) Close() error {
	p.once.Do(func() {
		close(p.done)
		p.wg.Wait()
		close(p.events)
		close(p.errs)
	})
	return nil
}

func (p *poller) run(prev map[string]fileState) {
	defer p.wg.Done()
	t := time.NewTicker(p.interval)
	defer t.Stop()
	for {
		select {
		case <-p.done:
			return
		case <-t.C:
		}
		cur := p.scan()
		for rel, st := range cur {
			if old, ok := prev[rel]; !ok || old != st {
				if !p.send(rel) {
					return
				}
			}
		}
		for rel := range prev {
			if _, ok := cur[rel]; !ok {
				if !p.send(rel) {
					return
				}
			}
		}
		prev = cur
	}
}

func (p *poller) send(rel string) bool {
	select {
	case p.events <- rel:
		return true
	case <-p.done:
		return false
	}
}

// scan records every file and folder under the watched paths.
func (p *poller) scan() map[string]fileState {
	m := map[string]fileState{}
	for _, top := range p.paths {
		_ = filepath.WalkDir(filepath.Join(p.root, filepath.FromSlash(top)), func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			r, err := filepath.Rel(p.root, name)
			if err != nil {
				return nil
			}
			rel := filepath.ToSlash(r)
			if Ignored(rel) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			info, err := os.Stat(name) // follows a link to a file, as the build does
			if err != nil {
				return nil
			}
			st := fileState{mode: info.Mode()}
			if !info.IsDir() {
				st.size, st.mod = info.Size(), info.ModTime()
			}
			m[rel] = st
			return nil
		})
	}
	return m
}
