package text

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/rivo/uniseg"
)

// Format is an output format; it implements pflag.Value so a bad --format is a
// usage error before any work is done.
type Format string

// The formats.
const (
	Table    Format = "table"
	CSV      Format = "csv"
	JSON     Format = "json"
	Markdown Format = "markdown"
)

// Formats lists the formats in the order --help shows them.
var Formats = []Format{Table, CSV, JSON, Markdown}

func (f *Format) String() string {
	if *f == "" {
		return string(Table)
	}
	return string(*f)
}

// Set parses a format name.
func (f *Format) Set(s string) error {
	for _, k := range Formats {
		if strings.EqualFold(s, string(k)) {
			*f = k
			return nil
		}
	}
	return fmt.Errorf("unknown format %q: want table, csv, json or markdown", s)
}

// Type names the flag's value in --help.
func (f *Format) Type() string { return "format" }

// Options configure Write.
type Options struct {
	Format Format
	// TTY renders tables for a person: aligned, human units. Without it a table is
	// tab-separated exact values, for scripts.
	TTY bool
	// Wide shows the columns tables hide by default.
	Wide bool
	// Location is where times are shown; nil means the times' own location.
	Location *time.Location
}

type column struct {
	index  []int
	name   string
	head   string
	unit   string
	hidden bool
}

func columns(t reflect.Type) []column {
	var cols []column
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		head := f.Tag.Get("head")
		if head == "" {
			head = strings.ToUpper(strings.ReplaceAll(name, "_", " "))
		}
		cols = append(cols, column{index: f.Index, name: name, head: head, unit: f.Tag.Get("unit"), hidden: f.Tag.Get("table") == "hide"})
	}
	return cols
}

