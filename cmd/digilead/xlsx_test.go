package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/batch/batchtest"
	"github.com/digilead/digilead/assessment/store"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/e2e"
	"github.com/digilead/digilead/questions/safetext"
	"github.com/digilead/digilead/report/iostreams"
	"github.com/digilead/digilead/report/sheet/sheettest"
)

// xlsxCase is a command line of a document that has csv and xlsx
// formats, and the sheets of its workbook.
type xlsxCase struct {
	name   string
	sheets []string
	args   []string
}

// xlsxDocuments are a command line of each document that has an xlsx
// format, from realistic data (30 respondents, the example, names a
// spreadsheet would run or a terminal obey), and the environment of a
// data directory with two results and a plan, for history.
func xlsxDocuments(t *testing.T) (env []string, cases []xlsxCase) {
	path, _ := genAnswerSets(t, 30, batchtest.Options{Seed: 5, Names: true, SkipRate: 0.12, NARate: 0.05})
	var buf bytes.Buffer
	batchtest.Write(&buf, questions.Default(), 30, batchtest.Options{Seed: 21, SkipRate: 0.1, NARate: 0.05, Groups: []string{"finance", "health", "justice", "tax", "rail"}})
	grouped := filepath.Join(t.TempDir(), "grouped.jsonl")
	os.WriteFile(grouped, buf.Bytes(), 0o600)
	scored := digilead(t, "", nil, "score", path)
	result := filepath.Join(t.TempDir(), "result.json")
	os.WriteFile(result, []byte(outputLines(scored.stdout)[3]), 0o600)
	// Names a spreadsheet would run as a formula, or a terminal obey, and
	// Welsh and French ones.
	var hostile []byte
	for i, name := range []string{"@SUM(A1)", "-2+3", "\tTab", "Ctl\x01\x1b[31m red", "_x001B_[2J", "Siân Ŵyn Ŷ", "Élodie Bérégovoy", "A & B <c> \"q\"", "+44 20 7946", "Non\ufffecharacters\uffff"} {
		id := fmt.Sprintf("p%d", i)
		if i == 0 {
			id = "=1+1"
		}
		line, _ := json.Marshal(map[string]any{"respondent": map[string]string{"id": id, "name": name}, "answers": map[string]any{}})
		hostile = append(append(hostile, line...), '\n')
	}
	hostilePath := filepath.Join(t.TempDir(), "hostile.jsonl")
	os.WriteFile(hostilePath, hostile, 0o600)
	// The example's result, for a plan with actions.
	example := filepath.Join(t.TempDir(), "example.json")
	os.WriteFile(example, []byte(digilead(t, "", nil, "assess", "--answers", "../../docs/examples/answers.yaml", "--no-save", "-f", "json").stdout), 0o600)
	// Two results in a data directory, for history (assess --answers
	// saves nothing: they are saved as the questionnaire saves them).
	home := t.TempDir()
	env = []string{"HOME=" + home, "XDG_DATA_HOME=" + filepath.Join(home, "data")}
	st := &store.Store{Dir: filepath.Join(home, "data", "digilead")}
	for _, p := range []string{example, result} {
		data, _ := os.ReadFile(p)
		r, err := assessment.DecodeResult(data)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.SaveResult(r); err != nil {
			t.Fatal(err)
		}
	}
	// And a plan saved there: history's second table.
	if r := digilead(t, "", env, "plan", example, "--priorities", "2", "-f", "json"); r.code != 0 {
		t.Fatalf("plan: exit %d: %s", r.code, r.stderr)
	}
	return env, []xlsxCase{
		{"report", []string{"result"}, []string{"report", result}},
		{"cohort", []string{"cohort"}, []string{"cohort", path}},
		{"cohort --by", []string{"cohort"}, []string{"cohort", "--by", "group", grouped}},
		{"bank stats", []string{"items"}, []string{"bank", "stats", "--bank", statsBank, statsAnswers}},
		{"bank calibrate", []string{"pairs", "levels"}, []string{"bank", "calibrate", "--bank", calibrateBank, calibratePilot}},
		{"history", []string{"history", "plans"}, []string{"history"}},
		{"plan", []string{"actions", "plan"}, []string{"plan", example, "--priorities", "3", "--no-save"}},
		{"score", []string{"score"}, []string{"score", path}},
		{"score, formulas", []string{"score"}, []string{"score", hostilePath}},
	}
}

