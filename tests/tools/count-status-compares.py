#!/usr/bin/env python3
"""Counts string status comparisons in production C# (etl/, reports/): a status, severity, materialisation or
freshness value (an identifier ending in one of those words) compared with a string literal by ==, != or is
(each `is "a" or "b"` counts once), or switched on with string-literal arms. Usage: tests/tools/count-status-compares.py [--list] [ROOT]"""
import re, sys, subprocess, os
args = [a for a in sys.argv[1:] if not a.startswith('--')]
root = args[0] if args else '.'
files = subprocess.run(['git', 'ls-files', 'etl/*.cs', 'reports/*.cs'], cwd=root, capture_output=True, text=True).stdout.split()
NAME = r'\b\w*(?:[Ss]tatus|[Ss]everity|[Mm]ateriali[sz]ation|[Mm]aterialized|[Ff]reshness)\b'
CMP = re.compile(NAME + r'\)?!?\s*(?:==|!=|\bis\b(?:\s+not)?)\s*\(?"')
SWITCH = re.compile(NAME + r'\s+switch\b')
total = 0
for f in files:
    text = open(os.path.join(root, f), encoding='utf-8').read()
    for m in list(CMP.finditer(text)) + list(SWITCH.finditer(text)):
        if m.re is SWITCH:
            body = text[m.end():m.end() + 300]
            if not re.match(r'\s*\{\s*"', body):
                continue
        total += 1
        if '--list' in sys.argv:
            line = text.count('\n', 0, m.start()) + 1
            print(f"{f}:{line}: {text.splitlines()[line-1].strip()[:110]}")
print(total)
