package metrics

import (
	"bufio"
	"compress/gzip"
	"io"
	"math"
	"net/http"
	"strconv"
	"strings"
)

// ContentType is the text exposition format's media type.
const ContentType = "text/plain; version=0.0.4; charset=utf-8"

// WriteText writes families in the text exposition format 0.0.4.
func WriteText(w io.Writer, fams []Family) error {
	bw := bufio.NewWriter(w)
	var line []byte
	for _, f := range fams {
		line = append(line[:0], "# HELP "...)
		line = append(line, f.Name...)
		line = append(line, ' ')
		line = appendEscaped(line, f.Help, false)
		line = append(line, "\n# TYPE "...)
		line = append(line, f.Name...)
		line = append(line, ' ')
		line = append(line, f.Type...)
		line = append(line, '\n')
		for _, m := range f.Metrics {
			switch f.Type {
			case TypeHistogram:
				for i, b := range m.Bounds {
					line = appendSample(line, f.Name, "_bucket", m, "le", b, float64(m.Cumulative[i]))
				}
				line = appendSample(line, f.Name, "_bucket", m, "le", math.Inf(1), float64(m.Count))
				line = appendSample(line, f.Name, "_sum", m, "", 0, m.Sum)
				line = appendSample(line, f.Name, "_count", m, "", 0, float64(m.Count))
			case TypeSummary:
				for i, q := range m.Quantiles {
					line = appendSample(line, f.Name, "", m, "quantile", q, m.QValues[i])
				}
				line = appendSample(line, f.Name, "_sum", m, "", 0, m.Sum)
				line = appendSample(line, f.Name, "_count", m, "", 0, float64(m.Count))
			default:
				line = appendSample(line, f.Name, "", m, "", 0, m.Value)
			}
		}
		if _, err := bw.Write(line); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// appendSample appends `name{labels} value\n`, with the extra label
// (le, quantile) when extraName is set.
func appendSample(b []byte, name, suffix string, m Metric, extraName string, extra, v float64) []byte {
	b = append(b, name...)
	b = append(b, suffix...)
	if len(m.LabelNames) > 0 || extraName != "" {
		b = append(b, '{')
		for i, l := range m.LabelNames {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, l...)
			b = append(b, `="`...)
			b = appendEscaped(b, m.LabelValues[i], true)
			b = append(b, '"')
		}
		if extraName != "" {
			if len(m.LabelNames) > 0 {
				b = append(b, ',')
			}
			b = append(b, extraName...)
			b = append(b, `="`...)
			b = appendFloat(b, extra)
			b = append(b, '"')
		}
		b = append(b, '}')
	}
	b = append(b, ' ')
	b = appendFloat(b, v)
	return append(b, '\n')
}

// appendFloat writes v as the Prometheus client did: +Inf, -Inf, NaN, or
// the shortest representation (%g).
func appendFloat(b []byte, v float64) []byte {
	switch {
	case math.IsInf(v, 1):
		return append(b, "+Inf"...)
	case math.IsInf(v, -1):
		return append(b, "-Inf"...)
	case math.IsNaN(v):
		return append(b, "NaN"...)
	}
	return strconv.AppendFloat(b, v, 'g', -1, 64)
}

// appendEscaped escapes a backslash and a newline (HELP text), and a
// double quote in label values.
func appendEscaped(b []byte, s string, quote bool) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\':
			b = append(b, `\\`...)
		case c == '\n':
			b = append(b, `\n`...)
		case c == '"' && quote:
			b = append(b, `\"`...)
		default:
			b = append(b, c)
		}
	}
	return b
}

// Handler serves the registry's metrics in the text format, gzipped when
// the client accepts it. A collector reporting a metric inconsistently is
// a 500 naming it.
func (r *Registry) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		fams, err := r.Gather()
		if err != nil {
			http.Error(w, "gathering metrics: "+err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", ContentType)
		var out io.Writer = w
		if acceptsGzip(req.Header.Get("Accept-Encoding")) {
			w.Header().Set("Content-Encoding", "gzip")
			zw := gzip.NewWriter(w)
			defer zw.Close()
			out = zw
		}
		WriteText(out, fams) // a write error is the client gone
	})
}

func acceptsGzip(h string) bool {
	for part := range strings.SplitSeq(h, ",") {
		enc, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.TrimSpace(enc) == "gzip" && strings.ReplaceAll(strings.TrimSpace(q), " ", "") != "q=0" {
			return true
		}
	}
	return false
}
