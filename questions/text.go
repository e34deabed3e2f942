package questions

// BankText is a text of a bank as a document carries it: the bank's title, a
// tier's or a dimension's name, a tier's description and challenges, an
// action. A report shows every BankText in the report's language (see
// Glossary); marking them by their type means a new field that holds one
// is translated too, and nothing else is (a person's name, a group, a
// note written by digilead).
type BankText string

// BankTexts marks each of texts as a BankText.
func BankTexts(texts []string) []BankText {
	if texts == nil {
		return nil
	}
	out := make([]BankText, len(texts))
	for i, t := range texts {
		out[i] = BankText(t)
	}
	return out
}
