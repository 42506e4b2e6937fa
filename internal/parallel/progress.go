package parallel

import "sync/atomic"

// Progress counts the items of one stage of work as they are done, and
// tells report (when not nil) each time: the stage, the items done and
// the total. It is safe for concurrent use.
type Progress struct {
	report func(stage string, done, total int)
	stage  string
	total  int
	done   atomic.Int64
}

// NewProgress returns the Progress of total items of stage.
func NewProgress(report func(stage string, done, total int), stage string, total int) *Progress {
	return &Progress{report: report, stage: stage, total: total}
}

// Done reports one more item done.
func (p *Progress) Done() {
	if p.report != nil {
		p.report(p.stage, int(p.done.Add(1)), p.total)
	}
}
