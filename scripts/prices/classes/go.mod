module github.com/pulumi-defang/pulumi-defang/scripts/prices/classes

go 1.26

require github.com/LeanerCloud/ec2-instances-info v0.0.0-20250528091325-32acf84f42eb

require github.com/pkg/errors v0.9.1 // indirect

// The library's go.mod names its new home; the proxy serves it under its original path.
replace github.com/LeanerCloud/ec2-instances-info => github.com/cristim/ec2-instances-info v0.0.0-20250528091325-32acf84f42eb
