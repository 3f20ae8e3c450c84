package sqs

import (
	"fmt"

	"github.com/parity-harness/parity/emulator/awserr"
)

// sqsError builds an error whose JSON code (the model's exception shape) and
// legacy query code differ, as SQS's awsQueryCompatible errors do.
func sqsError(code, queryCode string, status int, msg string) *awserr.Error {
	return &awserr.Error{Code: code, QueryCode: queryCode, Status: status, Message: msg}
}

func errQueueDoesNotExist() *awserr.Error {
	return sqsError("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", 400, "The specified queue does not exist.")
}

func errInvalidParameterValue(format string, args ...any) *awserr.Error {
	return sqsError("InvalidParameterValueException", "InvalidParameterValue", 400, fmt.Sprintf(format, args...))
}

// errParamValue is AWS's "Value X for parameter P is invalid. Reason: R."
func errParamValue(value any, param, reason string) *awserr.Error {
	return errInvalidParameterValue("Value %v for parameter %s is invalid. Reason: %s", value, param, reason)
}

func errMissingParameter(param string) *awserr.Error {
	return sqsError("MissingRequiredParameterException", "MissingParameter", 400, "The request must contain the parameter "+param+".")
}

func errInvalidAttributeName(format string, args ...any) *awserr.Error {
	return sqsError("InvalidAttributeName", "InvalidAttributeName", 400, fmt.Sprintf(format, args...))
}

func errUnknownAttribute(name string) *awserr.Error {
	return errInvalidAttributeName("Unknown Attribute %s.", name)
}

func errInvalidAttributeValue(format string, args ...any) *awserr.Error {
	return sqsError("InvalidAttributeValue", "InvalidAttributeValue", 400, fmt.Sprintf(format, args...))
}

func errInvalidAttributeFor(name string) *awserr.Error {
	return errInvalidAttributeValue("Invalid value for the parameter %s.", name)
}

func errQueueNameExists(attr string) *awserr.Error {
	return sqsError("QueueNameExists", "QueueAlreadyExists", 400,
		"A queue already exists with the same name and a different value for attribute "+attr)
}

func errQueueDeletedRecently() *awserr.Error {
	return sqsError("QueueDeletedRecently", "AWS.SimpleQueueService.QueueDeletedRecently", 400,
		"You must wait 60 seconds after deleting a queue before you can create another with the same name.")
}

func errTooManyEntries(n int) *awserr.Error {
	return sqsError("TooManyEntriesInBatchRequest", "AWS.SimpleQueueService.TooManyEntriesInBatchRequest", 400,
		fmt.Sprintf("Maximum number of entries per request are 10. You have sent %d.", n))
}

func errEmptyBatch(entryShape string) *awserr.Error {
	return sqsError("EmptyBatchRequest", "AWS.SimpleQueueService.EmptyBatchRequest", 400,
		"There should be at least one "+entryShape+" in the request.")
}

func errBatchIdsNotDistinct(id string) *awserr.Error {
	return sqsError("BatchEntryIdsNotDistinct", "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", 400,
		"Id "+id+" repeated.")
}

func errInvalidBatchEntryID() *awserr.Error {
	return sqsError("InvalidBatchEntryId", "AWS.SimpleQueueService.InvalidBatchEntryId", 400,
		"A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.")
}

func errBatchRequestTooLong(size int) *awserr.Error {
	return sqsError("BatchRequestTooLong", "AWS.SimpleQueueService.BatchRequestTooLong", 400,
		fmt.Sprintf("Batch requests cannot be longer than %d bytes. You have sent %d bytes.", maxBatchBytes, size))
}

func errPurgeInProgress(queueName string) *awserr.Error {
	return sqsError("PurgeQueueInProgress", "AWS.SimpleQueueService.PurgeQueueInProgress", 403,
		"Only one PurgeQueue operation on "+queueName+" is allowed every 60 seconds.")
}

func errReceiptHandleIsInvalid(handle string) *awserr.Error {
	return sqsError("ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid", 400,
		fmt.Sprintf("The input receipt handle \"%s\" is not a valid receipt handle.", handle))
}

func errInvalidMessageContents() *awserr.Error {
	return sqsError("InvalidMessageContents", "InvalidMessageContents", 400,
		"Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF")
}

func errResourceNotFound(msg string) *awserr.Error {
	return sqsError("ResourceNotFoundException", "ResourceNotFoundException", 404, msg)
}

func errOverLimit(msg string) *awserr.Error {
	return sqsError("OverLimit", "OverLimit", 403, msg)
}

// entryCode is the code a batch result entry reports for err: the legacy
// query code, as AWS writes it in BatchResultErrorEntry.Code.
func entryCode(err *awserr.Error) string {
	if err.QueryCode != "" {
		return err.QueryCode
	}
	return err.Code
}
