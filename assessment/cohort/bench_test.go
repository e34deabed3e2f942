package cohort

import "testing"

// BenchmarkFastEntry reads generated results with the fast scanner, as
// score writes them and indented, one result per op.
func BenchmarkFastEntry(b *testing.B) {
	docs := scoredResults(b, 100)
	var n int64
	for _, d := range docs {
		n += int64(len(d))
	}
	b.SetBytes(n / int64(len(docs)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var e Entry
		if !fastEntry(docs[i%len(docs)], &e) {
			b.Fatal("not read fast")
		}
	}
}
