package cohort

import (
	"bytes"
	"hash/maphash"
	"math"
)

// identities remembers every result counted by its identity (see
// Entry.identity) and where it was first read, compactly: the identities
// lie end to end in one array, found by a 64-bit hash and compared in full
// on a match, and a place is kept as its input (interned) and line.
// Nothing in it is a pointer, so a million identities cost about 40 MiB,
// no allocation each and next to no work for the garbage collector.
type identities struct {
	seed maphash.Seed
	// hashes and heads are an open-addressing table: hashes[i] is the
	// hash of an identity (0: a free slot; a hash of 0 is counted as 1),
	// heads[i] the last entry with that hash.
	hashes []uint64
	heads  []int32
	used   int
	keys   []byte
	seen   []seenID
	names  []string // inputs, by number
	named  map[string]int32
}

// seenID is an identity at keys[off:off+n], first read at line of input
// name (line 0: the input is one document).
type seenID struct {
	off  int
	n    int32
	next int32 // the entry before with the same hash, or -1
	name int32
	line int32
}

// first records key as read at line of source (0: the whole source),
// unless it was read before: then it returns where, and true.
func (s *identities) first(key []byte, source string, line int) (string, bool) {
	if s.hashes == nil {
		s.seed, s.named = maphash.MakeSeed(), map[string]int32{}
		s.hashes, s.heads = make([]uint64, 1024), make([]int32, 1024)
	}
	h := max(1, maphash.Bytes(s.seed, key))
	slot := s.slot(h)
	head := int32(-1)
	if s.hashes[slot] == h {
		head = s.heads[slot]
	}
	for i := head; i >= 0; i = s.seen[i].next {
		e := s.seen[i]
		if bytes.Equal(s.keys[e.off:e.off+int(e.n)], key) {
			return place(s.names[e.name], int(e.line)), true
		}
	}
	name := source
	if line > math.MaxInt32 { // kept as text: no line number is that long
		name, line = place(source, line), 0
	}
	ni, ok := s.named[name]
	if !ok {
		ni = int32(len(s.names))
		s.names = append(s.names, name)
		s.named[name] = ni
	}
	if s.hashes[slot] == 0 {
		s.used++
	}
	s.hashes[slot], s.heads[slot] = h, int32(len(s.seen))
	if 2*s.used > len(s.hashes) {
		s.grow()
	}
	s.seen = append(s.seen, seenID{off: len(s.keys), n: int32(len(key)), next: head, name: ni, line: int32(line)})
	s.keys = append(s.keys, key...)
	return "", false
}

// slot is where hash h is, or the free slot where it goes.
func (s *identities) slot(h uint64) int {
	mask := len(s.hashes) - 1
	i := int(h) & mask
	for s.hashes[i] != 0 && s.hashes[i] != h {
		i = (i + 1) & mask
	}
	return i
}

// grow doubles the table.
func (s *identities) grow() {
	hashes, heads := s.hashes, s.heads
	s.hashes, s.heads = make([]uint64, 2*len(hashes)), make([]int32, 2*len(hashes))
	for i, h := range hashes {
		if h != 0 {
			j := s.slot(h)
			s.hashes[j], s.heads[j] = h, heads[i]
		}
	}
}
