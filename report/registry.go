package report

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// registry maps format names to the renderers of one kind of document
// (results, comparisons, cohorts, item analyses).
type registry[F any] struct{ m map[string]F }

func newRegistry[F any](m map[string]F) registry[F] { return registry[F]{m: m} }

// add registers a format; it is called from the init functions of the
// files that define formats.
func (r registry[F]) add(name string, f F) { r.m[name] = f }

// names lists the formats, sorted.
func (r registry[F]) names() []string { return slices.Sorted(maps.Keys(r.m)) }

// lookup returns the renderer of a format, or an error naming the formats
// there are.
func (r registry[F]) lookup(name string) (F, error) {
	f, ok := r.m[name]
	if !ok {
		return f, fmt.Errorf("unknown format %q; use one of %s", name, strings.Join(r.names(), ", "))
	}
	return f, nil
}
