package iam

import "strconv"

func strconvU(n uint64) string { return strconv.FormatUint(n, 10) }
