package cohort

import (
	"bytes"
	"hash/maphash"
	"strconv"
	"strings"
)

// identities remembers every result counted by its identity (see
// Entry.identity) and where it was first read, compactly: the identities
// lie end to end in one array, found by a 64-bit hash and compared in full
// on a match, and a place is kept as its input (interned) and line.
// Nothing in it is a pointer, so a million identities cost about 40 MiB,
// no allocation each and next to no work for the garbage collector.
type identities struct {
	seed  maphash.Seed
	index map[uint64]int32 // hash -> the last entry with that hash
	keys  []byte
	seen  []seenID
	names []string // inputs, by number
	named map[string]int32
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

// first records key as read at at (FILE:LINE, or FILE), unless it was
// read before: then it returns where, and true.
func (s *identities) first(key []byte, at string) (string, bool) {
	if s.index == nil {
		s.seed, s.index, s.named = maphash.MakeSeed(), map[uint64]int32{}, map[string]int32{}
	}
	h := maphash.Bytes(s.seed, key)
	head, ok := s.index[h]
	if !ok {
		head = -1
	}
	for i := head; i >= 0; i = s.seen[i].next {
		e := s.seen[i]
		if bytes.Equal(s.keys[e.off:e.off+int(e.n)], key) {
			if e.line == 0 {
				return s.names[e.name], true
			}
			return s.names[e.name] + ":" + strconv.Itoa(int(e.line)), true
		}
	}
	name, line := at, 0
	if i := strings.LastIndexByte(at, ':'); i >= 0 {
		if n, err := strconv.Atoi(at[i+1:]); err == nil && n > 0 && n <= 1<<31-1 {
			name, line = at[:i], n
		}
	}
	ni, ok := s.named[name]
	if !ok {
		ni = int32(len(s.names))
		s.names = append(s.names, name)
		s.named[name] = ni
	}
	s.index[h] = int32(len(s.seen))
	s.seen = append(s.seen, seenID{off: len(s.keys), n: int32(len(key)), next: head, name: ni, line: int32(line)})
	s.keys = append(s.keys, key...)
	return "", false
}
