// Command classes prints the on-demand prices of RDS PostgreSQL (Single-AZ) and ElastiCache
// (Redis OSS, Valkey) instance classes, and of the EC2 GPU instance types ECS can host (Linux), in one
// region, from the ec2-instances-info Go library (instances.vantage.sh data embedded at the pinned
// version). scripts/prices/import-instance-classes.js reads its output; see there.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"

	ec2instancesinfo "github.com/LeanerCloud/ec2-instances-info"
)

type classPrices struct {
	Postgres map[string]float64 `json:"postgres"`
	Redis    map[string]float64 `json:"redis"`
	Valkey   map[string]float64 `json:"valkey"`
	EC2      map[string]float64 `json:"ec2"`
}

// EC2 families the planner can place GPU services on (provider/src/plan/catalogs.ts GPU_INSTANCES).
var gpuFamilies = []string{"g4dn.", "g5.", "g6."}

func main() {
	region := flag.String("region", "", "AWS region, e.g. eu-west-1")
	flag.Parse()
	if *region == "" {
		fmt.Fprintln(os.Stderr, "usage: classes -region <aws-region>")
		os.Exit(2)
	}
	out := classPrices{Postgres: map[string]float64{}, Redis: map[string]float64{}, Valkey: map[string]float64{}, EC2: map[string]float64{}}

	rds, err := ec2instancesinfo.RDSData()
	if err != nil {
		fail(err)
	}
	for _, i := range *rds {
		if p, ok := i.Pricing[*region]; ok && p.PostgreSQL.OnDemand > 0 {
			out.Postgres[i.InstanceType] = p.PostgreSQL.OnDemand
		}
	}

	cache, err := ec2instancesinfo.ElastiCacheData()
	if err != nil {
		fail(err)
	}
	for _, i := range *cache {
		p, ok := i.Pricing[*region]
		if !ok {
			continue
		}
		if p.Redis.OnDemand > 0 {
			out.Redis[i.InstanceType] = p.Redis.OnDemand
		}
		if p.Valkey.OnDemand > 0 {
			out.Valkey[i.InstanceType] = p.Valkey.OnDemand
		}
	}

	ec2, err := ec2instancesinfo.Data()
	if err != nil {
		fail(err)
	}
	for _, i := range *ec2 {
		if !gpuFamily(i.InstanceType) {
			continue
		}
		if p, ok := i.Pricing[*region]; ok && p.Linux.OnDemand > 0 {
			out.EC2[i.InstanceType] = p.Linux.OnDemand
		}
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fail(err)
	}
}

func gpuFamily(instanceType string) bool {
	for _, f := range gpuFamilies {
		if strings.HasPrefix(instanceType, f) {
			return true
		}
	}
	return false
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "classes:", err)
	os.Exit(1)
}
