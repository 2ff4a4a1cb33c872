#!/usr/bin/env python3
"""Counts string-built SQL sites in production C# (etl/, reports/): string literals holding SQL
(a SQL keyword pair such as SELECT..FROM, CREATE TABLE/VIEW/SCHEMA/MACRO, INSERT INTO, COPY ..(, ATTACH, DROP,
CASE WHEN, CAST(.. AS, read_parquet/read_csv, a bare ", " / "AS" fragment next to SQL) that are built:
interpolated ($"...", $\"\"\"...\"\"\"), appended to a StringBuilder, or joined with +.
Usage: tests/tools/count-sql-sites.py [--list] [ROOT]"""
import re, sys, subprocess, os
args = [a for a in sys.argv[1:] if not a.startswith('--')]
root = args[0] if args else '.'
listing = '--list' in sys.argv
files = subprocess.run(['git', 'ls-files', 'etl/*.cs', 'reports/*.cs'], cwd=root, capture_output=True, text=True).stdout.split()
SQL = re.compile(r"(?is)\bselect\b.*\bfrom\b|\bcreate\s+(or\s+replace\s+)?(temp\s+)?(table|view|schema|macro|sequence|type)\b|\binsert\s+into\b|\bcopy\b.*\(|\battach\b|\bdrop\s+(table|view|schema|macro)\b|\bcase\s+when\b|\bcast\s*\(|\bread_(parquet|csv|json)|\bunion\s+all\b|\bwhere\b.*(=|\bis\b|\bin\b)|\bleft\s+join\b|\bcoalesce\s*\(|\btry_cast\b|\bset\s+variable\b|\bdetach\b|\bpragma\b|\bdelete\s+from\b|\bupdate\b.*\bset\b|\bwith\b.*\bas\s*\(")
lit = re.compile(r'(\$+@?|@\$?)?("""+|")')
total = 0
for f in files:
    text = open(os.path.join(root, f), encoding='utf-8').read()
    i = 0; n = len(text)
    while i < n:
        c = text[i]
        if text.startswith('//', i):
            j = text.find('\n', i); i = n if j < 0 else j; continue
        if text.startswith('/*', i):
            j = text.find('*/', i); i = n if j < 0 else j + 2; continue
        if c == "'":
            m = re.match(r"'(\\.|[^\\'])*'", text[i:])
            i += m.end() if m else 1; continue
        m = lit.match(text, i)
        if not m:
            i += 1; continue
        prefix, quote = m.group(1) or '', m.group(2)
        start = i; j = m.end()
        if len(quote) >= 3:
            end = text.find(quote, j); body = text[j:end]; i = end + len(quote)
        elif '@' in prefix:
            k = j
            while True:
                k = text.find('"', k)
                if text.startswith('""', k): k += 2; continue
                break
            body = text[j:k]; i = k + 1
        else:
            k = j
            while k < n and text[k] != '"':
                k += 2 if text[k] == '\\' else 1
            body = text[j:k]; i = k + 1
        if not SQL.search(body):
            continue
        before = text[max(0, start - 40):start]; after = text[i:i + 10]
        built = '$' in prefix or re.search(r'\.(Append|AppendLine|AppendFormat)\(\s*$', before) or re.search(r'\+\s*$', before) or re.match(r'\s*\+', after)
        if built:
            total += 1
            if listing:
                line = text.count('\n', 0, start) + 1
                print(f"{f}:{line}: {body.strip().splitlines()[0][:100] if body.strip() else ''}")
print(total)
