package main

import (
	"fmt"
	"os"
	"sort"

	"github.com/digilead/digilead/assessment/store"
	"github.com/digilead/digilead/questions"
)

// rewriteBankFiles edits the files of bank b in place, for the --write of
// bank stats and bank calibrate: edit gets each file's path and data and
// returns the new data, and whether the file holds anything to edit. The
// edited bank must load and pass verify before any file is replaced; each
// edited file is then replaced atomically, keeping its mode. It returns
// the paths of the edited files, sorted.
func rewriteBankFiles(b *questions.Bank, edit func(path string, data []byte) ([]byte, bool, error), verify func(*questions.Bank) error) ([]string, error) {
	paths, err := questions.Paths(b.Source)
	if err != nil {
		return nil, fmt.Errorf("--write: %w", err)
	}
	edited := map[string][]byte{}
	files := make([]questions.File, len(paths))
	for i, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("--write %s: %w", p, cleanErr(err))
		}
		out, ok, err := edit(p, data)
		if err != nil {
			return nil, err
		}
		if ok {
			edited[p] = out
		}
		files[i] = questions.File{Name: p, Data: out}
	}
	nb, err := questions.Parse(files...)
	if err != nil {
		return nil, fmt.Errorf("--write: the edited bank would not load, so it was not written (please report this):\n%w", err)
	}
	if err := verify(nb); err != nil {
		return nil, err
	}
	names := make([]string, 0, len(edited))
	for name := range edited {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		info, err := os.Stat(name)
		if err != nil {
			return nil, fmt.Errorf("--write %s: %w", name, cleanErr(err))
		}
		if err := store.WriteFileAtomic(name, edited[name], info.Mode().Perm()); err != nil {
			return nil, fmt.Errorf("--write %s: %w; check the file is writable", name, cleanErr(err))
		}
	}
	return names, nil
}
