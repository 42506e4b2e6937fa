package progress

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"
)

// clock is a fake time source the test moves by hand.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func TestMeter(t *testing.T) {
	c := &clock{t: time.Unix(0, 0)}
	var out bytes.Buffer
	m := newMeter(&out, c.now)

	m.Update("converting", 10, 100)
	if out.Len() != 0 {
		t.Fatalf("drew %q before the delay", out.String())
	}
	c.t = c.t.Add(Delay)
	m.Update("converting", 60, 100)
	if got := out.String(); got != "\rconverting 60/100 pages" {
		t.Fatalf("first line = %q", got)
	}
	out.Reset()
	c.t = c.t.Add(interval / 2)
	m.Update("converting", 70, 100)
	if out.Len() != 0 {
		t.Fatalf("redrew %q within the interval", out.String())
	}
	m.Update("converting", 100, 100) // the last count always shows
	c.t = c.t.Add(interval)
	m.Update("rendering", 5, 100)
	if got := out.String(); got != "\rconverting 100/100 pages\rrendering 5/100 pages   " {
		t.Fatalf("shorter line must clear the longer one: %q", got)
	}
	out.Reset()
	m.Done()
	if got, want := out.String(), "\r"+strings.Repeat(" ", len("rendering 5/100 pages"))+"\r"; got != want {
		t.Fatalf("Done wrote %q, want %q", got, want)
	}
	out.Reset()
	m.Done()
	if out.Len() != 0 {
		t.Fatalf("second Done wrote %q", out.String())
	}
}

func TestQuickBuildPrintsNothing(t *testing.T) {
	var out bytes.Buffer
	m := New(&out)
	m.Update("rendering", 1, 2)
	m.Done()
	if out.Len() != 0 {
		t.Fatalf("a build under a second printed %q", out.String())
	}
}

func TestIsTerminal(t *testing.T) {
	if IsTerminal(&bytes.Buffer{}) {
		t.Error("a buffer is not a terminal")
	}
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if IsTerminal(f) {
		t.Error("a file is not a terminal")
	}
}
