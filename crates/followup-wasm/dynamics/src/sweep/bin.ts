#!/usr/bin/env node
// The `case-followup-sweep` command.
import { main } from "case-followup/sweep";

process.exitCode = await main(process.argv.slice(2));
