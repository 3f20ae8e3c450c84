package dynamodb

import "github.com/parity-harness/parity/emulator/awserr"

func newErr(code, msg string) *awserr.Error { return awserr.New(code, 400, msg) }

func validation(msg string) *awserr.Error { return awserr.New("ValidationException", 400, msg) }

func resourceNotFound(msg string) *awserr.Error {
	return awserr.New("ResourceNotFoundException", 400, msg)
}

func errTableNotFound() *awserr.Error { return resourceNotFound("Requested resource not found") }

func errConditionFailed() *awserr.Error {
	return awserr.New("ConditionalCheckFailedException", 400, "The conditional request failed")
}
