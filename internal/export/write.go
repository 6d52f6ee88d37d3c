package export

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Write writes the import blocks of res, grouped by resource type in the order of Types() and
// sorted by name within a type, so the same license always gives the same file.
func Write(w io.Writer, res *Result) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "# Import blocks written by livechat-export. Next steps:")
	fmt.Fprintln(bw, "#   terraform plan -generate-config-out=generated.tf")
	fmt.Fprintln(bw, "#   review generated.tf (see the notes below), terraform apply, then terraform plan must be empty.")
	for _, n := range res.Notes {
		fmt.Fprintf(bw, "#\n# Note: %s\n", n)
	}
	byType := map[string][]Import{}
	for _, imp := range res.Imports {
		byType[imp.Type] = append(byType[imp.Type], imp)
	}
	for _, t := range Types() {
		imps := byType[t]
		if len(imps) == 0 {
			continue
		}
		fmt.Fprintf(bw, "\n# %s: %d\n", t, len(imps))
		for _, imp := range imps {
			fmt.Fprintln(bw)
			if imp.Note != "" {
				for _, line := range wrap(imp.Note, 98) {
					fmt.Fprintf(bw, "# %s\n", line)
				}
			}
			fmt.Fprintf(bw, "import {\n  to = %s\n  id = %s\n}\n", imp.Address(), Quote(imp.ID))
		}
	}
	return bw.Flush()
}

// Quote writes s as an HCL quoted string: the escapes HCL knows, and template sequences (${, %{)
// doubled so that they stay literal.
func Quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case (r == '$' || r == '%') && i+1 < len(rs) && rs[i+1] == '{':
			b.WriteRune(r)
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// wrap splits text into lines of at most width characters at spaces.
func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		if line != "" && len(line)+1+len(word) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
