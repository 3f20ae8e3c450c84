# An application role with a managed policy, an inline policy, an AWS
# managed policy attachment and an instance profile.
variable "name" { type = string }

data "aws_caller_identity" "current" {}

resource "aws_iam_role" "app" {
  name                 = "${var.name}-app"
  path                 = "/apps/"
  max_session_duration = 7200
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  tags = { team = "platform" }
}

resource "aws_iam_policy" "read_data" {
  name        = "${var.name}-read-data"
  description = "Read the application's bucket"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:ListBucket"]
      Resource = ["arn:aws:s3:::${var.name}-data", "arn:aws:s3:::${var.name}-data/*"]
    }]
  })
}

resource "aws_iam_role_policy_attachment" "read_data" {
  role       = aws_iam_role.app.name
  policy_arn = aws_iam_policy.read_data.arn
}

resource "aws_iam_role_policy_attachment" "ssm" {
  role       = aws_iam_role.app.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_role_policy" "queue" {
  name = "send-to-queue"
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "sqs:SendMessage"
      Resource = "arn:aws:sqs:*:${data.aws_caller_identity.current.account_id}:${var.name}-*"
    }]
  })
}

resource "aws_iam_instance_profile" "app" {
  name = "${var.name}-app"
  role = aws_iam_role.app.name
}

resource "aws_iam_user" "deployer" {
  name = "${var.name}-deployer"
  tags = { team = "platform" }
}

resource "aws_iam_group" "deployers" {
  name = "${var.name}-deployers"
}

resource "aws_iam_group_membership" "deployers" {
  name  = "${var.name}-deployers"
  group = aws_iam_group.deployers.name
  users = [aws_iam_user.deployer.name]
}

output "role_arn" { value = aws_iam_role.app.arn }
output "account_id" { value = data.aws_caller_identity.current.account_id }