// TestXLSXHasTheCSVCells writes each document that has a csv format as
// csv (stdout) and xlsx (-o), reads the workbook back with excelize and
// compares it cell by cell with the csv: one sheet, the header frozen,
// numbers stored as numbers.
func TestXLSXHasTheCSVCells(t *testing.T) {
	t.Parallel()
	env, cases := xlsxDocuments(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			csvOut := digilead(t, "", env, append(c.args, "--format", "csv")...)
			if csvOut.code != 0 && c.name != "score, formulas" {
				t.Fatalf("csv: exit %d: %s", csvOut.code, csvOut.stderr)
			}
			file := filepath.Join(t.TempDir(), "out.xlsx")
			x := digilead(t, "", env, append(c.args, "--format", "xlsx", "-o", file)...)
			if x.code != csvOut.code || x.stdout != "" {
				t.Fatalf("xlsx: exit %d (csv: %d), stdout %q, stderr %s", x.code, csvOut.code, x.stdout, x.stderr)
			}
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			sheets := sheettest.Read(t, data)
			var names []string
			for _, s := range sheets {
				names = append(names, s.Name)
				if !s.Frozen {
					t.Errorf("sheet %s: the header row is not frozen", s.Name)
				}
			}
			if strings.Join(names, ",") != strings.Join(c.sheets, ",") {
				t.Fatalf("sheets %v, want %v", names, c.sheets)
			}
			if c.name == "history" {
				plans := sheets[1].Rows
				if len(plans) != 2 || strings.Join(plans[0], ",") != "path,created_at,bank_id,bank_version,review_on,priorities" ||
					!strings.HasSuffix(plans[1][0], ".plan.json") || plans[1][5] == "" {
					t.Errorf("plans sheet = %q", plans)
				}
			}
			s := sheets[0]
			rows := sheettest.CSV(t, []byte(csvOut.stdout))
			sheettest.SameCells(t, s, rows)
			numbers := 0
			for i, row := range s.Rows {
				for j, cell := range row {
					if s.Numbers[i][j] {
						numbers++
					}
					if i == 0 && s.Numbers[i][j] {
						t.Errorf("header cell %q is a number", cell)
					}
					if len(cell) > 0 && strings.ContainsRune("=+@", rune(cell[0])) {
						t.Errorf("cell %q would run as a formula", cell)
					}
				}
			}
			if len(s.Rows) < 2 {
				t.Fatal("no rows but the header")
			}
			if numbers == 0 && c.name != "score, formulas" && c.name != "history" { // history has dates, ids and versions
				t.Error("no cell is a number")
			}
			for j, w := range s.Widths {
				if head := rows[0][j]; w < float64(len(head)) {
					t.Errorf("column %s is %v wide, narrower than its header", head, w)
				}
			}
		})
	}
}

