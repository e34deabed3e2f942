package sheet

import (
	"io"
	"strconv"
	"testing"
)

// BenchmarkRows writes rows shaped like score's built-in-bank rows (5
// text cells, 20 numbers); it reports the bytes of XLSX per row.
func BenchmarkRows(b *testing.B) {
	row := []string{"r000123", "Person 123", "operational", "frontline", "operational"}
	for i := range 20 {
		row = append(row, strconv.FormatFloat(float64(i)*3.37+0.01, 'f', -1, 64))
	}
	var n countWriter
	wb := New(&n)
	s, _ := wb.Sheet("score")
	b.ResetTimer()
	for range b.N {
		if err := s.Row(row...); err != nil {
			b.Fatal(err)
		}
	}
	if err := wb.Close(); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(n)/float64(b.N), "B/row")
}

type countWriter int

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }

var _ io.Writer = (*countWriter)(nil)
