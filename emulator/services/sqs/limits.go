package sqs

import "time"

// Limits of Amazon SQS.
const (
	maxBatchEntries      = 10
	maxBatchBytes        = 1048576
	maxMessageBytes      = 1048576
	maxMessageAttributes = 10
	maxReceiveMessages   = 10
	maxWaitSeconds       = 20
	maxVisibilitySeconds = 43200
	maxDelaySeconds      = 900
	maxQueueNameLength   = 80
	maxTagsPerQueue      = 50
	maxListResults       = 1000

	dedupWindow         = 5 * time.Minute
	purgeInterval       = 60 * time.Second
	recreateDelay       = 60 * time.Second
	receiveAttemptTTL   = 5 * time.Minute
	policyVersion       = "2008-10-17"
	defaultPolicySuffix = "/SQSDefaultPolicy"
)
