// Package progress shows how far a long build has got, on one terminal
// line: "rendering 4210/10015 pages". It stays silent for the first second,
// so quick builds print nothing but their summary, and it is meant for
// terminals only: the CLI leaves it out when stderr is not one (CI logs,
// pipes) or with --quiet.
package progress

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// Delay is how long a build runs before the meter shows.
const Delay = time.Second

// interval is the least time between two redraws.
const interval = 100 * time.Millisecond

// Meter draws the progress line. Its methods are safe for concurrent use.
type Meter struct {
	w     io.Writer
	start time.Time
	now   func() time.Time

	mu    sync.Mutex
	last  time.Time // last redraw
	width int       // of the line drawn, to clear it
}

// New returns a meter writing to w; the build starts now.
func New(w io.Writer) *Meter { return newMeter(w, time.Now) }

func newMeter(w io.Writer, now func() time.Time) *Meter {
	return &Meter{w: w, now: now, start: now()}
}

// Update reports that done of total pages went through stage
// ("converting", "rendering"). It redraws the line at most every 100 ms,
// and not before the build has run for Delay.
func (m *Meter) Update(stage string, done, total int) {
	t := m.now()
	if t.Sub(m.start) < Delay {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if t.Sub(m.last) < interval && done < total {
		return
	}
	m.last = t
	line := fmt.Sprintf("%s %d/%d pages", stage, done, total)
	pad := max(m.width-len(line), 0)
	fmt.Fprintf(m.w, "\r%s%*s", line, pad, "")
	m.width = len(line)
}

// Done clears the line, if one was drawn, before the build prints its
// summary.
func (m *Meter) Done() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.width > 0 {
		fmt.Fprintf(m.w, "\r%*s\r", m.width, "")
		m.width = 0
	}
}

// IsTerminal reports whether w is a terminal (a character device), where
// the meter belongs; files, pipes and CI logs are not.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0 && os.Getenv("TERM") != "dumb"
}
