package text

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// WriteRows writes query results whose columns are known only at run time (the
// sql command). Values are what database/sql scans into any: nil, numbers,
// strings, []byte, time.Time, and lists or maps for nested DuckDB types.
func WriteRows(w io.Writer, cols []string, rows [][]any, opts Options) error {
	switch opts.Format {
	case JSON:
		// Keys in column order: encode by hand around json for each value.
		var b strings.Builder
		b.WriteString("[")
		for i, r := range rows {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString("\n  {")
			for j, c := range cols {
				if j > 0 {
					b.WriteString(", ")
				}
				k, _ := marshal(c)
				v, err := marshal(jsonValue(r[j], opts.Location))
				if err != nil {
					return err
				}
				b.Write(k)
				b.WriteString(": ")
				b.Write(v)
			}
			b.WriteString("}")
		}
		if len(rows) > 0 {
			b.WriteString("\n")
		}
		b.WriteString("]\n")
		_, err := io.WriteString(w, b.String())
		return err
	case CSV:
		cw := csv.NewWriter(w)
		if err := cw.Write(cols); err != nil {
			return err
		}
		for _, r := range rows {
			rec := make([]string, len(r))
			for j, v := range r {
				rec[j] = exactAny(v, opts.Location)
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	case Markdown:
		var b strings.Builder
		b.WriteString("|")
		for _, c := range cols {
			b.WriteString(" " + mdEscape(c) + " |")
		}
		b.WriteString("\n|" + strings.Repeat("---|", len(cols)) + "\n")
		for _, r := range rows {
			b.WriteString("|")
			for _, v := range r {
				b.WriteString(" " + mdEscape(exactAny(v, opts.Location)) + " |")
			}
			b.WriteString("\n")
		}
		_, err := io.WriteString(w, b.String())
		return err
	default:
		if !opts.TTY {
			var b strings.Builder
			b.WriteString(strings.Join(cols, "\t") + "\n")
			for _, r := range rows {
				for j, v := range r {
					if j > 0 {
						b.WriteByte('\t')
					}
					b.WriteString(tsvCell.Replace(exactAny(v, opts.Location)))
				}
				b.WriteByte('\n')
			}
			_, err := io.WriteString(w, b.String())
			return err
		}
		right := make([]bool, len(cols))
		cells := make([][]string, len(rows))
		for i, r := range rows {
			cells[i] = make([]string, len(cols))
			for j, v := range r {
				s := exactAny(v, opts.Location)
				if v == nil {
					s = "NULL"
				}
				cells[i][j] = oneLine(s, 80)
			}
		}
		for j := range cols {
			right[j] = len(rows) > 0
			for _, r := range rows {
				switch r[j].(type) {
				case nil, int, int8, int16, int32, int64, uint8, uint16, uint32, uint64, float32, float64:
				default:
					right[j] = false
				}
			}
		}
		heads := make([]string, len(cols))
		for j, c := range cols {
			heads[j] = strings.ToUpper(c)
		}
		if err := writeAligned(w, heads, cells, right); err != nil {
			return err
		}
		_, err := fmt.Fprintf(w, "(%d rows)\n", len(rows))
		return err
	}
}

// marshal is json.Marshal without HTML escaping, as Write's JSON: the output
// is data for tools, not a web page.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// jsonValue is v as JSON carries it: bytes as text, times in loc as RFC 3339,
// NaN and ±Inf as null.
func jsonValue(v any, loc *time.Location) any {
	switch t := v.(type) {
	case []byte:
		return string(t)
	case time.Time:
		if loc != nil {
			t = t.In(loc)
		}
		return t.Format(time.RFC3339Nano)
	case float64:
		if math.IsNaN(t) || math.IsInf(t, 0) {
			return nil
		}
	}
	return v
}

// exactAny renders a value for machines: jsonValue's text, times and numbers,
// written out as CSV, Markdown and tab-separated cells want them.
func exactAny(v any, loc *time.Location) string {
	switch t := jsonValue(v, loc).(type) {
	case nil:
		return ""
	case string:
		return t
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(t), 'f', -1, 32)
	case map[string]any, []any:
		b, _ := json.Marshal(t)
		return string(b)
	}
	return fmt.Sprint(v)
}
