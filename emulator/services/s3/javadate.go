package s3

import (
	"time"
	_ "time/tzdata" // S3's Java-style dates name US Pacific time on any host
)

// pacific is the zone S3 renders Java-style dates in.
var pacific = func() *time.Location {
	loc, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		return time.FixedZone("PST", -8*3600)
	}
	return loc
}()

// javaDate renders t as Java's Date.toString does in US Pacific time, the
// form S3 echoes some rejected dates in: "Tue Dec 31 16:00:00 PST 2019".
func javaDate(t time.Time) string {
	return t.In(pacific).Format("Mon Jan 02 15:04:05 MST 2006")
}
