package main

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/digilead/digilead/questions"
)

// sqlQuery writes the DuckDB query of bench/run's peer for a bank: the
// work digilead does on the same answer sets, in SQL. mode "cohort" sums
// the group up (per dimension n, insufficient, mean, sd, min, quartiles,
// max; per tier met and mean readiness; people per level; per dimension
// how many have a gap to their own target and its mean); mode "csv" writes
// one row per person (id, name, role, level, target, the dimension scores,
// the readiness per tier) to the file {output}. {input} stands for the
// JSON Lines file.
//
// The rules are the scoring rules of docs/scoring.md: answers normalised
// to 0..1 (reverse keys flipped, choice and multi options by their score,
// multi capped at 1), a dimension scored as the weighted mean when the
// weight answered reaches min_coverage, a tier met when every expectation
// is, readiness the weighted mean of min(1, score/expectation), the level
// the top of the unbroken run of tiers met, the target the declared role
// when above the level, else the tier above the level.
func sqlQuery(w *bufio.Writer, b *questions.Bank, mode string) error {
	if mode != "cohort" && mode != "csv" {
		return fmt.Errorf("-mode must be cohort or csv, got %q", mode)
	}
	typed := true // every answer an integer: read them as a typed struct
	for _, q := range b.Questions {
		typed = typed && q.Type == questions.Likert && !q.AllowNA
	}
	// The answers as a struct of one column per question: integers when
	// every answer is one, else text (a number, "na", an option id, a
	// list of ids as JSON, true or false), which DuckDB reads far faster
	// than one JSON value per row.
	kind := "VARCHAR"
	if typed {
		kind = "INTEGER"
	}
	var fs []string
	for _, q := range b.Questions {
		fs = append(fs, fmt.Sprintf("%s %s", ident(q.ID), kind))
	}
	answers := "STRUCT(" + strings.Join(fs, ", ") + ")"
	p := func(format string, args ...any) { fmt.Fprintf(w, format, args...) }
	p("SET threads TO 2;\n")
	if mode == "csv" {
		p("COPY (\n")
	}
	p("WITH raw AS (\n  SELECT respondent.id AS id, respondent.name AS name, respondent.role AS role, answers AS a\n")
	p("  FROM read_json('{input}', format = 'newline_delimited', columns = {bank: 'VARCHAR', respondent: 'STRUCT(id VARCHAR, name VARCHAR, role VARCHAR, \"group\" VARCHAR)', answers: '%s'})\n),\n", strings.ReplaceAll(answers, "'", "''"))
	// x: each question's normalised value, NULL when not answered or N/A.
	p("x AS (\n  SELECT id, name, role")
	for i, q := range b.Questions {
		p(",\n    %s AS q%d", valueSQL(q, typed), i)
	}
	p("\n  FROM raw\n),\n")
	// s: dimension scores, rounded to 2 decimals as results are.
	p("s AS (\n  SELECT id, name, role")
	for d := range b.Dimensions {
		var wx, ww []string
		all := 0.0
		for _, i := range b.DimensionQuestions(d) {
			q := b.Questions[i]
			wx = append(wx, fmt.Sprintf("coalesce(%g * q%d, 0)", q.Weight, i))
			ww = append(ww, fmt.Sprintf("CASE WHEN q%d IS NULL THEN 0 ELSE %g END", i, q.Weight))
			all += q.Weight
		}
		sw := "(" + strings.Join(ww, " + ") + ")"
		p(",\n    CASE WHEN %s > 0 AND %s / %g >= %g THEN 100 * (%s) / %s END AS u%d", sw, sw, all, b.MinCoverage, strings.Join(wx, " + "), sw, d)
	}
	p("\n  FROM x\n),\n")
	// r: the scores rounded as results round them (u: unrounded, for the
	// tiers and gaps, decided before rounding as digilead does).
	p("r AS (\n  SELECT *")
	for d := range b.Dimensions {
		p(", round(u%[1]d, 2) AS d%[1]d", d)
	}
	p("\n  FROM s\n),\n")
	// t: tiers met and readiness.
	p("t AS (\n  SELECT *")
	for t, tier := range b.Tiers {
		var met, num []string
		den := 0.0
		for d, dim := range b.Dimensions {
			e, ok := tier.Expectations[dim.ID]
			if !ok {
				continue
			}
			met = append(met, fmt.Sprintf("coalesce(round(u%d, 9) >= %g, false)", d, e))
			r := "1"
			if e > 0 {
				r = fmt.Sprintf("least(1, u%d / %g)", d, e)
			}
			num = append(num, fmt.Sprintf("%g * coalesce(%s, 0)", dim.Weight, r))
			den += dim.Weight
		}
		if len(met) == 0 {
			p(",\n    true AS met%d, 100.0 AS r%d", t, t)
			continue
		}
		p(",\n    (%s) AS met%d, round(100 * (%s) / %g, 2) AS r%d", strings.Join(met, " AND "), t, strings.Join(num, " + "), den, t)
	}
	p("\n  FROM r\n),\n")
	// l: level (-1: none) and target, as tier positions.
	lvl := "-1"
	for t := range b.Tiers { // the top tier's test ends up outermost
		var run []string
		for u := 0; u <= t; u++ {
			run = append(run, fmt.Sprintf("met%d", u))
		}
		lvl = fmt.Sprintf("CASE WHEN %s THEN %d ELSE %s END", strings.Join(run, " AND "), t, lvl)
	}
	var roleRank []string
	for t, tier := range b.Tiers {
		roleRank = append(roleRank, fmt.Sprintf("WHEN '%s' THEN %d", tier.ID, t))
	}
	p("l0 AS (SELECT *, %s AS lvl, CASE role %s ELSE NULL END AS rpos FROM t),\n", lvl, strings.Join(roleRank, " "))
	p("l AS (SELECT *, CASE WHEN rpos IS NOT NULL AND (lvl < 0 OR lvl < rpos) THEN rpos WHEN lvl < 0 THEN 0 WHEN lvl = %d THEN lvl ELSE lvl + 1 END AS tgt FROM l0)", len(b.Tiers)-1)
	tierID := func(expr string) string {
		var ws []string
		for t, tier := range b.Tiers {
			ws = append(ws, fmt.Sprintf("WHEN %d THEN '%s'", t, tier.ID))
		}
		return fmt.Sprintf("CASE %s %s END", expr, strings.Join(ws, " "))
	}
	if mode == "csv" {
		p("\nSELECT id, name, role, %s AS level, %s AS target", tierID("lvl"), tierID("tgt"))
		for d, dim := range b.Dimensions {
			p(", d%d AS %s", d, ident(dim.ID))
		}
		for t, tier := range b.Tiers {
			p(", r%d AS %s", t, ident("readiness_"+tier.ID))
		}
		p("\nFROM l\n) TO '{output}' (FORMAT csv, HEADER);\n")
		return nil
	}
	// g: each person's gap per dimension to their own target.
	p(",\ng AS (SELECT *")
	for d, dim := range b.Dimensions {
		var ws []string
		for t, tier := range b.Tiers {
			if e, ok := tier.Expectations[dim.ID]; ok {
				ws = append(ws, fmt.Sprintf("WHEN %d THEN CASE WHEN u%d IS NOT NULL THEN round(greatest(0, %g - u%d), 2) END", t, d, e, d))
			}
		}
		if len(ws) == 0 {
			p(", NULL::DOUBLE AS g%d", d)
			continue
		}
		p(",\n    CASE tgt %s END AS g%d", strings.Join(ws, " "), d)
	}
	p("\n  FROM l)\n")
	p("SELECT count(*) AS participants")
	for d := range b.Dimensions {
		p(",\n  count(d%[1]d), count(*) - count(d%[1]d), round(avg(d%[1]d), 2), round(stddev_samp(d%[1]d), 2), min(d%[1]d), quantile_cont(d%[1]d, [0.25, 0.5, 0.75]), max(d%[1]d)", d)
		p(",\n  count(g%[1]d) FILTER (WHERE g%[1]d > 0), count(g%[1]d), round(avg(g%[1]d) FILTER (WHERE g%[1]d > 0), 2)", d)
	}
	for t := range b.Tiers {
		p(",\n  count(*) FILTER (WHERE met%[1]d), round(avg(r%[1]d), 2), count(*) FILTER (WHERE lvl = %[1]d)", t)
	}
	p(",\n  count(*) FILTER (WHERE lvl < 0)\nFROM g;\n")
	return nil
}

