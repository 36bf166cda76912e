#!/usr/bin/env node
console.log("pulumi-defang: placeholder");
