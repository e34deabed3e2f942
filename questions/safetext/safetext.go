// Package safetext makes outside text safe to show: text from banks, answers and results that a spreadsheet would run as a formula.
package safetext

// Cell defuses text a spreadsheet would run as a formula (starting with =,
// +, -, @, tab or carriage return) by prefixing a single quote, as OWASP
// advises for CSV files opened in spreadsheets.
func Cell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
