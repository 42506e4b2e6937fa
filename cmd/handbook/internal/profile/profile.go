// Package profile writes CPU and memory profiles of a run, for
// `handbook build --profile DIR`: cpu.pprof while the run lasts, and
// mem.pprof (heap and allocations) when it ends. Read them with
// `go tool pprof`.
package profile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
)

// File names inside the profile folder.
const (
	CPUFile = "cpu.pprof"
	MemFile = "mem.pprof"
)

// Start begins CPU profiling into dir (created when missing). The returned
// stop ends it and writes the memory profile; call it once, when the work
// is done.
func Start(dir string) (stop func() error, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("profile: %w", err)
	}
	cpu, err := os.Create(filepath.Join(dir, CPUFile))
	if err != nil {
		return nil, fmt.Errorf("profile: %w", err)
	}
	if err := pprof.StartCPUProfile(cpu); err != nil {
		cpu.Close()
		return nil, fmt.Errorf("profile: %w", err)
	}
	return func() error {
		pprof.StopCPUProfile()
		errCPU := cpu.Close()
		mem, err := os.Create(filepath.Join(dir, MemFile))
		if err != nil {
			return errors.Join(errCPU, fmt.Errorf("profile: %w", err))
		}
		runtime.GC() // up-to-date in-use figures; allocations are cumulative anyway
		errMem := pprof.Lookup("allocs").WriteTo(mem, 0)
		return errors.Join(errCPU, errMem, mem.Close())
	}, nil
}
