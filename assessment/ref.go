package assessment

import "github.com/digilead/digilead/questions"

// The references to banks and tiers that digilead's documents carry, one
// type for each shape a document publishes. A result names its bank fully
// (BankRef); a cohort report, made from many results, names the bank
// version (BankVersion); a comparison, which may span versions, names the
// bank (BankName). Results and comparisons name tiers with their rank
// (TierRef); a cohort report names its common gap target (TierName).

// BankRef identifies the bank a result was scored with.
type BankRef struct {
	ID      string             `json:"id"`
	Title   questions.BankText `json:"title"`
	Version string             `json:"version"`
	Digest  string             `json:"digest"`
}

// NewBankRef identifies b.
func NewBankRef(b *questions.Bank) BankRef {
	return BankRef{ID: b.ID, Title: questions.BankText(b.Title), Version: b.Version, Digest: b.Digest}
}

// WithoutDigest is the bank version r names.
func (r BankRef) WithoutDigest() BankVersion {
	return BankVersion{ID: r.ID, Title: r.Title, Version: r.Version}
}

// BankVersion names a version of a bank.
type BankVersion struct {
	ID      string             `json:"id"`
	Title   questions.BankText `json:"title"`
	Version string             `json:"version"`
}

// BankName names a bank, whatever its version.
type BankName struct {
	ID    string             `json:"id"`
	Title questions.BankText `json:"title"`
}

// TierRef names a tier.
type TierRef struct {
	ID   string             `json:"id"`
	Name questions.BankText `json:"name"`
	Rank int                `json:"rank"`
	// Description and Challenges are carried for the target tier so a saved
	// result can be reported without its bank.
	Description questions.BankText   `json:"description,omitempty"`
	Challenges  []questions.BankText `json:"challenges,omitempty"`
}

// NewTierRef names t by id, name and rank.
func NewTierRef(t *questions.Tier) TierRef {
	return TierRef{ID: t.ID, Name: questions.BankText(t.Name), Rank: t.Rank}
}

// TierName names a tier by id and name.
type TierName struct {
	ID   string             `json:"id"`
	Name questions.BankText `json:"name"`
}
