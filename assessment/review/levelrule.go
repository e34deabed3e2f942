package review

import (
	"context"
	"github.com/digilead/digilead/assessment/levelsim"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
)

// LevelRule is how the bank's level rule and the most-probable one place
// simulated honest respondents (assessment/levelsim), whose true level is
// known.
type LevelRule struct {
	// Rule is the bank's level rule: strict or most-probable.
	Rule string `json:"rule"`
	// Said is whether the bank names its rule (scoring: {level_rule}).
	Said   bool             `json:"said"`
	Models []LevelRuleModel `json:"models"`
}

// LevelRuleModel is one response model's outcome under both rules.
type LevelRuleModel struct {
	ID           string      `json:"id"`
	Description  string      `json:"description"`
	Respondents  int         `json:"respondents"`
	Strict       RuleOutcome `json:"strict"`
	MostProbable RuleOutcome `json:"most_probable"`
}

// RuleOutcome is the share of respondents placed at their true level,
// below it and above it.
type RuleOutcome struct {
	Agree float64 `json:"agree"`
	Below float64 `json:"below"`
	Above float64 `json:"above"`
}

// levelRuleModels are the response models the review simulates: honest
// respondents of one practice for every dimension, and of the tiered
// model the built-in bank is built on.
var levelRuleModels = []string{"latent", "tiered"}

// MinRuleGain is the least gain in agreement with the true level, in one
// model at least, for which a bank that names no rule is told to take the
// most-probable one; MaxRuleLoss the most it may lose in the other.
const (
	MinRuleGain = 0.02
	MaxRuleLoss = 0.01
)

// levelRule simulates honest respondents under both rules (half of
// o.Respondents in each model) and, when the bank names no rule and the
// most-probable one agrees with the true level more often (by MinRuleGain
// in one model, losing no more than MaxRuleLoss in the other), recommends
// it.
func levelRule(ctx context.Context, b *questions.Bank, o Options) (LevelRule, []Finding, error) {
	n := o.Respondents
	if n <= 0 {
		n = DefaultRespondents
	}
	lr := LevelRule{Rule: questions.LevelRuleStrict, Said: b.LevelRule != ""}
	if b.MostProbable() {
		lr.Rule = questions.LevelRuleMostProbable
	}
	gain, loss := false, false
	for _, id := range levelRuleModels {
		m, _ := levelsim.ModelByID(id)
		s, p, err := levelsim.CompareContext(ctx, b, m, levelsim.Options{Respondents: max(1, n/2), Seed: o.Seed})
		if err != nil {
			return LevelRule{}, nil, err
		}
		out := func(x levelsim.Outcome) RuleOutcome {
			return RuleOutcome{Agree: round(x.Agree, 4), Below: round(x.Below, 4), Above: round(x.Above, 4)}
		}
		lr.Models = append(lr.Models, LevelRuleModel{ID: m.ID, Description: m.Description, Respondents: s.Respondents, Strict: out(s), MostProbable: out(p)})
		gain = gain || p.Agree-s.Agree >= MinRuleGain
		loss = loss || s.Agree-p.Agree > MaxRuleLoss
	}
	if lr.Said || !gain || loss || len(b.Tiers) == 0 {
		return lr, nil, nil
	}
	f := finding(CheckLevelRule, questions.Pos{File: b.Tiers[0].Pos.File})
	pct := func(x float64) lang.Pct { return lang.Pct{Share: x, Places: 1} }
	var problem []lang.Msg
	for _, m := range lr.Models {
		problem = append(problem, lang.M("review.level_rule.model", "Model", lang.M("review.level_rule.model."+m.ID), "N", m.Respondents,
			"Strict", pct(m.Strict.Agree), "StrictBelow", pct(m.Strict.Below), "StrictAbove", pct(m.Strict.Above),
			"Probable", pct(m.MostProbable.Agree), "ProbableBelow", pct(m.MostProbable.Below), "ProbableAbove", pct(m.MostProbable.Above)))
	}
	problem = append([]lang.Msg{lang.M("review.level_rule.problem")}, problem...)
	f.say(lang.M("review.level_rule.fix"), problem...)
	return lr, []Finding{f}, nil
}
