package workshop

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"math/big"
	"strings"
	"sync"
)

// words are short, common words that are easy to read aloud, spell and
// type: a generated workshop code is three of them (split on first use).
var words = sync.OnceValue(func() []string { return strings.Fields(wordList) })

const wordList = `
able acid aged also area army away baby back bake ball band bank base bath bean bear beef bell belt best bike bird
blue boat body bone book boot born boss both bowl busy cake calm camp card care cart case cash cast cave chef city
clay club coal coat code coin cold cook cool copy corn cost crew crop cube cute dark date dawn deal deep deer desk
dish dive door dove down draw drum duck dust each east easy edge eggs else even face fact fair farm fast fern file
film fine fire fish five flag flat flow folk food foot fork form fort four free frog fuel full game gate gift girl
glad glow goat gold golf good gram gray grid grow hair half hall hand harp hawk head heat helm herb hero high hill
hint home hood hope horn host hour huge idea inch iron item jazz join jump keen kind king kite knee knot lake lamb
lamp land lane last leaf lens lift lime line lion list loaf long loud luck mail main mask meal mild milk mint moon
moss moth much nest news next nice note oak open oval oven pack page palm park path peak pear pine pink plan play
plum poem pond pool port quiz rain ramp rich ring road rock roof room rope rose ruby safe sail salt sand seed ship
shoe silk sing snow soap sock soft song soup star stem sun swan tail tea team tent tide tile tool town tree tune
vase view wave west wind wing wise wolf wood wool yard year zero zinc
`

// pick returns a uniformly random index below n.
func pick(n int) int {
	i, err := rand.Int(rand.Reader, big.NewInt(int64(n)))
	if err != nil {
		panic(err) // crypto/rand never fails on supported systems
	}
	return int(i.Int64())
}

// NewCode returns a workshop code of three common words, e.g.
// "lamp-wave-oak": short to read out and type, and (with wrong codes
// slowed down and counted) long enough not to be guessed in a workshop.
func NewCode() string {
	ws := words()
	return ws[pick(len(ws))] + "-" + ws[pick(len(ws))] + "-" + ws[pick(len(ws))]
}

// tokenAlphabet has no characters that are easily mistaken for others
// (0/o, 1/l).
const tokenAlphabet = "abcdefghijkmnpqrstuvwxyz23456789"

// NewToken returns a participant's token: twelve characters of a
// 32-letter alphabet in three groups (60 random bits), e.g.
// "k7qx-m9wa-4tpe". It is the user name that resumes their questionnaire
// and the key to their result, so it is hard to guess.
func NewToken() string {
	var b strings.Builder
	for i := range 12 {
		if i > 0 && i%4 == 0 {
			b.WriteByte('-')
		}
		b.WriteByte(tokenAlphabet[pick(len(tokenAlphabet))])
	}
	return b.String()
}

// IsToken reports whether s has the form of a token.
func IsToken(s string) bool {
	if len(s) != 14 {
		return false
	}
	for i, c := range s {
		if i == 4 || i == 9 {
			if c != '-' {
				return false
			}
		} else if !strings.ContainsRune(tokenAlphabet, c) {
			return false
		}
	}
	return true
}

// tokenTag names a token's results in the results directory without
// giving the token away: the first 12 hex digits of its SHA-256.
func tokenTag(token string) string {
	sum := sha256.Sum256([]byte("digilead workshop token " + token))
	return hex.EncodeToString(sum[:6])
}

// newRespondentID is the anonymous respondent id of a workshop result:
// random, so results are told apart (cohort counts each once) and never
// lead back to the participant's token.
func newRespondentID() string {
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err)
	}
	return "workshop-" + hex.EncodeToString(b[:])
}
