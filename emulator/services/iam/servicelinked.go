package iam

import (
	"strings"

	"github.com/parity-harness/parity/emulator/service"
)

// linkedService describes the role AWS creates for a service principal.
type linkedService struct {
	role, policy string
	suffix       bool   // a custom suffix may be added
	description  string // set by AWS when the caller gives none
}

// linkedServices are the service-linked roles as AWS names them.
var linkedServices = map[string]linkedService{
	"acm.amazonaws.com":                               {role: "AWSServiceRoleForCertificateManager", policy: "CertificateManagerServiceRolePolicy"},
	"appmesh.amazonaws.com":                           {role: "AWSServiceRoleForAppMesh", policy: "AWSAppMeshServiceRolePolicy"},
	"autoscaling-plans.amazonaws.com":                 {role: "AWSServiceRoleForAutoScalingPlans_EC2AutoScaling", policy: "AWSAutoScalingPlansEC2AutoScalingPolicy"},
	"autoscaling.amazonaws.com":                       {role: "AWSServiceRoleForAutoScaling", policy: "AutoScalingServiceRolePolicy", suffix: true},
	"batch.amazonaws.com":                             {role: "AWSServiceRoleForBatch", policy: "BatchServiceRolePolicy"},
	"cassandra.application-autoscaling.amazonaws.com": {role: "AWSServiceRoleForApplicationAutoScaling_CassandraTable", policy: "AWSApplicationAutoscalingCassandraTablePolicy"},
	"cks.kms.amazonaws.com":                           {role: "AWSServiceRoleForKeyManagementServiceCustomKeyStores", policy: "AWSKeyManagementServiceCustomKeyStoresServiceRolePolicy"},
	"connect.amazonaws.com":                           {role: "AWSServiceRoleForAmazonConnect", policy: "AmazonConnectServiceLinkedRolePolicy", suffix: true},
	"dms-fleet-advisor.amazonaws.com":                 {role: "AWSServiceRoleForDMSFleetAdvisor", policy: "AWSDMSFleetAdvisorServiceRolePolicy"},
	"dms.amazonaws.com":                               {role: "AWSServiceRoleForDMSServerless", policy: "AWSDMSServerlessServiceRolePolicy"},
	"docdb-elastic.amazonaws.com":                     {role: "AWSServiceRoleForDocDB-Elastic", policy: "AmazonDocDB-ElasticServiceRolePolicy"},
	"ec2-instance-connect.amazonaws.com":              {role: "AWSServiceRoleForEc2InstanceConnect", policy: "Ec2InstanceConnectEndpoint"},
	"ec2.application-autoscaling.amazonaws.com":       {role: "AWSServiceRoleForApplicationAutoScaling_EC2SpotFleetRequest", policy: "AWSApplicationAutoscalingEC2SpotFleetRequestPolicy"},
	"ecr.amazonaws.com":                               {role: "AWSServiceRoleForECRTemplate", policy: "ECRTemplateServiceRolePolicy"},
	"ecs.amazonaws.com":                               {role: "AWSServiceRoleForECS", policy: "AmazonECSServiceRolePolicy"},
	"eks-fargate.amazonaws.com":                       {role: "AWSServiceRoleForAmazonEKSForFargate", policy: "AmazonEKSForFargateServiceRolePolicy"},
	"eks-nodegroup.amazonaws.com":                     {role: "AWSServiceRoleForAmazonEKSNodegroup", policy: "AWSServiceRoleForAmazonEKSNodegroup"},
	"elasticache.amazonaws.com":                       {role: "AWSServiceRoleForElastiCache", policy: "ElastiCacheServiceRolePolicy"},
	"elasticbeanstalk.amazonaws.com":                  {role: "AWSServiceRoleForElasticBeanstalk", policy: "AWSElasticBeanstalkServiceRolePolicy", suffix: true},
	"elasticfilesystem.amazonaws.com":                 {role: "AWSServiceRoleForAmazonElasticFileSystem", policy: "AmazonElasticFileSystemServiceRolePolicy"},
	"elasticloadbalancing.amazonaws.com":              {role: "AWSServiceRoleForElasticLoadBalancing", policy: "AWSElasticLoadBalancingServiceRolePolicy"},
	"email.cognito-idp.amazonaws.com":                 {role: "AWSServiceRoleForAmazonCognitoIdpEmailService", policy: "AmazonCognitoIdpEmailServiceRolePolicy"},
	"emr-containers.amazonaws.com":                    {role: "AWSServiceRoleForAmazonEMRContainers", policy: "AmazonEMRContainersServiceRolePolicy"},
	"emrwal.amazonaws.com":                            {role: "AWSServiceRoleForEMRWAL", policy: "EMRDescribeClusterPolicyForEMRWAL"},
	"fis.amazonaws.com":                               {role: "AWSServiceRoleForFIS", policy: "AmazonFISServiceRolePolicy"},
	"grafana.amazonaws.com":                           {role: "AWSServiceRoleForAmazonGrafana", policy: "AmazonGrafanaServiceLinkedRolePolicy"},
	"imagebuilder.amazonaws.com":                      {role: "AWSServiceRoleForImageBuilder", policy: "AWSServiceRoleForImageBuilder"},
	"iotmanagedintegrations.amazonaws.com":            {role: "AWSServiceRoleForIoTManagedIntegrations", policy: "AWSIoTManagedIntegrationsRolePolicy"},
	"kafka.amazonaws.com":                             {role: "AWSServiceRoleForKafka", policy: "KafkaServiceRolePolicy"},
	"lakeformation.amazonaws.com":                     {role: "AWSServiceRoleForLakeFormationDataAccess", policy: "LakeFormationDataAccessServiceRolePolicy"},
	"lex.amazonaws.com":                               {role: "AWSServiceRoleForLexBots", policy: "AmazonLexBotPolicy"},
	"lexv2.amazonaws.com":                             {role: "AWSServiceRoleForLexV2Bots", policy: "AmazonLexV2BotPolicy", suffix: true},
	"lightsail.amazonaws.com":                         {role: "AWSServiceRoleForLightsail", policy: "LightsailExportAccess"},
	"m2.amazonaws.com":                                {role: "AWSServiceRoleForAWSM2", policy: "AWSM2ServicePolicy"},
	"memorydb.amazonaws.com":                          {role: "AWSServiceRoleForMemoryDB", policy: "MemoryDBServiceRolePolicy"},
	"mq.amazonaws.com":                                {role: "AWSServiceRoleForAmazonMQ", policy: "AmazonMQServiceRolePolicy"},
	"mrk.kms.amazonaws.com":                           {role: "AWSServiceRoleForKeyManagementServiceMultiRegionKeys", policy: "AWSKeyManagementServiceMultiRegionKeysServiceRolePolicy"},
	"notifications.amazonaws.com":                     {role: "AWSServiceRoleForAwsUserNotifications", policy: "AWSUserNotificationsServiceLinkedRolePolicy"},
	"observability.aoss.amazonaws.com":                {role: "AWSServiceRoleForAmazonOpenSearchServerless", policy: "AmazonOpenSearchServerlessServiceRolePolicy"},
	"ops.apigateway.amazonaws.com":                    {role: "AWSServiceRoleForAPIGateway", policy: "APIGatewayServiceRolePolicy"},
	"ops.emr-serverless.amazonaws.com":                {role: "AWSServiceRoleForAmazonEMRServerless", policy: "AmazonEMRServerlessServiceRolePolicy"},
	"opsdatasync.ssm.amazonaws.com":                   {role: "AWSServiceRoleForSystemsManagerOpsDataSync", policy: "AWSSystemsManagerOpsDataSyncServiceRolePolicy"},
	"opsinsights.ssm.amazonaws.com":                   {role: "AWSServiceRoleForAmazonSSM_OpsInsights", policy: "AWSSSMOpsInsightsServiceRolePolicy"},
	"pullthroughcache.ecr.amazonaws.com":              {role: "AWSServiceRoleForECRPullThroughCache", policy: "AWSECRPullThroughCache_ServiceRolePolicy"},
	"ram.amazonaws.com":                               {role: "AWSServiceRoleForResourceAccessManager", policy: "AWSResourceAccessManagerServiceRolePolicy"},
	"rds.amazonaws.com":                               {role: "AWSServiceRoleForRDS", policy: "AmazonRDSServiceRolePolicy", description: "Allows Amazon RDS to manage AWS resources on your behalf"},
	"redshift.amazonaws.com":                          {role: "AWSServiceRoleForRedshift", policy: "AmazonRedshiftServiceLinkedRolePolicy"},
	"replication.cassandra.amazonaws.com":             {role: "AWSServiceRoleForKeyspacesReplication", policy: "KeyspacesReplicationServiceRolePolicy"},
	"replication.ecr.amazonaws.com":                   {role: "AWSServiceRoleForECRReplication", policy: "ECRReplicationServiceRolePolicy"},
	"repository.sync.codeconnections.amazonaws.com":   {role: "AWSServiceRoleForGitSync", policy: "AWSGitSyncServiceRolePolicy"},
	"resource-explorer-2.amazonaws.com":               {role: "AWSServiceRoleForResourceExplorer", policy: "AWSResourceExplorerServiceRolePolicy"},
	"s3-outposts.amazonaws.com":                       {role: "AWSServiceRoleForS3OnOutposts", policy: "AWSS3OnOutpostsServiceRolePolicy"},
	"ses.amazonaws.com":                               {role: "AWSServiceRoleForAmazonSES", policy: "AmazonSESServiceRolePolicy"},
	"shield.amazonaws.com":                            {role: "AWSServiceRoleForAWSShield", policy: "AWSShieldServiceRolePolicy"},
	"ssm-incidents.amazonaws.com":                     {role: "AWSServiceRoleForIncidentManager", policy: "AWSIncidentManagerServiceRolePolicy"},
	"ssm.amazonaws.com":                               {role: "AWSServiceRoleForAmazonSSM", policy: "AmazonSSMServiceRolePolicy"},
	"sso.amazonaws.com":                               {role: "AWSServiceRoleForSSO", policy: "AWSSSOServiceRolePolicy"},
	"vpcorigin.cloudfront.amazonaws.com":              {role: "AWSServiceRoleForCloudFrontVPCOrigin", policy: "AWSCloudFrontVPCOriginServiceRolePolicy"},
	"wafv2.amazonaws.com":                             {role: "AWSServiceRoleForWAFV2Logging", policy: "WAFV2LoggingServiceRolePolicy"},
	"accountdiscovery.ssm.amazonaws.com":              {role: "AWSServiceRoleForAmazonSSM_AccountDiscovery", policy: "AWSSystemsManagerAccountDiscoveryServicePolicy"},
	"codestar-notifications.amazonaws.com":            {role: "AWSServiceRoleForCodeStarNotifications", policy: "AWSCodeStarNotificationsServiceRolePolicy"},
	"kafkaconnect.amazonaws.com":                      {role: "AWSServiceRoleForKafkaConnect", policy: "KafkaConnectServiceRolePolicy"},
	"opensearchservice.amazonaws.com":                 {role: "AWSServiceRoleForAmazonOpenSearchService", policy: "AmazonOpenSearchServiceRolePolicy"},
}

