package questions

import (
	"fmt"
	"maps"
	"os"
	"slices"

	"github.com/digilead/digilead/questions/atomicfile"
)

// WriteFigures records each dimension's figures in the bank's own files,
// keeping their comments and layout (see SetFigures), and returns the
// files it replaced. The edited bank must load and carry the figures
// before any file is written; each is then replaced atomically, keeping
// its mode. The built-in bank cannot be written.
func WriteFigures(b *Bank, figs map[string]Figures) ([]string, error) {
	if err := b.CheckWritable(); err != nil {
		return nil, err
	}
	byFile := map[string]map[string]Figures{}
	for _, d := range b.Dimensions {
		if f, ok := figs[d.ID]; ok {
			if byFile[d.Pos.File] == nil {
				byFile[d.Pos.File] = map[string]Figures{}
			}
			byFile[d.Pos.File][d.ID] = f
		}
	}
	edited, err := editFigures(b, byFile)
	if err != nil {
		return nil, err
	}
	names := slices.Sorted(maps.Keys(edited))
	for _, name := range names {
		info, err := os.Stat(name)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, WithoutPath(err))
		}
		if err := atomicfile.WriteFile(name, edited[name], info.Mode().Perm()); err != nil {
			return nil, fmt.Errorf("%s: %w; check the file is writable", name, WithoutPath(err))
		}
	}
	return names, nil
}

// CheckWritable refuses the built-in bank, which commands that record
// figures in a bank's files cannot change.
func (b *Bank) CheckWritable() error {
	if b.Source == "default" {
		return Invalidf("the built-in bank cannot be changed; export it first (digilead bank export -o my-bank.yaml) and pass --bank my-bank.yaml")
	}
	return nil
}

// editFigures returns the edited content of each bank file that holds a
// dimension to record, after checking that the bank, edited, loads and
// carries the figures.
func editFigures(b *Bank, byFile map[string]map[string]Figures) (map[string][]byte, error) {
	paths, err := Paths(b.Source)
	if err != nil {
		return nil, err
	}
	edited := map[string][]byte{}
	files := make([]File, len(paths))
	for i, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, WithoutPath(err))
		}
		if figs := byFile[p]; figs != nil {
			if data, err = SetFigures(p, data, figs); err != nil {
				return nil, err
			}
			edited[p] = data
		}
		files[i] = File{Name: p, Data: data}
	}
	nb, err := Parse(files...)
	if err != nil {
		return nil, fmt.Errorf("the edited bank would not load, so it was not written (please report this):\n%w", err)
	}
	for _, figs := range byFile {
		for id, f := range figs {
			if d, ok := nb.Dimension(id); !ok || d.Reliability != f.Reliability || d.ScoreSD != f.ScoreSD {
				return nil, fmt.Errorf("the edit of dimension %s did not take; set reliability: %g and score_sd: %g by hand", id, f.Reliability, f.ScoreSD)
			}
		}
	}
	return edited, nil
}