// valueSQL is a question's normalised value in SQL, from the answers
// struct a (typed: of integers; else of text).
func valueSQL(q questions.Question, typed bool) string {
	v := "a." + ident(q.ID)
	switch q.Type {
	case questions.Likert:
		if !typed {
			v = fmt.Sprintf("TRY_CAST(%s AS INTEGER)", v)
		}
		x := fmt.Sprintf("(%s - %d) / %d.0", v, q.Scale.Min, q.Scale.Max-q.Scale.Min)
		if q.Reverse {
			x = "1 - " + x
		}
		return x
	case questions.YesNo:
		yes, no := 1.0, 0.0
		if q.Reverse {
			yes, no = no, yes
		}
		return fmt.Sprintf("CASE %s WHEN 'true' THEN %g WHEN 'false' THEN %g END", v, yes, no)
	case questions.Choice:
		var ws []string
		for _, o := range q.Options {
			ws = append(ws, fmt.Sprintf("WHEN '%s' THEN %g", o.ID, o.Score))
		}
		return fmt.Sprintf("CASE %s %s END", v, strings.Join(ws, " "))
	case questions.Multi:
		var ws []string
		for _, o := range q.Options {
			ws = append(ws, fmt.Sprintf("WHEN '%s' THEN %g", o.ID, o.Score))
		}
		return fmt.Sprintf("CASE WHEN starts_with(%[1]s, '[') THEN least(1, coalesce(list_sum(list_transform(json_extract_string(%[1]s, '$[*]'), o -> CASE o %[2]s ELSE 0 END)), 0)) END", v, strings.Join(ws, " "))
	}
	return "NULL"
}

// ident quotes an SQL identifier.
func ident(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
