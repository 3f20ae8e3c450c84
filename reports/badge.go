package reports

import (
	"fmt"
	"io"
)

// Badge writes a shields-style SVG badge with the overall parity
// percentage (Totals.ParityPct).
func Badge(w io.Writer, cov *Coverage) error {
	label, value := "parity", fmt.Sprintf("%.0f%%", cov.Totals.ParityPct)
	if cov.Totals.Implemented == 0 {
		value = "n/a"
	}
	color := badgeColor(cov.Totals.ParityPct)
	lw, vw := textWidth(label)+10, textWidth(value)+10
	_, err := fmt.Fprintf(w, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="20" role="img" aria-label="%s: %s">
<title>%s: %s</title>
<linearGradient id="s" x2="0" y2="100%%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>
<clipPath id="r"><rect width="%d" height="20" rx="3" fill="#fff"/></clipPath>
<g clip-path="url(#r)"><rect width="%d" height="20" fill="#555"/><rect x="%d" width="%d" height="20" fill="%s"/><rect width="%d" height="20" fill="url(#s)"/></g>
<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">
<text x="%d" y="15" fill="#010101" fill-opacity=".3">%s</text><text x="%d" y="14">%s</text>
<text x="%d" y="15" fill="#010101" fill-opacity=".3">%s</text><text x="%d" y="14">%s</text>
</g>
</svg>
`, lw+vw, label, value, label, value, lw+vw, lw, lw, vw, color, lw+vw,
		lw/2, label, lw/2, label, lw+vw/2, value, lw+vw/2, value)
	return err
}

func badgeColor(p float64) string {
	switch {
	case p >= 90:
		return "#4c1"
	case p >= 75:
		return "#97ca00"
	case p >= 50:
		return "#dfb317"
	case p >= 25:
		return "#fe7d37"
	}
	return "#e05d44"
}

// textWidth approximates the width of 11px Verdana text.
func textWidth(s string) int {
	w := 0
	for _, r := range s {
		switch {
		case r == '%' || r == 'm' || r == 'w':
			w += 10
		case r == 'i' || r == 'l' || r == 't' || r == '.' || r == '/':
			w += 4
		default:
			w += 7
		}
	}
	return w
}
