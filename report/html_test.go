package report

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions/e2e"
)

func renderHTML(t *testing.T, r *assessment.Result) string {
	t.Helper()
	var buf bytes.Buffer
	if err := resultHTML(&buf, r, Options{}); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestHTMLSelfContained checks the page needs nothing from anywhere: no
// scripts, no links, no fetched fonts or images.
func TestHTMLSelfContained(t *testing.T) {
	t.Parallel()
	page := renderHTML(t, exampleResult(t))
	for _, bad := range []string{"<script", "<link", "<img", "<iframe", "@import", "url(", "src=", "href=", "@font-face"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	urls := regexp.MustCompile(`https?://[^"' )<]+`).FindAllString(page, -1)
	for _, u := range urls {
		if u != "http://www.w3.org/2000/svg" { // the SVG namespace name, never fetched
			t.Errorf("page refers to %s", u)
		}
	}
}

// TestHTMLEscapes checks names from a bank cannot inject markup.
func TestHTMLEscapes(t *testing.T) {
	t.Parallel()
	page := renderHTML(t, trickyResult(t))
	for _, raw := range []string{"<script>alert(1)</script>", "<b>this</b>", "<bank>", "<ada>"} {
		if strings.Contains(page, raw) {
			t.Errorf("page contains unescaped %q", raw)
		}
	}
	for _, escaped := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;this&lt;/b&gt;"} {
		if !strings.Contains(page, escaped) {
			t.Errorf("page lacks the escaped text %q", escaped)
		}
	}
}

// TestHTMLAccessibleMarkup checks the structure a screen reader relies on.
func TestHTMLAccessibleMarkup(t *testing.T) {
	t.Parallel()
	r := exampleResult(t)
	page := renderHTML(t, r)
	for _, want := range []string{
		`<html lang="en">`, "<h1>", `<h2 id="h-priorities">`, `<h3 id="h-scores">`, "<caption>",
		`<th scope="col">Dimension</th>`,
		`<table class="scores">`, `<td class="barcell" aria-hidden="true">`,
		`role="img" aria-labelledby="readiness-title readiness-desc"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if n := strings.Count(page, `<th scope="row">`); n != len(r.Dimensions) {
		t.Errorf("%d row headers, want one per dimension (%d)", n, len(r.Dimensions))
	}
}

// TestHTMLContrast checks every text colour in the page's CSS and charts
// against white for WCAG AA (4.5:1), and the chart outlines for the 3:1
// that graphics need.
func TestHTMLContrast(t *testing.T) {
	t.Parallel()
	page := renderHTML(t, exampleResult(t))
	text := regexp.MustCompile(`(?:[^-]color|<text[^>]*fill|<g font-size="\d+" fill)[:=]\s*"?(#[0-9a-fA-F]{6})`).FindAllStringSubmatch(page, -1)
	if len(text) < 5 {
		t.Fatalf("found only %d text colours; is the pattern stale?", len(text))
	}
	for _, m := range text {
		if c := contrast(m[1], "#ffffff"); c < 4.5 {
			t.Errorf("text colour %s has contrast %.2f on white, want >= 4.5 (WCAG AA)", m[1], c)
		}
	}
	for _, c := range []string{ColorScore, ColorTarget} {
		if got := contrast(c, "#ffffff"); got < 3 {
			t.Errorf("chart colour %s has contrast %.2f on white, want >= 3", c, got)
		}
	}
}

// contrast is the WCAG 2.1 contrast ratio of two #rrggbb colours.
func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

func luminance(hex string) float64 {
	var l float64
	for i, w := range []float64{0.2126, 0.7152, 0.0722} {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		c := float64(v) / 255
		if c <= 0.03928 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		l += w * c
	}
	return l
}

func TestContrast(t *testing.T) {
	t.Parallel()
	if c := contrast("#000000", "#ffffff"); math.Abs(c-21) > 1e-9 {
		t.Errorf("black on white = %v, want 21", c)
	}
	if c := contrast("#777777", "#ffffff"); c >= 4.5 {
		t.Errorf("#777 on white = %.2f, known to fail AA", c)
	}
}

// chromium finds a headless browser: a slow end-to-end test (see
// internal/e2e), which fails when it is missing.
func chromium(t *testing.T) string {
	t.Helper()
	return e2e.Tool(t, "apt-get install chromium", "chromium", "chromium-browser", "google-chrome")
}

// runChromium runs headless chromium on the page with extra arguments and
// returns stdout and the log on stderr.
func runChromium(t *testing.T, page string, args ...string) (string, string) {
	t.Helper()
	bin := chromium(t)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	base := []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-dev-shm-usage", "--hide-scrollbars",
		"--user-data-dir=" + t.TempDir(), "--enable-logging=stderr", "--v=0",
	}
	cmd := exec.CommandContext(ctx, bin, append(append(base, args...), "file://"+page)...)
	var out, log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &log
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, log.String())
	}
	return out.String(), log.String()
}

