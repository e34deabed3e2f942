package questions

// Plural returns one when n is 1 and many otherwise, for messages and
// reports that count things: Plural(n, "result", "results").
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
