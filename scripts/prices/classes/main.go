// Command classes prints the on-demand prices of RDS PostgreSQL (Single-AZ) and ElastiCache
// (Redis OSS, Valkey) instance classes in one region, from the ec2-instances-info Go library
// (instances.vantage.sh data embedded at the pinned version). scripts/prices/import-instance-classes.js
// reads its output; see there.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"

	ec2instancesinfo "github.com/LeanerCloud/ec2-instances-info"
)

type classPrices struct {
	Postgres map[string]float64 `json:"postgres"`
	Redis    map[string]float64 `json:"redis"`
	Valkey   map[string]float64 `json:"valkey"`
}

func main() {
	region := flag.String("region", "", "AWS region, e.g. eu-west-1")
	flag.Parse()
	if *region == "" {
		fmt.Fprintln(os.Stderr, "usage: classes -region <aws-region>")
		os.Exit(2)
	}
	out := classPrices{Postgres: map[string]float64{}, Redis: map[string]float64{}, Valkey: map[string]float64{}}

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
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "classes:", err)
	os.Exit(1)
}
