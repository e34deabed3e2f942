package workshop

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLoadHostKeyMakesTheDefaultOnceInTheDataDirectory(t *testing.T) {
	dir := t.TempDir()
	getenv := func(k string) string {
		if k == "XDG_DATA_HOME" {
			return dir
		}
		return ""
	}
	want := filepath.Join(dir, "digilead", HostKeyName)
	first, note, err := LoadHostKey("", getenv)
	if err != nil || !strings.Contains(note, "created the workshop host key "+want) {
		t.Fatalf("LoadHostKey: note %q, %v", note, err)
	}
	again, note, err := LoadHostKey(want, nil)
	if err != nil || note != "" || string(again.PublicKey().Marshal()) != string(first.PublicKey().Marshal()) {
		t.Errorf("LoadHostKey(%s) again: note %q, %v; want the same key, no note", want, note, err)
	}
}

func TestDefaultDirIsNamedForTheDay(t *testing.T) {
	if got := DefaultDir(time.Date(2026, 12, 6, 23, 0, 0, 0, time.UTC)); got != "digilead-workshop-2026-12-06" {
		t.Errorf("DefaultDir = %q", got)
	}
}
