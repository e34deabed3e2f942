package cmdutil

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Strings is a flag that may be given more than once, each value kept
// whole (commas and all), as pflag's StringArray; without the CSV writer
// that one runs to show its default when it is defined.
type Strings struct{ P *[]string }

func (s Strings) Set(v string) error { *s.P = append(*s.P, v); return nil }
func (s Strings) Type() string       { return "stringArray" }
func (s Strings) String() string     { return strings.Join(*s.P, ",") }

// value is a flag whose text is parsed, and so checked, when it is given.
// A value parse refuses is kept, not returned: Check says so when the
// command is about to run (RunE), before anything else it does. So, as
// when the commands checked their flags themselves, --help still shows
// the help, shell completion still completes a command line holding a
// value out of range, and a flag given twice takes its last value.
type value[T any] struct {
	p     *T
	text  string
	typ   string
	parse func(string) (T, error)
	err   error // why the last value given was refused; nil when taken
}

func (v *value[T]) Set(s string) error {
	x, err := v.parse(s)
	if err != nil {
		v.err = err
		return nil
	}
	*v.p, v.text, v.err = x, s, nil
	return nil
}

func (v *value[T]) refused() error { return v.err }

// Check returns, as a usage error naming the flag ("--name: why", then
// how to get cmd's help), the first flag of cmd (in the order of its
// help) whose last value given was refused; nil when there is none.
func Check(cmd *cobra.Command) error {
	if cmd == nil {
		return nil
	}
	if name, why := refused(cmd.Flags()); why != nil {
		return UsageError("--%s: %v\nRun '%s --help' for usage.", name, why, cmd.CommandPath())
	}
	return nil
}

// refused is the first flag of fs whose last value given was refused,
// and why; why is nil when there is none.
func refused(fs *pflag.FlagSet) (name string, why error) {
	fs.VisitAll(func(f *pflag.Flag) {
		if v, ok := f.Value.(interface{ refused() error }); ok && why == nil && v.refused() != nil {
			name, why = f.Name, v.refused()
		}
	})
	return name, why
}
func (v *value[T]) String() string { return v.text }
func (v *value[T]) Type() string   { return v.typ }

// Var defines a flag of type typ (pflag's name for it: "stringSlice" is
// "strings" in the help, and shell completion offers a list flag again)
// parsed by parse into p, with the default def parsed likewise. Without
// a default (""), p keeps its value until the flag is given, and the
// flag given empty is the flag left out: p is zero; a list (typ
// ...Slice) given empty keeps what it holds, as pflag's StringSlice
// does. A default parse refuses is a bug, and panics.
func Var[T any](fs *pflag.FlagSet, p *T, name, def, typ, usage string, parse func(string) (T, error)) {
	v := &value[T]{p: p, typ: typ, parse: parse}
	if def == "" {
		v.parse = func(s string) (T, error) {
			var zero T
			switch {
			case s != "":
				return parse(s)
			case strings.HasSuffix(typ, "Slice"):
				return *p, nil // a list given empty adds nothing to it
			}
			return zero, nil
		}
	} else {
		if v.Set(def); v.err != nil {
			panic(fmt.Sprintf("--%s: default %q: %v", name, def, v.err))
		}
	}
	fs.Var(v, name, usage)
}

// StringVar defines a string flag with default def whose values check
// accepts.
func StringVar(fs *pflag.FlagSet, p *string, name, def, usage string, check func(string) error) {
	*p = def
	fs.Var(&value[string]{p: p, text: def, typ: "string", parse: func(s string) (string, error) { return s, check(s) }}, name, usage)
}

// IntVar defines an int flag with default def that takes min to max;
// another number is refused with the message format, given the number,
// min, max and def (use indexed verbs: "must be %[2]d or more, got %[1]d").
func IntVar(fs *pflag.FlagSet, p *int, name string, def, min, max int, usage, format string) {
	*p = def
	fs.Var(&value[int]{p: p, text: strconv.Itoa(def), typ: "int", parse: func(s string) (int, error) {
		// Read as pflag's own int flags read it (base prefixes, underscores).
		n64, err := strconv.ParseInt(s, 0, strconv.IntSize)
		n := int(n64)
		switch {
		case errors.Is(err, strconv.ErrRange):
			err = fmt.Errorf("%q is out of range; give %d to %d", s, min, max)
		case err != nil:
			err = fmt.Errorf("%q is not a whole number", s)
		case n < min || n > max:
			err = fmt.Errorf(format, n, min, max, def)
		}
		return n, err
	}}, name, usage)
}

// DurationVar defines a duration flag with default def that must be more
// than 0.
func DurationVar(fs *pflag.FlagSet, p *time.Duration, name string, def time.Duration, usage string) {
	*p = def
	fs.Var(&value[time.Duration]{p: p, text: def.String(), typ: "duration", parse: func(s string) (time.Duration, error) {
		d, err := time.ParseDuration(s)
		if err == nil && d <= 0 {
			err = fmt.Errorf("must be more than 0, got %s", s)
		}
		return d, err
	}}, name, usage)
}

// OutputVar defines -o/--output, the file a command writes to; left out,
// or given as -, the command writes to stdout. Given empty (-o "", as a
// script's unset variable gives it) it is refused rather than taken for
// stdout: the file meant is unknown.
func OutputVar(fs *pflag.FlagSet, p *string, usage string) {
	fs.VarP(&value[string]{p: p, typ: "string", parse: func(s string) (string, error) {
		if s == "" {
			return s, errors.New(`the file name is empty; give a file, or - for stdout`)
		}
		return s, nil
	}}, "output", "o", usage)
}

// OneOf refuses a flag's value s that is not one of choices ("", the
// flag left as it was, is fine).
func OneOf(s string, choices ...string) error {
	if s != "" && !slices.Contains(choices, s) {
		return fmt.Errorf("give %s, got %q", strings.Join(choices, " or "), s)
	}
	return nil
}
