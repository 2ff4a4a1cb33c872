// Checks an HTML mail body against the caniemail support data (npm package caniemail) for Gmail and Outlook.
// Usage: node caniemail-check.mjs <file.html>
// Prints one JSON object: { errors: [{client, feature, notes}], warnings: [...] }. An error is a feature the
// client does not support at all; a warning one it supports in part (the notes say which part).
import { readFileSync } from 'node:fs';
import { caniemail } from 'caniemail';

const html = readFileSync(process.argv[2], 'utf8');
const result = caniemail({ clients: ['gmail.*', 'outlook.*'], html });
const list = (map) => [...map].flatMap(([client, issues]) => issues.map((issue) => ({
  client,
  feature: issue.title,
  slug: issue.slug,
  notes: (issue.notes ?? []).map(String),
})));
process.stdout.write(JSON.stringify({
  errors: list(result.issues.errors),
  warnings: list(result.issues.warnings),
}, null, 1));
