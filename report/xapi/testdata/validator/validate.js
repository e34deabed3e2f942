// Validates xAPI statements, one JSON object a line on stdin, with Learning
// Locker's validator (conformance tested against xAPI 1.0.3). Prints each
// problem as "LINE: path: message" and exits 1 when there is one.
// Run by report/xapi/xapi_test.go; `npm ci` in this directory installs it.
'use strict';
const validate = require('@learninglocker/xapi-validation').default;
const lines = require('fs').readFileSync(0, 'utf8').split('\n').filter((l) => l.trim() !== '');
let bad = 0;
lines.forEach((line, i) => {
  let warnings;
  try {
    warnings = validate(JSON.parse(line));
  } catch (e) {
    warnings = [{ path: [], message: String(e) }];
  }
  for (const w of warnings) {
    bad++;
    const msg = w.message || (w.constructor && w.constructor.name) || JSON.stringify(w);
    console.log(`${i + 1}: ${(w.path || []).join('.')}: ${msg}`);
  }
});
console.log(`${lines.length} statements, ${bad} problems`);
process.exit(bad === 0 && lines.length > 0 ? 0 : 1);
