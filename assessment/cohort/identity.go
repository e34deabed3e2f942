package cohort

import (
	"bytes"
	"hash/maphash"
)

// identities remembers every result counted by its identity (see
// Entry.identity) and where it was first read, compactly: the identities
// lie end to end in one array and are found by a 64-bit hash, compared
// in full on a match, so a million of them cost tens of MiB and no
// allocation each.
type identities struct {
	seed  maphash.Seed
	index map[uint64]int32 // hash -> the last entry with that hash
	keys  []byte
	seen  []seenID
}

type seenID struct {
	off, n int
	at     string
	next   int32 // the entry before with the same hash, or -1
}

// first records key as read at at, unless it was read before: then it
// returns where, and true.
func (s *identities) first(key []byte, at string) (string, bool) {
	if s.index == nil {
		s.seed, s.index = maphash.MakeSeed(), map[uint64]int32{}
	}
	h := maphash.Bytes(s.seed, key)
	head, ok := s.index[h]
	if !ok {
		head = -1
	}
	for i := head; i >= 0; i = s.seen[i].next {
		e := s.seen[i]
		if bytes.Equal(s.keys[e.off:e.off+e.n], key) {
			return e.at, true
		}
	}
	s.index[h] = int32(len(s.seen))
	s.seen = append(s.seen, seenID{off: len(s.keys), n: len(key), at: at, next: head})
	s.keys = append(s.keys, key...)
	return "", false
}
