package form

import (
	"reflect"
	"strings"
	"sync"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/huh"

	"github.com/digilead/digilead/questions/lang"
)

// keyWords are the ids of the messages that say what huh's keys do, by
// huh's own (English) help text (made on first use, as keyCaps).
var keyWords = sync.OnceValue(func() map[string]string {
	return map[string]string{
		"next": "form.key.next", "back": "form.key.back", "submit": "form.key.submit", "select": "form.key.select",
		"confirm": "form.key.confirm", "toggle": "form.key.toggle", "up": "form.key.up", "down": "form.key.down",
		"left": "form.key.left", "right": "form.key.right", "filter": "form.key.filter", "set filter": "form.key.set_filter",
		"clear filter": "form.key.clear_filter", "½ page up": "form.key.half_page_up", "½ page down": "form.key.half_page_down",
		"go to start": "form.key.go_to_start", "go to end": "form.key.go_to_end", "select all": "form.key.select_all",
		"select none": "form.key.select_none", "complete": "form.key.complete", "first": "form.key.first", "last": "form.key.last",
		"page up": "form.key.page_up", "page down": "form.key.page_down", "open": "form.key.open", "close": "form.key.close",
		"new line": "form.key.new_line", "open editor": "form.key.open_editor", "Yes": "form.key.yes", "No": "form.key.no",
		"quit": "form.key.quit",
	}
})

// keyHelp says in l what every key of km does, and names the keys in l:
// huh writes its key help in English only.
func keyHelp(l *lang.Lang, km *huh.KeyMap) {
	walkBindings(reflect.ValueOf(km).Elem(), func(b *key.Binding) {
		h := b.Help()
		if h.Key == "" && h.Desc == "" {
			return
		}
		desc := h.Desc
		if id, ok := keyWords()[h.Desc]; ok {
			desc = l.T(id)
		}
		b.SetHelp(keyName(l, h.Key), desc)
	})
}

// walkBindings calls fn with every key binding in v, a struct of bindings
// and structs of them.
func walkBindings(v reflect.Value, fn func(*key.Binding)) {
	if b, ok := v.Addr().Interface().(*key.Binding); ok {
		fn(b)
		return
	}
	if v.Kind() != reflect.Struct {
		return
	}
	for i := range v.NumField() {
		if v.Type().Field(i).IsExported() {
			walkBindings(v.Field(i), fn)
		}
	}
}

// keyCaps are the ids of the messages that name keys, by huh's names.
var keyCaps = sync.OnceValue(func() map[string]string {
	return map[string]string{
		"enter": "form.keycap.enter", "shift": "form.keycap.shift", "tab": "form.keycap.tab", "ctrl": "form.keycap.ctrl",
		"alt": "form.keycap.alt", "esc": "form.keycap.esc", "home": "form.keycap.home", "end": "form.keycap.end",
		"pgup": "form.keycap.pgup", "pgdown": "form.keycap.pgdown", "space": "form.keycap.space", "backspace": "form.keycap.backspace",
	}
})

// keyName names a key or keys as huh writes them ("shift+tab", "g/home",
// "alt+enter / ctrl+j") in l: each named key from the catalog, letters
// and arrows as they are.
func keyName(l *lang.Lang, s string) string {
	var sb strings.Builder
	ctrl := l.T(keyCaps()["ctrl"])
	afterCtrl := false
	word := func(w string) {
		switch id, ok := keyCaps()[w]; {
		case ok:
			w = l.T(id)
		case afterCtrl && len(w) == 1 && ctrl != strings.ToLower(ctrl):
			w = strings.ToUpper(w) // Ctrl+C where keys are written with capitals
		}
		afterCtrl = w == ctrl
		sb.WriteString(w)
	}
	start := 0
	for i, r := range s {
		if r == '+' || r == '/' || r == ' ' {
			word(s[start:i])
			sb.WriteRune(r)
			start = i + 1
		}
	}
	word(s[start:])
	return sb.String()
}
