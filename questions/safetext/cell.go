package safetext

import "bytes"

// AppendCSVRow appends one CSV record (RFC 4180, lines ended with LF) to
// b, every cell made safe as CSV.Write makes it, byte for byte: control
// characters shown as escapes, formulas defused, quoted where needed.
// Cells of plain printable ASCII that need none of that, such as numbers
// and most ids, are copied as they are; the others go through CSV.Write.
// It is for writers of many rows, such as score's workers.
func AppendCSVRow(b []byte, record ...string) []byte {
	for _, s := range record {
		if !plainCell(s) {
			var buf bytes.Buffer
			w := NewCSV(&buf, false)
			w.Write(record)
			w.Flush()
			return append(b, buf.Bytes()...)
		}
	}
	for i, s := range record {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, s...)
	}
	return append(b, '\n')
}

// plainCell reports whether s goes into a CSV file unchanged: printable
// ASCII without a comma or quote, not starting with a space or with what
// Cell defuses (a number starting with "-" included, to keep this
// simple), and not `\.`.
func plainCell(s string) bool {
	if s == `\.` {
		return false
	}
	if s != "" {
		switch s[0] {
		case '=', '+', '-', '@', ' ':
			return false
		}
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == ',' {
			return false
		}
	}
	return true
}
