package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/handbook-dev/handbook/generator"
	"github.com/handbook-dev/handbook/generator/profile"
)

func main() {
	stop, err := profile.Start(os.Args[2])
	if err != nil {
		panic(err)
	}
	done := make(chan bool)
	var peak uint64
	var best []byte
	go func() {
		t := time.NewTicker(300 * time.Millisecond)
		for {
			select {
			case <-done:
				return
			case <-t.C:
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				if ms.HeapAlloc > peak {
					peak = ms.HeapAlloc
					var b bytes.Buffer
					pprof.Lookup("heap").WriteTo(&b, 0)
					best = b.Bytes()
				}
			}
		}
	}()
	start := time.Now()
	st, err := generator.Build(context.Background(), generator.Options{Source: os.Args[1], Destination: "public"})
	if err != nil {
		panic(err)
	}
	close(done)
	if err := stop(); err != nil {
		panic(err)
	}
	os.WriteFile(os.Args[2]+"/peak.pprof", best, 0o644)
	fmt.Println(st, time.Since(start), "peak heap", peak>>20, "MB")
}
