package config

import (
	"fmt"
	"math"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/newshound/newshound/internal/suggest"
)

// nodePos is where a value sits in the file, and how it was written, so that
// an offset inside the value can be mapped back to a column.
type nodePos struct {
	line, col int
	style     yaml.Style
}

// decoder turns a YAML node tree into Go values by reflection, strictly:
// every unknown key and every ill-typed value becomes an Error with its
// position, and decoding goes on so that one run reports everything.
type decoder struct {
	file   string
	errs   Errors
	pos    map[string]nodePos
	getenv func(string) (string, bool)
	// structs are the yaml keys of each struct type decoded so far: a
	// configuration of 1,000 feeds decodes the feed struct 1,000 times.
	structs map[reflect.Type]*structKeys
}

// structKeys are a struct type's yaml keys: each one's field index, and the
// keys in field order (for suggestions).
type structKeys struct {
	field map[string]int
	names []string
}

func (d *decoder) keys(t reflect.Type) *structKeys {
	if k := d.structs[t]; k != nil {
		return k
	}
	k := &structKeys{field: map[string]int{}}
	for i := 0; i < t.NumField(); i++ {
		tag := t.Field(i).Tag.Get("yaml")
		if tag == "" || tag == "-" {
			continue
		}
		k.field[tag] = i
		k.names = append(k.names, tag)
	}
	if d.structs == nil {
		d.structs = map[reflect.Type]*structKeys{}
	}
	d.structs[t] = k
	return k
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	d.errs = append(d.errs, &Error{File: d.file, Line: n.Line, Col: n.Column, Msg: fmt.Sprintf(format, args...)})
}

// setPos records where the value or key at path is, unless the decoder
// keeps no positions (Options.NamesOnly).
func (d *decoder) setPos(path string, n *yaml.Node) {
	if d.pos != nil {
		d.pos[path] = nodePos{line: n.Line, col: n.Column, style: n.Style}
	}
}

// setKeyPos records where the key of the value at path is.
func (d *decoder) setKeyPos(path string, k *yaml.Node) {
	if d.pos != nil {
		d.pos[path+"#key"] = nodePos{line: k.Line, col: k.Column, style: k.Style}
	}
}

// scalar is implemented by types that decode themselves from one string.
type scalar interface {
	setScalar(s string) error
}

var scalarType = reflect.TypeOf((*scalar)(nil)).Elem()

func (d *decoder) decode(n *yaml.Node, v reflect.Value, path string) {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	d.setPos(path, n)
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return // "key:" with no value leaves the default
	}
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		v = v.Elem()
	}
	if reflect.PointerTo(v.Type()).Implements(scalarType) {
		s, ok := d.scalarValue(n, path)
		if !ok {
			return
		}
		if err := v.Addr().Interface().(scalar).setScalar(s); err != nil {
			d.errorf(n, "%s: %v", path, err)
		}
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		d.decodeStruct(n, v, path)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			// A single value where a list is expected is a list of one.
			if n.Kind == yaml.ScalarNode && v.Type().Elem().Kind() == reflect.String {
				elem := reflect.New(v.Type().Elem()).Elem()
				d.decode(n, elem, path+"[0]")
				v.Set(reflect.Append(reflect.MakeSlice(v.Type(), 0, 1), elem))
				return
			}
			d.errorf(n, "%s: expected a list, found %s", path, kindName(n))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, c := range n.Content {
			d.decode(c, s.Index(i), path+"["+strconv.Itoa(i)+"]")
		}
		v.Set(s)
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			d.errorf(n, "%s: expected a mapping of names to values, found %s", path, kindName(n))
			return
		}
		m := reflect.MakeMapWithSize(v.Type(), len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode || k.Value == "" {
				d.errorf(k, "%s: keys must be non-empty names", path)
				continue
			}
			if m.MapIndex(reflect.ValueOf(k.Value)).IsValid() {
				d.errorf(k, "%s: %q is defined twice", path, k.Value)
				continue
			}
			elem := reflect.New(v.Type().Elem()).Elem()
			sub := path + "." + k.Value
			d.setKeyPos(sub, k)
			d.decode(val, elem, sub)
			m.SetMapIndex(reflect.ValueOf(k.Value), elem)
		}
		v.Set(m)
	case reflect.String:
		if s, ok := d.scalarValue(n, path); ok {
			v.SetString(s)
		} else if n.Kind == yaml.ScalarNode {
			// An unset ${VAR} is reported once; keeping the text as written
			// spares a second "is missing" report about the same value.
			v.SetString(n.Value)
		}
	case reflect.Bool:
		s, ok := d.scalarValue(n, path)
		if !ok {
			return
		}
		switch strings.ToLower(s) {
		case "true", "yes", "on":
			v.SetBool(true)
		case "false", "no", "off":
			v.SetBool(false)
		default:
			d.errorf(n, "%s: expected true or false, found %q", path, s)
		}
	case reflect.Int, reflect.Int64:
		s, ok := d.scalarValue(n, path)
		if !ok {
			return
		}
		i, err := strconv.ParseInt(strings.ReplaceAll(s, "_", ""), 10, 64)
		if err != nil || i < 0 || i > math.MaxInt32 {
			d.errorf(n, "%s: expected a whole number ≥ 0, found %q", path, s)
			return
		}
		v.SetInt(i)
	default:
		panic(fmt.Sprintf("config: no decoder for %s", v.Type()))
	}
}

