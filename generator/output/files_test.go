package output

import (
	"errors"
	"fmt"
	"sync"
	"testing"
)

// TestFiles puts files concurrently into a set held in memory and into a
// streaming one, and checks what each keeps, counts and reports.
func TestFiles(t *testing.T) {
	failed := errors.New("disk full")
	tests := []struct {
		name      string
		write     func(string, []byte) error
		inMemory  int
		wantErr   error
		wantCount int
	}{
		{name: "in memory", inMemory: 50, wantCount: 50},
		{name: "streamed", write: func(string, []byte) error { return nil }, wantCount: 50},
		{name: "streamed, failing", write: func(name string, _ []byte) error {
			if name == "f7" {
				return failed
			}
			return nil
		}, wantErr: failed, wantCount: 50},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := NewFiles(tt.write)
			var wg sync.WaitGroup
			for i := range 100 { // every name twice: a replacement counts once
				wg.Add(1)
				go func() {
					defer wg.Done()
					f.Put(fmt.Sprintf("f%d", i%50), []byte{byte(i)})
				}()
			}
			wg.Wait()
			if got := f.Count(); got != tt.wantCount {
				t.Errorf("Count = %d, want %d", got, tt.wantCount)
			}
			if got := len(f.Map()); got != tt.inMemory {
				t.Errorf("%d files in memory, want %d", got, tt.inMemory)
			}
			if !f.Has("f49") || f.Has("f50") {
				t.Errorf("Has(f49) = %v, Has(f50) = %v", f.Has("f49"), f.Has("f50"))
			}
			if !errors.Is(f.Err(), tt.wantErr) {
				t.Errorf("Err = %v, want %v", f.Err(), tt.wantErr)
			}
			if c := f.Clone(); len(c.Map()) != tt.inMemory {
				t.Errorf("clone holds %d files", len(c.Map()))
			}
		})
	}
}