// TestXLSXNeedsAFile: a binary format is refused without -o, and on
// stdout when stdout is a terminal (exit 2); down a pipe it goes.
func TestXLSXNeedsAFile(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"score", "--format", "xlsx", statsAnswers},
		{"cohort", "--format", "xlsx", statsAnswers},
		{"bank", "stats", "--format", "xlsx", "--bank", statsBank, statsAnswers},
	} {
		r := digilead(t, "", nil, args...)
		if r.code != 2 || !strings.Contains(r.stderr, "--format xlsx needs -o: xlsx is a binary file") {
			t.Errorf("%s: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
	s, _, errOut := iostreams.Test("", testEnv(t, nil))
	s.OutTTY = true
	if code := run(context.Background(), []string{"bank", "stats", "--format", "xlsx", "-o", "-", "--bank", statsBank, statsAnswers}, s); code != 2 || !strings.Contains(errOut.String(), "- is a terminal") {
		t.Errorf("to a terminal: exit %d, stderr %q", code, errOut)
	}
	r := digilead(t, "", nil, "bank", "stats", "--format", "xlsx", "-o", "-", "--bank", statsBank, statsAnswers)
	if r.code != 0 || !strings.HasPrefix(r.stdout, "PK") {
		t.Errorf("down a pipe: exit %d, stderr %q", r.code, r.stderr)
	}
	// A file named .xlsx holds a workbook or is not written: the text
	// report in scores.xlsx is a file Excel refuses as corrupt.
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"cohort", "--bank", statsBank, statsAnswers}, "-o " + filepath.Join(dir, "out.xlsx") + ": --format text writes no workbook; add --format xlsx"},
		{[]string{"cohort", "--format", "csv", "--bank", statsBank, statsAnswers}, "--format csv writes no workbook; add --format xlsx"},
		{[]string{"bank", "stats", "--bank", statsBank, statsAnswers}, "--format text writes no workbook; add --format xlsx"},
		{[]string{"bank", "review", statsBank}, "--format text writes no workbook, and this command has no xlsx format"},
	} {
		out := filepath.Join(dir, "out.XLSX")
		if c.args[1] == "--bank" {
			out = filepath.Join(dir, "out.xlsx")
		}
		r := digilead(t, "", nil, append(c.args, "-o", out)...)
		if _, err := os.Stat(out); r.code != 2 || !strings.Contains(r.stderr, c.want) || err == nil {
			t.Errorf("%s -o %s: exit %d, stderr %q", c.args, out, r.code, r.stderr)
		}
	}
	// And a workbook is not written to a file named for text.
	for _, name := range []string{"scores.csv", "scores.JSON", "scores.txt"} {
		out := filepath.Join(dir, name)
		r := digilead(t, "", nil, "cohort", "--format", "xlsx", "--bank", statsBank, statsAnswers, "-o", out)
		want := "--format xlsx writes a workbook; name the file " + strings.TrimSuffix(out, filepath.Ext(out)) + ".xlsx"
		if _, err := os.Stat(out); r.code != 2 || !strings.Contains(r.stderr, want) || err == nil {
			t.Errorf("--format xlsx -o %s: exit %d, stderr %q", name, r.code, r.stderr)
		}
	}
	// A name with a dot that is not a text format's is fine.
	out := filepath.Join(dir, "scores.2026.12")
	if r := digilead(t, "", nil, "cohort", "--format", "xlsx", "--bank", statsBank, statsAnswers, "-o", out); r.code != 0 {
		t.Errorf("--format xlsx -o scores.2026.12: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestLibreOfficeReadsTheXLSX opens each document's workbook in
// LibreOffice, the reader HR teams without Excel use, and saves every
// sheet as CSV: the first sheet must hold the csv format's cells, text
// and numbers alike (Welsh and French names, formula-like texts as given
// where the csv defuses them, character codes kept as text).
func TestLibreOfficeReadsTheXLSX(t *testing.T) {
	soffice := e2e.Tool(t, "apt-get install libreoffice-calc-nogui (.ci/run does)", "soffice", "libreoffice")
	env, cases := xlsxDocuments(t)
	dir := t.TempDir()
	var books []string
	want := map[string][][]string{}
	for i, c := range cases {
		csvOut := digilead(t, "", env, append(c.args, "--format", "csv")...)
		book := filepath.Join(dir, fmt.Sprintf("doc%d.xlsx", i))
		if x := digilead(t, "", env, append(c.args, "--format", "xlsx", "-o", book)...); x.code != csvOut.code {
			t.Fatalf("%s: xlsx exit %d, csv %d: %s", c.name, x.code, csvOut.code, x.stderr)
		}
		books = append(books, book)
		want[fmt.Sprintf("doc%d-%s.csv", i, c.sheets[0])] = sheettest.CSV(t, []byte(csvOut.stdout))
	}
	// Every sheet (the last token, -1), UTF-8 (76), cells as stored, not
	// as shown (the token before the last but three).
	filter := "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
	profile := "file://" + filepath.Join(t.TempDir(), "profile")
	cmd := exec.Command(soffice, append([]string{"-env:UserInstallation=" + profile, "--headless", "--convert-to", filter, "--outdir", dir}, books...)...)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for i, c := range cases {
		for _, sh := range c.sheets {
			if _, err := os.Stat(filepath.Join(dir, fmt.Sprintf("doc%d-%s.csv", i, sh))); err != nil {
				t.Errorf("%s: LibreOffice found no sheet %s", c.name, sh)
			}
		}
	}
	for name, rows := range want {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		got := sheettest.CSV(t, data)
		if len(got) != len(rows) {
			t.Errorf("%s: LibreOffice reads %d rows, the csv has %d", name, len(got), len(rows))
			continue
		}
		for i := range rows {
			for j := range rows[i] {
				// The csv defuses a formula-like text ('=…); the workbook
				// holds it as given, a string cell with quotePrefix.
				if j >= len(got[i]) || got[i][j] != rows[i][j] && safetext.Cell(got[i][j]) != rows[i][j] {
					t.Errorf("%s row %d column %d: LibreOffice reads %q, the csv has %q", name, i+1, j+1, got[i], rows[i])
					break
				}
			}
		}
	}
}