// linkedServiceFor returns the table entry of a service principal; services
// not in the table get a role named after the principal and no policy.
func linkedServiceFor(principal string) linkedService {
	if ls, ok := linkedServices[principal]; ok {
		return ls
	}
	prefix := strings.TrimSuffix(principal, ".amazonaws.com")
	var b strings.Builder
	for _, part := range strings.FieldsFunc(prefix, func(r rune) bool { return r == '.' || r == '-' }) {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return linkedService{role: "AWSServiceRoleFor" + b.String(), suffix: true}
}

func (s *Service) createServiceLinkedRole(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	principal := str(in, "AWSServiceName")
	if !strings.HasSuffix(principal, ".amazonaws.com") || strings.HasPrefix(principal, ".") {
		return nil, invalidInput("Invalid service principal %s", principal)
	}
	ls := linkedServiceFor(principal)
	name := ls.role
	if suffix := str(in, "CustomSuffix"); suffix != "" {
		if !ls.suffix {
			return nil, invalidInput("Custom suffix is not allowed for %s", principal)
		}
		name += "_" + suffix
	}
	if _, taken := a.roles[name]; taken {
		return nil, invalidInput("Service role name %s has been taken in this account, please try a different suffix.", name)
	}
	desc := str(in, "Description")
	if desc == "" {
		desc = ls.description
	}
	path := "/aws-service-role/" + principal + "/"
	r := &role{
		Name: name, ID: service.RandomID("AROA", 17), Path: path, ARN: a.arn("role" + path + name), Created: now(),
		TrustPolicy: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"` + principal + `"},"Action":"sts:AssumeRole"}]}`,
		Description: desc, MaxSession: 3600, Inline: map[string]string{}, ServiceLinked: true,
	}
	if ls.policy != "" {
		r.Attached = []string{"arn:aws:iam::aws:policy/aws-service-role/" + ls.policy}
	}
	a.roles[name] = r
	return map[string]any{"Role": r.out(roleCreated)}, nil
}

func (s *Service) deleteServiceLinkedRole(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	r, err := a.role(str(in, "RoleName"))
	if err != nil {
		return nil, err
	}
	if !r.ServiceLinked {
		return nil, invalidInput("Role %s is not a service-linked role.", r.Name)
	}
	principal := strings.TrimSuffix(strings.TrimPrefix(r.Path, "/aws-service-role/"), "/")
	task := "task/aws-service-role/" + principal + "/" + r.Name + "/" + service.UUID()
	delete(a.roles, r.Name)
	a.slrDeletions[task] = "SUCCEEDED"
	return map[string]any{"DeletionTaskId": task}, nil
}

func (s *Service) getServiceLinkedRoleDeletionStatus(ctx *service.Context, a *account, in service.Params) (map[string]any, error) {
	id := str(in, "DeletionTaskId")
	st, ok := a.slrDeletions[id]
	if !ok {
		return nil, noSuchEntity("Deletion task %s cannot be found.", id)
	}
	return map[string]any{"Status": st}, nil
}