// scalarValue returns the expanded text of a scalar node.
func (d *decoder) scalarValue(n *yaml.Node, path string) (string, bool) {
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, "%s: expected a single value, found %s", path, kindName(n))
		return "", false
	}
	s, missing := expandEnv(n.Value, d.getenv)
	for _, name := range missing {
		d.errorf(n, "%s: environment variable %s is not set (referenced as ${%s})", path, name, name)
	}
	return s, len(missing) == 0
}

func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s: expected a mapping (key: value lines), found %s", orTop(path), kindName(n))
		return
	}
	keys := d.keys(v.Type())
	fields, names := keys.field, keys.names
	seen := make([]bool, v.NumField()) // by field index
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Value == "<<" { // a merge key: the aliased mapping's keys apply here
			d.decodeStruct(resolveAlias(val), v, path)
			continue
		}
		sub := k.Value
		if path != "" {
			sub = path + "." + k.Value
		}
		idx, ok := fields[k.Value]
		if !ok {
			msg := fmt.Sprintf("unknown key %q", k.Value)
			if path != "" {
				msg = fmt.Sprintf("unknown key %q in %s", k.Value, path)
			}
			if s := suggest.Closest(k.Value, names); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			d.errorf(k, "%s", msg)
			continue
		}
		if seen[idx] {
			d.errorf(k, "%s is set twice", sub)
			continue
		}
		seen[idx] = true
		d.setKeyPos(sub, k)
		d.decode(val, v.Field(idx), sub)
	}
}

func resolveAlias(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

func orTop(path string) string {
	if path == "" {
		return "the file"
	}
	return path
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	default:
		return fmt.Sprintf("%q", n.Value)
	}
}

// expandEnv replaces ${NAME} with the variable's value and "$$" with "$".
// It returns the names that are not set.
func expandEnv(s string, getenv func(string) (string, bool)) (string, []string) {
	if !strings.Contains(s, "$") {
		return s, nil
	}
	var b strings.Builder
	var missing []string
	for i := 0; i < len(s); i++ {
		if s[i] != '$' {
			b.WriteByte(s[i])
			continue
		}
		if i+1 < len(s) && s[i+1] == '$' {
			b.WriteByte('$')
			i++
			continue
		}
		if i+1 < len(s) && s[i+1] == '{' {
			end := strings.IndexByte(s[i:], '}')
			if end > 2 && validEnvName(s[i+2:i+end]) {
				name := s[i+2 : i+end]
				if val, ok := getenv(name); ok {
					b.WriteString(val)
				} else {
					missing = append(missing, name)
				}
				i += end
				continue
			}
		}
		b.WriteByte('$')
	}
	return b.String(), missing
}

func validEnvName(s string) bool {
	for i, r := range s {
		if !(r == '_' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return s != ""
}

// Error is one problem in a configuration file.
type Error struct {
	File      string
	Line, Col int
	Msg       string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

// Errors is every problem found in a file, in file order.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

func (es Errors) sort() {
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].Line != es[j].Line {
			return es[i].Line < es[j].Line
		}
		return es[i].Col < es[j].Col
	})
}

func lookupEnv(name string) (string, bool) { return os.LookupEnv(name) }
