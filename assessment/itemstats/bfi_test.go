package itemstats

import (
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/e2e"
)

// bfiScript exports the agreeableness items A1..A5 of the bfi data (R
// package psychTools) and psych::alpha's figures for them, A1 reversed,
// on the complete rows. The data is written at test time and never
// committed.
const bfiScript = `
suppressPackageStartupMessages({ library(psychTools); library(psych) })
args <- commandArgs(TRUE)
items <- c("A1", "A2", "A3", "A4", "A5")
A <- bfi[, items]
write.csv(A, args[1], row.names = FALSE, na = "")
C <- na.omit(A)
a <- psych::alpha(C, keys = c("A1"), warnings = FALSE)
s <- a$item.stats
out <- c(n = nrow(C), raw_alpha = a$total$raw_alpha, std_alpha = a$total$std.alpha, average_r = a$total$average_r,
  setNames(a$alpha.drop$raw_alpha, paste0("alpha_drop.", items)),
  setNames(s$r.drop, paste0("r_drop.", items)),
  setNames(s$mean, paste0("mean.", items)),
  setNames(s$sd, paste0("sd.", items)))
write.csv(data.frame(name = names(out), value = sprintf("%.17g", out)), args[2], row.names = FALSE)
`

// needR finds Rscript with psychTools: a slow end-to-end check (see
// internal/e2e), which fails when they are missing.
func needR(t *testing.T) string {
	t.Helper()
	rscript := e2e.Tool(t, "apt-get install -y --no-install-recommends r-cran-psych r-cran-psychtools", "Rscript")
	missing := func(why string) {
		t.Fatalf("%s; apt-get install -y --no-install-recommends r-cran-psych r-cran-psychtools", why)
	}
	if out, err := exec.Command(rscript, "-e", "library(psychTools); library(psych)").CombinedOutput(); err != nil {
		missing("R packages psych and psychTools are not installed: " + strings.TrimSpace(string(out)))
	}
	return rscript
}

// TestBFIAgreeablenessMatchesPsych checks the statistics against the
// published figure (listwise alpha 0.704 on 2,709 complete rows) and
// against R's psych::alpha, computed in the same run.
func TestBFIAgreeablenessMatchesPsych(t *testing.T) {
	rscript := needR(t)
	dir := t.TempDir()
	script, data, want := filepath.Join(dir, "bfi.R"), filepath.Join(dir, "bfi.csv"), filepath.Join(dir, "psych.csv")
	if err := os.WriteFile(script, []byte(bfiScript), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(rscript, script, data, want).CombinedOutput(); err != nil {
		t.Fatalf("R: %v\n%s", err, out)
	}
	items := []string{"A1", "A2", "A3", "A4", "A5"}
	b := bfiBank(t, items)
	a := New(b)
	rows := readCSV(t, data)
	if strings.Join(rows[0], ",") != strings.Join(items, ",") {
		t.Fatalf("bfi.csv header = %v", rows[0])
	}
	for _, row := range rows[1:] {
		vals := map[string]questions.Value{}
		for i, cell := range row {
			if cell == "" {
				continue
			}
			v, err := strconv.Atoi(cell)
			if err != nil {
				t.Fatalf("bfi.csv: %q: %v", cell, err)
			}
			vals[items[i]] = questions.IntValue(v)
		}
		a.Add(vals)
	}
	d := a.Report().Dimensions[0]
	psych := map[string]float64{}
	for _, row := range readCSV(t, want)[1:] {
		psych[row[0]], _ = strconv.ParseFloat(row[1], 64)
	}

	// The published figure.
	if d.N != 2709 || d.Alpha == nil || fmt.Sprintf("%.3f", *d.Alpha) != "0.704" {
		t.Errorf("listwise alpha = %v on %d rows; want 0.704 on 2709", fmtPtr(d.Alpha), d.N)
	}
	// psych::alpha, to the 4 decimals the report keeps (3 are required).
	const tol = 1e-4
	if float64(d.N) != psych["n"] {
		t.Errorf("n = %d, psych %v", d.N, psych["n"])
	}
	near(t, "alpha", d.Alpha, psych["raw_alpha"], tol)
	near(t, "std_alpha", d.StdAlpha, psych["std_alpha"], tol)
	near(t, "mean_r", d.MeanR, psych["average_r"], tol)
	for i, id := range items {
		q := d.Questions[i]
		near(t, id+" alpha_if_deleted", q.AlphaIfDeleted, psych["alpha_drop."+id], tol)
		near(t, id+" item_total_r", q.ItemTotalR, psych["r_drop."+id], tol)
		// psych reports the reversed raw scale 1..6; ours is 0..100.
		near(t, id+" mean", q.Mean, (psych["mean."+id]-1)/5*100, 0.005)
		near(t, id+" sd", q.SD, psych["sd."+id]/5*100, 0.005)
	}
}

func bfiBank(t *testing.T, items []string) *questions.Bank {
	qs := make([]string, len(items))
	for i, id := range items {
		qs[i] = fmt.Sprintf("{id: %s, dimension: d, text: %s, scale: {min: 1, max: 6}, reverse: %v}", id, id, id == "A1")
	}
	return testBank(t, qs...)
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}
