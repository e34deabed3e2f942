package questions

import "testing"

// TestAliasLine finds the alias yaml.v3 names without a line: the first
// *name where a value starts, before any &name.
func TestAliasLine(t *testing.T) {
	for _, tc := range []struct {
		data, name string
		want       int
	}{
		{"a: *x\n", "x", 1},
		{"a: 1\nb: [1, *x]\n", "x", 2},
		{"a: {k: *x}\n", "x", 1},
		{"- *x\n", "x", 1},
		{"a: *x1\nb: *x\n", "x", 2},        // a longer name is another alias
		{"a: \"see *x\"\nb: *x\n", "x", 2}, // inside a text
		{"a: see *x\nb: *x\n", "x", 2},
		{"a: &x 1\nb: *x\n", "x", 0}, // defined first: not this one
		{"a: 1\n", "x", 0},
		{"*x", "x", 1},
	} {
		if got := aliasLine([]byte(tc.data), tc.name); got != tc.want {
			t.Errorf("aliasLine(%q, %q) = %d, want %d", tc.data, tc.name, got, tc.want)
		}
	}
}
