package atomicfile

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
)

func TestWriteThroughASymlinkReplacesItsTarget(t *testing.T) {
	dir := t.TempDir()
	shared := filepath.Join(dir, "shared", "bank.yaml")
	os.MkdirAll(filepath.Dir(shared), 0o700)
	os.WriteFile(shared, []byte("old"), 0o644)
	link := filepath.Join(dir, "mine.yaml")
	if err := os.Symlink("shared/bank.yaml", link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := WriteFile(link, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced by a regular file: %v %v", info.Mode(), err)
	}
	if data, _ := os.ReadFile(shared); string(data) != "new" {
		t.Errorf("the target holds %q", data)
	}
	entries, _ := os.ReadDir(filepath.Dir(shared))
	if len(entries) != 1 {
		t.Errorf("temporary files left beside the target: %v", entries)
	}

	dangling := filepath.Join(dir, "dangling")
	os.Symlink("nowhere/x", dangling)
	if err := WriteFile(dangling, []byte("x"), 0o600); err == nil {
		t.Error("a write through a dangling link succeeded")
	}
}

func TestWriteToAFIFOWritesInPlace(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	got := make(chan string, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- err.Error()
			return
		}
		data, _ := io.ReadAll(f)
		f.Close()
		got <- string(data)
	}()
	if err := WriteFile(fifo, []byte("through the pipe"), 0o600); err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "through the pipe" {
		t.Errorf("the reader got %q", s)
	}
	if info, err := os.Lstat(fifo); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v %v", info.Mode(), err)
	}
}

func TestWriteNewNeverReplaces(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "r.json"), []byte("someone else's"), 0o600)
	const n = 16
	var wg sync.WaitGroup
	paths := make([]string, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p, err := WriteNew(dir, func(k int) string {
				if k == 1 {
					return "r.json" // taken
				}
				return fmt.Sprintf("r-%d.json", k)
			}, []byte(fmt.Sprint(i)), 0o600)
			if err != nil {
				t.Error(err)
			}
			paths[i] = p
		}()
	}
	wg.Wait()
	if data, _ := os.ReadFile(filepath.Join(dir, "r.json")); string(data) != "someone else's" {
		t.Errorf("a taken name was replaced: %q", data)
	}
	seen := map[string]bool{}
	for i, p := range paths {
		data, _ := os.ReadFile(p)
		if seen[p] || string(data) != fmt.Sprint(i) {
			t.Errorf("writer %d: %s holds %q (shared: %v)", i, p, data, seen[p])
		}
		seen[p] = true
		if info, _ := os.Stat(p); info.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v", p, info.Mode().Perm())
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != n+1 {
		t.Errorf("%d files, want %d (no temporary files left)", len(entries), n+1)
	}
}
