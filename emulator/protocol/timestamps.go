package protocol

import (
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/parity-harness/parity/emulator/model"
)

// Timestamp formats of the models' timestampFormat trait.
const (
	formatISO8601 = "iso8601"
	formatRFC822  = "rfc822"
	formatUnix    = "unixTimestamp"
)

// Where a timestamp is written decides its default format.
type timestampPlace int

const (
	placeBody timestampPlace = iota
	placeHeader
	placeQuery
)

const (
	iso8601Layout      = "2006-01-02T15:04:05Z"
	iso8601MilliLayout = "2006-01-02T15:04:05.000Z"
)

// timestampFormat picks the format of a timestamp member: the reference's
// trait, then the shape's, then the protocol's default for the place.
func timestampFormat(ref *model.ShapeRef, protocol string, place timestampPlace) string {
	if ref != nil && ref.TimestampFormat != "" {
		return ref.TimestampFormat
	}
	if ref != nil && ref.Shape != nil && ref.Shape.TimestampFormat != "" {
		return ref.Shape.TimestampFormat
	}
	switch place {
	case placeHeader:
		return formatRFC822
	case placeQuery:
		return formatISO8601
	}
	switch protocol {
	case "json", "rest-json":
		return formatUnix
	}
	return formatISO8601
}

// formatTimestamp writes t in a format. iso8601 keeps milliseconds only when
// the instant has them, except for S3-style rest-xml which always writes them.
func formatTimestamp(t time.Time, format string, millis bool) string {
	t = t.UTC()
	switch format {
	case formatRFC822:
		return t.Format(http.TimeFormat)
	case formatUnix:
		return formatEpoch(t)
	}
	if millis || t.Nanosecond()/int(time.Millisecond) != 0 {
		return t.Format(iso8601MilliLayout)
	}
	return t.Format(iso8601Layout)
}

// formatEpoch writes seconds since the epoch with up to millisecond precision.
func formatEpoch(t time.Time) string {
	ms := t.UnixMilli()
	if ms%1000 == 0 {
		return strconv.FormatInt(ms/1000, 10)
	}
	return strconv.FormatFloat(float64(ms)/1000, 'f', -1, 64)
}

func epochTime(f float64) time.Time {
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(math.Round(frac*1000))*int64(time.Millisecond)).UTC()
}

var timestampLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04:05Z0700",
	http.TimeFormat,
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 GMT",
	"2006-01-02",
}

// parseAnyTimestamp accepts every timestamp form AWS clients send: ISO 8601
// with or without fraction and zone, RFC 822/1123, and epoch seconds.
func parseAnyTimestamp(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	if c := s[0]; c == '-' || (c >= '0' && c <= '9') {
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return epochTime(f), true
		}
	}
	for _, layout := range timestampLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}
