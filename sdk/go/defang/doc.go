// Deploy a Docker Compose application into your own AWS account as production-grade infrastructure (ECS on Fargate, one HTTPS load balancer, private DNS, SSM secrets, managed Postgres / Redis / MongoDB), sized by one switch: the deployment mode.
package defang