// TestHTMLInBrowser opens the page in headless chromium: it loads without
// console errors or network requests, the chart's outlines are in the
// rendered DOM, and a screenshot shows them drawn.
func TestHTMLInBrowser(t *testing.T) {
	t.Parallel()
	r := exampleResult(t)
	page := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(page, []byte(renderHTML(t, r)), 0o600); err != nil {
		t.Fatal(err)
	}
	dom, log := runChromium(t, page, "--dump-dom")
	checkBrowserLog(t, log)
	for _, want := range []string{`class="fill" data-bar=""`, `class="mark" data-mark=""`, `<table class="scores">`, "Responsible use of AI"} {
		if !strings.Contains(dom, want) {
			t.Errorf("rendered DOM lacks %s", want)
		}
	}
	if n := strings.Count(dom, `class="mark" data-mark=""`); n != len(r.Gaps) {
		t.Errorf("rendered DOM has %d target marks, want one per expectation (%d)", n, len(r.Gaps))
	}
	if n := strings.Count(dom, "<rect data-bar="); n != len(r.Tiers) {
		t.Errorf("rendered DOM has %d readiness bars, want %d", n, len(r.Tiers))
	}

	shot := filepath.Join(t.TempDir(), "report.png")
	_, log = runChromium(t, page, "--screenshot="+shot, "--window-size=1000,1400")
	checkBrowserLog(t, log)
	checkScreenshot(t, shot)
	if dir := os.Getenv("DIGILEAD_KEEP_SCREENSHOT"); dir != "" {
		data, _ := os.ReadFile(shot)
		_ = os.WriteFile(filepath.Join(dir, "report.png"), data, 0o644)
	}
}

// TestBrowserLogCheck makes sure checkBrowserLog would see a console
// error: a page with a failing script must show one in the log.
func TestBrowserLogCheck(t *testing.T) {
	t.Parallel()
	page := filepath.Join(t.TempDir(), "bad.html")
	if err := os.WriteFile(page, []byte("<!DOCTYPE html><title>x</title><script>undefinedFunction()</script>"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, log := runChromium(t, page, "--dump-dom")
	if !browserLogBad(log) {
		t.Errorf("a script error did not show in the browser log; checkBrowserLog is blind:\n%s", log)
	}
}

// browserLogBad reports console messages and failed requests in the log.
func browserLogBad(log string) bool {
	for _, line := range strings.Split(log, "\n") {
		if badLogLine(line) {
			return true
		}
	}
	return false
}

func badLogLine(line string) bool {
	return strings.Contains(line, ":CONSOLE") || strings.Contains(line, "net::ERR") || strings.Contains(line, "Uncaught")
}

// checkBrowserLog fails on console messages and failed requests.
func checkBrowserLog(t *testing.T, log string) {
	t.Helper()
	for _, line := range strings.Split(log, "\n") {
		if badLogLine(line) {
			t.Errorf("browser reported: %s", line)
		}
	}
}

// checkScreenshot checks the page is drawn: the score bars (blue) and
// the target's marks (orange) cover a fair number of pixels.
func checkScreenshot(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	fill := rgb(ColorScore)
	var fillPx, targetPx, whitePx int
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := pixel(img, x, y)
			switch {
			case near(c, fill, 10):
				fillPx++
			case near(c, rgb(ColorTarget), 40):
				targetPx++
			case near(c, [3]int{255, 255, 255}, 0):
				whitePx++
			}
		}
	}
	total := b.Dx() * b.Dy()
	t.Logf("screenshot %dx%d: %d bar, %d target mark, %d white pixels", b.Dx(), b.Dy(), fillPx, targetPx, whitePx)
	if whitePx == total {
		t.Fatal("screenshot is blank")
	}
	if fillPx < 10000 {
		t.Errorf("the bars cover %d pixels; they are not drawn", fillPx)
	}
	if targetPx < 300 {
		t.Errorf("the target's marks cover %d pixels; they are not drawn", targetPx)
	}
}

func pixel(img image.Image, x, y int) [3]int {
	r, g, b, _ := img.At(x, y).RGBA()
	return [3]int{int(r >> 8), int(g >> 8), int(b >> 8)}
}

func rgb(hex string) [3]int {
	var c [3]int
	fmt.Sscanf(hex, "#%02x%02x%02x", &c[0], &c[1], &c[2])
	return c
}

// blend is colour hex at opacity a over white.
func blend(hex string, a float64) [3]int {
	c := rgb(hex)
	for i := range c {
		c[i] = int(math.Round(a*float64(c[i]) + (1-a)*255))
	}
	return c
}

func near(a, b [3]int, tol int) bool {
	for i := range a {
		if d := a[i] - b[i]; d > tol || d < -tol {
			return false
		}
	}
	return true
}
