import { runCase } from './bench-case.ts';
const n = Number(process.argv[2] ?? 10000);
console.log(JSON.stringify(runCase(n)));
