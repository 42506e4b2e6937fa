package generator

import (
	"sync/atomic"
)

// stageCount counts the pages through one stage of a build for
// Options.Progress; it is safe for concurrent use.
type stageCount struct {
	report func(stage string, done, total int)
	stage  string
	total  int
	done   atomic.Int64
}

func newStageCount(report func(string, int, int), stage string, total int) *stageCount {
	return &stageCount{report: report, stage: stage, total: total}
}

// tick reports one more page done.
func (c *stageCount) tick() {
	if c.report != nil {
		c.report(c.stage, int(c.done.Add(1)), c.total)
	}
}
