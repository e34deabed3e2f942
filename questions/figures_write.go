package questions

import (
	"fmt"
	"maps"
	"os"
	"slices"

	"github.com/digilead/digilead/questions/atomicfile"
	"github.com/digilead/digilead/questions/errtext"
)

// ErrBuiltIn refuses to change the built-in bank.
var ErrBuiltIn = errtext.Invalidf("the built-in bank cannot be changed; export it first and change the copy")

// CheckWritable refuses the built-in bank, which commands that record
// figures or expectations in a bank's files cannot change, and a bank
// read from a pipe, which was read once and cannot be written back.
func (b *Bank) CheckWritable() error {
	if b.Source == "default" {
		return ErrBuiltIn
	}
	if fi, err := os.Stat(b.Source); err == nil && !fi.IsDir() && !fi.Mode().IsRegular() {
		// A pipe (<(…), /dev/stdin) was read once and is gone.
		return errtext.Invalidf("bank %s is not a regular file (a pipe?), so nothing can be recorded in it; give the bank file itself", b.Source)
	}
	return nil
}

// WriteFigures records each dimension's figures in the bank's own files,
// keeping their comments and layout (see SetFigures), and returns the
// files it replaced.
func WriteFigures(b *Bank, figs map[string]Figures) ([]string, error) {
	byFile := map[string]map[string]Figures{}
	for _, d := range b.Dimensions {
		if f, ok := figs[d.ID]; ok {
			if byFile[d.Pos.File] == nil {
				byFile[d.Pos.File] = map[string]Figures{}
			}
			byFile[d.Pos.File][d.ID] = f
		}
	}
	return rewrite(b, func(path string, data []byte) ([]byte, bool, error) {
		figs := byFile[path]
		if figs == nil {
			return data, false, nil
		}
		out, err := SetFigures(path, data, figs)
		return out, true, err
	}, func(nb *Bank) error {
		for id, f := range figs {
			if d, ok := nb.Dimension(id); !ok || d.Reliability != f.Reliability || d.ScoreSD != f.ScoreSD {
				return fmt.Errorf("the edit of dimension %s did not take; set reliability: %g and score_sd: %g by hand", id, f.Reliability, f.ScoreSD)
			}
		}
		return nil
	})
}

// WriteExpectations records new expectations (tier id -> dimension id ->
// value) in the files that define their tiers, keeping comments and
// layout (see SetExpectations), and returns the files it replaced. Every
// other expectation stays as it is.
func WriteExpectations(b *Bank, exps map[string]map[string]float64) ([]string, error) {
	byFile := map[string]map[string]map[string]float64{}
	for _, t := range b.Tiers {
		if set := exps[t.ID]; set != nil {
			if byFile[t.Pos.File] == nil {
				byFile[t.Pos.File] = map[string]map[string]float64{}
			}
			byFile[t.Pos.File][t.ID] = set
		}
	}
	want := b.WithExpectations(exps)
	return rewrite(b, func(path string, data []byte) ([]byte, bool, error) {
		set := byFile[path]
		if set == nil {
			return data, false, nil
		}
		out, err := SetExpectations(path, data, set)
		return out, true, err
	}, func(nb *Bank) error {
		for i, t := range nb.Tiers {
			if !maps.Equal(t.Expectations, want.Tiers[i].Expectations) {
				return fmt.Errorf("the edit of tier %s's expectations did not take as intended (%s); set them by hand", t.ID, t.Pos)
			}
		}
		return nil
	})
}

// rewrite edits the files of bank b in place: edit gets each file's path
// and data and returns the new data, and whether it changed anything. The
// edited bank must load and pass verify before any file is replaced; each
// edited file is then replaced atomically (through a symbolic link, its
// target), keeping its mode. It returns the edited files, sorted. The
// built-in bank is refused.
func rewrite(b *Bank, edit func(path string, data []byte) ([]byte, bool, error), verify func(*Bank) error) ([]string, error) {
	if err := b.CheckWritable(); err != nil {
		return nil, err
	}
	paths, err := Paths(b.Source)
	if err != nil {
		return nil, err
	}
	edited := map[string][]byte{}
	files := make([]File, len(paths))
	for i, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, errtext.WithoutPath(err))
		}
		out, changed, err := edit(p, data)
		if err != nil {
			return nil, err
		}
		if changed {
			edited[p] = out
		}
		files[i] = File{Name: p, Data: out}
	}
	nb, err := Parse(files...)
	if err != nil {
		return nil, fmt.Errorf("the edited bank would not load, so it was not written (please report this):\n%w", err)
	}
	if err := verify(nb); err != nil {
		return nil, err
	}
	names := slices.Sorted(maps.Keys(edited))
	for _, name := range names {
		info, err := os.Stat(name)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, errtext.WithoutPath(err))
		}
		if err := atomicfile.WriteFile(name, edited[name], info.Mode().Perm()); err != nil {
			return nil, fmt.Errorf("%s: %w; check the file is writable", name, errtext.WithoutPath(err))
		}
	}
	return names, nil
}
