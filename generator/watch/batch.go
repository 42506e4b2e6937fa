package watch

import (
	"errors"
	"sort"
	"sync"
	"time"
)

// Batcher collects the changes of a Source into batches: a batch is ready
// once no change arrived for the quiet time, or once its first change has
// waited maxWait. Changes that arrive while the receiver is busy (a rebuild
// runs) join the next batch, so a slow rebuild is followed by one more, not
// by a queue of them.
type Batcher struct {
	src         Source
	quiet, wait time.Duration
	batches     chan Batch
	errs        chan error
	done        chan struct{}
	closeOnce   sync.Once
	closeErr    error
	stopped     chan struct{}
}

// NewBatcher starts batching the changes of src. The early errors are
// delivered first on Errors.
func NewBatcher(src Source, quiet, maxWait time.Duration, early ...error) *Batcher {
	b := &Batcher{
		src: src, quiet: quiet, wait: maxWait,
		batches: make(chan Batch), errs: make(chan error, 16),
		done: make(chan struct{}), stopped: make(chan struct{}),
	}
	for _, err := range early {
		b.errs <- err
	}
	go b.run()
	return b
}

// Batches delivers one Batch per burst of changes. It is closed by Close.
func (b *Batcher) Batches() <-chan Batch { return b.batches }

// Errors delivers problems with watching, worth telling the author. Errors
// that arrive while the channel is full are dropped.
func (b *Batcher) Errors() <-chan error { return b.errs }

// Close stops watching and closes Batches and Errors.
func (b *Batcher) Close() error {
	b.closeOnce.Do(func() {
		close(b.done)
		b.closeErr = b.src.Close()
		<-b.stopped
	})
	return b.closeErr
}

func (b *Batcher) run() {
	defer close(b.stopped)
	defer close(b.batches)
	defer close(b.errs)
	pending := map[string]bool{}
	lost := false
	var first time.Time
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	var out chan Batch // non-nil when a batch is ready to send
	var ready Batch

	arm := func() {
		now := time.Now()
		if first.IsZero() {
			first = now
		}
		d := b.quiet
		if left := first.Add(b.wait).Sub(now); left < d {
			d = max(left, 0)
		}
		out = nil
		timer.Reset(d)
	}
	events, errs := b.src.Events(), b.src.Errors()
	for {
		select {
		case <-b.done:
			return
		case p, ok := <-events:
			if !ok {
				events = nil
				continue
			}
			pending[p] = true
			arm()
		case err, ok := <-errs:
			if !ok {
				errs = nil
				continue
			}
			if errors.Is(err, ErrLost) {
				lost = true
				arm()
			}
			select {
			case b.errs <- err:
			default:
			}
		case <-timer.C:
			ready = Batch{Paths: make([]string, 0, len(pending)), Lost: lost}
			for p := range pending {
				ready.Paths = append(ready.Paths, p)
			}
			sort.Strings(ready.Paths)
			out = b.batches
		case out <- ready:
			clear(pending)
			lost, first, out, ready = false, time.Time{}, nil, Batch{}
		}
	}
}
