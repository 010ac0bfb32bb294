#!/usr/bin/env node
// The `hmo` executable: see pipeline/main.ts for the pipeline's phases.
import { hideBin } from 'yargs/helpers';
import { main } from './main.js';

process.exitCode = await main(hideBin(process.argv));