// Write writes rows (a slice of structs) in opts.Format.
func Write(w io.Writer, rows any, opts Options) error {
	v := reflect.ValueOf(rows)
	if v.Kind() != reflect.Slice {
		return fmt.Errorf("text: rows must be a slice, got %T", rows)
	}
	et := v.Type().Elem()
	if et.Kind() != reflect.Struct {
		return fmt.Errorf("text: rows must be a slice of structs, got %T", rows)
	}
	cols := columns(et)
	switch opts.Format {
	case JSON:
		if v.Len() == 0 {
			_, err := io.WriteString(w, "[]\n")
			return err
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(rows)
	case CSV:
		cw := csv.NewWriter(w)
		head := make([]string, len(cols))
		for i, c := range cols {
			head[i] = c.name
		}
		if err := cw.Write(head); err != nil {
			return err
		}
		for i := 0; i < v.Len(); i++ {
			rec := make([]string, len(cols))
			for j, c := range cols {
				rec[j] = exact(v.Index(i).FieldByIndex(c.index), opts.Location)
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	case Markdown:
		shown := visible(cols, opts.Wide)
		var b strings.Builder
		b.WriteString("|")
		for _, c := range shown {
			b.WriteString(" " + mdEscape(c.head) + " |")
		}
		b.WriteString("\n|")
		for _, c := range shown {
			if numeric(c, et) {
				b.WriteString("---:|")
			} else {
				b.WriteString("---|")
			}
		}
		b.WriteString("\n")
		for i := 0; i < v.Len(); i++ {
			b.WriteString("|")
			for _, c := range shown {
				b.WriteString(" " + mdEscape(human(v.Index(i).FieldByIndex(c.index), c.unit, opts.Location)) + " |")
			}
			b.WriteString("\n")
		}
		_, err := io.WriteString(w, b.String())
		return err
	default:
		shown := visible(cols, opts.Wide)
		if !opts.TTY {
			var b strings.Builder
			for j, c := range shown {
				if j > 0 {
					b.WriteByte('\t')
				}
				b.WriteString(c.name)
			}
			b.WriteByte('\n')
			for i := 0; i < v.Len(); i++ {
				for j, c := range shown {
					if j > 0 {
						b.WriteByte('\t')
					}
					b.WriteString(tsvCell.Replace(exact(v.Index(i).FieldByIndex(c.index), opts.Location)))
				}
				b.WriteByte('\n')
			}
			_, err := io.WriteString(w, b.String())
			return err
		}
		if v.Len() == 0 {
			_, err := io.WriteString(w, "(no rows)\n")
			return err
		}
		heads := make([]string, len(shown))
		right := make([]bool, len(shown))
		for j, c := range shown {
			heads[j], right[j] = c.head, numeric(c, et)
		}
		cells := make([][]string, v.Len())
		for i := range cells {
			cells[i] = make([]string, len(shown))
			for j, c := range shown {
				cells[i][j] = oneLine(human(v.Index(i).FieldByIndex(c.index), c.unit, opts.Location), 60)
			}
		}
		return writeAligned(w, heads, cells, right)
	}
}

// writeAligned writes an aligned table: columns two spaces apart, numbers
// right-aligned, widths measured in terminal cells (so Devanagari and Bengali
// with combining marks, and wide CJK, line up), no trailing spaces.
func writeAligned(w io.Writer, heads []string, cells [][]string, right []bool) error {
	widths := make([]int, len(heads))
	for j, h := range heads {
		widths[j] = uniseg.StringWidth(h)
	}
	for _, r := range cells {
		for j, c := range r {
			widths[j] = max(widths[j], uniseg.StringWidth(c))
		}
	}
	var b strings.Builder
	line := func(r []string) {
		var l strings.Builder
		for j, c := range r {
			pad := strings.Repeat(" ", widths[j]-uniseg.StringWidth(c))
			if j > 0 {
				l.WriteString("  ")
			}
			if right[j] {
				l.WriteString(pad + c)
			} else {
				l.WriteString(c + pad)
			}
		}
		b.WriteString(strings.TrimRight(l.String(), " ") + "\n")
	}
	line(heads)
	for _, r := range cells {
		line(r)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func visible(cols []column, wide bool) []column {
	var out []column
	for _, c := range cols {
		if wide || !c.hidden {
			out = append(out, c)
		}
	}
	return out
}

func numeric(c column, t reflect.Type) bool {
	f := t.FieldByIndex(c.index).Type
	for f.Kind() == reflect.Pointer {
		f = f.Elem()
	}
	switch f.Kind() {
	case reflect.Int, reflect.Int64, reflect.Int32, reflect.Float64, reflect.Float32:
		return true
	}
	return false
}

// tsvCell keeps a value of a tab-separated table in its cell and on its line.
var tsvCell = strings.NewReplacer("\t", " ", "\n", " ")

var mdCell = strings.NewReplacer("|", `\|`, "\n", " ", "<", "&lt;", ">", "&gt;")

func mdEscape(s string) string { return mdCell.Replace(s) }

func oneLine(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > max {
		return string(r[:max-1]) + "…"
	}
	return s
}

var timeType = reflect.TypeOf(time.Time{})

// exact renders a value for machines.
func exact(v reflect.Value, loc *time.Location) string {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return ""
		}
		v = v.Elem()
	}
	if v.Type() == timeType {
		t := v.Interface().(time.Time)
		if t.IsZero() {
			return ""
		}
		if loc != nil {
			t = t.In(loc)
		}
		return t.Format(time.RFC3339)
	}
	switch v.Kind() {
	case reflect.Float64, reflect.Float32:
		f := v.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return ""
		}
		return strconv.FormatFloat(f, 'f', -1, 64)
	case reflect.Map, reflect.Slice:
		if v.Len() == 0 {
			return ""
		}
		b, _ := json.Marshal(v.Interface())
		return string(b)
	}
	return fmt.Sprint(v.Interface())
}

// human renders a value for people, by unit.
func human(v reflect.Value, unit string, loc *time.Location) string {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return "-"
		}
		v = v.Elem()
	}
	if v.Type() == timeType {
		t := v.Interface().(time.Time)
		if t.IsZero() {
			return "-"
		}
		if loc != nil {
			t = t.In(loc)
		}
		if unit == "date" {
			return t.Format("2006-01-02")
		}
		return t.Format("2006-01-02 15:04")
	}
	var f float64
	switch v.Kind() {
	case reflect.Float64, reflect.Float32:
		f = v.Float()
	case reflect.Int, reflect.Int64, reflect.Int32, reflect.Int16:
		f = float64(v.Int())
		if unit == "" {
			return strconv.FormatInt(v.Int(), 10)
		}
	case reflect.Bool:
		if v.Bool() {
			return "yes"
		}
		return "no"
	case reflect.String:
		if v.String() == "" {
			return "-"
		}
		return v.String()
	default:
		return exact(v, loc)
	}
	if math.IsNaN(f) {
		return "-"
	}
	if math.IsInf(f, 1) {
		return "∞"
	}
	switch unit {
	case "pct":
		return Percent(f)
	case "minutes":
		return Minutes(f)
	case "hours":
		return Minutes(f * 60)
	case "days":
		return Days(f)
	case "ratio":
		return strconv.FormatFloat(f, 'f', 2, 64)
	case "p":
		if f < 0.0001 {
			return "<0.0001"
		}
		return strconv.FormatFloat(f, 'f', 4, 64)
	case "pctpoints":
		return fmt.Sprintf("%+.2f pt", f)
	case "count":
		return Count(f)
	}
	return strconv.FormatFloat(f, 'f', 2, 64)
}

// Percent renders 99.52 as "99.52%", dropping needless decimals.
func Percent(f float64) string {
	s := strconv.FormatFloat(f, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s + "%"
}

// Minutes renders a duration given in minutes: "45 min", "3 h 12 min", "2 d 4 h".
func Minutes(m float64) string {
	if m < 0 {
		return "-" + Minutes(-m)
	}
	total := int64(math.Round(m))
	switch {
	case m < 1 && m > 0:
		return fmt.Sprintf("%.1f min", m)
	case total < 60:
		return fmt.Sprintf("%d min", total)
	case total < 24*60:
		if total%60 == 0 {
			return fmt.Sprintf("%d h", total/60)
		}
		return fmt.Sprintf("%d h %d min", total/60, total%60)
	default:
		d, h := total/1440, (total%1440+30)/60
		if h == 24 {
			d, h = d+1, 0
		}
		if h == 0 {
			return fmt.Sprintf("%d d", d)
		}
		return fmt.Sprintf("%d d %d h", d, h)
	}
}

// Days renders a number of days: "12 d", "0.5 d".
func Days(d float64) string {
	if d < 10 {
		return strings.TrimRight(strings.TrimRight(strconv.FormatFloat(d, 'f', 1, 64), "0"), ".") + " d"
	}
	return fmt.Sprintf("%.0f d", d)
}

// Count renders a count with thousands separators: 12,345.
func Count(f float64) string {
	n := int64(math.Round(f))
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
