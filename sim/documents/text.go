package documents

import (
	"bytes"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// Text is the text of an uncompressed PDF that Render made, a line for each row of it
// (the pieces of text sharing a baseline, two spaces apart), in the order it shows
// them. It reads only the text-showing operators Render writes.
func Text(pdf []byte) []string {
	var lines []string
	var row []string
	lastY := ""
	dec := charmap.Windows1252.NewDecoder()
	for {
		i := bytes.Index(pdf, []byte("BT "))
		if i < 0 {
			break
		}
		pdf = pdf[i+3:]
		j := bytes.Index(pdf, []byte(" Td ("))
		if j < 0 {
			break
		}
		coords := strings.Fields(string(pdf[:min(j, 64)]))
		if j > 64 || len(coords) != 2 {
			continue
		}
		s, rest := pdfString(pdf[j+5:])
		pdf = rest
		if coords[1] != lastY && row != nil {
			lines, row = append(lines, strings.Join(row, "  ")), nil
		}
		lastY = coords[1]
		u, err := dec.Bytes(s)
		if err != nil {
			u = s
		}
		row = append(row, string(u))
	}
	if row != nil {
		lines = append(lines, strings.Join(row, "  "))
	}
	return lines
}

// pdfString reads a PDF literal string from just after its opening parenthesis: its
// bytes, unescaped, and what follows its closing one.
func pdfString(b []byte) (s, rest []byte) {
	for i := 0; i < len(b); i++ {
		switch c := b[i]; c {
		case ')':
			return s, b[i+1:]
		case '\\':
			if i+1 < len(b) {
				i++
				c = map[byte]byte{'r': '\r', 'n': '\n', 't': '\t'}[b[i]]
				if c == 0 {
					c = b[i]
				}
			}
			s = append(s, c)
		default:
			s = append(s, c)
		}
	}
	return s, nil
}
