package dynamodb

import (
	"math/big"
	"strings"
)

// Number is a DynamoDB number: a decimal with up to 38 significant digits and
// a magnitude between 1E-130 and 9.99…E+125. Value = sign × 0.Digits × 10^Exp.
// Digits has no leading or trailing zeros; zero has empty Digits.
type Number struct {
	Neg    bool
	Digits string
	Exp    int
}

const (
	maxNumberDigits = 38
	maxNumberExp    = 126  // 0.d × 10^126 < 1E+126
	minNumberExp    = -129 // 0.1 × 10^-129 = 1E-130
)

var (
	errNumberFormat    = validation("A value provided cannot be converted into a number")
	errNumberPrecision = validation("Attempting to store more than 38 significant digits in a Number")
	errNumberOverflow  = validation("Number overflow. Attempting to store a number with magnitude larger than supported range")
	errNumberUnderflow = validation("Number underflow. Attempting to store a number with magnitude smaller than supported range")
)

// ParseNumber reads a number in DynamoDB's accepted syntax (optional sign,
// digits with an optional point, optional exponent) and checks its precision
// and range.
func ParseNumber(s string) (Number, error) {
	n, err := parseDecimal(s)
	if err != nil {
		return Number{}, err
	}
	return n, n.check()
}

func parseDecimal(s string) (Number, error) {
	var n Number
	i := 0
	s = strings.TrimSpace(s)
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		n.Neg = s[i] == '-'
		i++
	}
	var digits []byte
	pointPos := -1
	seenDigit := false
	for ; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' {
			digits = append(digits, c)
			seenDigit = true
			continue
		}
		if c == '.' && pointPos < 0 {
			pointPos = len(digits)
			continue
		}
		break
	}
	if !seenDigit {
		return Number{}, errNumberFormat
	}
	if pointPos < 0 {
		pointPos = len(digits)
	}
	exp := 0
	if i < len(s) {
		if s[i] != 'e' && s[i] != 'E' {
			return Number{}, errNumberFormat
		}
		i++
		neg := false
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			neg = s[i] == '-'
			i++
		}
		if i >= len(s) {
			return Number{}, errNumberFormat
		}
		for ; i < len(s); i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return Number{}, errNumberFormat
			}
			if exp < 100000 {
				exp = exp*10 + int(c-'0')
			}
		}
		if neg {
			exp = -exp
		}
	}
	// strip leading zeros
	lead := 0
	for lead < len(digits) && digits[lead] == '0' {
		lead++
	}
	digits = digits[lead:]
	pointPos -= lead
	trail := len(digits)
	for trail > 0 && digits[trail-1] == '0' {
		trail--
	}
	digits = digits[:trail]
	if len(digits) == 0 {
		return Number{}, nil
	}
	n.Digits = string(digits)
	n.Exp = pointPos + exp
	return n, nil
}

func (n Number) check() error {
	if n.Digits == "" {
		return nil
	}
	if len(n.Digits) > maxNumberDigits {
		return errNumberPrecision
	}
	if n.Exp > maxNumberExp {
		return errNumberOverflow
	}
	if n.Exp < minNumberExp {
		return errNumberUnderflow
	}
	return nil
}

// IsZero reports whether n is zero.
func (n Number) IsZero() bool { return n.Digits == "" }

// String renders n in plain decimal notation, as DynamoDB returns numbers.
func (n Number) String() string {
	if n.Digits == "" {
		return "0"
	}
	var b strings.Builder
	if n.Neg {
		b.WriteByte('-')
	}
	d := n.Digits
	switch {
	case n.Exp <= 0:
		b.WriteString("0.")
		b.WriteString(strings.Repeat("0", -n.Exp))
		b.WriteString(d)
	case n.Exp >= len(d):
		b.WriteString(d)
		b.WriteString(strings.Repeat("0", n.Exp-len(d)))
	default:
		b.WriteString(d[:n.Exp])
		b.WriteByte('.')
		b.WriteString(d[n.Exp:])
	}
	return b.String()
}

// Cmp compares two numbers: -1, 0 or 1.
func (n Number) Cmp(m Number) int {
	sn, sm := n.sign(), m.sign()
	if sn != sm {
		if sn < sm {
			return -1
		}
		return 1
	}
	if sn == 0 {
		return 0
	}
	c := cmpMagnitude(n, m)
	if sn < 0 {
		return -c
	}
	return c
}

func (n Number) sign() int {
	switch {
	case n.Digits == "":
		return 0
	case n.Neg:
		return -1
	}
	return 1
}

func cmpMagnitude(n, m Number) int {
	if n.Exp != m.Exp {
		if n.Exp < m.Exp {
			return -1
		}
		return 1
	}
	return strings.Compare(n.Digits, m.Digits)
}

// bigParts returns n as coefficient × 10^scale with an integer coefficient.
func (n Number) bigParts() (*big.Int, int) {
	c := new(big.Int)
	if n.Digits == "" {
		return c, 0
	}
	c.SetString(n.Digits, 10)
	if n.Neg {
		c.Neg(c)
	}
	return c, n.Exp - len(n.Digits)
}

// Add returns n + m, checked against DynamoDB's precision and range.
func (n Number) Add(m Number) (Number, error) {
	if n.IsZero() {
		return m, m.check()
	}
	if m.IsZero() {
		return n, n.check()
	}
	a, as := n.bigParts()
	b, bs := m.bigParts()
	// guard against absurd alignment (both values are range checked, so the
	// difference is bounded by ~300 digits)
	scale := as
	if bs < scale {
		scale = bs
	}
	ten := big.NewInt(10)
	a.Mul(a, new(big.Int).Exp(ten, big.NewInt(int64(as-scale)), nil))
	b.Mul(b, new(big.Int).Exp(ten, big.NewInt(int64(bs-scale)), nil))
	sum := a.Add(a, b)
	out := fromBig(sum, scale)
	if len(out.Digits) > maxNumberDigits {
		return Number{}, errNumberPrecision
	}
	return out, out.check()
}

// Neg returns -n.
func (n Number) Negate() Number {
	if n.Digits != "" {
		n.Neg = !n.Neg
	}
	return n
}

func fromBig(c *big.Int, scale int) Number {
	if c.Sign() == 0 {
		return Number{}
	}
	s := c.String()
	neg := false
	if s[0] == '-' {
		neg = true
		s = s[1:]
	}
	exp := len(s) + scale
	s = strings.TrimRight(s, "0")
	return Number{Neg: neg, Digits: s, Exp: exp}
}

// sizeBytes is the storage size DynamoDB charges for a number: one byte per
// two significant digits plus one, plus one for negative numbers.
func (n Number) sizeBytes() int {
	if n.Digits == "" {
		return 1
	}
	digits := len(n.Digits)
	// digits of the integer part that are zero (1000 has significant digit 1
	// but the encoding stores digit pairs around the decimal point)
	size := (digits+1)/2 + 1
	if n.Neg {
		size++
	}
	return size
}
